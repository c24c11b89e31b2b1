// The bench's load generator: transfers pre-signed before the clock starts (signing is not
// measured), submitted through the SDK either closed loop (each client keeps `window` in
// flight) or open loop (an offered rate, which can be changed while the loop runs; in-flight
// bounded so an overloaded cluster cannot make the generator grow without limit).
import { CLIENT_PENDING_MAX, type Client } from '../../client/client.js'
import type { Transaction } from '../../codec/index.js'
import { LatencySamples } from './latency.js'

export type LoadShape = { kind: 'closed', window: number } | { kind: 'open', rate: number }

/** Transactions in flight at most, over all clients, in open loop (above it, sends are shed). */
export const OPEN_LOOP_IN_FLIGHT_MAX = 20_000
/** Distinct error kinds kept for the report. */
export const ERROR_KINDS_MAX = 20
/** Time resolution of the commit timeline. */
export const TIMELINE_BUCKET_MS = 10

/** A client's pre-signed transfers; `nonce` is the last one signed (later ones go above it). */
export interface LoadClient { client: Client, txs: Transaction[], next: number, nonce: number }

/** How one submitted transaction ended, with times from the run's clock. */
export interface Settled {
  startMs: number
  endMs: number
  outcome: 'committed' | 'failed' | 'error'
  /** For errors: the error's name (TxTimeoutError, ClusterBusyError, ...). */
  errorName?: string
}

export interface LoadOptions {
  /** Latencies are recorded for transactions submitted this long after the start or later. */
  measureFromMs?: number
  now?: () => number
  /** Called once per submitted transaction when it commits, fails or errs. */
  onSettled?: (s: Settled) => void
}

export interface LoadStats {
  submitted: number
  committed: number
  failed: number
  errors: number
  /** Errors by kind (the error's name and the first words of its message), bounded. */
  errorKinds: Map<string, number>
  shed: number
  exhausted: boolean
  latency: LatencySamples
  /** Commits per TIMELINE_BUCKET_MS since the start of the run. */
  timeline: Uint32Array
}

/** Pre-signs `count` transfers per client with increasing nonces (PBFT timestamps). */
export function presign (clients: Client[], to: (k: number) => Uint8Array, count: number): LoadClient[] {
  const work = clients.map((client): LoadClient => ({ client, next: 0, txs: [], nonce: 0 }))
  presignMore(work, to, count)
  return work
}

/** Appends `count` more pre-signed transfers per client, with nonces above every earlier one. */
export function presignMore (work: LoadClient[], to: (k: number) => Uint8Array, count: number): void {
  work.forEach((c, k) => {
    const base = Math.max(c.nonce + 1, Date.now() * 1000)
    for (let i = 0; i < count; i++) c.txs.push(c.client.signTransfer(to(k), 1n, base + i))
    c.nonce = base + count - 1
  })
}

/** Pre-signed transfers not yet sent, over all clients. */
export function unsent (work: LoadClient[]): number {
  return work.reduce((a, c) => a + c.txs.length - c.next, 0)
}

export interface LoadRun {
  stats: LoadStats
  /** When the run started, on its clock (the timeline starts here). */
  t0: number
  /** Resolves when every worker has stopped (after `stop()` or when the workload runs out). */
  done: Promise<void>
  stop: () => void
  /** Open loop: offer `rate` tx/s from now on (what was due at the old rate stays due). */
  setRate: (rate: number) => void
  /** Transactions submitted and not yet settled. */
  inFlight: () => number
}

/** The open loop's in-flight bound for this many clients (each client's SDK has its own). */
export function openLoopInFlightMax (clients: number): number {
  return Math.min(OPEN_LOOP_IN_FLIGHT_MAX, clients * CLIENT_PENDING_MAX)
}

/**
 * Runs the load for at most `maxMs`; latencies are recorded for transactions submitted at or
 * after `measureFromMs` (the warm-up is not measured).
 */
