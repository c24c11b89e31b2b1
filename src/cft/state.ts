// The CFT replica's state, shared by the handler modules: handlers are functions of (state,
// input) that push actions onto `state.out`, and `CftReplica.step` collects them. No I/O here.
import { toHex } from '../crypto/hash.js'
import { Jitter } from './jitter.js'
import { ackBytes, RaftLog } from './log.js'
import type { CftAction, CftConfig, CftCrypto, CftMessage, CftPlantedFault, CftRecord, CommitCert, Role } from './types.js'
import type { Transaction } from '../codec/index.js'

export class CftAssertionError extends Error {
  override readonly name = 'CftAssertionError'
}

export function assert (cond: boolean, what: string): asserts cond {
  if (!cond) throw new CftAssertionError(`cft invariant violated: ${what}`)
}

export function requestKey (tx: Transaction): string { return `${toHex(tx.client)}/${tx.nonce}` }

export type CftDropReason =
  | 'unknown-sender' | 'stale-term' | 'malformed-append' | 'bad-ack' | 'not-leader' | 'pending-full' | 'duplicate-request'

export class CftState {
  readonly n: number
  /** A majority: f+1 of n = 2f+1. */
  readonly majority: number
  readonly id: number
  readonly planted: ReadonlySet<CftPlantedFault>
  readonly log = new RaftLog()
  readonly jitter: Jitter
  out: CftAction[] = []

  // Persistent (CftRecord 'hard-state' and 'entries'): written before any send that depends on them.
  term = 0
  votedFor: number | undefined

  // Volatile.
  role: Role = 'follower'
  leader: number | undefined
  /** Highest index known committed; never above the log's last index, never decreases. */
  commitIndex = 0
  /** Proof of an index >= commitIndex (absent only while nothing was committed since the start). */
  cert: CommitCert | undefined
  /** Highest index handed to execution, and highest the driver reported executed. */
  lastExecuteEmitted = 0
  lastApplied = 0

  /** The clock (from ticks; -1 before the first), when the election timer last restarted, and its current length. */
  nowMs = -1
  electionStartMs = 0
  electionTimeoutMs = 0
  lastHeartbeatMs = 0

  // Candidate.
  readonly votes = new Set<number>()

  // Leader: per follower, the next index to send and the highest known replicated; acks per
  // index of this term's uncommitted entries, by replica.
  readonly nextIndex = new Map<number, number>()
  readonly matchIndex = new Map<number, number>()
  readonly acks = new Map<number, Map<number, Uint8Array>>()

  // Client requests: waiting to be proposed or forwarded, keys recently proposed, and the clients
  // that reached this replica directly (it replies to them).
  readonly pending = new Map<string, Transaction>()
  readonly proposedKeys = new Set<string>()
  readonly waiting = new Map<string, Uint8Array>()

  readonly dropped = new Map<CftDropReason, number>()

  constructor (readonly cfg: CftConfig, readonly crypto: CftCrypto) {
    this.n = cfg.publicKeys.length
    this.majority = Math.floor(this.n / 2) + 1
    this.id = cfg.id
    this.planted = new Set(cfg.plantedFaults ?? [])
    this.jitter = new Jitter(cfg.seed)
    assert(this.n >= 3 && this.n % 2 === 1, 'a CFT cluster has n = 2f+1 >= 3 replicas')
    assert(cfg.id >= 0 && cfg.id < this.n, 'replica id within 0..n-1')
    assert(cfg.heartbeatMs > 0 && cfg.heartbeatMs * 2 <= cfg.electionTimeoutMs, 'heartbeats come well within the election timeout')
    this.resetElectionTimer()
  }

  drop (reason: CftDropReason): void { this.dropped.set(reason, (this.dropped.get(reason) ?? 0) + 1) }
  persist (...records: CftRecord[]): void { this.out.push({ type: 'persist', records }) }
  persistHardState (): void { this.persist({ kind: 'hard-state', term: this.term, votedFor: this.votedFor }) }
  send (to: number, message: CftMessage): void { this.out.push({ type: 'send', to, message }) }
  broadcast (message: CftMessage): void { this.out.push({ type: 'broadcast', message }) }
  peers (): number[] { return [...Array(this.n).keys()].filter(r => r !== this.id) }

  /** Restarts the election timer with a fresh random length in [base, 2·base). */
  resetElectionTimer (): void {
    const base = this.cfg.electionTimeoutMs
    this.electionStartMs = Math.max(0, this.nowMs)
    this.electionTimeoutMs = base + this.jitter.below(base)
  }

  /** This replica's signature over ack(term, index, digest(index)) of its own log. */
  signAck (index: number): Uint8Array {
    return this.crypto.sign(ackBytes(this.cfg.chainId, this.term, index, this.log.digestAt(index)))
  }

  verifyAck (replica: number, index: number, signature: Uint8Array): boolean {
    const key = this.cfg.publicKeys[replica]
    return key !== undefined && this.crypto.verify(key, ackBytes(this.cfg.chainId, this.term, index, this.log.digestAt(index)), signature)
  }

  /** §5.1: a higher term seen anywhere makes this replica a follower of that term, with no vote yet. */
  stepDown (term: number, leader?: number): void {
    if (term > this.term) {
      this.term = term
      this.votedFor = undefined
      this.persistHardState()
    }
    this.role = 'follower'
    this.leader = leader
    this.votes.clear()
    this.acks.clear()
  }
}
