// The host's event loop for a running replica (the node): events wait in queues and are
// stepped in rounds by a ReplicaHost (host.ts) with pipelined execution, so each round pays
// one group-committed WAL write and a block's append never holds up voting.
//
// Consensus before clients (Aardvark, BFT-SMaRt): events of replicas (messages, ticks,
// executions, state transfer) and client requests wait in separate bounded queues. A round
// takes every replica event first (up to EVENTS_PER_ROUND_MAX), then at most
// REQUESTS_PER_ROUND_MAX requests, so a flood of requests can never delay a PREPARE or a
// COMMIT; and the driver yields its turn (the `yieldTurn` port) between rounds, so sockets,
// timers and the HTTP API keep theirs under any load.
import type { ProtocolEvent } from '../protocol/types.js'
import { ReplicaHost, type HostOptions, type HostStats } from './host.js'
import { EVENT_QUEUE_MAX, EVENTS_PER_ROUND_MAX, REQUEST_QUEUE_MAX, REQUESTS_PER_ROUND_MAX } from './limits.js'
import type { HostPorts } from './ports.js'
import type { StateTransfer } from './transfer.js'

export interface DriverPorts extends HostPorts {
  /** Gives the rest of the process a turn between rounds (the node: setImmediate). */
  yieldTurn: () => Promise<void>
  /** An unexpected error (a bug or a broken disk); the driver has stopped. */
  fatal: (err: unknown) => void
}

export interface DriverStats extends HostStats { droppedEvents: number, refusedRequests: number }

export class Driver {
  private readonly queue: ProtocolEvent[] = []
  private readonly requests: ProtocolEvent[] = []
  private readonly host: ReplicaHost
  private running = false
  private draining: Promise<void> = Promise.resolve()
  private stopped = false
  private readonly dropped = { droppedEvents: 0, refusedRequests: 0 }

  constructor (private readonly ports: DriverPorts, options: Omit<HostOptions, 'pipeline'> = {}) {
    this.host = new ReplicaHost(ports, { ...options, pipeline: { enqueue: e => { this.push(e) }, fatal: err => { this.fail(err) } } })
  }

  get stats (): DriverStats { return { ...this.host.stats, ...this.dropped } }

  /**
   * Queues an event. Replica messages beyond EVENT_QUEUE_MAX are dropped and counted; ticks
   * coalesce. A client request is refused (false) when REQUEST_QUEUE_MAX requests wait.
   */
  push (event: ProtocolEvent): boolean {
    if (this.stopped) return false
    if (event.type === 'request') {
      if (this.requests.length >= REQUEST_QUEUE_MAX) { this.dropped.refusedRequests++; return false }
      this.requests.push(event)
    } else if (event.type === 'tick') {
      const last = this.queue[this.queue.length - 1]
      if (last?.type === 'tick') last.nowMs = event.nowMs
      else this.queue.push(event)
    } else if (this.queue.length >= EVENT_QUEUE_MAX && event.type !== 'executed' && event.type !== 'state-transferred') {
      this.dropped.droppedEvents++
      return false
    } else {
      this.queue.push(event)
    }
    if (!this.running) {
      this.running = true
      this.draining = this.drain()
    }
    return true
  }

  /** Events waiting: replica events and client requests. */
  backlog (): { events: number, requests: number } { return { events: this.queue.length, requests: this.requests.length } }

  /** Client requests queued and not yet stepped. */
  requestBacklog (): number { return this.requests.length }

  stop (): void {
    this.stopped = true
    this.host.stop()
    this.queue.length = 0
    this.requests.length = 0
  }

  /** Whether a state transfer is under way (transfer.ts), and its counters. */
  transfer (): { active: boolean, stats: StateTransfer['stats'] | undefined } {
    return { active: this.host.transfer?.active() === true, stats: this.host.transfer?.stats }
  }

  /** Resolves when every queued event has been stepped and every execution has finished. */
  async idle (): Promise<void> {
    do {
      while (this.running) await this.draining
      await this.host.executed() // may queue `executed` events, stepped by another drain
    } while (this.running)
  }

  private async drain (): Promise<void> {
    try {
      while ((this.queue.length > 0 || this.requests.length > 0) && !this.stopped) {
        const events = this.queue.splice(0, EVENTS_PER_ROUND_MAX)
        for (const r of this.requests.splice(0, REQUESTS_PER_ROUND_MAX)) events.push(r)
        await this.host.step(events)
        await this.ports.yieldTurn()
      }
    } catch (err) {
      this.fail(err)
    } finally {
      this.running = false
    }
  }

  private fail (err: unknown): void {
    this.stopped = true
    this.host.stop()
    this.ports.fatal(err)
  }
}