export function startLoad (clients: LoadClient[], shape: LoadShape, maxMs: number, opts: LoadOptions = {}): LoadRun {
  const now = opts.now ?? (() => performance.now())
  const t0 = now()
  const stats: LoadStats = {
    submitted: 0, committed: 0, failed: 0, errors: 0, errorKinds: new Map(), shed: 0, exhausted: false,
    latency: new LatencySamples(), timeline: new Uint32Array(Math.ceil(maxMs / TIMELINE_BUCKET_MS) + 1)
  }
  const flight: Flight = { stopped: false, inFlight: 0 }
  const recorder: Recorder = { stats, flight, now, t0, measureFromMs: opts.measureFromMs ?? 0, onSettled: opts.onSettled }
  const submitOne = async (c: LoadClient): Promise<boolean> => await submitNext(c, recorder)
  const offered = new OfferedLoad(now, t0, shape.kind === 'open' ? shape.rate : 0)
  const done = shape.kind === 'closed' ? closedLoop(clients, shape.window, submitOne, flight) : openLoop(clients, submitOne, offered, stats, flight)
  const setRate = (r: number): void => {
    if (shape.kind !== 'open' || !(r > 0)) throw new RangeError(`setRate(${r}) needs an open loop and a positive rate`)
    offered.setRate(r)
  }
  return { stats, t0, done, stop: () => { flight.stopped = true }, setRate, inFlight: () => flight.inFlight }
}

/** Whether the run was stopped, and how many transactions are submitted and not yet settled. */
interface Flight { stopped: boolean, inFlight: number }

/** Where a submission's outcome is recorded, on the run's clock. */
interface Recorder { stats: LoadStats, flight: Flight, now: () => number, t0: number, measureFromMs: number, onSettled: LoadOptions['onSettled'] }

/** Submits the client's next pre-signed transfer and records how it ended; false when the client has none left. */
async function submitNext (c: LoadClient, r: Recorder): Promise<boolean> {
  const tx = c.txs[c.next]
  if (tx === undefined) { r.stats.exhausted = true; return false }
  c.txs[c.next++] = undefined as unknown as Transaction // release it once sent
  r.stats.submitted++
  r.flight.inFlight++
  const start = r.now()
  try {
    const proof = await c.client.submit(tx)
    recordProof(r, start, r.now(), proof.code)
  } catch (err) {
    recordError(r, start, err)
  } finally {
    r.flight.inFlight--
  }
  return true
}

/** A proof arrived: committed or failed, its latency (if measured) and its place on the timeline. */
function recordProof (r: Recorder, start: number, end: number, code: number): void {
  const { stats, t0 } = r
  if (code === 0) stats.committed++
  else stats.failed++
  r.onSettled?.({ startMs: start, endMs: end, outcome: code === 0 ? 'committed' : 'failed' })
  if (start - t0 >= r.measureFromMs) stats.latency.add(end - start)
  const bucket = Math.floor((end - t0) / TIMELINE_BUCKET_MS)
  if (bucket < stats.timeline.length) stats.timeline[bucket]!++
}

/** The SDK threw: counted by kind (at most ERROR_KINDS_MAX kinds). */
function recordError (r: Recorder, start: number, err: unknown): void {
  const { stats } = r
  stats.errors++
  const kind = err instanceof Error ? errorKind(err) : String(err)
  if (stats.errorKinds.has(kind) || stats.errorKinds.size < ERROR_KINDS_MAX) stats.errorKinds.set(kind, (stats.errorKinds.get(kind) ?? 0) + 1)
  r.onSettled?.({ startMs: start, endMs: r.now(), outcome: 'error', errorName: err instanceof Error ? err.name : typeof err })
}

/** Closed loop: `window` workers per client, each sending the next transfer once its last one settled. */
async function closedLoop (clients: LoadClient[], window: number, submitOne: (c: LoadClient) => Promise<boolean>, flight: Flight): Promise<void> {
  const worker = async (c: LoadClient): Promise<void> => { while (!flight.stopped && await submitOne(c)) { /* next transaction */ } }
  await Promise.all(clients.flatMap(c => Array.from({ length: window }, async () => { await worker(c) })))
}

/**
 * Open loop: every 5 ms, sends what the offered load makes due, round robin over the clients,
 * shedding sends above the in-flight bound; done once stopped (or out of transfers) and every
 * transaction sent has settled.
 */
