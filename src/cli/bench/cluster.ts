// A throwaway local cluster for one bench run: temp directory, free ports, real replica
// processes with durable storage; every process is stopped by PID and the directory removed.
import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import type { ClusterDir } from '../../cluster/cluster-dir.js'
import { apiUrl, CliError, getJson } from '../common.js'
import { initCluster } from '../init.js'
import { freeBasePort } from '../ports.js'
import { readPid, startReplicaProcess, stopReplicaProcess } from '../../cluster/processes.js'
import type { Genesis, GenesisParams } from '../../ledger/genesis.js'

export interface BenchCluster { c: ClusterDir, genesis: Genesis, root: string, pids: number[] }

/**
 * Accounts a bench cluster creates for `clients` clients: one per client, and a spare recipient
 * when there is a single client (a transfer to oneself fails, so every one of its transactions
 * would be a failure).
 */
export function benchAccounts (clients: number): number {
  return Math.max(2, clients)
}

/** The account client k pays: the next account, wrapping round, never client k itself. */
export function recipientOf (k: number, clients: number): number {
  return (k + 1) % benchAccounts(clients)
}

export async function startBenchCluster (replicas: number, accounts: number, params: Partial<GenesisParams>): Promise<BenchCluster> {
  const root = mkdtempSync(join(tmpdir(), 'pbft-bench-'))
  const { c, genesis } = await initCluster({ dir: join(root, 'cluster'), replicas, basePort: await freeBasePort(replicas), accounts, host: '127.0.0.1', balance: 10n ** 15n, params })
  const pids = [...Array(replicas).keys()].map(i => startReplicaProcess(c, i, ['--log-level', process.env.PBFT_BENCH_LOG_LEVEL ?? 'warn']))
  const cl: BenchCluster = { c, genesis, root, pids }
  const deadline = Date.now() + 60_000
  for (;;) {
    const connected = await Promise.all(pids.map(async (_, i) => {
      try { return ((await getJson(`${apiUrl(genesis, i)}/status`, 1000)) as { peersConnected: unknown[] }).peersConnected.length } catch { return -1 }
    }))
    if (connected.every(k => k >= replicas - 1)) return cl
    if (Date.now() > deadline) {
      await stopBenchCluster(cl, false)
      throw new CliError(`the bench cluster did not connect within 60 s (peers connected per replica: ${connected.join(', ')}); logs were in ${c.dir}/logs`)
    }
    await new Promise(resolve => setTimeout(resolve, 200))
  }
}

export async function stopBenchCluster (cl: BenchCluster, keep: boolean): Promise<void> {
  await Promise.all(cl.pids.map(async (_, i) => { if (readPid(cl.c, i) !== undefined) await stopReplicaProcess(cl.c, i, 3000) }))
  if (!keep) rmSync(cl.root, { recursive: true, force: true })
}

/** Prometheus text of one replica as name -> value, summed over label sets. */
export async function scrape (g: Genesis, id: number): Promise<Map<string, number>> {
  const res = await fetch(`${apiUrl(g, id)}/metrics`, { signal: AbortSignal.timeout(2000) })
  const out = new Map<string, number>()
  for (const line of (await res.text()).split('\n')) {
    if (line.startsWith('#') || line.trim() === '') continue
    const i = line.lastIndexOf(' ')
    const name = line.slice(0, i).replace(/\{.*\}$/, '')
    out.set(name, (out.get(name) ?? 0) + Number(line.slice(i + 1)))
  }
  return out
}
