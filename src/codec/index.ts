export * as pb from './pb/messages.js'
export type {
  Transfer, Transaction, BlockAttestation, ClientFrame, Proposal, PrePrepare, Prepare, Commit,
  Checkpoint, StableCheckpointRecord, PruneRecord, StateRequest, BlockHeader, TxResult, CommitCertificate, Evidence, AdminCommand,
  ReplicaFrame
} from './pb/messages.js'
export * from './errors.js'
export * as limits from './limits.js'
export * from './messages.js'
export * from './decode.js'
export * from './canonical.js'
export * from './receipt-parts.js'
export { encodeReplicaMessage, encodeClientFrame, encodeBlock, encodePrunedBlock, encodePruneRecord, encodeReceipt } from './encode.js'
