// The block and certificate checks of src/ledger/block.ts, one rule at a time: what a lagging
// replica, state transfer and the offline verifier refuse (LedgerVerifyError with the height,
// the exact field and the reason), each refusal beside the valid input it differs from in one
// thing. Genesis: 4 replicas (2f+1 = 3), chain test-ledger.
import { describe, expect, it } from 'vitest'
import { signingBytes, type Block, type Checkpoint, type Commit, type StableCheckpointRecord } from '../../src/codec/index.js'
import { evidenceRoot, resultsRoot, txRoot } from '../../src/crypto/digests.js'
import { createSigner } from '../../src/crypto/ed25519.js'
import { LedgerVerifyError, proposalOf, verifyCertificate, verifyCheckpoint, verifyContent } from '../../src/ledger/block.js'
import type { Genesis } from '../../src/ledger/genesis.js'
import { MemoryBlockStore } from '../../src/ledger/store-memory.js'
import { buildLedger, checkpointProof, genesis, replicaSeed, transfer } from './fixtures.js'

const sign = <T extends { signature: Uint8Array }>(i: number, kind: 'commit' | 'checkpoint', m: T): T =>
  ({ ...m, signature: createSigner(replicaSeed(i)).sign(signingBytes(kind, { ...m, signature: new Uint8Array(0) })) })

/** Block 2 of a 3-block ledger, with its commit certificate (replicas 0, 1, 2, view 0). */
async function block2 (): Promise<{ g: Genesis, b: Block }> {
  const g = await genesis()
  const store = new MemoryBlockStore()
  await buildLedger(g, 3, store)
  return { g, b: structuredClone((await store.get(2))!) }
}

/** The LedgerVerifyError `f` throws, as [height, field, reason]; undefined if it does not throw. */
function refusal (f: () => void): [number, string, string] | undefined {
  try { f() } catch (err) {
    if (err instanceof LedgerVerifyError) return [err.height, err.field, err.reason]
    throw err
  }
  return undefined
}

it('a LedgerVerifyError says where: height, field and reason, in its message too', () => {
  const e = new LedgerVerifyError(2, 'cert.commits', 'has 2 commits, needs 3')
  expect([e.name, e.message, e.height, e.field, e.reason]).toEqual(['LedgerVerifyError', 'height 2: cert.commits: has 2 commits, needs 3', 2, 'cert.commits', 'has 2 commits, needs 3'])
})

