// Traitor modes switched at runtime on real processes, with signed admin commands: the honest
// replicas stay identical and live, record evidence naming the traitor, and every
// acknowledged transfer is in their ledgers exactly once.
import { afterAll, describe, expect, it } from 'vitest'
import { txId } from '../../src/crypto/digests.js'
import { toHex } from '../../src/crypto/hash.js'
import { sendAdmin } from '../../src/cluster/admin.js'
import { verifyDataDir } from '../../src/cli/commands/ledger.js'
import { apiUrl, getJson } from '../../src/cluster/http.js'
import { stopReplicaProcess } from '../../src/cluster/processes.js'
import { loadKeyFile } from '../../src/crypto/keyfile.js'
import { LevelBlockStore } from '../../src/ledger/store-level.js'
import { cleanup, clients, startCluster, status, transfers, waitFor, type E2eCluster } from './harness.js'

let cl: E2eCluster | undefined
afterAll(() => { cleanup(cl) })

async function evidence (c: E2eCluster, id: number): Promise<Array<{ accused: number, kind: string }>> {
  return await getJson(`${apiUrl(c.genesis, id)}/evidence`) as Array<{ accused: number, kind: string }>
}

describe('traitor modes on real processes', () => {
  it('equivocating, then silent primary, then a backup with conflicting votes: honest ledgers agree, transfers commit once', async () => {
    cl = await startCluster(4, { viewChangeTimeoutMs: 500 })
    const c = cl
    const admin = loadKeyFile(c.c.adminKey).seed
    const cs = await clients(c, 2)
    const acked: string[] = []
    acked.push(...await transfers(cs, 30, 2))

    await sendAdmin(c.genesis, admin, 0, 'set', ['equivocate'])
    expect((await status(c, 0) as unknown as { traitor: { modes: string[] } }).traitor.modes).toEqual(['equivocate'])
    acked.push(...await transfers(cs, 30, 2))
    await waitFor(async () => (await evidence(c, 1)).some(e => e.accused === 0 && e.kind === 'conflicting-pre-prepare') ||
      (await evidence(c, 3)).some(e => e.accused === 0 && e.kind === 'conflicting-pre-prepare'), 10_000, 'evidence against replica 0')

    await sendAdmin(c.genesis, admin, 0, 'set', ['silent'])
    acked.push(...await transfers(cs, 30, 2))
    const v = await status(c, 1)
    expect(v.view).toBeGreaterThan(0)

    await sendAdmin(c.genesis, admin, 0, 'clear', [])
    const backup = [1, 2, 3].find(i => i !== v.primary) as number
    await sendAdmin(c.genesis, admin, backup, 'set', ['conflicting-votes'])
    acked.push(...await transfers(cs, 30, 2))
    await sendAdmin(c.genesis, admin, backup, 'clear', [])
    await Promise.all(cs.map(async ({ client }) => { await client.close() }))

    // A command signed by another key is refused.
    await expect(sendAdmin(c.genesis, new Uint8Array(32).fill(9), 1, 'set', ['silent'])).rejects.toThrow(/not signed by the genesis admin key/)

    const honest = [1, 2, 3].filter(i => i !== backup)
    await waitFor(async () => new Set(await Promise.all([0, 1, 2, 3].map(async i => (await status(c, i)).height))).size === 1, 20_000, 'equal heights')
    await Promise.all([0, 1, 2, 3].map(async i => await stopReplicaProcess(c.c, i)))
    const reports = await Promise.all([0, 1, 2, 3].map(async i => await verifyDataDir(c.c.genesis, c.c.data(i))))
    for (const r of reports) expect(r.ok).toBe(true)
    expect(new Set(reports.map(r => r.ok ? r.blockHash : '')).size).toBe(1)

    // Every acknowledged transfer is in the ledger exactly once (as a successful transaction).
    const { store } = await LevelBlockStore.open(`${c.c.data(honest[0]!)}/blocks`, { check: false })
    const seen = new Map<string, number>()
    for (let h = 1; h <= store.head(); h++) {
      const b = await store.get(h)
      b?.txs.forEach((tx, i) => { if (b.results[i]?.code === 0) { const id = toHex(txId(tx)); seen.set(id, (seen.get(id) ?? 0) + 1) } })
    }
    await store.close()
    expect(acked).toHaveLength(120)
    for (const id of acked) expect(seen.get(id)).toBe(1)
  }, 180_000)
})
