// Evidence is proof to a third party: a record that frames an honest replica with one of its
// honest signed messages must be refused. Covers the two one-message kinds, whose check is
// more than a signature: invalid-transaction and bad-new-view.
import { describe, expect, it } from 'vitest'
import { encodeReplicaMessage, signingBytes, type Batch, type Evidence, type NewView, type PrePrepare, type Transaction, type ViewChange } from '../../src/codec/index.js'
import { evidenceRoot, nullDigest, proposalDigest, txRoot } from '../../src/crypto/digests.js'
import { evidenceProblem } from '../../src/crypto/evidence.js'
import { CHAIN, config, crypto, tx } from '../protocol/helpers.js'

const keys = config(4, 0).publicKeys
const sign = <T extends { signature: Uint8Array }>(id: number, kind: Parameters<typeof signingBytes>[0], m: T): T => ({ ...m, signature: crypto(id).sign(signingBytes(kind, m)) })

function prePrepare (txs: Transaction[]): { pp: PrePrepare, batch: Batch } {
  const proposal = { chainId: CHAIN, seq: 1, view: 0, timestampMs: 5, proposer: 0, txRoot: txRoot(txs), txCount: txs.length, evidenceRoot: evidenceRoot([]), evidenceCount: 0 }
  const batch: Batch = { proposal, txs, evidence: [] }
  return { pp: sign(0, 'prePrepare', { chainId: CHAIN, view: 0, seq: 1, digest: proposalDigest(proposal), replica: 0, signature: new Uint8Array(0) }), batch }
}

describe('invalid-transaction evidence', () => {
  const evidence = (pp: PrePrepare, batch: Batch): Evidence => ({ accused: 0, kind: 'invalid-transaction', messages: [encodeReplicaMessage({ type: 'pre-prepare', prePrepare: pp, batch })] })

  it('is valid proof when the signed batch holds a transaction whose signature fails', () => {
    const forged = { ...tx(1, 2), signature: new Uint8Array(64).fill(7) }
    const { pp, batch } = prePrepare([tx(1, 1), forged])
    expect(evidenceProblem(keys, CHAIN, evidence(pp, batch))).toBeUndefined()
  })

  it('cannot frame a primary with an honest pre-prepare', () => {
    const { pp, batch } = prePrepare([tx(1, 1), tx(2, 1)])
    expect(evidenceProblem(keys, CHAIN, evidence(pp, batch))).toEqual(['messages[0].batch', 'every transaction in the batch is validly signed'])
  })

  it('cannot frame a primary by attaching another batch to its pre-prepare', () => {
    const { pp } = prePrepare([tx(1, 1)])
    const other = prePrepare([{ ...tx(1, 2), signature: new Uint8Array(64).fill(7) }]).batch
    expect(evidenceProblem(keys, CHAIN, evidence(pp, other))?.[1]).toBe('the batch is not the one the pre-prepare signs')
  })
})

describe('bad-new-view evidence', () => {
  // View 1 (primary 1); three view-changes, one with a prepared certificate for seq 1 in view 0.
  const { pp: prepared } = prePrepare([tx(1, 1)])
  const prepares = [2, 3].map(r => sign(r, 'prepare', { chainId: CHAIN, view: 0, seq: 1, digest: prepared.digest, replica: r, signature: new Uint8Array(0) }))
  const vcs: ViewChange[] = [1, 2, 3].map(r => sign(r, 'viewChange', { chainId: CHAIN, newView: 1, stableSeq: 0, checkpointProof: [], prepared: r === 2 ? [{ prePrepare: prepared, prepares }] : [], replica: r, signature: new Uint8Array(0) }))
  const reissue = (digest: Uint8Array, seq = 1): PrePrepare => sign(1, 'prePrepare', { chainId: CHAIN, view: 1, seq, digest, replica: 1, signature: new Uint8Array(0) })
  const newView = (prePrepares: PrePrepare[], replica = 1): NewView => sign(replica, 'newView', { chainId: CHAIN, view: 1, viewChanges: vcs, prePrepares, replica, signature: new Uint8Array(0) })
  const evidence = (nv: NewView): Evidence => ({ accused: nv.replica, kind: 'bad-new-view', messages: [encodeReplicaMessage({ type: 'new-view', newView: nv, batches: [] })] })

  it('cannot frame a new primary with the NEW-VIEW it computed honestly', () => {
    expect(evidenceProblem(keys, CHAIN, evidence(newView([reissue(prepared.digest)])))?.[1]).toContain('no contradiction')
  })

  it('is valid proof when the NEW-VIEW drops a prepared batch for a null one', () => {
    expect(evidenceProblem(keys, CHAIN, evidence(newView([reissue(nullDigest(CHAIN, 1, 1, 1))])))).toBeUndefined()
  })

  it('is valid proof when the NEW-VIEW re-issues too many or too few seqs', () => {
    expect(evidenceProblem(keys, CHAIN, evidence(newView([])))).toBeUndefined()
    expect(evidenceProblem(keys, CHAIN, evidence(newView([reissue(prepared.digest), reissue(nullDigest(CHAIN, 2, 1, 1), 2)])))).toBeUndefined()
  })

  it('must be signed by the primary of its view', () => {
    expect(evidenceProblem(keys, CHAIN, evidence(newView([], 2)))?.[1]).toContain('primary of its view')
  })
})
