// Helpers that alter a signed message and sign it again with the traitor's own key, so the
// lie is signed (and, where it conflicts with another signed message, provable).
import { pb, signingBytes, type Batch, type Checkpoint, type Commit, type PrePrepare, type Prepare, type Proposal, type Transaction, type TxReply, type TxResult } from '../codec/index.js'
import { blockHash, evidenceRoot, proposalDigest, txRoot } from '../crypto/digests.js'
import { merkleRootFromProof } from '../crypto/merkle.js'
import { sha256 } from '../crypto/hash.js'
import type { ProtocolCrypto } from '../protocol/types.js'

export type Sign = ProtocolCrypto['sign']

export function resignPrePrepare (sign: Sign, pp: PrePrepare, digest: Uint8Array, replica = pp.replica): PrePrepare {
  const out = { ...pp, digest, replica }
  return { ...out, signature: sign(signingBytes('prePrepare', out)) }
}

export function resignVote<T extends Prepare | Commit> (sign: Sign, kind: 'prepare' | 'commit', v: T, digest: Uint8Array, replica = v.replica): T {
  const out = { ...v, digest, replica }
  return { ...out, signature: sign(signingBytes(kind, out)) }
}

export function resignCheckpoint (sign: Sign, c: Checkpoint, blockHash: Uint8Array): Checkpoint {
  const out = { ...c, blockHash }
  return { ...out, signature: sign(signingBytes('checkpoint', out)) }
}

/**
 * A wrong answer to a client, signed. Two kinds, by the transaction's index in its block:
 *   even: a coherent lie — the result flipped, a header whose results root is recomputed for it
 *         (from the true proof's siblings), and a signed attestation of that header's hash: the
 *         signature and the proof check, but no honest replica attests that block;
 *   odd:  the true attestation and header with the result flipped: the proof does not check.
 */
export function lieReply (sign: Sign, r: TxReply): TxReply {
  const result: TxResult = { code: r.proof.result.code === 0 ? 1 : 0, log: 'ok' }
  const proof = { ...r.proof, result }
  if (r.proof.index % 2 === 1) return { ...r, proof }
  const count = r.header.txCount
  const resultsRoot = merkleRootFromProof(pb.TxResult.encode(result), { index: proof.index, count, siblings: proof.resultSiblings }) ?? sha256(r.header.resultsRoot)
  const header = { ...r.header, resultsRoot }
  const unsigned = { ...r.attestation, blockHash: blockHash(header) }
  return { ...r, header, proof, attestation: { ...unsigned, signature: sign(signingBytes('blockAttestation', unsigned)) } }
}

/** A batch with other transactions: recomputes the proposal's roots and counts. */
export function rebatch (batch: Batch, txs: Transaction[], tweak: Partial<Proposal> = {}): { batch: Batch, digest: Uint8Array } {
  const proposal: Proposal = {
    ...batch.proposal,
    txRoot: txRoot(txs),
    txCount: txs.length,
    evidenceRoot: evidenceRoot(batch.evidence),
    evidenceCount: batch.evidence.length,
    ...tweak
  }
  const out: Batch = { proposal, txs, evidence: batch.evidence }
  return { batch: out, digest: proposalDigest(proposal) }
}

/** A digest no honest replica proposed: the hash of a real one. */
export function fakeDigest (d: Uint8Array): Uint8Array {
  return sha256(new TextEncoder().encode('traitor'), d)
}

export function corrupt (sig: Uint8Array): Uint8Array {
  const out = new Uint8Array(sig)
  out[0] = (out[0] ?? 0) ^ 0x01
  return out
}

export { nullDigest } from '../crypto/digests.js'
