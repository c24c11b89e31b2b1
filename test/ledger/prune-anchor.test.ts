// A pruned store's snapshot anchored by a stable checkpoint (docs/ledger.md, Retention):
// certificates sign proposals, not prevHash or stateRoot, so a snapshot rewritten together with
// every stateRoot and prevHash above it passes unanchored verification; the checkpoint (2f+1
// signatures over a block hash at or above the snapshot height) catches it.
import { describe, expect, it } from 'vitest'
import { AccountsApp, snapshotStateRoot } from '../../src/app/accounts.js'
import { decodeSnapshot, encodeSnapshot } from '../../src/app/snapshot.js'
import type { Block, PrunedBlock, StableCheckpointRecord } from '../../src/codec/index.js'
import { blockHash, resultsRoot } from '../../src/crypto/digests.js'
import type { Genesis } from '../../src/ledger/genesis.js'
import { pruneStore } from '../../src/ledger/prune.js'
import { MemoryBlockStore } from '../../src/ledger/store-memory.js'
import type { Retained } from '../../src/ledger/types.js'
import { verifyStore, type VerifiableStore } from '../../src/ledger/verify.js'
import { buildLedger, checkpointProof, genesis } from './fixtures.js'

async function prunedWith (g: Genesis, cpAt: number | undefined): Promise<MemoryBlockStore> {
  const store = new MemoryBlockStore()
  await buildLedger(g, 30, store)
  const checkpoint = cpAt === undefined ? undefined : checkpointProof(cpAt, blockHash((await store.header(cpAt))!.header))
  await pruneStore(g, new AccountsApp(g.accounts), store, 20, { checkpoint, requireCheckpoint: true })
  return store
}

/**
 * The forgery: move one unit between two accounts in the snapshot, then rewrite header 19's
 * stateRoot and, above it, every block's results, roots and prevHash to match re-execution.
 */
async function forged (g: Genesis, s: MemoryBlockStore): Promise<VerifiableStore> {
  const r = await s.retained() as Retained
  const records = decodeSnapshot(r.snapshot)
  records[0]!.balance += 1n
  records[1]!.balance -= 1n
  const snapshot = encodeSnapshot(records)
  const app = new AccountsApp(g.accounts)
  const root = snapshotStateRoot(snapshot)
  app.restore(snapshot, root)
  const headers = new Map<number, PrunedBlock>()
  const blocks = new Map<number, Block>()
  const h19 = structuredClone((await s.header(19))!)
  h19.header.stateRoot = root
  headers.set(19, h19)
  let prev = blockHash(h19.header)
  for (let h = 20; h <= 30; h++) {
    const b = structuredClone((await s.get(h))!)
    const p = app.prepareBlock(b.header, b.txs)
    p.commit()
    b.results = p.results
    b.header = { ...b.header, prevHash: prev, stateRoot: p.stateRoot, resultsRoot: resultsRoot(p.results) }
    prev = blockHash(b.header)
    blocks.set(h, b)
  }
  return {
    head: () => 30,
    prunedBelow: () => 20,
    get: async h => blocks.get(h),
    header: async h => headers.get(h) ?? (blocks.has(h) ? { header: blocks.get(h)!.header, cert: blocks.get(h)!.cert } : await s.header(h)),
    retained: async () => ({ ...r, snapshot })
  }
}

/** The state root of a snapshot: each 56-byte record is the preimage of its state-root leaf. */
describe('a pruned store anchored by a stable checkpoint', () => {
  it('verifies and reports the checkpoint height', async () => {
    const g = await genesis()
    const s = await prunedWith(g, 24)
    expect(await verifyStore(g, new AccountsApp(g.accounts), s)).toMatchObject({ ok: true, height: 30, prunedBelow: 20, checkpoint: 24 })
  })

  it('a consistently rewritten snapshot and chain passes without a checkpoint, and fails at the checkpoint with one', async () => {
    const g = await genesis()
    const unanchored = new MemoryBlockStore()
    await buildLedger(g, 30, unanchored)
    await pruneStore(g, new AccountsApp(g.accounts), unanchored, 20)
    const passes = await verifyStore(g, new AccountsApp(g.accounts), await forged(g, unanchored))
    expect(passes).toMatchObject({ ok: true, height: 30, prunedBelow: 20 })
    const honest = await verifyStore(g, new AccountsApp(g.accounts), unanchored)
    expect(passes.ok && honest.ok && passes.blockHash !== honest.blockHash).toBe(true) // a different ledger
    const anchored = await prunedWith(g, 24)
    expect(await verifyStore(g, new AccountsApp(g.accounts), await forged(g, anchored))).toMatchObject({ ok: false, height: 24, field: 'checkpoint.blockHash' })
  })

  const tampers: Array<[string, (cp: StableCheckpointRecord) => void, string]> = [
    ['a signature', cp => { cp.proof[1]!.signature = new Uint8Array(64) }, 'checkpoint.proof[1].signature'],
    ['a missing signature', cp => { cp.proof.pop() }, 'checkpoint.proof'],
    ['a duplicated signer', cp => { cp.proof[2] = cp.proof[0]! }, 'checkpoint.proof[2].replica'],
    ['its block hash', cp => { cp.blockHash = new Uint8Array(32) }, 'checkpoint.proof[0].blockHash']
  ]
  for (const [name, change, field] of tampers) {
    it(`reports a tampered checkpoint: ${name}`, async () => {
      const g = await genesis()
      const s = await prunedWith(g, 24)
      const view: VerifiableStore = {
        head: () => s.head(), prunedBelow: () => s.prunedBelow(), get: async h => await s.get(h), header: async h => await s.header(h),
        retained: async () => { const r = structuredClone(await s.retained()) as Retained; change(r.checkpoint!); return r }
      }
      expect(await verifyStore(g, new AccountsApp(g.accounts), view)).toMatchObject({ ok: false, height: 24, field })
    })
  }

  it('prune refuses a checkpoint below the snapshot height, over another block, or missing when required', async () => {
    const g = await genesis()
    const s = new MemoryBlockStore()
    await buildLedger(g, 30, s)
    const app = (): AccountsApp => new AccountsApp(g.accounts)
    await expect(pruneStore(g, app(), s, 20, { checkpoint: checkpointProof(18, blockHash((await s.header(18))!.header)) })).rejects.toMatchObject({ reason: 'checkpoint-below' })
    await expect(pruneStore(g, app(), s, 20, { checkpoint: checkpointProof(24, blockHash((await s.header(23))!.header)) })).rejects.toMatchObject({ reason: 'checkpoint-mismatch' })
    await expect(pruneStore(g, app(), s, 20, { checkpoint: checkpointProof(24, blockHash((await s.header(24))!.header), [0, 1]) })).rejects.toMatchObject({ name: 'LedgerVerifyError', field: 'checkpoint.proof' })
    await expect(pruneStore(g, app(), s, 20, { requireCheckpoint: true })).rejects.toMatchObject({ reason: 'no-checkpoint' })
    expect(s.prunedBelow()).toBe(1)
  })
})
