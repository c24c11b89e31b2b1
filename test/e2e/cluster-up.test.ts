// `pbft cluster up` tells the truth about start-up: it waits until every replica answers
// /status, and a replica that dies at once (here: a corrupt key file) is reported with the end
// of its log and a non-zero exit, instead of a PID that no longer exists.
import { execFile } from 'node:child_process'
import { mkdtempSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { promisify } from 'node:util'
import { afterAll, describe, expect, it } from 'vitest'
import { initCluster } from '../../src/cli/init.js'
import { PACKAGE_ROOT, readPid } from '../../src/cluster/processes.js'
import { cleanup, freeBasePort, type E2eCluster } from './harness.js'

let cl: E2eCluster | undefined
afterAll(() => {
  // Every replica cluster up started, by the PIDs it wrote.
  if (cl !== undefined) for (let i = 0; i < cl.genesis.replicas.length; i++) { const pid = readPid(cl.c, i); if (pid !== undefined) cl.pids.add(pid) }
  cleanup(cl)
})

describe('pbft cluster up', () => {
  it('reports a replica that exited during start-up, with its log, and exits 1', async () => {
    const root = mkdtempSync(join(tmpdir(), 'pbft-up-'))
    const { c, genesis } = await initCluster({ dir: join(root, 'cluster'), replicas: 4, basePort: await freeBasePort(4), accounts: 2, host: '127.0.0.1', balance: 100n })
    cl = { c, genesis, pids: new Set(), root }
    writeFileSync(c.replicaKey(2), 'not a key file\n')
    const run = promisify(execFile)(process.execPath, [join(PACKAGE_ROOT, 'bin', 'pbft'), 'cluster', 'up', '--dir', c.dir], { timeout: 40_000 })
    const err = await run.then(() => undefined, (e: { code?: number, stdout: string, stderr: string }) => e)
    expect(err?.code).toBe(1)
    expect(err?.stderr).toMatch(/replica 2: exited during start-up \(pid \d+\); the end of .*replica-2/)
    expect(err?.stderr).toMatch(/key/i)
    expect(err?.stderr).toContain('pbft: replica 2 did not start')
    for (const id of [0, 1, 3]) expect(err?.stdout).toMatch(new RegExp(`^replica ${id}: pid \\d+, api http://`, 'm'))
    expect(err?.stdout).not.toMatch(/^replica 2:/m)
  }, 45_000)
})
