// The replica-to-replica messages as a discriminated union, and their mapping to and from the
// one wire frame (pb.ReplicaFrame). The protocol core works with `ReplicaMessage` only.
import type * as pb from './pb/messages.js'

// Validated shapes: the generated types mark embedded messages optional (proto3); after
// `validate.ts` accepted a message its required parts are present, and these types say so.
export interface Batch { proposal: pb.Proposal, txs: pb.Transaction[], evidence: pb.Evidence[] }
export interface PreparedCert { prePrepare: pb.PrePrepare, prepares: pb.Prepare[] }
export type ViewChange = Omit<pb.ViewChange, 'prepared'> & { prepared: PreparedCert[] }
export type NewView = Omit<pb.NewView, 'viewChanges'> & { viewChanges: ViewChange[] }
export type Block = Omit<pb.Block, 'header' | 'cert'> & { header: pb.BlockHeader, cert: pb.CommitCertificate }
/** A block below a store's prune base: header and commit certificate only. */
export type PrunedBlock = Omit<pb.PrunedBlock, 'header' | 'cert'> & { header: pb.BlockHeader, cert: pb.CommitCertificate }
export type StateResponse = Omit<pb.StateResponse, 'blocks'> & { blocks: Block[] }
/** A transaction's place and result in a block, provable against its header (docs/receipts.md). */
export type TxProof = Omit<pb.TxProof, 'result'> & { result: pb.TxResult }
/** A replica's answer to one transaction: attestation, header, proof (unsigned itself). */
export type TxReply = Omit<pb.TxReply, 'attestation' | 'header' | 'proof'> & { attestation: pb.BlockAttestation, header: pb.BlockHeader, proof: TxProof }
/** Offline proof of a transaction's result: tx, header, proof, f+1 or more attestations. */
export type Receipt = Omit<pb.Receipt, 'tx' | 'header' | 'proof'> & { tx: pb.Transaction, header: pb.BlockHeader, proof: TxProof }

export type ReplicaMessage =
  | { type: 'pre-prepare', prePrepare: pb.PrePrepare, batch: Batch }
  | { type: 'prepare', prepare: pb.Prepare }
  | { type: 'commit', commit: pb.Commit }
  | { type: 'checkpoint', checkpoint: pb.Checkpoint }
  | { type: 'view-change', viewChange: ViewChange, batches: Batch[] }
  | { type: 'new-view', newView: NewView, batches: Batch[] }
  | { type: 'state-request', stateRequest: pb.StateRequest }
  | { type: 'state-response', stateResponse: StateResponse }
  | { type: 'request', request: pb.Transaction }

export function assertNever (x: never): never {
  throw new Error(`unreachable: ${JSON.stringify(x)}`)
}

export function messageToFrame (m: ReplicaMessage): pb.ReplicaFrame {
  switch (m.type) {
    case 'pre-prepare': return { prePrepare: m.prePrepare, batches: [m.batch] }
    case 'prepare': return { prepare: m.prepare, batches: [] }
    case 'commit': return { commit: m.commit, batches: [] }
    case 'checkpoint': return { checkpoint: m.checkpoint, batches: [] }
    case 'view-change': return { viewChange: m.viewChange, batches: m.batches }
    case 'new-view': return { newView: m.newView, batches: m.batches }
    case 'state-request': return { stateRequest: m.stateRequest, batches: [] }
    case 'state-response': return { stateResponse: m.stateResponse, batches: [] }
    case 'request': return { request: m.request, batches: [] }
    default: return assertNever(m)
  }
}

/**
 * Maps a structurally valid frame to the union. Returns a [field, reason] problem when the
 * frame does not set exactly one message, or carries batches a message kind does not take.
 */
export function frameToMessage (f: pb.ReplicaFrame): ReplicaMessage | [string, string] {
  const set: ReplicaMessage[] = []
  const batches = f.batches as Batch[]
  if (f.prePrepare != null) {
    if (batches.length !== 1 || batches[0] == null) return ['batches', 'a pre-prepare carries exactly one batch']
    set.push({ type: 'pre-prepare', prePrepare: f.prePrepare, batch: batches[0] })
  }
  if (f.prepare != null) set.push({ type: 'prepare', prepare: f.prepare })
  if (f.commit != null) set.push({ type: 'commit', commit: f.commit })
  if (f.checkpoint != null) set.push({ type: 'checkpoint', checkpoint: f.checkpoint })
  if (f.viewChange != null) set.push({ type: 'view-change', viewChange: f.viewChange as ViewChange, batches })
  if (f.newView != null) set.push({ type: 'new-view', newView: f.newView as NewView, batches })
  if (f.stateRequest != null) set.push({ type: 'state-request', stateRequest: f.stateRequest })
  if (f.stateResponse != null) set.push({ type: 'state-response', stateResponse: f.stateResponse as StateResponse })
  if (f.request != null) set.push({ type: 'request', request: f.request })
  if (set.length !== 1) return ['frame', `must set exactly one message, got ${set.length}`]
  const m = set[0] as ReplicaMessage
  const takesBatches = m.type === 'pre-prepare' || m.type === 'view-change' || m.type === 'new-view'
  if (!takesBatches && f.batches.length > 0) return ['batches', `a ${m.type} carries no batches`]
  return m
}

/** What a signed replica message claims: signer, kind, (view, seq) and the value it signs. */
export interface SignedFields { kind: 'pre-prepare' | 'prepare' | 'commit' | 'checkpoint', replica: number, view: number, seq: number, digest: string }

const hex = (b: Uint8Array): string => Buffer.from(b.buffer, b.byteOffset, b.byteLength).toString('hex')

/** The signed (kind, replica, view, seq, digest) of a vote or checkpoint; checkpoints have view 0. */
export function signedFields (m: ReplicaMessage): SignedFields | undefined {
  const vote = normalCaseVote(m)
  if (vote !== undefined) return { kind: m.type as SignedFields['kind'], replica: vote.replica, view: vote.view, seq: vote.seq, digest: hex(vote.digest) }
  if (m.type === 'checkpoint') return { kind: m.type, replica: m.checkpoint.replica, view: 0, seq: m.checkpoint.seq, digest: hex(m.checkpoint.blockHash) }
  return undefined
}

/** The normal-case vote a message carries (its PRE-PREPARE, PREPARE or COMMIT), else undefined. */
export function normalCaseVote (m: ReplicaMessage): pb.PrePrepare | pb.Prepare | pb.Commit | undefined {
  switch (m.type) {
    case 'pre-prepare': return m.prePrepare
    case 'prepare': return m.prepare
    case 'commit': return m.commit
    case 'checkpoint':
    case 'view-change':
    case 'new-view':
    case 'state-request':
    case 'state-response':
    case 'request': return undefined
    default: return assertNever(m)
  }
}

/** The replica a message says it comes from (undefined for a forwarded client request or a relayed NEW-VIEW). */
export function claimedSender (m: ReplicaMessage): number | undefined {
  switch (m.type) {
    case 'view-change': return m.viewChange.replica
    case 'new-view': return undefined // relayed: signed by the new primary, forwarded by any replica
    case 'state-request': return m.stateRequest.replica
    case 'state-response': return m.stateResponse.replica
    case 'request': return undefined
    case 'pre-prepare':
    case 'prepare':
    case 'commit':
    case 'checkpoint': return signedFields(m)?.replica
    default: return assertNever(m)
  }
}
