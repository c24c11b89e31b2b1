// The ports through which a host (host.ts) touches the world. The node plugs in real ones
// (LevelDB write-ahead log, libp2p, the ledger over its block store); the simulator plugs in
// simulated ones (lossy network, in-memory disks); the protocol tests plug in plain arrays.
// A port may answer synchronously or with a promise: with synchronous ports the host runs
// synchronously (ReplicaHost.stepSync), which is how the protocol tests drive whole clusters.
import type { BlockHeader, Evidence, Batch, Commit, ReplicaMessage, Transaction, TxReply, TxResult } from '../codec/index.js'
import type { Action, ProtocolEvent, ReplicaId, WalRecord } from '../protocol/types.js'
import type { TransferLog, TransferStorePort } from './transfer.js'

export type MaybePromise<T> = T | Promise<T>

/** What the host needs of the core: `step` (src/protocol Replica, or a src/byzantine Traitor around one). */
export interface CorePort {
  step: (event: ProtocolEvent) => Action[]
  /**
   * Messages the host itself sends (state-transfer requests and answers) pass through here on
   * their way out, so that a src/byzantine Traitor can lie in them too (`bad-state-transfer`).
   */
  outbound?: (to: ReplicaId, message: ReplicaMessage) => ReplicaMessage
  /** Frames that do not decode, to broadcast after a tick (a Traitor in mode `flood`). */
  malformed?: () => Uint8Array[]
}

/** The write-ahead log. `persist` returns (or resolves) once the records are durable (fsynced). */
export interface WalPort {
  persist: (records: WalRecord[]) => MaybePromise<void>
}

/** Replica-to-replica messages; delivery is best effort (the protocol retransmits). */
export interface NetworkPort {
  send: (to: ReplicaId, message: ReplicaMessage) => void
  /** To every replica but this one. */
  broadcast: (message: ReplicaMessage) => void
  /** Bytes as a frame to every replica but this one (CorePort.malformed); ports without it drop them. */
  broadcastFrame?: (frame: Uint8Array) => void
}

/** Answers to clients: a reply carrying the block's attestation, or a refusal before ordering. */
export interface ClientPort {
  reply: (client: Uint8Array, reply: TxReply) => void
  reject: (tx: Transaction, reason: string) => void
}

/** A block as the host needs it back from the block store: what the `executed` event carries. */
export interface AppliedBlock {
  block: { header: BlockHeader }
  blockHash: Uint8Array
  results: TxResult[]
}

/**
 * The ledger (src/ledger LedgerApi is one): executes the committed batch for `seq` (called
 * strictly in order, each seq once) and appends its block with the certificate.
 */
export interface BlockStorePort {
  applyCommitted: (seq: number, view: number, batch: Batch, cert: Commit[]) => MaybePromise<AppliedBlock>
}

export interface HostPorts {
  core: CorePort
  wal: WalPort
  network: NetworkPort
  clients: ClientPort
  ledger: BlockStorePort
  /** Provable misbehaviour the core observed. */
  evidence: (evidence: Evidence) => void
  /**
   * State transfer (transfer.ts): the replica's id and chain, the ledger's blocks to serve and
   * to apply, and what to tell the runtime. Without it (the protocol tests' stateless ledger)
   * the host neither serves nor fetches blocks, and `state-*` messages go to the core, which
   * ignores them.
   */
  transfer?: { id: ReplicaId, chainId: string, blocks: TransferStorePort, log?: TransferLog }
  /** Told of every `fetch-state` action (the host performs it with `transfer`): situations, tests. */
  fetchState?: (seq: number, blockHash: Uint8Array | undefined, peers: ReplicaId[]) => void
  /** Called once per executed block, before the core hears of it (metrics, waiting clients). */
  executed?: (seq: number, applied: AppliedBlock, txs: number) => void
  /** The simulator's crash fault: the process dies at this point of a round (see ReplicaHost.step). */
  crash?: () => void
}
