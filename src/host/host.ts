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
// - State transfer (transfer.ts, with the `transfer` port): `state-request` and
//   `state-response` messages are handled here, not by the core; `fetch-state` actions start a
//   fetch; ticks time out silent peers; the blocks applied come back as `state-transferred`.
//   Its ledger work runs in execution order, like an `execute` (inline or in the chain).
//
// A round is written once, as a generator that yields what a port returned (tasks.ts). `step`
// awaits a promise; `stepSync`, for synchronous ports, hands the value straight back.
import { assertNever, type ReplicaMessage, type StateRequest } from '../codec/index.js'
import { proposalOf } from '../ledger/block.js'
import type { Action, PlantedFault, ProtocolEvent, ReplicaId, WalRecord } from '../protocol/types.js'
import type { AppliedBlock, HostPorts } from './ports.js'
import { runTask, runTaskSync, type Task } from './tasks.js'
import { ServeBudget, serveStateRequest } from './transfer-serve.js'
import { StateTransfer } from './transfer.js'

/** A round in progress: yields port results (values or promises), receives them resolved. */
type Round = Task<void>

export interface HostOptions {
  /** The replica's test-only planted faults (ProtocolConfig.plantedFaults); the host honours `send-before-persist` and `transfer-unchecked`. */
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
  /** State transfer (transfer.ts), with the `transfer` port. */
  readonly transfer: StateTransfer | undefined
  /** The last tick's time: state transfer's clock. */
  private nowMs: number | undefined
  /** State requests served per peer (a traitor cannot have this replica read its store flat out). */
  private readonly serveBudget = new ServeBudget()

  constructor (private readonly ports: HostPorts, private readonly options: HostOptions = {}) {
    this.sendBeforePersist = options.plantedFaults?.includes('send-before-persist') === true
    const t = ports.transfer
    if (t === undefined) return
    const unchecked = options.plantedFaults?.includes('transfer-unchecked') === true
    this.transfer = new StateTransfer({
      ...t, send: (to, m) => { this.sendOwn(to, m) },
      // The planted bug: the transferred batch is executed as if this replica had seen it
      // commit, so neither its certificate nor the rest of the block is checked.
      ...(unchecked ? { applyUnchecked: b => this.ports.ledger.applyCommitted(b.header.height, b.header.view, { proposal: proposalOf(b.header), txs: b.txs, evidence: b.evidence }, b.cert.commits) } : {})
    })
  }

  /**
   * Steps `events` into the core, in order, and performs their actions as one round. With
   * `crashAfter` = k (the simulator's crash fault), the process dies after k of the round's
   * effects (the WAL write counts as one): the `crash` port is called and the host stops.
   */
  async step (events: ProtocolEvent[], crashAfter = -1): Promise<void> {
    await runTask(this.round(events, crashAfter))
  }

  /** `step` for synchronous ports (the protocol tests): throws if a port returns a promise. */
  stepSync (events: ProtocolEvent[]): void {
    runTaskSync(this.round(events, -1))
  }

  /** No further effects: a crashed process, a stopped node. Executions in the pipeline are abandoned. */
  stop (): void { this.stopped = true }

  isStopped (): boolean { return this.stopped }

  /** Resolves when every execution queued so far has finished. */
  async executed (): Promise<void> { await this.executing }

  private * round (events: ProtocolEvent[], crashAfter: number): Round {
    if (this.stopped) return
    const actions: Action[] = []
    const transferMessages: Array<{ from: ReplicaId, message: ReplicaMessage }> = []
    let ticked = false
    for (const e of events) {
      if (e.type === 'tick') { this.nowMs = e.nowMs; ticked = true }
      if (this.transfer !== undefined && e.type === 'message' && (e.message.type === 'state-request' || e.message.type === 'state-response')) {
        transferMessages.push(e)
        continue
      }
      for (const a of this.ports.core.step(e)) actions.push(a)
    }
    this.stats.rounds++
    this.stats.events += events.length
    yield * this.perform(actions, crashAfter)
    for (const { from, message } of transferMessages) yield * this.onTransferMessage(from, message)
    if (ticked && !this.stopped) this.afterTick()
  }

