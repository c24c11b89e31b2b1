// The figures of an overload run (per phase and for the whole run) and its targets, as the JSON
// that `pbft bench --overload` writes; built from what the run recorded, without I/O.
import type { GenesisParams } from '../../ledger/genesis.js'
import { committedIn, firstSecondReachingMs, perSecond, TIMELINE_BUCKET_MS } from './load.js'
import { evaluateTargets, FALLBACK_MULTIPLE, OVERLOAD_PHASES, RECOVERY_SHARE, type Target } from './overload-targets.js'
import type { PhaseLog, PhaseRecord } from './phase-log.js'
import { STATUS_POLL_ABORT_MS, STATUS_POLL_INTERVAL_MS, statusFigures, type StatusFigures, type StatusSample } from './status.js'

/** What `pbft bench --overload` runs (runOverload); the result carries them. */
export interface OverloadOptions {
  replicas: number
  clients: number
  /** Closed-loop window per client in phase A. */
  window: number
  /** Seconds of each phase (and of phase A's measurement). */
  durationS: number
  /** Seconds of closed-loop load before phase A measures. */
  warmupS: number
  /** Upper bound of the closed-loop rate, to size phase A's pre-signed workload. */
  presignRate: number
  /** The SDK's timeout per transaction. */
  clientTimeoutMs: number
  params?: Partial<GenesisParams>
  keep?: boolean
  progress?: (line: string) => void
}

export interface ViewChangeScrape { atMs: number, counts: Array<number | undefined> }

export interface Quantiles { p50: number, p99: number, max: number }

export interface PhaseFigures {
  name: string
  load: 'closed' | 'open'
  /** Offered load as a multiple of capacity C (open-loop phases). */
  multiple: number | null
  offeredTxPerSec: number | null
  seconds: number
  /** Proofs of commit (f+1 matching replies, any result code) that arrived in the phase, per second. */
  committedTxPerSec: number
  perSecond: number[]
  submitted: number
  /** Open loop: sends skipped because the generator's in-flight bound was reached. */
  shed: number
  /** The pre-signed pool had run out by the end of this phase (the offered load was not held). */
  exhausted: boolean
  inFlightAtEnd: number
  /** What became of the transactions submitted in this phase (whenever they settled). */
  submittedHere: { committed: number, failed: number, errors: number, errorsByName: Record<string, number>, latencyMs: Quantiles }
  /** Busy answers the clients received during the phase, and their latency (send to answer). */
  busy: { answers: number, latencyMs: Quantiles }
  /** Largest increase of a replica's pbft_view_changes from this phase's start to the next one's. */
  viewChanges: number
  status: StatusFigures[]
  /** The bench process's own event-loop delay: high values inflate the latencies it measures. */
  eventLoopDelayMs: { p99: number, max: number }
}

export interface OverloadResult {
  config: {
    replicas: number, f: number, clients: number, window: number, durationS: number, warmupS: number, clientTimeoutMs: number,
    openLoopInFlightMax: number, multiples: number[], fallbackMultiple: number, statusPoll: { intervalMs: number, abortMs: number }, params: GenesisParams
  }
  capacityTxPerSec: number
  pool: { presigned: number, cap: number, capped: boolean, unsentAtEnd: number, exhaustedIn: string | null }
  phases: PhaseFigures[]
  run: {
    viewChanges: number, metricsScrapesFailed: number, errorsByName: Record<string, number>, errorKinds: Record<string, number>,
    busy: { answers: number, latencyMs: Quantiles }, status: StatusFigures[], statusPollerError: string | null, eventLoopDelayMsMax: number
  }
  recovery: { offeredTxPerSec: number, neededTxPerSec: number, reachedAfterS: number | null, backlogAtDrop: number, backlogClearedAfterS: number | null }
  targets: Target[]
  allMet: boolean
}

export interface ResultInput {
  o: OverloadOptions
  f: number
  params: GenesisParams
  capacity: number
  phases: PhaseLog
  viewChanges: ViewChangeScrape[]
  status: StatusSample[]
  statusError: string | undefined
  pool: { presigned: number, cap: number, capped: boolean, unsentAtEnd: number }
  inFlightMax: number
}

