// `pbft evidence` does not ask the traitor alone: right after replica 0 is switched to
// equivocate, the command names replica 0 with the honest replicas that hold the signed proof,
// gathered from every replica and from the committed blocks, each record once.
import { execFile } from 'node:child_process'
import { join } from 'node:path'
import { promisify } from 'node:util'
import { afterAll, describe, expect, it } from 'vitest'
import { sendAdmin } from '../../src/cluster/admin.js'
import { apiUrl, getJson } from '../../src/cluster/http.js'
import { gatherEvidence } from '../../src/cluster/evidence.js'
import { PACKAGE_ROOT } from '../../src/cluster/processes.js'
import { ClusterPoller } from '../../src/dashboard/poller.js'
import { loadKeyFile } from '../../src/crypto/keyfile.js'
import { cleanup, clients, status, startCluster, transfers, waitFor, type E2eCluster } from './harness.js'

let cl: E2eCluster | undefined
afterAll(() => { cleanup(cl) })

async function pbft (...args: string[]): Promise<string> {
  return (await promisify(execFile)(process.execPath, [join(PACKAGE_ROOT, 'bin', 'pbft'), ...args], { timeout: 20_000 })).stdout
}

describe('pbft evidence', () => {
  it('names an equivocating replica 0 with the replicas holding the proof, from every replica and the blocks', async () => {
    cl = await startCluster(4)
    const c = cl
    // Switched before any request, so no view change can have made another replica primary.
    expect((await status(c, 0)).primary).toBe(0)
    await sendAdmin(c.genesis, loadKeyFile(c.c.adminKey).seed, 0, 'set', ['equivocate'])
    const cs = await clients(c, 1)
    await transfers(cs, 2, 1)
    await waitFor(async () => (await Promise.all([1, 2, 3].map(async i => await getJson(`${apiUrl(c.genesis, i)}/evidence`) as unknown[]))).some(l => l.length > 0), 10_000, 'evidence on an honest replica')
    await transfers(cs, 1, 1) // the next primary proposes the evidence it holds into this block
    await Promise.all(cs.map(async ({ client }) => { await client.close() }))

    const text = await pbft('evidence', '--dir', c.c.dir)
    expect(text).not.toContain('no evidence recorded')
    expect(text).toMatch(/^replica 0 lied: conflicting-pre-prepare \(view \d+, seq \d+\); held by replicas? [123](, [123])*; .*; valid proof$/m)
    expect(text).toMatch(/^replica 0: \d+ valid record\(s\) against it$/m)
    expect(text).toMatch(/^asked replicas 0, 1, 2, 3; blocks 1\.\.\d+ read from replica \d$/m)

    const report = await gatherEvidence(c.genesis) // what --json prints
    expect(report.records.length).toBeGreaterThan(0)
    for (const r of report.records) {
      expect(r.accused).toBe(0)
      expect(r.problem).toBeUndefined()
      expect(r.holders.every(h => h !== 0)).toBe(true)
      expect(r.holders.length > 0 || r.committed !== undefined).toBe(true)
    }
    expect(report.records.some(r => r.committed !== undefined)).toBe(true)
    // One record per misbehaviour, however many replicas hold it.
    expect(new Set(report.records.map(r => r.key)).size).toBe(report.records.length)

    // The dashboard's server-side state shows the same records, holders and heights.
    const poller = new ClusterPoller(c.genesis, { processes: false, accounts: 0, modes: {} })
    const state = await poller.poll()
    const byKey = (r: { accused: number, view?: number, seq?: number, kind: string }): string => `${r.accused}/${r.kind}/${r.view ?? ''}/${r.seq ?? ''}`
    expect(state.evidence.map(e => [byKey(e), e.reportedBy, e.committedAt, e.valid]).sort())
      .toEqual(report.records.map(r => [byKey(r), r.holders, r.committed, true]).sort())
    expect(state.events.filter(e => e.kind === 'evidence').map(e => e.text)).toEqual([expect.stringMatching(/^evidence: replica 0 lied \(conflicting-pre-prepare\)/)])
  }, 60_000)
})
