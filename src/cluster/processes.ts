// Background replica processes of a local cluster: start detached with logs and PID files,
// stop by PID (SIGTERM, then SIGKILL after a grace period). Never by name.
import { spawn } from 'node:child_process'
import { closeSync, existsSync, mkdirSync, openSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import { dirname, join } from 'node:path'
import { fileURLToPath } from 'node:url'
import type { ClusterDir } from './cluster-dir.js'

/** The root of this package (it runs from src/ in tests, dist/src/ otherwise). */
export const PACKAGE_ROOT = ((): string => {
  let dir = dirname(fileURLToPath(import.meta.url))
  for (let i = 0; i < 5; i++) {
    if (existsSync(join(dir, 'bin', 'pbft')) && existsSync(join(dir, 'package.json'))) return dir
    dir = dirname(dir)
  }
  throw new Error('cannot find bin/pbft above ' + fileURLToPath(import.meta.url))
})()

const PBFT_BIN = join(PACKAGE_ROOT, 'bin', 'pbft')

/** How long `cluster up` and `start` wait for a started replica to answer GET /status. */
export const REPLICA_START_TIMEOUT_MS = 30_000
const START_POLL_MS = 200

export function readPid (c: ClusterDir, id: number): number | undefined {
  if (!existsSync(c.pid(id))) return undefined
  const pid = Number(readFileSync(c.pid(id), 'utf8').trim())
  return Number.isInteger(pid) && pid > 0 ? pid : undefined
}

export function isAlive (pid: number): boolean {
  try {
    process.kill(pid, 0)
    return true
  } catch (err) {
    return (err as NodeJS.ErrnoException).code === 'EPERM'
  }
}

/**
 * Extra Node flags for replica processes, e.g. PBFT_REPLICA_NODE_FLAGS="--cpu-prof
 * --cpu-prof-dir=/tmp/prof" to profile every replica of a cluster or bench run.
 */
function replicaNodeFlags (): string[] {
  return (process.env.PBFT_REPLICA_NODE_FLAGS ?? '').split(' ').filter(a => a !== '')
}

/** Starts replica `id` in the background; returns its PID. */
export function startReplicaProcess (c: ClusterDir, id: number, extraArgs: string[] = []): number {
  const running = readPid(c, id)
  if (running !== undefined && isAlive(running)) return running
  mkdirSync(dirname(c.log(id)), { recursive: true })
  mkdirSync(dirname(c.pid(id)), { recursive: true })
  const out = openSync(c.log(id), 'a')
  const child = spawn(process.execPath, [...replicaNodeFlags(), PBFT_BIN, 'replica', '--dir', c.dir, '--id', String(id), ...extraArgs], {
    detached: true,
    stdio: ['ignore', out, out]
  })
  closeSync(out)
  if (child.pid === undefined) throw new Error(`could not start replica ${id}`)
  child.unref()
  writeFileSync(c.pid(id), `${child.pid}\n`)
  return child.pid
}

/** Stops replica `id` by its PID file: SIGTERM, then SIGKILL after `graceMs`. */
export async function stopReplicaProcess (c: ClusterDir, id: number, graceMs = 5000): Promise<'stopped' | 'killed' | 'not-running'> {
  const pid = readPid(c, id)
  if (pid === undefined || !isAlive(pid)) {
    rmSync(c.pid(id), { force: true })
    return 'not-running'
  }
  process.kill(pid, 'SIGTERM')
  const deadline = Date.now() + graceMs
  while (Date.now() < deadline) {
    if (!isAlive(pid)) {
      rmSync(c.pid(id), { force: true })
      return 'stopped'
    }
    await new Promise(resolve => setTimeout(resolve, 50))
  }
  process.kill(pid, 'SIGKILL')
  rmSync(c.pid(id), { force: true })
  return 'killed'
}

/** The last `lines` lines of replica `id`'s log. */
export function logTail (c: ClusterDir, id: number, lines = 15): string {
  if (!existsSync(c.log(id))) return '(no log)'
  return readFileSync(c.log(id), 'utf8').trimEnd().split('\n').slice(-lines).join('\n')
}

export type StartOutcome = 'listening' | 'exited' | 'timeout'

/**
 * Waits until the replica started as `pid` answers `${api}/status` as replica `id` of `chainId`
 * (not some other process on its port), its process exits, or `timeoutMs` passes.
 */
export async function waitListening (pid: number, api: string, expect: { id: number, chainId: string }, timeoutMs = REPLICA_START_TIMEOUT_MS): Promise<StartOutcome> {
  const end = Date.now() + timeoutMs
  for (;;) {
    try {
      const res = await fetch(`${api}/status`, { signal: AbortSignal.timeout(500) })
      const s = await res.json() as { id?: unknown, chainId?: unknown }
      if (res.ok && s.id === expect.id && s.chainId === expect.chainId && isAlive(pid)) return 'listening'
    } catch { /* not listening yet */ }
    if (!isAlive(pid)) return 'exited'
    if (Date.now() > end) return 'timeout'
    await new Promise(resolve => setTimeout(resolve, START_POLL_MS))
  }
}