  /** A tick's own work of the host: state transfer's timeouts, a traitor's undecodable frames. */
  private afterTick (): void {
    if (this.nowMs !== undefined) this.transfer?.tick(this.nowMs)
    for (const frame of this.ports.core.malformed?.() ?? []) this.ports.network.broadcastFrame?.(frame)
  }

  /** A `state-request` is served from the block store; the awaited `state-response` is applied. */
  private * onTransferMessage (from: ReplicaId, m: ReplicaMessage): Round {
    const t = this.transfer
    const own = this.ports.transfer
    if (t === undefined || own === undefined || this.stopped) return
    if (m.type === 'state-request' && m.stateRequest.chainId === own.chainId) {
      if (this.serveBudget.allow(from, this.nowMs)) yield * this.ordered(this.serve(from, m.stateRequest))
      else t.stats.refusedRequests++
    } else if (m.type === 'state-response' && m.stateResponse.chainId === own.chainId && t.claim(from)) {
      yield * this.ordered(t.onResponse(from, m.stateResponse, this.nowMs ?? 0))
    }
  }

  private * serve (from: ReplicaId, req: StateRequest): Task<ProtocolEvent[]> {
    const own = this.ports.transfer
    if (own === undefined || this.transfer === undefined) return []
    yield * serveStateRequest(own.chainId, own.id, own.blocks, from, req, (to, m) => { this.sendOwn(to, m) }, this.transfer.stats)
    return []
  }

  /** A message of the host's own (state transfer), through the core's `outbound` (a traitor's lies). */
  private sendOwn (to: ReplicaId, m: ReplicaMessage): void {
    this.ports.network.send(to, this.ports.core.outbound?.(to, m) ?? m)
  }

  /**
   * Ledger work in execution order: inline, its events stepped at once as a nested round; or
   * pipelined, in the execution chain, its events queued.
   */
  private * ordered (task: Task<ProtocolEvent[]>): Round {
    const pipeline = this.options.pipeline
    if (pipeline === undefined) {
      const events = yield * task
      if (events.length > 0) yield * this.round(events, -1)
      return
    }
    this.chain(async () => { for (const e of await runTask(task)) pipeline.enqueue(e) })
  }

  /** Appends `work` to the execution chain (pipelined); a failure stops the host. */
  private chain (work: () => Promise<void>): void {
    const pipeline = this.options.pipeline
    this.executing = this.executing.then(async () => { if (!this.stopped) await work() }).catch(err => {
      this.stopped = true
      pipeline?.fatal(err)
    })
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
      case 'fetch-state':
        this.ports.fetchState?.(a.seq, a.blockHash, a.peers)
        if (this.transfer !== undefined) yield * this.ordered(this.transfer.start(a.seq, a.blockHash, a.peers, this.nowMs))
        break
      default: assertNever(a)
    }
  }

  private * execute (a: Execute): Round {
    const pipeline = this.options.pipeline
    if (pipeline !== undefined) {
      this.chain(async () => {
        if (this.transferredFirst(a.seq)) return
        pipeline.enqueue(this.applied(a, await this.ports.ledger.applyCommitted(a.seq, a.view, a.batch, a.cert)))
      })
      return
    }
    const applied = (yield this.ports.ledger.applyCommitted(a.seq, a.view, a.batch, a.cert)) as AppliedBlock
    yield * this.round([this.applied(a, applied)], -1)
  }

  /**
   * State transfer appended `seq`'s block before its queued execution ran: the core committed a
   * seq of a gap while blocks were fetched to fill it. The block is the one committed there
   * (certified; agreement), and the transfer's `state-transferred` event, queued before this,
   * tells the core; executing it again would fail on the ledger's head and stop the replica.
   * Pipelined execution only: inline, a transfer and the executions never overlap, and a second
   * execution of a seq is a bug the simulator must see.
   */
  private transferredFirst (seq: number): boolean {
    const blocks = this.ports.transfer?.blocks
    return blocks !== undefined && blocks.head().height >= seq
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