async function openLoop (clients: LoadClient[], submitOne: (c: LoadClient) => Promise<boolean>, offered: OfferedLoad, stats: LoadStats, flight: Flight): Promise<void> {
  const pending = new Set<Promise<boolean>>()
  let k = 0
  const inFlightMax = openLoopInFlightMax(clients.length)
  await new Promise<void>(resolve => {
    const timer = setInterval(() => {
      const due = Math.floor(offered.due()) - stats.submitted - stats.shed
      for (let i = 0; i < due && !flight.stopped; i++) {
        if (flight.inFlight >= inFlightMax) { stats.shed++; continue }
        const p = submitOne(clients[k++ % clients.length] as LoadClient)
        pending.add(p)
        void p.then(() => pending.delete(p))
      }
      if (flight.stopped || stats.exhausted) {
        clearInterval(timer)
        void Promise.all(pending).then(() => { resolve() })
      }
    }, 5)
  })
}

/** The open loop's offered load: transactions due since the start at a rate that can change (what was due at the old rate stays due). */
class OfferedLoad {
  private offered = 0
  private at: number

  constructor (private readonly now: () => number, t0: number, private rate: number) { this.at = t0 }

  /** Transactions offered from the start until now (fractional). */
  due (): number {
    const t = this.now()
    this.offered += (t - this.at) * this.rate / 1000
    this.at = t
    return this.offered
  }

  setRate (rate: number): void {
    this.due()
    this.rate = rate
  }
}

/** The longest stretch without a commit inside [fromMs, toMs) of the timeline, in ms. */
export function longestStallMs (timeline: Uint32Array, fromMs: number, toMs: number): number {
  let longest = 0; let run = 0
  const end = Math.min(timeline.length, Math.ceil(toMs / TIMELINE_BUCKET_MS))
  for (let b = Math.floor(fromMs / TIMELINE_BUCKET_MS); b < end; b++) {
    run = timeline[b] === 0 ? run + 1 : 0
    longest = Math.max(longest, run)
  }
  return longest * TIMELINE_BUCKET_MS
}

/** Commits per second over the timeline, one entry per whole second. */
export function perSecond (timeline: Uint32Array, toMs: number): number[] {
  const per = 1000 / TIMELINE_BUCKET_MS
  const out: number[] = []
  for (let s = 0; (s + 1) * 1000 <= toMs; s++) out.push(timeline.subarray(s * per, (s + 1) * per).reduce((a, b) => a + b, 0))
  return out
}

/**
 * An error's kind for the report: its name and the first words of its message, with transaction
 * ids and numbers blanked (otherwise "busy for 30000 ms (5 busy answers)" and "(6 busy answers)"
 * would fill the ERROR_KINDS_MAX kinds with one kind).
 */
export function errorKind (err: Error): string {
  return `${err.name}: ${err.message.replace(/[0-9a-f]{64}/g, '<tx>').replace(/\d+/g, 'N').slice(0, 80)}`
}

/** Commits in [fromMs, toMs) of the timeline (bucket-aligned). */
export function committedIn (timeline: Uint32Array, fromMs: number, toMs: number): number {
  return timeline.subarray(Math.floor(fromMs / TIMELINE_BUCKET_MS), Math.floor(toMs / TIMELINE_BUCKET_MS)).reduce((a, b) => a + b, 0)
}

/**
 * How long after `fromMs` a sliding one-second window of the timeline first holds `count`
 * commits or more: the end of that window minus `fromMs`, in ms (so at least 1000); undefined
 * when no window ending by `toMs` does.
 */
export function firstSecondReachingMs (timeline: Uint32Array, fromMs: number, toMs: number, count: number): number | undefined {
  const per = 1000 / TIMELINE_BUCKET_MS
  const first = Math.floor(fromMs / TIMELINE_BUCKET_MS)
  const end = Math.min(timeline.length, Math.floor(toMs / TIMELINE_BUCKET_MS))
  let sum = 0
  for (let b = first; b < end; b++) {
    sum += timeline[b]!
    if (b - first >= per) sum -= timeline[b - per]!
    if (b - first + 1 >= per && sum >= count) return (b - first + 1) * TIMELINE_BUCKET_MS
  }
  return undefined
}
