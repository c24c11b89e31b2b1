// Drives the pure core with real I/O. One event at a time goes into `step`; the actions of a
// round of events are performed with group commit:
//   1. every `persist` record of the round is written in ONE fsynced batch,
//   2. then sends, replies and the rest, in order.
// Persisting a record earlier than the contract requires is always safe, so moving all of a
// round's persists in front of its sends keeps persist-before-send while paying one fsync per
// round instead of one per message. Execution runs in its own ordered pipeline, so a block's
// fsync does not hold up voting on the next sequence numbers.
//
// Consensus before clients (Aardvark, BFT-SMaRt): events of replicas (messages, ticks,
// executions, state transfer) and client requests wait in separate bounded queues. A round
// takes every replica event first, then at most REQUESTS_PER_ROUND_MAX requests, so a flood of
// requests can never delay a PREPARE or a COMMIT; and the driver yields to the event loop
// between rounds, so sockets, timers and the HTTP API keep their turn under any load.
import { assertNever, encodeReplicaMessage, type Batch, type Commit, type Evidence, type Transaction, type TxReply } from '../codec/index.js'
import type { LedgerApi } from '../ledger/types.js'
import type { Action, ProtocolEvent, ReplicaCore, WalRecord } from '../protocol/types.js'

/** Replica events waiting to be stepped (messages beyond it are dropped and counted). */
export const EVENT_QUEUE_MAX = 50_000
export const EVENTS_PER_ROUND_MAX = 512
/** Client requests waiting to be stepped; when full, `push` says no and the node answers busy. */
export const REQUEST_QUEUE_MAX = 4096
export const REQUESTS_PER_ROUND_MAX = 256

export interface DriverIo {
  persist: (records: WalRecord[]) => Promise<void>
  send: (to: number, bytes: Uint8Array, type: string) => void
  broadcast: (bytes: Uint8Array, type: string) => void
  /** The answer to one of `client`'s transactions (src/protocol/replies.ts). */
  reply: (client: Uint8Array, reply: TxReply) => void
  reject: (tx: Transaction, reason: string) => void
  evidence: (evidence: Evidence) => void
  fetchState: (seq: number, blockHash: Uint8Array | undefined, peers: number[]) => void
  /** Called once per executed block (metrics, dashboards, waiting clients). */
  executed?: (seq: number, txs: number) => void
  /** Called for an unexpected error; the driver stops on it (a bug or a broken disk). */
  fatal: (err: unknown) => void
}

export interface DriverStats { rounds: number, events: number, droppedEvents: number, refusedRequests: number, persistBatches: number, records: number }

const yieldToEventLoop = async (): Promise<void> => { await new Promise(resolve => setImmediate(resolve)) }

export class Driver {
  private readonly queue: ProtocolEvent[] = []
  private readonly requests: ProtocolEvent[] = []
  private running = false
  private stopped = false
  private executing: Promise<void> = Promise.resolve()
  readonly stats: DriverStats = { rounds: 0, events: 0, droppedEvents: 0, refusedRequests: 0, persistBatches: 0, records: 0 }

  constructor (private readonly core: ReplicaCore, private readonly ledger: LedgerApi, private readonly io: DriverIo) {}

  /**
   * Queues an event. Replica messages beyond EVENT_QUEUE_MAX are dropped and counted; ticks
   * coalesce. A client request is refused (false) when REQUEST_QUEUE_MAX requests wait.
   */
  push (event: ProtocolEvent): boolean {
    if (this.stopped) return false
    if (event.type === 'request') {
      if (this.requests.length >= REQUEST_QUEUE_MAX) { this.stats.refusedRequests++; return false }
      this.requests.push(event)
    } else if (event.type === 'tick') {
      const last = this.queue[this.queue.length - 1]
      if (last?.type === 'tick') last.nowMs = event.nowMs
      else this.queue.push(event)
    } else if (this.queue.length >= EVENT_QUEUE_MAX && event.type !== 'executed' && event.type !== 'state-transferred') {
      this.stats.droppedEvents++
      return false
    } else {
      this.queue.push(event)
    }
    if (!this.running) void this.drain()
    return true
  }

  /** Events waiting: replica events and client requests. */
  backlog (): { events: number, requests: number } { return { events: this.queue.length, requests: this.requests.length } }

  /** Client requests queued and not yet stepped. */
  requestBacklog (): number { return this.requests.length }

  stop (): void {
    this.stopped = true
    this.queue.length = 0
    this.requests.length = 0
  }

  /** Runs ledger work after every execution queued so far (state transfer uses it). */
  async serialize<T> (work: () => Promise<T>): Promise<T> {
    const run = this.executing.then(work)
    this.executing = run.then(() => {}, () => {})
    return await run
  }

  /** Resolves when every queued event has been stepped and every execution has finished. */
  async idle (): Promise<void> {
    while (this.running || this.queue.length > 0 || this.requests.length > 0) await new Promise(resolve => setTimeout(resolve, 1))
    await this.executing
  }

  private async drain (): Promise<void> {
    this.running = true
    try {
      while ((this.queue.length > 0 || this.requests.length > 0) && !this.stopped) {
        const events = this.queue.splice(0, EVENTS_PER_ROUND_MAX)
        for (const r of this.requests.splice(0, REQUESTS_PER_ROUND_MAX)) events.push(r)
        const actions: Action[] = []
        for (const e of events) actions.push(...this.core.step(e))
        this.stats.rounds++
        this.stats.events += events.length
        await this.perform(actions)
        await yieldToEventLoop()
      }
    } catch (err) {
      this.stopped = true
      this.io.fatal(err)
    } finally {
      this.running = false
    }
  }

  private async perform (actions: Action[]): Promise<void> {
    const records: WalRecord[] = []
    for (const a of actions) if (a.type === 'persist') records.push(...a.records)
    if (records.length > 0) {
      await this.io.persist(records)
      this.stats.persistBatches++
      this.stats.records += records.length
    }
    for (const a of actions) {
      switch (a.type) {
        case 'persist': break
        case 'send': this.io.send(a.to, encodeReplicaMessage(a.message), a.message.type); break
        case 'broadcast': this.io.broadcast(encodeReplicaMessage(a.message), a.message.type); break
        case 'execute': this.execute(a.seq, a.view, a.batch, a.cert); break
        case 'reply': this.io.reply(a.client, a.reply); break
        case 'reject': this.io.reject(a.tx, a.reason); break
        case 'evidence': this.io.evidence(a.evidence); break
        case 'fetch-state': this.io.fetchState(a.seq, a.blockHash, a.peers); break
        default: assertNever(a)
      }
    }
  }

  private execute (seq: number, view: number, batch: Batch, cert: Commit[]): void {
    this.executing = this.executing.then(async () => {
      if (this.stopped) return
      const applied = await this.ledger.applyCommitted(seq, view, batch, cert)
      this.io.executed?.(seq, batch.txs.length)
      this.push({ type: 'executed', seq, blockHash: applied.blockHash, header: applied.block.header, results: applied.results })
    }).catch(err => {
      this.stopped = true
      this.io.fatal(err)
    })
  }
}
