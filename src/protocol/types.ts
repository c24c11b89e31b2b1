// The contract of the PBFT core: `Replica.step(event) -> Action[]`. The core is pure: no I/O,
// clock or randomness. Time arrives in tick events; signing and verification are injected.
//
// Ordering contract of the returned actions (etcd/raft's Ready, restated): a host (src/host)
// performs them in order, and a `persist` action must be durable (fsynced) before any later
// action in the same list is performed. So a replica never sends a vote it has not first persisted, and
// after a crash can never sign a conflicting message.
import type {
  Batch, BlockHeader, Checkpoint, Commit, Evidence, NewView, PrePrepare, PreparedCert, Prepare, ReplicaMessage,
  Transaction, TxReply, TxResult, ViewChange
} from '../codec/index.js'

export type ReplicaId = number

/** Injected crypto: the replica's own signing key and the cluster's verification rule. */
export interface ProtocolCrypto {
  /** ed25519 signature of `bytes` with this replica's key. */
  sign: (bytes: Uint8Array) => Uint8Array
  /** The cluster's one verification rule (src/crypto `verify`), possibly memoised by the driver. */
  verify: (publicKey: Uint8Array, bytes: Uint8Array, signature: Uint8Array) => boolean
}

/**
 * Deliberate bugs, for proving that the simulator catches them. Test-only: the node refuses
 * to start with any of these set.
 */
export type PlantedFault =
  | 'weak-quorum'              // prepared/committed with 2f instead of 2f+1 (2f matching prepares -> 2f-1)
  | 'accept-second-pre-prepare' // accept another digest for a (view, seq) already pre-prepared
  | 'trust-new-view'           // backups do not recompute O from the view-changes in NEW-VIEW
  | 'send-before-persist'      // the host (src/host) sends a round's votes before it persists their records
  | 'accept-old-view'          // messages from an older view are accepted as current
  | 'compact-too-much'         // the host's WAL (src/host/wal.ts) deletes at a stable checkpoint the records above it too
  | 'transfer-unchecked'       // the host's state transfer (src/host/transfer.ts) applies a fetched block without checking its certificate

export interface ProtocolConfig {
  chainId: string
  /** This replica's id, 0..n-1. */
  id: ReplicaId
  /** ed25519 public keys of replicas 0..n-1 (from genesis). n = publicKeys.length >= 4. */
  publicKeys: Uint8Array[]
  /** Batching: a batch closes at batchTxsMax transactions, batchBytesMax bytes, or batchTimeoutMs. */
  batchTxsMax: number
  batchBytesMax: number
  batchTimeoutMs: number
  /** Checkpoint every K sequence numbers. */
  checkpointInterval: number
  /** Watermark window L: sequence numbers in flight are in (h, h + L]. Multiple of K. */
  window: number
  /** Base view-change timeout; doubles on each consecutive failed view change. */
  viewChangeTimeoutMs: number
  /** Backups refuse a proposal whose timestamp differs from their clock by more than this. */
  timestampDriftMs: number
  /** Test-only deliberate bugs (see PlantedFault). Empty in production. */
  plantedFaults?: PlantedFault[]
  /**
   * Fetch the blocks below a gap (gap.ts). Default true; false only in the directed simulator,
   * whose scripted message loss keeps a replica behind on purpose to split prepared
   * certificates across views (a gap fetch would let it catch up from the one that committed).
   */
  gapFetch?: boolean
  /** Batches the primary proposes beyond its last executed one, at most. Default PROPOSALS_IN_PROGRESS_MAX (limits.ts). */
  proposalsInProgressMax?: number
}

/** Durable records: what the driver must fsync before the sends that follow. */
export type WalRecord =
  | { kind: 'view', view: number }
  | { kind: 'pre-prepare', prePrepare: PrePrepare, batch: Batch }
  | { kind: 'prepare', prepare: Prepare }
  | { kind: 'commit', commit: Commit, prepared: PreparedCert }
  | { kind: 'checkpoint', checkpoint: Checkpoint }
  | { kind: 'stable-checkpoint', seq: number, blockHash: Uint8Array, proof: Checkpoint[] }
  | { kind: 'view-change', viewChange: ViewChange, batches: Batch[] }
  | { kind: 'new-view', newView: NewView, batches: Batch[] }