export function overloadResult (i: ResultInput): OverloadResult {
  const { o, phases } = i
  const filled = carryForward(i.viewChanges)
  const phaseFigs = phases.phases.map(p => phaseFigures(p, o.replicas, i.status, filled))
  const runs = [...new Set(phases.phases.map(p => p.run))]
  const errorKinds: Record<string, number> = {}
  for (const r of runs) for (const [k, v] of r.stats.errorKinds) errorKinds[k] = (errorKinds[k] ?? 0) + v
  const run: OverloadResult['run'] = {
    viewChanges: filled.length < 2 ? 0 : increase(filled[0]!.counts, filled.at(-1)!.counts),
    metricsScrapesFailed: i.viewChanges.reduce((a, s) => a + s.counts.filter(c => c === undefined).length, 0),
    errorsByName: Object.fromEntries(phases.errorsByName), errorKinds,
    busy: { answers: phases.busy.count, latencyMs: quantiles(phases.busy) },
    status: statusFigures(i.status, o.replicas, -Infinity, Infinity), statusPollerError: i.statusError ?? null,
    eventLoopDelayMsMax: round(Math.max(0, ...phaseFigs.map(p => p.eventLoopDelayMs.max)), 1)
  }
  const recovery = recoveryFigures(phases)
  const overload = phaseFigs.filter(p => p.load === 'open' && p.multiple !== FALLBACK_MULTIPLE)
  const fallback = phaseFigs.find(p => p.multiple === FALLBACK_MULTIPLE)
  const targets = evaluateTargets({
    capacityTxPerSec: i.capacity,
    overload: overload.map(p => ({ multiple: p.multiple ?? 0, committedTxPerSec: p.committedTxPerSec, exhausted: p.exhausted })),
    viewChanges: run.viewChanges, busy: { answers: run.busy.answers, p99Ms: run.busy.latencyMs.p99 }, errorsByName: run.errorsByName, status: run.status,
    recovery: { offeredTxPerSec: recovery.offeredTxPerSec, reachedAfterS: recovery.reachedAfterS, exhausted: fallback?.exhausted ?? true }
  })
  return {
    config: {
      replicas: o.replicas, f: i.f, clients: o.clients, window: o.window, durationS: o.durationS, warmupS: o.warmupS, clientTimeoutMs: o.clientTimeoutMs,
      openLoopInFlightMax: i.inFlightMax, multiples: OVERLOAD_PHASES.map(p => p.multiple), fallbackMultiple: FALLBACK_MULTIPLE,
      statusPoll: { intervalMs: STATUS_POLL_INTERVAL_MS, abortMs: STATUS_POLL_ABORT_MS }, params: i.params
    },
    capacityTxPerSec: i.capacity,
    pool: { ...i.pool, exhaustedIn: phaseFigs.find(p => p.exhausted)?.name ?? null },
    phases: phaseFigs, run, recovery, targets, allMet: targets.every(t => t.met)
  }
}

function phaseFigures (p: PhaseRecord, replicas: number, status: StatusSample[], scrapes: ViewChangeScrape[]): PhaseFigures {
  const tl = p.run.stats.timeline
  const from = p.startMs - p.run.t0
  const to = p.endMs - p.run.t0
  const seconds = (p.endMs - p.startMs) / 1000
  const atStart = scrapes.find(s => s.atMs >= p.startMs)
  const next = scrapes.find(s => s.atMs >= p.endMs) ?? scrapes.at(-1)
  return {
    name: p.name, load: p.load, multiple: p.multiple, offeredTxPerSec: p.offeredTxPerSec, seconds: round(seconds, 2),
    committedTxPerSec: Math.round(committedIn(tl, from, to) / seconds),
    // whole seconds of the phase (a phase ends a few ms either side of its last second)
    perSecond: perSecond(tl.subarray(Math.floor(from / TIMELINE_BUCKET_MS)), Math.floor((to - from + 50) / 1000) * 1000),
    submitted: p.submitted, shed: p.shed, exhausted: p.exhausted, inFlightAtEnd: p.inFlightAtEnd,
    submittedHere: {
      committed: p.committed, failed: p.failed, errors: [...p.errorsByName.values()].reduce((a, b) => a + b, 0),
      errorsByName: Object.fromEntries(p.errorsByName), latencyMs: quantiles(p.latency)
    },
    busy: { answers: p.busy.count, latencyMs: quantiles(p.busy) },
    viewChanges: atStart === undefined || next === undefined ? 0 : increase(atStart.counts, next.counts),
    status: statusFigures(status, replicas, p.startMs, p.endMs),
    eventLoopDelayMs: { p99: round(p.eventLoopDelayMs.p99, 1), max: round(p.eventLoopDelayMs.max, 1) }
  }
}

/** Recovery after the fall: when the committed rate first serves the offered rate, and when the backlog from before the fall cleared. */
function recoveryFigures (phases: PhaseLog): OverloadResult['recovery'] {
  const fb = phases.phases.find(p => p.multiple === FALLBACK_MULTIPLE)
  const offered = fb?.offeredTxPerSec ?? 0
  const needed = RECOVERY_SHARE * offered
  const reachedMs = fb === undefined ? undefined : firstSecondReachingMs(fb.run.stats.timeline, fb.startMs - fb.run.t0, fb.endMs - fb.run.t0, needed)
  const b = phases.backlog
  return {
    offeredTxPerSec: offered, neededTxPerSec: round(needed, 1), reachedAfterS: reachedMs === undefined ? null : round(reachedMs / 1000, 2),
    backlogAtDrop: b?.atDrop ?? 0, backlogClearedAfterS: b?.clearedMs === undefined ? null : round((b.clearedMs - b.dropMs) / 1000, 2)
  }
}

/** Where a scrape of a replica failed, its last known value stands in. */
function carryForward (scrapes: ViewChangeScrape[]): ViewChangeScrape[] {
  let last: Array<number | undefined> = []
  return scrapes.map(s => {
    last = s.counts.map((c, i) => c ?? last[i])
    return { atMs: s.atMs, counts: last }
  })
}

/** The largest increase of any replica's counter between two readings. */
export function increase (a: Array<number | undefined>, b: Array<number | undefined>): number {
  return Math.max(0, ...b.map((v, i) => v === undefined || a[i] === undefined ? 0 : v - (a[i] as number)))
}

function quantiles (l: { quantiles: (qs: number[]) => number[] }): Quantiles {
  const [p50, p99, max] = l.quantiles([0.5, 0.99, 1])
  return { p50: round(p50!, 1), p99: round(p99!, 1), max: round(max!, 1) }
}

function round (x: number, digits: number): number {
  const k = 10 ** digits
  return Math.round(x * k) / k
}
