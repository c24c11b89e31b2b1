// The replica's state, shared by the handler modules. Handlers are functions of (state, input)
// that push actions onto `state.out`; `Replica.step` collects them. Nothing here does I/O.
import { signingBytes, type Batch, type NewView, type Checkpoint, type Commit, type Evidence, type PrePrepare, type Prepare, type PreparedCert, type ReplicaMessage, type SignedKind, type Transaction, type ViewChange } from '../codec/index.js'
import { nullProposal, proposalDigest } from '../crypto/digests.js'
import { toHex } from '../crypto/hash.js'
import { quorum, primaryOf } from './quorum.js'
import type { DropReason } from './drops.js'
import type { Action, PlantedFault, ProtocolConfig, ProtocolCrypto, WalRecord } from './types.js'

/** Everything the replica knows about one sequence number in the current view. */
export interface Slot {
  seq: number
  view: number
  prePrepare?: PrePrepare
  batch?: Batch
  digest?: string
  /** Votes of this view, by replica; digests may differ (a traitor's). */
  prepares: Map<number, Prepare>
  commits: Map<number, Commit>
  prepared: boolean
  committed: boolean
}

export interface PendingRequest { tx: Transaction, key: string, arrivedMs: number, bytes: number }

export interface PreparedEntry { cert: PreparedCert, batch: Batch, view: number, digest: string }

/** A cached answer to a transaction, and what it counts against CACHED_REPLY_BYTES_MAX. */
export interface CachedReply { action: Action & { type: 'reply' }, bytes: number }

/** Per client: the reply to the first execution of each of its most recently executed nonces. */
export interface ClientEntry { replies: Map<number, CachedReply> }

export class AssertionError extends Error {
  override readonly name = 'AssertionError'
}

export function assert (cond: boolean, what: string): asserts cond {
  if (!cond) throw new AssertionError(`protocol invariant violated: ${what}`)
}

export const hex = toHex
export function requestKey (tx: Transaction): string { return `${toHex(tx.client)}/${tx.nonce}` }

export class State {
  readonly n: number
  readonly f: number
  readonly q: number
  readonly id: number
  readonly planted: ReadonlySet<PlantedFault>

  out: Action[] = []
  nowMs = 0
  /**
   * The clock of the liveness timers (request timer, view-change timer): it follows nowMs but
   * advances by timerAdvance (limits.ts) per tick: in full for ticks on time, at a quarter for
   * the part of a gap this replica spent busy in its own steps, at most TIMER_STEP_MAX_MS, so
   * time it spent unable to run (an event loop blocked or starved of CPU) does not count
   * against the primary. After such a
   * stall the first tick would otherwise find a timer long expired while the PREPAREs, COMMITs
   * and executions that arrived meanwhile still wait in the socket, and start a view change
   * against a primary that made progress all along.
   */
  timerMs = 0

  view = 0
  /** True between sending VIEW-CHANGE for `view` and accepting its NEW-VIEW. */
  viewChanging = false
  /** The view whose NEW-VIEW has been accepted (or 0): normal-case messages are taken only then. */
  activeView = 0
  viewChangeStartedMs = 0
  consecutiveViewChanges = 0
  /** Executions since the backoff last decayed (view-change.ts decayBackoff). */
  calmExecutions = 0
  viewChangesTotal = 0
  /** Why this replica last started a view change (for logs and /status). */
  viewChangeCause: string | undefined
  timerStartedMs: number | undefined
  /** Replicas whose connection the host reported closed, with the liveness clock (timerMs) then. */
  readonly peersLost = new Map<number, number>()

  /** Last time something executed (or the view changed): the retransmit timer measures from it. */
  lastProgressMs = 0
  lastRetransmitMs = 0
  lastExecuted = 0
  /** Highest seq for which an `execute` action was emitted. */
  lastExecuteEmitted = 0
  /**
   * Batches handed to execution and not yet reported executed. Their replies are made from these
   * when the executed event comes, even if 2f+1 CHECKPOINTs made a later seq stable in between
   * and garbage collection removed their slots from the log (the driver executes asynchronously).
   */
  readonly executing = new Map<number, Batch>()
  /** Set while state transfer to this seq runs. */
  fetching: number | undefined
  /** Restored behind our own stable checkpoint: ask for state transfer at the first step. */
  fetchOnStart = false
  /** Since when a committed seq waits above one that is not committed (gap.ts). */
  gapSinceMs: number | undefined
  /** The last gap fetch: up to which seq, and when. */
  gapFetchedTo = 0
  gapFetchedAtMs = -Infinity

  stableSeq = 0
  stableHash: Uint8Array = new Uint8Array(32)
  stableProof: Checkpoint[] = []

  readonly log = new Map<number, Slot>()
  readonly preparedCerts = new Map<number, PreparedEntry>()
  readonly checkpoints = new Map<number, Map<number, Checkpoint>>()
  readonly checkpointsBySender = new Map<number, number[]>()