describe('verifyCertificate: >= 2f+1 COMMITs of one view for the header\'s proposal, by distinct replicas, validly signed', () => {
  it('the certificate as committed passes, and so does one with all four replicas', async () => {
    const { g, b } = await block2()
    expect(refusal(() => { verifyCertificate(g, b.header, b.cert.commits) })).toBeUndefined()
    const fourth = sign(3, 'commit', { ...b.cert.commits[0]!, replica: 3 })
    expect(refusal(() => { verifyCertificate(g, b.header, [...b.cert.commits, fourth]) })).toBeUndefined()
  })

  it('2f COMMITs are too few', async () => {
    const { g, b } = await block2()
    expect(refusal(() => { verifyCertificate(g, b.header, b.cert.commits.slice(0, 2)) })).toEqual([2, 'cert.commits', 'has 2 commits, needs 3'])
  })

  it('each field of one COMMIT (validly re-signed) refused by name: chain, seq, view, digest, replica', async () => {
    const { g, b } = await block2()
    const [c0, c1, c2] = b.cert.commits as [Commit, Commit, Commit]
    const with1 = (c: Commit): Commit[] => [c0, c, c2]
    const cases: Array<[Commit[], string, string]> = [
      [with1(sign(1, 'commit', { ...c1, chainId: 'other' })), 'cert.commits[1].chainId', 'wrong chain'],
      [with1(sign(1, 'commit', { ...c1, seq: 3 })), 'cert.commits[1].seq', 'is 3, block height is 2'],
      [with1(sign(1, 'commit', { ...c1, view: 1 })), 'cert.commits[1].view', 'commits of one certificate must share a view'],
      [with1(sign(1, 'commit', { ...c1, digest: new Uint8Array(32) })), 'cert.commits[1].digest', 'does not match the block\'s proposal'],
      [with1({ ...c1, replica: 4 }), 'cert.commits[1].replica', 'no replica 4 in genesis'],
      [[c0, c1, c1], 'cert.commits[2].replica', 'replica 1 signed twice'],
      [with1({ ...c1, signature: new Uint8Array(64) }), 'cert.commits[1].signature', 'invalid signature of replica 1']
    ]
    for (const [commits, field, reason] of cases) expect(refusal(() => { verifyCertificate(g, b.header, commits) })).toEqual([2, field, reason])
  })

  it('all COMMITs of another view than view 0 are one view: accepted', async () => {
    const { g, b } = await block2()
    const v1 = b.cert.commits.map(c => sign(c.replica, 'commit', { ...c, view: 1 }))
    expect(refusal(() => { verifyCertificate(g, b.header, v1) })).toBeUndefined()
  })

  it('the signature check is the verifier it is given', async () => {
    const { g, b } = await block2()
    expect(refusal(() => { verifyCertificate(g, b.header, b.cert.commits, () => false) })).toEqual([2, 'cert.commits[0].signature', 'invalid signature of replica 0'])
    const unsigned = b.cert.commits.map(c => ({ ...c, signature: new Uint8Array(64) }))
    expect(refusal(() => { verifyCertificate(g, b.header, unsigned, () => true) })).toBeUndefined()
  })

  it('the proposal it signs is the header\'s: seq from height, and view, timestamp, proposer, roots and counts', async () => {
    const { b } = await block2()
    const h = b.header
    expect(proposalOf(h)).toEqual({
      chainId: h.chainId, seq: h.height, view: h.view, timestampMs: h.timestampMs, proposer: h.proposer,
      txRoot: h.txRoot, txCount: h.txCount, evidenceRoot: h.evidenceRoot, evidenceCount: h.evidenceCount
    })
  })
})

describe('verifyCheckpoint: a stable checkpoint is >= 2f+1 CHECKPOINTs for its (seq, block hash), one chain, distinct valid signers', () => {
  const H = new Uint8Array(32).fill(7)
  const cp = (): StableCheckpointRecord => checkpointProof(8, H)

  it('a proof by 2f+1 passes; 2f are too few', async () => {
    const g = await genesis()
    expect(refusal(() => { verifyCheckpoint(g, cp()) })).toBeUndefined()
    expect(refusal(() => { verifyCheckpoint(g, checkpointProof(8, H, [0, 1])) })).toEqual([8, 'checkpoint.proof', 'has 2 signatures, needs 3'])
  })

  it('each field of one CHECKPOINT (validly re-signed) refused by name: chain, seq, block hash, replica, signature', async () => {
    const g = await genesis()
    const [k0, k1, k2] = cp().proof as [Checkpoint, Checkpoint, Checkpoint]
    const with1 = (k: Checkpoint): StableCheckpointRecord => ({ seq: 8, blockHash: H, proof: [k0, k, k2] })
    const cases: Array<[StableCheckpointRecord, string, string]> = [
      [with1(sign(1, 'checkpoint', { ...k1, chainId: 'other' })), 'checkpoint.proof[1].chainId', 'wrong chain'],
      [with1(sign(1, 'checkpoint', { ...k1, seq: 4 })), 'checkpoint.proof[1].seq', 'is 4, the checkpoint is at 8'],
      [with1(sign(1, 'checkpoint', { ...k1, blockHash: new Uint8Array(32) })), 'checkpoint.proof[1].blockHash', 'differs from the checkpoint\'s block hash'],
      [with1({ ...k1, replica: 4 }), 'checkpoint.proof[1].replica', 'no replica 4 in genesis'],
      [{ seq: 8, blockHash: H, proof: [k0, k1, k1] }, 'checkpoint.proof[2].replica', 'replica 1 signed twice'],
      [with1({ ...k1, signature: new Uint8Array(64) }), 'checkpoint.proof[1].signature', 'invalid signature of replica 1']
    ]
    for (const [record, field, reason] of cases) expect(refusal(() => { verifyCheckpoint(g, record) })).toEqual([8, field, reason])
  })

  it('the signature check is the verifier it is given', async () => {
    const g = await genesis()
    expect(refusal(() => { verifyCheckpoint(g, cp(), () => false) })).toEqual([8, 'checkpoint.proof[0].signature', 'invalid signature of replica 0'])
    const unsigned = { ...cp(), proof: cp().proof.map(k => ({ ...k, signature: new Uint8Array(64) })) }
    expect(refusal(() => { verifyCheckpoint(g, unsigned, () => true) })).toBeUndefined()
  })
})

