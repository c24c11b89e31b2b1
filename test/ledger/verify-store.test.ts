// verifyStore and verifyLedger (src/ledger/verify.ts) path by path: which verifier an unpruned
// store is checked with, a pruned store without its snapshot, the range a kept checkpoint must
// lie in, each pruned header check with its exact field and reason, a missing block, and the
// evidence of each block (checked first, counted in the report).
import { describe, expect, it } from 'vitest'
import { AccountsApp } from '../../src/app/accounts.js'
import { encodeReplicaMessage, type Block, type Evidence, type PrunedBlock, type StableCheckpointRecord } from '../../src/codec/index.js'
import { blockHash, evidenceRoot } from '../../src/crypto/digests.js'
import type { Genesis } from '../../src/ledger/genesis.js'
import { Ledger } from '../../src/ledger/ledger.js'
import { pruneStore } from '../../src/ledger/prune.js'
import { MemoryBlockStore } from '../../src/ledger/store-memory.js'
import type { Retained } from '../../src/ledger/types.js'
import { verifyLedger, verifyStore, type VerifiableStore } from '../../src/ledger/verify.js'
import { batch, buildLedger, checkpointProof, commits, genesis, transfer } from './fixtures.js'
import { prepare } from '../protocol/paper/forge.js'

/** 30 blocks pruned below 20, with a checkpoint at 24. */
async function pruned (g: Genesis): Promise<MemoryBlockStore> {
  const store = new MemoryBlockStore()
  await buildLedger(g, 30, store)
  const checkpoint = checkpointProof(24, blockHash((await store.header(24))!.header))
  await pruneStore(g, new AccountsApp(g.accounts), store, 20, { checkpoint, requireCheckpoint: true })
  return store
}

/** The store as verify sees it, with pieces replaced. */
function view (s: MemoryBlockStore, over: Partial<VerifiableStore>): VerifiableStore {
  return { head: () => s.head(), prunedBelow: () => s.prunedBelow(), get: async h => await s.get(h), header: async h => await s.header(h), retained: async () => await s.retained(), ...over }
}

const withCheckpoint = (s: MemoryBlockStore, cp: StableCheckpointRecord): VerifiableStore =>
  view(s, { retained: async () => ({ ...(await s.retained()) as Retained, checkpoint: cp }) })

describe('verifyStore', () => {
  it('an unpruned store is checked whole, with the verifier it is given', async () => {
    const g = await genesis()
    const store = new MemoryBlockStore()
    await buildLedger(g, 3, store)
    expect(await verifyStore(g, new AccountsApp(g.accounts), store)).toMatchObject({ ok: true, height: 3, prunedBelow: 1 })
    expect(await verifyStore(g, new AccountsApp(g.accounts), store, () => false)).toMatchObject({ ok: false, height: 1, field: 'txs[0].signature' })
  })

  it('a pruned store without its snapshot is refused below the prune base', async () => {
    const g = await genesis()
    const s = await pruned(g)
    expect(await verifyStore(g, new AccountsApp(g.accounts), view(s, { retained: async () => undefined })))
      .toEqual({ ok: false, height: 19, field: 'snapshot', reason: 'the store is pruned but holds no snapshot' })
  })

  it('the kept checkpoint lies between the snapshot height (19) and the head (30), both included', async () => {
    const g = await genesis()
    const s = await pruned(g)
    const at = async (seq: number): Promise<StableCheckpointRecord> => checkpointProof(seq, blockHash((await s.header(seq))!.header))
    for (const seq of [19, 30]) expect(await verifyStore(g, new AccountsApp(g.accounts), withCheckpoint(s, await at(seq)))).toMatchObject({ ok: true, checkpoint: seq })
    for (const cp of [await at(18), checkpointProof(31, new Uint8Array(32))]) {
      expect(await verifyStore(g, new AccountsApp(g.accounts), withCheckpoint(s, cp))).toEqual({ ok: false, height: cp.seq, field: 'checkpoint.seq', reason: 'must be in 19..30 to anchor the snapshot' })
    }
    expect(await verifyStore(g, new AccountsApp(g.accounts), withCheckpoint(s, checkpointProof(24, new Uint8Array(32)))))
      .toEqual({ ok: false, height: 24, field: 'checkpoint.blockHash', reason: 'is not the hash of the header at its height' })
  })

  it('each pruned header check, by field and reason: missing, height, chain, proposer, hash link', async () => {
    const g = await genesis()
    const s = await pruned(g)
    const at5 = (change: (p: PrunedBlock) => PrunedBlock | undefined): VerifiableStore =>
      view(s, { header: async h => { const p = structuredClone(await s.header(h)); return h === 5 && p !== undefined ? change(p) : p } })
    const cases: Array<[(p: PrunedBlock) => PrunedBlock | undefined, string, string]> = [
      [() => undefined, 'header', 'pruned header missing or does not decode'],
      [p => { p.header.height = 6; return p }, 'header.height', 'is 6'],
      [p => { p.header.chainId = 'other'; return p }, 'header.chainId', 'is other, genesis says test-ledger'],
      [p => { p.header.proposer = 4; return p }, 'header.proposer', 'no replica 4'],
      [p => { p.header.prevHash = new Uint8Array(32); return p }, 'header.prevHash', 'does not link to the header below']
    ]
    for (const [change, field, reason] of cases) {
      expect(await verifyStore(g, new AccountsApp(g.accounts), at5(change))).toEqual({ ok: false, height: 5, field, reason })
    }
  })

  it('a whole block above the prune base that is missing is named', async () => {
    const g = await genesis()
    const s = await pruned(g)
    expect(await verifyStore(g, new AccountsApp(g.accounts), view(s, { get: async h => h === 25 ? undefined : await s.get(h) })))
      .toEqual({ ok: false, height: 25, field: 'block', reason: 'missing or does not decode' })
  })
})

describe('verifyLedger: the evidence in each block', () => {
  /** Replica 2 prepared two digests for (view 0, seq 1): valid conflicting-prepare evidence against it. */
  const evidence = (digestB = new Uint8Array(32).fill(2)): Evidence => ({
    accused: 2,
    kind: 'conflicting-prepare',
    messages: [new Uint8Array(32).fill(1), digestB].map(d => encodeReplicaMessage({ type: 'prepare', prepare: prepare(0, 1, d, 2, { chainId: 'test-ledger' }) }))
  })

  async function withEvidence (g: Genesis, e: Evidence): Promise<Block> {
    const b = batch(1, [transfer(0, 1, 1, 5n)])
    b.evidence = [e]
    b.proposal = { ...b.proposal, evidenceRoot: evidenceRoot([e]), evidenceCount: 1 }
    const ledger = await Ledger.open(g, new AccountsApp(g.accounts), new MemoryBlockStore())
    return (await ledger.applyCommitted(1, 0, b, commits(b))).block
  }

  it('valid evidence verifies and is counted; evidence that proves nothing is refused by its index and field, before the block is applied', async () => {
    const g = await genesis()
    const good = await withEvidence(g, evidence())
    expect(await verifyLedger(g, new AccountsApp(g.accounts), async h => h === 1 ? good : undefined, 1)).toMatchObject({ ok: true, height: 1, evidence: 1 })
    const bad = await withEvidence(g, evidence(new Uint8Array(32).fill(1))) // one digest twice: no conflict
    expect(await verifyLedger(g, new AccountsApp(g.accounts), async h => h === 1 ? bad : undefined, 1))
      .toEqual({ ok: false, height: 1, field: 'evidence[0].messages', reason: 'the two messages do not conflict' })
  })
})