  readonly pending = new Map<string, PendingRequest>()
  readonly pendingPerClient = new Map<string, number>()
  readonly inFlight = new Set<string>()
  /** Pending requests not yet in any accepted batch, in arrival order (a subset of `pending`). */
  readonly queue = new Map<string, PendingRequest>()
  queueBytes = 0
  readonly clients = new Map<string, ClientEntry>()
  /** Replies cached over all clients (bounded by CACHED_REPLIES_MAX), and their bytes (CACHED_REPLY_BYTES_MAX). */
  cachedReplies = 0
  cachedReplyBytes = 0
  nextSeq = 1
  lastProposalMs = 0

  /** VIEW-CHANGEs received, by new view, then by sender. */
  readonly viewChanges = new Map<number, Map<number, { vc: ViewChange, batches: Batch[] }>>()
  /** Own signed digests by `${kind}/${view}/${seq}`: never sign another digest for these. */
  readonly ownSigned = new Map<string, string>()
  ownViewChange: { vc: ViewChange, batches: Batch[] } | undefined
  newViewSent = -1
  /** The NEW-VIEW this replica sent as primary, re-sent to replicas still asking for that view. */
  ownNewView: { newView: NewView, batches: Batch[] } | undefined
  /** The NEW-VIEW a backup installed (with the batches it came with), to forward to laggards. */
  installedNewView: { newView: NewView, batches: Batch[] } | undefined
  /** When a NEW-VIEW was last sent to each replica still waiting for it (at most one per retransmit interval). */
  readonly newViewSentTo = new Map<number, number>()

  readonly future = new Map<number, Array<{ from: number, message: ReplicaMessage }>>()
  readonly firstSeen = new Map<string, ReplicaMessage>()
  readonly reported = new Set<string>()
  readonly pendingEvidence: Evidence[] = []

  readonly dropped = new Map<DropReason, number>()

  constructor (readonly cfg: ProtocolConfig, readonly crypto: ProtocolCrypto) {
    const qu = quorum(cfg.publicKeys.length)
    this.n = qu.n
    this.f = qu.f
    this.q = qu.q
    this.id = cfg.id
    this.planted = new Set(cfg.plantedFaults ?? [])
    assert(cfg.id >= 0 && cfg.id < this.n, 'replica id within 0..n-1')
    assert(cfg.window % cfg.checkpointInterval === 0 && cfg.window > 0, 'window is a positive multiple of the checkpoint interval')
  }

  primary (view = this.view): number { return primaryOf(view, this.n) }
  isPrimary (): boolean { return this.primary() === this.id }
  get low (): number { return this.stableSeq }
  get high (): number { return this.stableSeq + this.cfg.window }
  inWindow (seq: number): boolean { return seq > this.low && seq <= this.high }

  drop (reason: DropReason): void { this.dropped.set(reason, (this.dropped.get(reason) ?? 0) + 1) }

  sign<T extends { signature: Uint8Array }> (kind: SignedKind, m: T): T {
    return { ...m, signature: this.crypto.sign(signingBytes(kind, { ...m, signature: new Uint8Array(0) })) }
  }

  verifyFrom (kind: SignedKind, replica: number, m: { signature: Uint8Array }): boolean {
    const key = this.cfg.publicKeys[replica]
    return key !== undefined && this.crypto.verify(key, signingBytes(kind, m), m.signature)
  }

  persist (...records: WalRecord[]): void { this.out.push({ type: 'persist', records }) }
  broadcast (message: ReplicaMessage): void { this.out.push({ type: 'broadcast', message }) }
  send (to: number, message: ReplicaMessage): void { this.out.push({ type: 'send', to, message }) }

  /** Records that this replica signs `digest` for (kind, view, seq); false if it signed another. */
  claim (kind: string, view: number, seq: number, digest: string): boolean {
    const k = `${kind}/${view}/${seq}`
    const prev = this.ownSigned.get(k)
    if (prev !== undefined) return prev === digest
    this.ownSigned.set(k, digest)
    return true
  }

  slot (seq: number, view = this.view): Slot {
    let s = this.log.get(seq)
    if (s === undefined || (s.view < view && !s.committed)) {
      s = { seq, view, prepares: new Map(), commits: new Map(), prepared: false, committed: false }
      this.log.set(seq, s)
    }
    return s
  }

  /** A fresh slot for `seq` in `view`, replacing whatever an older view left (NEW-VIEW's O). */
  resetSlot (seq: number, view: number): Slot {
    const s: Slot = { seq, view, prepares: new Map(), commits: new Map(), prepared: false, committed: false }
    this.log.set(seq, s)
    return s
  }

  nullBatch (seq: number, view: number): Batch {
    return { proposal: nullProposal(this.cfg.chainId, seq, view, this.primary(view)), txs: [], evidence: [] }
  }
}

/** How long without progress before a replica re-sends what it signed (retransmit.ts). */
export function retransmitMs (s: State): number {
  return Math.max(50, Math.floor(s.cfg.viewChangeTimeoutMs / 2))
}

export function digestOf (batch: Batch): string {
  return toHex(proposalDigest(batch.proposal))
}
