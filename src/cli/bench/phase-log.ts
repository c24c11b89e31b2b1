// What happens in each phase of a multi-phase bench run: the load run whose timeline holds its
// commits, its counters, and the outcomes of the transactions submitted in it, busy answers
// received in it, and the bench's own event-loop delay (a busy generator delays what it measures).
import { monitorEventLoopDelay } from 'node:perf_hooks'
import type { BusyInfo } from '../../client/types.js'
import { LatencySamples } from './latency.js'
import type { LoadRun, Settled } from './load.js'

export interface PhaseSpec { name: string, load: 'closed' | 'open', multiple: number | null, offeredTxPerSec: number | null }

export interface PhaseRecord extends PhaseSpec {
  /** Start and end on the run's clock (ms); the end is set when the next phase begins or on end(). */
  startMs: number
  endMs: number
  run: LoadRun
  /** Submitted and shed during the phase. */
  submitted: number
  shed: number
  /** The pre-signed pool had run out by the end of the phase. */
  exhausted: boolean
  inFlightAtEnd: number
  /** Outcomes of the transactions submitted in this phase, whenever they settled. */
  committed: number
  failed: number
  errorsByName: Map<string, number>
  latency: LatencySamples
  /** Busy answers received during the phase (or after it, until the next phase begins). */
  busy: LatencySamples
  eventLoopDelayMs: { p99: number, max: number }
}

/** Transactions still in flight when the load dropped, and when the last of them settled. */
export interface Backlog { dropMs: number, atDrop: number, left: number, clearedMs: number | undefined }

export class PhaseLog {
  readonly phases: PhaseRecord[] = []
  readonly busy = new LatencySamples()
  readonly errorsByName = new Map<string, number>()
  backlog: Backlog | undefined
  private open: PhaseRecord | undefined
  private frozen = false
  private readonly loop = monitorEventLoopDelay({ resolution: 10 })

  constructor (private readonly clock: () => number) { this.loop.enable() }

  /** Ends the phase in progress (if any) and begins `spec` on `run` now. */
  begin (spec: PhaseSpec, run: LoadRun): PhaseRecord {
    this.end()
    const p: PhaseRecord = {
      ...spec, startMs: this.clock(), endMs: NaN, run, submitted: -run.stats.submitted, shed: -run.stats.shed, exhausted: false, inFlightAtEnd: 0,
      committed: 0, failed: 0, errorsByName: new Map(), latency: new LatencySamples(), busy: new LatencySamples(), eventLoopDelayMs: { p99: 0, max: 0 }
    }
    this.phases.push(p)
    this.open = p
    this.loop.reset()
    return p
  }

  end (): void {
    const p = this.open
    if (p === undefined) return
    p.endMs = this.clock()
    p.submitted += p.run.stats.submitted
    p.shed += p.run.stats.shed
    p.exhausted = p.run.stats.exhausted
    p.inFlightAtEnd = p.run.inFlight()
    p.eventLoopDelayMs = { p99: this.loop.percentile(99) / 1e6, max: this.loop.max / 1e6 }
    this.open = undefined
  }

  /** From now on, note when every transaction submitted before now has settled. */
  markDrop (inFlight: number): void {
    const now = this.clock()
    this.backlog = { dropMs: now, atDrop: inFlight, left: inFlight, clearedMs: inFlight === 0 ? now : undefined }
  }

  /** Outcomes after this are not counted (the clients are about to be closed). */
  freeze (): void { this.frozen = true; this.end(); this.loop.disable() }

  onSettled (s: Settled): void {
    if (this.frozen) return
    const p = this.at(s.startMs)
    if (s.outcome === 'error') {
      const name = s.errorName ?? 'Error'
      this.errorsByName.set(name, (this.errorsByName.get(name) ?? 0) + 1)
      p?.errorsByName.set(name, (p.errorsByName.get(name) ?? 0) + 1)
    } else if (p !== undefined) {
      if (s.outcome === 'committed') p.committed++
      else p.failed++
      p.latency.add(s.endMs - s.startMs)
    }
    const b = this.backlog
    if (b !== undefined && s.startMs < b.dropMs && b.left > 0 && --b.left === 0) b.clearedMs = s.endMs
  }

  onBusy (info: BusyInfo): void {
    if (this.frozen) return
    this.busy.add(info.latencyMs)
    this.phases.at(-1)?.busy.add(info.latencyMs)
  }

  /** The phase in which a transaction submitted at `ms` was submitted. */
  private at (ms: number): PhaseRecord | undefined {
    for (let i = this.phases.length - 1; i >= 0; i--) if ((this.phases[i] as PhaseRecord).startMs <= ms) return this.phases[i]
    return undefined
  }
}
