// Real replica processes for end-to-end tests: a fresh cluster directory and free ports per
// test file; every process started is killed by PID in cleanup.
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import type { Client } from '../../src/client/client.js'
import { loadKeyFile } from '../../src/crypto/keyfile.js'
import type { Genesis } from '../../src/ledger/genesis.js'
import type { ClusterDir } from '../../src/cluster/cluster-dir.js'
import { connectClient } from '../../src/client/connect.js'
import { apiUrl, getJson } from '../../src/cluster/http.js'
import { initCluster } from '../../src/cli/init.js'
import { freeBasePort } from '../../src/cli/ports.js'
export { freeBasePort }
import { isAlive, readPid, startReplicaProcess } from '../../src/cluster/processes.js'

export interface E2eCluster { c: ClusterDir, genesis: Genesis, pids: Set<number>, root: string }

export async function startCluster (n: number, params: Partial<Genesis['params']> = {}): Promise<E2eCluster> {
  const root = mkdtempSync(join(tmpdir(), 'pbft-e2e-'))
  const { c, genesis } = await initCluster({ dir: join(root, 'cluster'), replicas: n, basePort: await freeBasePort(n), accounts: 4, host: '127.0.0.1', balance: 1_000_000_000n, params })
  const cl: E2eCluster = { c, genesis, pids: new Set(), root }
  for (let i = 0; i < n; i++) start(cl, i)
  try {
    await waitFor(async () => {
      const up = await Promise.all([...Array(n).keys()].map(async i => await status(cl, i).then(() => true, () => false)))
      for (const [i, ok] of up.entries()) {
        const pid = readPid(c, i)
        if (!ok && pid !== undefined && !isAlive(pid)) throw new Error(`replica ${i} exited during start-up:\n${logTail(cl, i)}`)
      }
      return up.every(Boolean)
    }, 60_000, 'every replica to answer /status')
  } catch (err) {
    const tails = [...Array(n).keys()].map(i => `--- replica ${i} ---\n${logTail(cl, i)}`).join('\n')
    cleanup(cl)
    throw new Error(`${(err as Error).message}\n${tails}`)
  }
  return cl
}

/** The last lines of replica `id`'s log, for failure messages. */
export function logTail (cl: E2eCluster, id: number, lines = 20): string {
  const path = cl.c.log(id)
  if (!existsSync(path)) return '(no log)'
  return readFileSync(path, 'utf8').trimEnd().split('\n').slice(-lines).join('\n')
}

export function start (cl: E2eCluster, id: number): void {
  cl.pids.add(startReplicaProcess(cl.c, id, ['--log-level', process.env.PBFT_E2E_LOG_LEVEL ?? 'warn']))
}

export function kill (cl: E2eCluster, id: number, signal: NodeJS.Signals = 'SIGKILL'): void {
  const pid = readPid(cl.c, id)
  if (pid !== undefined && isAlive(pid)) process.kill(pid, signal)
}

export async function waitDead (cl: E2eCluster, id: number): Promise<void> {
  const pid = readPid(cl.c, id)
  if (pid !== undefined) await waitFor(async () => !isAlive(pid), 10_000)
}

export function cleanup (cl: E2eCluster | undefined): void {
  if (cl === undefined) return
  for (const pid of cl.pids) if (isAlive(pid)) process.kill(pid, 'SIGKILL')
  rmSync(cl.root, { recursive: true, force: true })
}

export interface Status { view: number, height: number, blockHash: string, stateRoot: string, primary: number, stableCheckpoint: number }

export async function status (cl: E2eCluster, id: number): Promise<Status> {
  return await getJson(`${apiUrl(cl.genesis, id)}/status`, 1000) as Status
}

export async function waitFor (cond: () => Promise<boolean> | boolean, ms: number, what = 'condition'): Promise<void> {
  const end = Date.now() + ms
  while (!(await cond())) {
    if (Date.now() > end) throw new Error(`timed out after ${ms} ms waiting for ${what}`)
    await new Promise(resolve => setTimeout(resolve, 100))
  }
}

export async function clients (cl: E2eCluster, k: number): Promise<Array<{ client: Client, to: Uint8Array }>> {
  const keys = [...Array(k).keys()].map(i => loadKeyFile(cl.c.accountKey(i)))
  return await Promise.all(keys.map(async (key, i) => ({ client: await connectClient(cl.genesis, key.seed, { retryMs: 500, timeoutMs: 30_000 }), to: keys[(i + 1) % k]!.publicKey })))
}

/** Submits `count` transfers spread over the clients, `window` in flight each; returns tx ids. */
export async function transfers (cs: Array<{ client: Client, to: Uint8Array }>, count: number, window = 8): Promise<string[]> {
  const ids: string[] = []
  let next = 0
  await Promise.all(cs.flatMap(({ client, to }) => [...Array(window).keys()].map(async () => {
    while (next < count) {
      next++
      const p = await client.transfer(to, 1n)
      ids.push(p.txId)
    }
  })))
  return ids
}
