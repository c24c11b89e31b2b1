// End to end: real replica processes over libp2p, signed transfers through the SDK, a crashed
// primary replaced by a view change, a restarted replica catching up, ledgers verified offline,
// a receipt written by `pbft tx transfer --receipt` checked offline by `pbft receipt verify`.
import { execFile } from 'node:child_process'
import { join } from 'node:path'
import { promisify } from 'node:util'
import { afterAll, describe, expect, it } from 'vitest'
import { verifyDataDir } from '../../src/cli/commands/ledger.js'
import { PACKAGE_ROOT, stopReplicaProcess } from '../../src/cluster/processes.js'
import { cleanup, clients, kill, start, startCluster, status, transfers, waitDead, waitFor, type E2eCluster } from './harness.js'

let cl: E2eCluster | undefined
afterAll(() => { cleanup(cl) })

describe('4 replica processes', () => {
  it('commit 500 transfers, survive a SIGKILLed primary, catch the restarted one up, and verify offline', async () => {
    cl = await startCluster(4)
    const cs = await clients(cl, 4)
    const first = await transfers(cs, 500, 8)
    expect(new Set(first).size).toBe(500)

    const pbft = async (...args: string[]): Promise<string> => (await promisify(execFile)(process.execPath, [join(PACKAGE_ROOT, 'bin', 'pbft'), ...args], { timeout: 30_000 })).stdout
    const file = join(cl.root, 'transfer.receipt')
    const sent = await pbft('tx', 'transfer', '--dir', cl.c.dir, '--from', 'account-0', '--to', 'account-1', '--amount', '3', '--receipt', file)
    const id = /^committed: tx ([0-9a-f]{64})$/m.exec(sent)?.[1]
    expect(id).toBeDefined()
    expect(await pbft('receipt', 'verify', file, '--genesis', cl.c.genesis)).toMatch(new RegExp(`^OK tx=${id} height=\\d+ index=\\d+ code=0 `))

    const primary = (await status(cl, 1)).primary
    kill(cl, primary)
    await waitDead(cl, primary)
    const others = [0, 1, 2, 3].filter(i => i !== primary)
    const during = await transfers(cs, 50, 2)
    expect(during).toHaveLength(50)
    const s = await status(cl, others[0]!)
    expect(s.view).toBeGreaterThan(0)

    start(cl, primary)
    const target = Math.max(...await Promise.all(others.map(async i => (await status(cl!, i)).height)))
    await waitFor(async () => (await status(cl!, primary).then(x => x.height, () => 0)) >= target, 30_000, 'restarted replica to catch up')
    await Promise.all(cs.map(async ({ client }) => { await client.close() }))

    // Quiesce, stop cleanly, and compare ledgers: identical head on every replica.
    await waitFor(async () => new Set(await Promise.all([0, 1, 2, 3].map(async i => (await status(cl!, i)).height))).size === 1, 20_000, 'equal heights')
    await Promise.all([0, 1, 2, 3].map(async i => await stopReplicaProcess(cl!.c, i)))
    const reports = await Promise.all([0, 1, 2, 3].map(async i => await verifyDataDir(cl!.c.genesis, cl!.c.data(i))))
    for (const r of reports) expect(r.ok).toBe(true)
    expect(new Set(reports.map(r => r.ok ? r.blockHash : r.reason)).size).toBe(1)
  }, 120_000)
})

describe('7 replica processes (f = 2)', () => {
  it('keep committing with two replicas killed', async () => {
    const c7 = await startCluster(7)
    try {
      const cs = await clients(c7, 2)
      expect(await transfers(cs, 40, 4)).toHaveLength(40)
      kill(c7, 5)
      kill(c7, 6)
      await waitDead(c7, 5)
      await waitDead(c7, 6)
      expect(await transfers(cs, 40, 4)).toHaveLength(40)
      await Promise.all(cs.map(async ({ client }) => { await client.close() }))
      const heights = await Promise.all([0, 1, 2, 3, 4].map(async i => (await status(c7, i)).height))
      expect(Math.min(...heights)).toBeGreaterThan(0)
    } finally {
      cleanup(c7)
    }
  }, 120_000)
})
