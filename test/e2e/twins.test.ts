// Twins: two processes run with the same replica identity and key — a real-world way to
// equivocate. Safety holds (honest ledgers agree) and the evidence names that replica.
import { spawn, type ChildProcess } from 'node:child_process'
import { join } from 'node:path'
import { fileURLToPath } from 'node:url'
import { afterAll, describe, expect, it } from 'vitest'
import { verifyDataDir } from '../../src/cli/commands/ledger.js'
import { connectClient } from '../../src/client/connect.js'
import { apiUrl, getJson } from '../../src/cluster/http.js'
import { loadKeyFile } from '../../src/crypto/keyfile.js'
import { stopReplicaProcess } from '../../src/cluster/processes.js'
import { cleanup, clients, freeBasePort, startCluster, status, transfers, waitFor, type E2eCluster } from './harness.js'

let cl: E2eCluster | undefined
let twin: ChildProcess | undefined
afterAll(() => { if (twin?.pid !== undefined) twin.kill('SIGKILL'); cleanup(cl) })

describe('twins', () => {
  it('a second process with replica 0\'s key equivocates; honest replicas stay identical and name replica 0', async () => {
    cl = await startCluster(4, { viewChangeTimeoutMs: 500 })
    const c = cl
    const port = await freeBasePort(1)
    const bin = fileURLToPath(new URL('../../bin/pbft', import.meta.url))
    twin = spawn(process.execPath, [bin, 'replica', '--dir', c.c.dir, '--id', '0', '--data', join(c.root, 'twin-data'), '--listen', `/ip4/127.0.0.1/tcp/${port}`, '--api-port', '0', '--log-level', 'warn'], { stdio: 'ignore' })
    await new Promise(resolve => setTimeout(resolve, 1500)) // the twin starts and connects
    const cs = await clients(c, 3)
    // One client reaches "replica 0" at the twin's address: both twins now propose as primary.
    const viaTwin = { ...c.genesis, replicas: c.genesis.replicas.map(r => r.id === 0 ? { ...r, addrs: [`/ip4/127.0.0.1/tcp/${port}`] } : r) }
    const twinClient = await connectClient(viaTwin, loadKeyFile(c.c.accountKey(3)).seed, { retryMs: 500, timeoutMs: 30_000 })
    const acked = await transfers([...cs, { client: twinClient, to: cs[0]!.to }], 120, 3)
    expect(acked).toHaveLength(120)
    await Promise.all([...cs.map(x => x.client), twinClient].map(async client => { await client.close() }))
    const honest = [1, 2, 3]
    await waitFor(async () => new Set(await Promise.all(honest.map(async i => (await status(c, i)).height))).size === 1, 20_000, 'honest heights equal')
    const evidence = (await Promise.all(honest.map(async i => await getJson(`${apiUrl(c.genesis, i)}/evidence`) as Array<{ accused: number }>))).flat()
    await Promise.all(honest.map(async i => await stopReplicaProcess(c.c, i)))
    const reports = await Promise.all(honest.map(async i => await verifyDataDir(c.c.genesis, c.c.data(i))))
    for (const r of reports) expect(r.ok).toBe(true)
    expect(new Set(reports.map(r => r.ok ? r.blockHash : '')).size).toBe(1)
    // Both twins propose for the same seqs: the evidence names replica 0, and nobody else.
    expect(evidence.length).toBeGreaterThan(0)
    expect(evidence.every(e => e.accused === 0)).toBe(true)
  }, 120_000)
})