describe('verifyContent: the header\'s chain, proposer, counts and roots against the block\'s content; every transaction of this chain and validly signed', () => {
  it('the block as committed passes', async () => {
    const { g, b } = await block2()
    expect(refusal(() => { verifyContent(g, b) })).toBeUndefined()
  })

  it('each header field that disagrees with the content is refused by name', async () => {
    const { g, b } = await block2()
    const cases: Array<[(x: Block) => void, string, string]> = [
      [x => { x.header.chainId = 'other' }, 'header.chainId', 'is other, genesis says test-ledger'],
      [x => { x.header.proposer = 4 }, 'header.proposer', 'no replica 4'],
      [x => { x.header.txCount = 2 }, 'header.txCount', 'says 2, block has 3'],
      [x => { x.header.txRoot = new Uint8Array(32) }, 'header.txRoot', 'does not match the transactions'],
      [x => { x.header.evidenceCount = 1 }, 'header.evidenceCount', 'says 1, block has 0'],
      [x => { x.header.evidenceRoot = new Uint8Array(32) }, 'header.evidenceRoot', 'does not match the evidence'],
      [x => { x.header.resultsRoot = new Uint8Array(32) }, 'header.resultsRoot', 'does not match the results']
    ]
    for (const [tamper, field, reason] of cases) {
      const x = structuredClone(b)
      tamper(x)
      expect(refusal(() => { verifyContent(g, x) })).toEqual([2, field, reason])
    }
  })

  it('the last replica is a proposer; the content checks hold for whichever transactions, evidence and results the header names', async () => {
    const { g, b } = await block2()
    const x = structuredClone(b)
    x.header.proposer = 3
    expect(refusal(() => { verifyContent(g, x) })).toBeUndefined()
    const y = structuredClone(b)
    y.txs = y.txs.slice(1)
    y.results = y.results.slice(1)
    y.header = { ...y.header, txCount: 2, txRoot: txRoot(y.txs), resultsRoot: resultsRoot(y.results), evidenceRoot: evidenceRoot([]) }
    expect(refusal(() => { verifyContent(g, y) })).toBeUndefined()
  })

  it('a transaction of another chain, or badly signed, under a matching root: refused by its index', async () => {
    const { g, b } = await block2()
    const foreign = { ...transfer(0, 1, 99, 1n), chainId: 'other' }
    const badSig = { ...b.txs[2]!, signature: new Uint8Array(64) }
    for (const [i, t, field, reason] of [[1, foreign, 'txs[1].chainId', 'wrong chain'], [2, badSig, 'txs[2].signature', 'invalid client signature']] as const) {
      const x = structuredClone(b)
      x.txs[i] = t
      x.header.txRoot = txRoot(x.txs)
      expect(refusal(() => { verifyContent(g, x) })).toEqual([2, field, reason])
    }
  })

  it('the signature check is the verifier it is given', async () => {
    const { g, b } = await block2()
    expect(refusal(() => { verifyContent(g, b, () => false) })).toEqual([2, 'txs[0].signature', 'invalid client signature'])
    const x = structuredClone(b)
    x.txs = x.txs.map(t => ({ ...t, signature: new Uint8Array(64) }))
    x.header.txRoot = txRoot(x.txs)
    expect(refusal(() => { verifyContent(g, x, () => true) })).toBeUndefined()
  })
})
