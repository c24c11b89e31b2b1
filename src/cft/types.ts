// The contract of the CFT (Raft) core: `CftReplica.step(event) -> CftAction[]`, the same shape as
// the PBFT core (src/protocol/types.ts) so one host can drive either. Pure: no I/O, clock or
// randomness. Time arrives in tick events; the election jitter comes from a PRNG seeded by the
// host (config.seed); signing is injected.
//
// Ordering contract (as PBFT's): a driver performs the actions in order, and a `persist` must be
// durable before any later action of the same list. So a replica never sends a vote or an
// acknowledgement it has not first persisted the state for. See docs/cft.md.
//
// Messages and records are local TS types for now; codec integration is a later step.
import type { Batch, BlockHeader, Transaction, TxResult } from '../codec/index.js'

export type ReplicaId = number

/** Injected crypto: this replica's signing key and the cluster's verification rule. */
export interface CftCrypto {
  sign: (bytes: Uint8Array) => Uint8Array
  verify: (publicKey: Uint8Array, bytes: Uint8Array, signature: Uint8Array) => boolean
}

/** Deliberate bugs, for proving that the tests catch them. Test-only. */
export type CftPlantedFault =
  | 'commit-earlier-term'  // commit an entry of an earlier term by counting replicas (Raft §5.4.2, Figure 8)
  | 'vote-twice'           // grant a second vote in a term already voted in (breaks §5.2 election safety)
  | 'skip-log-matching'    // accept AppendEntries without the prevLogIndex/prevLogTerm check (§5.3)

export interface CftConfig {
  chainId: string
  id: ReplicaId
  /** ed25519 public keys of replicas 0..n-1 (from genesis). n = 2f+1 >= 3. */
  publicKeys: Uint8Array[]
  /** Base election timeout; each wait is drawn uniformly from [base, 2·base). */
  electionTimeoutMs: number
  /** A leader sends AppendEntries (possibly empty) at least this often. */
  heartbeatMs: number
  /** Transactions per entry (one entry = one block), at most. */
  batchTxsMax: number
  /** Seed of this replica's election-jitter PRNG (the host picks it; the simulator derives it from its run seed). */
  seed: number
  plantedFaults?: CftPlantedFault[]
}

/** One log entry: a batch, ordered at index batch.proposal.seq, proposed in term batch.proposal.view. */
export interface Entry { term: number, batch: Batch }

/** A replica's signature over ack(chainId, term, index, digest(index)) (log.ts ackBytes). */
export interface Ack { replica: ReplicaId, signature: Uint8Array }

/**
 * Proof that entry `index` (of term `term`, so §5.4.2 applies) and with it every entry below is
 * committed: f+1 acks of (term, index, digest) from distinct replicas, the term's leader among them.
 */
export interface CommitCert { term: number, index: number, digest: Uint8Array, acks: Ack[] }

export type CftMessage =
  | { type: 'request-vote', term: number, lastLogIndex: number, lastLogTerm: number }
  | { type: 'vote', term: number, granted: boolean }
  | {
    type: 'append-entries', term: number, prevLogIndex: number, prevLogTerm: number, entries: Entry[],
    /** The leader's commit index; `cert` proves it (absent while the leader knows no commit). */
    leaderCommit: number, cert: CommitCert | undefined
  }
  /**
   * Success: the follower's log matches the leader's up to `matchIndex`, with one ack (signature)
   * per entry of the request, in order. Failure: `matchIndex` is a hint, the follower's last index.
   */
  | { type: 'append-response', term: number, success: boolean, matchIndex: number, acks: Uint8Array[] }
  /** Client transactions forwarded to the leader. */
  | { type: 'forward', txs: Transaction[] }

/** Durable records: what the driver must fsync before the sends that follow. */
export type CftRecord =
  | { kind: 'hard-state', term: number, votedFor: ReplicaId | undefined }
  /** Drop the log from index `from` on, then append `entries` at `from`, `from + 1`, ... */
  | { kind: 'entries', from: number, entries: Entry[] }

export type CftEvent =
  | { type: 'tick', nowMs: number }
  | { type: 'message', from: ReplicaId, message: CftMessage }
  | { type: 'request', tx: Transaction }
  /** The driver executed the entry at `index` (after an `execute` action) and appended its block. */
  | { type: 'executed', index: number, blockHash: Uint8Array, header: BlockHeader, results: TxResult[] }

/** What a replica tells a client: its transaction's place and result (the block proves it). */
export interface CftReply { nonce: number, index: number, blockHash: Uint8Array, result: TxResult }

export type CftAction =
  | { type: 'persist', records: CftRecord[] }
  | { type: 'send', to: ReplicaId, message: CftMessage }
  | { type: 'broadcast', message: CftMessage }
  /** Execute the committed entry at `index` (strictly in order, each once); `cert` proves it (cert.index >= index). */
  | { type: 'execute', index: number, term: number, batch: Batch, cert: CommitCert | undefined }
  | { type: 'reply', client: Uint8Array, reply: CftReply }
  /** A client transaction refused before ordering (a bound reached). */
  | { type: 'reject', tx: Transaction, reason: string }

export type Role = 'follower' | 'candidate' | 'leader'

export interface CftStatus {
  id: ReplicaId
  term: number
  role: Role
  leader: ReplicaId | undefined
  votedFor: ReplicaId | undefined
  lastIndex: number
  commitIndex: number
  lastApplied: number
  pendingRequests: number
}

/** What a replica restarts from: its persisted records and what its ledger has executed. */
export interface CftRestore { records: CftRecord[], lastExecuted: number }

/** The core's surface: new CftReplica(config, crypto, restore?). */
export interface CftCore {
  step: (event: CftEvent) => CftAction[]
  status: () => CftStatus
  drops: () => Readonly<Record<string, number>>
}