export type ProtocolEvent =
  /** Time advanced. `nowMs` is the driver's clock (virtual in the simulator); never decreases. */
  | { type: 'tick', nowMs: number }
  /** A decoded message from replica `from` (the authenticated peer, not a field of the message). */
  | { type: 'message', from: ReplicaId, message: ReplicaMessage }
  /** A client transaction arrived at this replica (from a client, not forwarded). */
  | { type: 'request', tx: Transaction }
  /**
   * The driver executed the block for `seq` (after an `execute` action): its header, the
   * header's hash, and the per-transaction results (header.resultsRoot is their root).
   */
  | { type: 'executed', seq: number, blockHash: Uint8Array, header: BlockHeader, results: TxResult[] }
  /** State transfer finished: the driver's ledger now holds every block up to `seq`. */
  | { type: 'state-transferred', seq: number, blockHash: Uint8Array }
  /**
   * The host's connection to replica `replica` closed (`up: false`: its process died or
   * restarted, a failure detector's hint) or is open again. Only liveness uses it: a backup whose
   * connection to the primary closed, with requests waiting and nothing executed since, changes
   * view after PRIMARY_LOST_GRACE_MS instead of the whole request timeout. Safety never depends
   * on it (any replica may ask for a view change; f+1 must before the others join).
   */
  | { type: 'peer', replica: ReplicaId, up: boolean }

export type Action =
  | { type: 'persist', records: WalRecord[] }
  | { type: 'send', to: ReplicaId, message: ReplicaMessage }
  | { type: 'broadcast', message: ReplicaMessage }
  /** Execute the committed batch for `seq` (strictly in order, each seq once) and append its block. */
  | { type: 'execute', seq: number, view: number, batch: Batch, cert: Commit[] }
  /** Send `client` the answer to one of its transactions (unsigned; it carries the block's attestation). */
  | { type: 'reply', client: Uint8Array, reply: TxReply }
  /**
   * Fetch blocks up to `seq` from `peers`; each block proves itself by its commit certificate.
   * With `blockHash` (a stable checkpoint's) the last one must also have that hash; without it
   * (a gap below seqs this replica saw commit) peers may not have it yet, and the fetch ends
   * once the ledger reaches `seq` by any means.
   */
  | { type: 'fetch-state', seq: number, blockHash: Uint8Array | undefined, peers: ReplicaId[] }
  /** Provable misbehaviour observed. */
  | { type: 'evidence', evidence: Evidence }
  /** A client transaction was refused before ordering (bad signature, stale nonce, ...). */
  | { type: 'reject', tx: Transaction, reason: string }

/** Snapshot for status APIs, the dashboard and the simulator's invariant checker. */
export interface ReplicaStatus {
  id: ReplicaId
  view: number
  primary: ReplicaId
  /** True while this replica is between views (sent VIEW-CHANGE, no valid NEW-VIEW yet). */
  viewChanging: boolean
  lastExecuted: number
  stableCheckpoint: number
  lowWatermark: number
  highWatermark: number
  pendingRequests: number
  /** Per in-flight seq: phase and who voted. */
  inFlight: Array<{ seq: number, view: number, digest: string, phase: 'pre-prepared' | 'prepared' | 'committed', prepares: ReplicaId[], commits: ReplicaId[] }>
  viewChanges: number
  /** Why this replica last started a view change: its request timer, its view-change timer, or f+1 others asked. */
  viewChangeCause?: string
}

/** What a replica restarts from: its write-ahead records and what its ledger has executed. */
export interface RestoreState {
  records: WalRecord[]
  lastExecuted: { seq: number, blockHash: Uint8Array }
}

/**
 * The core's surface, implemented by `Replica` in src/protocol/replica.ts:
 *   new Replica(config: ProtocolConfig, crypto: ProtocolCrypto, restore?: RestoreState)
 */
export interface ReplicaCore {
  step: (event: ProtocolEvent) => Action[]
  status: () => ReplicaStatus
  /** Cheap counters for hot paths (the simulator checks them after every step). */
  sizes: () => { view: number, pendingRequests: number, slots: number }
  /** Inputs dropped so far, by reason (bad input is counted, never thrown); the node exports them on /metrics. */
  drops: () => Readonly<Record<string, number>>
}
