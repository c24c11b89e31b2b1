// Helpers that alter a signed message and sign it again with the traitor's own key, so the
// lie is signed (and, where it conflicts with another signed message, provable).
import { signingBytes, type Batch, type Checkpoint, type Commit, type PrePrepare, type Prepare, type Proposal, type Reply, type Transaction } from '../codec/index.js'
import { evidenceRoot, proposalDigest, txRoot } from '../crypto/digests.js'
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

export function resignReply (sign: Sign, r: Reply): Reply {
  const out: Reply = { ...r, code: r.code === 0 ? 1 : 0, log: 'ok', height: r.height + 1, blockHash: sha256(r.blockHash) }
  return { ...out, signature: sign(signingBytes('reply', out)) }
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
