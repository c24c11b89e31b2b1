// The one action performer of the PBFT core (src/protocol `step(event) -> actions`), used by
// the node (through driver.ts, with real ports), the simulator (src/sim/world.ts, simulated
// ports) and the protocol tests (test/protocol/helpers.ts, arrays). It owns:
//
// - Group commit. The actions of a round (the events stepped together) are performed as:
//   1. every `persist` record of the round, in ONE durable write (WalPort.persist),
//   2. then sends, replies, executions and the rest, in the core's order.
//   Persisting a record earlier than the core's ordering contract (types.ts) requires is always
//   safe, so moving a round's persists in front of its sends keeps persist-before-send (PBFT
//   §4.2; no self-equivocation after a crash) while paying one fsync per round, not per vote.
// - The planted fault `send-before-persist` (test-only): the same round with the write after
//   the sends. This is the one place it is switched; the simulator must catch it.
// - The execute -> `executed` loop: each `execute` goes to the block store, and the block it
//   appended comes back to the core as an `executed` event. Inline (the simulator and the
//   tests: the event is stepped at once, before the round's later actions) or pipelined (the
//   node: executions run in their own ordered chain, and the event is queued when the append
//   finishes, so a block's fsync never holds up voting on the next sequence numbers).
//
// A round is written once, as a generator that yields what a port returned. `step` awaits a
// promise; `stepSync`, for synchronous ports, hands the value straight back.
import { assertNever } from '../codec/index.js'
import type { Action, PlantedFault, ProtocolEvent, WalRecord } from '../protocol/types.js'
import type { AppliedBlock, HostPorts } from './ports.js'

/** A round in progress: yields port results (values or promises), receives them resolved. */
type Round = Generator<unknown, void, unknown>

export interface HostOptions {
  /** The replica's test-only planted faults (ProtocolConfig.plantedFaults); the host honours `send-before-persist`. */
  plantedFaults?: readonly PlantedFault[]
  /**
   * Pipelined execution (the node): where the `executed` event of a finished execution goes
   * (the driver's queue), and what stops the host when an execution fails. Without it,
   * execution is inline.
   */
  pipeline?: { enqueue: (event: ProtocolEvent) => void, fatal: (err: unknown) => void }
}

export interface HostStats { rounds: number, events: number, persistBatches: number, records: number }

type Execute = Extract<Action, { type: 'execute' }>

export class ReplicaHost {
  readonly stats: HostStats = { rounds: 0, events: 0, persistBatches: 0, records: 0 }
  private stopped = false
  private executing: Promise<void> = Promise.resolve()
  private readonly sendBeforePersist: boolean

  constructor (private readonly ports: HostPorts, private readonly options: HostOptions = {}) {
    this.sendBeforePersist = options.plantedFaults?.includes('send-before-persist') === true
  }

  /**
   * Steps `events` into the core, in order, and performs their actions as one round. With
   * `crashAfter` = k (the simulator's crash fault), the process dies after k of the round's
   * effects (the WAL write counts as one): the `crash` port is called and the host stops.
   */
  async step (events: ProtocolEvent[], crashAfter = -1): Promise<void> {
    const round = this.round(events, crashAfter)
    for (let next = round.next(); next.done !== true;) {
      next = round.next(next.value instanceof Promise ? await next.value : next.value)
    }
  }

  /** `step` for synchronous ports (the protocol tests): throws if a port returns a promise. */
  stepSync (events: ProtocolEvent[]): void {
    const round = this.round(events, -1)
    for (let next = round.next(); next.done !== true; next = round.next(next.value)) {
      if (next.value instanceof Promise) throw new TypeError('a port answered with a promise: use ReplicaHost.step, not stepSync')
    }
  }

  /** No further effects: a crashed process, a stopped node. Executions in the pipeline are abandoned. */
  stop (): void { this.stopped = true }

  isStopped (): boolean { return this.stopped }

  /** Runs `work` after every execution queued so far (pipelined execution; state transfer uses it). */
  async serialize<T> (work: () => Promise<T>): Promise<T> {
    const run = this.executing.then(work)
    this.executing = run.then(() => {}, () => {})
    return await run
  }

  /** Resolves when every execution queued so far has finished. */
  async executed (): Promise<void> { await this.executing }

  private * round (events: ProtocolEvent[], crashAfter: number): Round {
    if (this.stopped) return
    const actions: Action[] = []
    for (const e of events) for (const a of this.ports.core.step(e)) actions.push(a)
    this.stats.rounds++
    this.stats.events += events.length
    yield * this.perform(actions, crashAfter)
  }

  /** Group commit (see the top of this file); `crashAfter` counts effects performed. */
  private * perform (actions: Action[], crashAfter: number): Round {
    const records: WalRecord[] = []
    for (const a of actions) if (a.type === 'persist') records.push(...a.records)
    let performed = 0
    const proceed = (): boolean => {
      if (this.stopped) return false
      if (performed++ !== crashAfter) return true
      this.crash()
      return false
    }
    if (records.length > 0 && !this.sendBeforePersist) {
      if (!proceed()) return
      yield * this.persist(records)
    }
    for (const a of actions) {
      if (a.type === 'persist') continue
      if (!proceed()) return
      yield * this.perform1(a)
    }
    if (records.length > 0 && this.sendBeforePersist) {
      if (!proceed()) return
      yield * this.persist(records)
    }
    if (crashAfter >= performed && !this.stopped) this.crash()
  }

  private * persist (records: WalRecord[]): Round {
    yield this.ports.wal.persist(records)
    this.stats.persistBatches++
    this.stats.records += records.length
  }

  private * perform1 (a: Action): Round {
    switch (a.type) {
      case 'persist': break // written by perform, for the whole round
      case 'send': this.ports.network.send(a.to, a.message); break
      case 'broadcast': this.ports.network.broadcast(a.message); break
      case 'execute': yield * this.execute(a); break
      case 'reply': this.ports.clients.reply(a.client, a.reply); break
      case 'reject': this.ports.clients.reject(a.tx, a.reason); break
      case 'evidence': this.ports.evidence(a.evidence); break
      case 'fetch-state': this.ports.fetchState(a.seq, a.blockHash, a.peers); break
      default: assertNever(a)
    }
  }

  private * execute (a: Execute): Round {
    const pipeline = this.options.pipeline
    if (pipeline !== undefined) {
      this.executing = this.executing.then(async () => {
        if (this.stopped) return
        pipeline.enqueue(this.applied(a, await this.ports.ledger.applyCommitted(a.seq, a.view, a.batch, a.cert)))
      }).catch(err => {
        this.stopped = true
        pipeline.fatal(err)
      })
      return
    }
    const applied = (yield this.ports.ledger.applyCommitted(a.seq, a.view, a.batch, a.cert)) as AppliedBlock
    yield * this.round([this.applied(a, applied)], -1)
  }

  /** The `executed` event for a block the store appended (after telling the `executed` port). */
  private applied (a: Execute, applied: AppliedBlock): ProtocolEvent {
    this.ports.executed?.(a.seq, applied, a.batch.txs.length)
    return { type: 'executed', seq: a.seq, blockHash: applied.blockHash, header: applied.block.header, results: applied.results }
  }

  private crash (): void {
    this.stopped = true
    this.ports.crash?.()
  }
}
