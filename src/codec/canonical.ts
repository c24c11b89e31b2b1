// Canonical bytes. What is signed or hashed is produced here and nowhere else:
//   signed bytes = utf8(domain tag) || 0x00 || encode(message with an empty signature)
// protons writes fields in field-number order and omits default values, so the encoding of a
// given message object is deterministic; decoders re-encode rather than trust received bytes.
import * as pb from './pb/messages.js'

const EMPTY = new Uint8Array(0)
const enc = new TextEncoder()

export const DOMAIN = {
  transaction: 'pbft-ledger/v1/transaction',
  // 'pbft-ledger/v1/reply' signed one reply per transaction; retired, never to be reused.
  blockAttestation: 'pbft-ledger/v1/block-attestation',
  prePrepare: 'pbft-ledger/v1/pre-prepare',
  prepare: 'pbft-ledger/v1/prepare',
  commit: 'pbft-ledger/v1/commit',
  checkpoint: 'pbft-ledger/v1/checkpoint',
  viewChange: 'pbft-ledger/v1/view-change',
  newView: 'pbft-ledger/v1/new-view',
  adminCommand: 'pbft-ledger/v1/admin-command',
  proposal: 'pbft-ledger/v1/proposal',
  blockHeader: 'pbft-ledger/v1/block-header',
  txId: 'pbft-ledger/v1/tx-id'
} as const

const TAGS = Object.fromEntries(Object.entries(DOMAIN).map(([k, v]) => [k, new Uint8Array([...enc.encode(v), 0])])) as Record<keyof typeof DOMAIN, Uint8Array>

function tagged (tag: Uint8Array, body: Uint8Array): Uint8Array {
  const out = new Uint8Array(tag.byteLength + body.byteLength)
  out.set(tag, 0)
  out.set(body, tag.byteLength)
  return out
}

interface Signable { signature: Uint8Array }
interface Encoder<T> { encode: (m: T) => Uint8Array }

const SIGNED: { [K in SignedKind]: Encoder<any> } = {
  transaction: pb.Transaction,
  blockAttestation: pb.BlockAttestation,
  prePrepare: pb.PrePrepare,
  prepare: pb.Prepare,
  commit: pb.Commit,
  checkpoint: pb.Checkpoint,
  viewChange: pb.ViewChange,
  newView: pb.NewView,
  adminCommand: pb.AdminCommand
}

export type SignedKind = 'transaction' | 'blockAttestation' | 'prePrepare' | 'prepare' | 'commit' | 'checkpoint' | 'viewChange' | 'newView' | 'adminCommand'

/** The exact bytes a signer signs and a verifier checks for a message of this kind. */
export function signingBytes<T extends Signable> (kind: SignedKind, m: T): Uint8Array {
  return tagged(TAGS[kind], SIGNED[kind].encode({ ...m, signature: EMPTY }))
}

/** Bytes hashed to a proposal digest (the value replicas agree on). */
export function proposalBytes (p: pb.Proposal): Uint8Array {
  return tagged(TAGS.proposal, pb.Proposal.encode(p))
}

/** Bytes hashed to a block hash. */
export function blockHeaderBytes (h: pb.BlockHeader): Uint8Array {
  return tagged(TAGS.blockHeader, pb.BlockHeader.encode(h))
}

/** Bytes hashed to a transaction id: the transaction without its signature. */
export function txIdBytes (tx: pb.Transaction): Uint8Array {
  return tagged(TAGS.txId, pb.Transaction.encode({ ...tx, signature: EMPTY }))
}
