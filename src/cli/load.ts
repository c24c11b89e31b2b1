// A closed-loop load generator: each demo account keeps `window` signed transfers in flight.
import type { Client } from '../client/client.js'
import { loadKeyFile } from '../crypto/keyfile.js'
import { connectClient, loadCluster } from './common.js'

export interface LoadResult { submitted: number, committed: number, failed: number, errors: number, seconds: number, txPerSec: number, p50Ms: number, p99Ms: number }

export async function runLoad (o: { dir: string, durationMs: number, window: number, accounts: number, progress?: boolean, signal?: AbortSignal }): Promise<LoadResult> {
  const { c, genesis } = loadCluster(o.dir)
  const n = Math.min(o.accounts, genesis.accounts.length)
  const keys = [...Array(n).keys()].map(k => loadKeyFile(c.accountKey(k)))
  const clients: Client[] = await Promise.all(keys.map(async k => await connectClient(genesis, k.seed, { retryMs: 2000 })))
  const latencies: number[] = []
  let submitted = 0; let committed = 0; let failed = 0; let errors = 0
  const start = Date.now()
  const end = start + o.durationMs
  const progress = o.progress === true ? setInterval(() => {
    const s = (Date.now() - start) / 1000
    process.stderr.write(`\r${s.toFixed(0)}s  committed ${committed}  (${(committed / Math.max(s, 0.001)).toFixed(0)} tx/s)  failed ${failed}  errors ${errors}   `)
  }, 500) : undefined
  const worker = async (client: Client, k: number): Promise<void> => {
    const to = keys[(k + 1) % n]?.publicKey as Uint8Array
    while (Date.now() < end && o.signal?.aborted !== true) {
      const t0 = Date.now()
      submitted++
      try {
        const p = await client.transfer(to, 1n)
        if (p.code === 0) committed++
        else failed++
        latencies.push(Date.now() - t0)
      } catch {
        errors++
      }
    }
  }
  await Promise.all(clients.flatMap((cl, k) => [...Array(o.window).keys()].map(async () => { await worker(cl, k) })))
  if (progress !== undefined) clearInterval(progress)
  await Promise.all(clients.map(async cl => { await cl.close() }))
  const seconds = (Date.now() - start) / 1000
  latencies.sort((a, b) => a - b)
  const q = (p: number): number => latencies[Math.min(latencies.length - 1, Math.floor(p * latencies.length))] ?? 0
  return { submitted, committed, failed, errors, seconds, txPerSec: Math.round(committed / seconds), p50Ms: q(0.5), p99Ms: q(0.99) }
}
