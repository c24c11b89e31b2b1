// The bench's load generator: transfers pre-signed before the clock starts (signing is not
// measured), submitted through the SDK either closed loop (each client keeps `window` in
// flight) or open loop (a fixed offered rate, in-flight bounded so an overloaded cluster
// cannot make the generator grow without limit).
import type { Client } from '../../client/client.js'
import type { Transaction } from '../../codec/index.js'
import { LatencySamples } from './latency.js'

export type LoadShape = { kind: 'closed', window: number } | { kind: 'open', rate: number }

/** Transactions in flight at most, over all clients, in open loop (above it, sends are shed). */
export const OPEN_LOOP_IN_FLIGHT_MAX = 20_000
/** Distinct error kinds kept for the report. */
export const ERROR_KINDS_MAX = 20
/** Time resolution of the commit timeline. */
export const TIMELINE_BUCKET_MS = 10

export interface LoadClient { client: Client, txs: Transaction[], next: number }

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
  const base = Date.now() * 1000
  return clients.map((client, k) => ({ client, next: 0, txs: Array.from({ length: count }, (_, i) => client.signTransfer(to(k), 1n, base + i)) }))
}

export interface LoadRun {
  stats: LoadStats
  /** Resolves when every worker has stopped (after `stop()` or when the workload runs out). */
  done: Promise<void>
  stop: () => void
}

/**
 * Runs the load for at most `maxMs`; latencies are recorded for transactions submitted at or
 * after `measureFromMs` (the warm-up is not measured).
 */
export function startLoad (clients: LoadClient[], shape: LoadShape, maxMs: number, measureFromMs = 0, now: () => number = () => performance.now()): LoadRun {
  const t0 = now()
  const stats: LoadStats = {
    submitted: 0, committed: 0, failed: 0, errors: 0, errorKinds: new Map(), shed: 0, exhausted: false,
    latency: new LatencySamples(), timeline: new Uint32Array(Math.ceil(maxMs / TIMELINE_BUCKET_MS) + 1)
  }
  let stopped = false
  let inFlight = 0
  const submitOne = async (c: LoadClient): Promise<boolean> => {
    const tx = c.txs[c.next]
    if (tx === undefined) { stats.exhausted = true; return false }
    c.txs[c.next++] = undefined as unknown as Transaction // release it once sent
    stats.submitted++
    inFlight++
    const start = now()
    try {
      const proof = await c.client.submit(tx)
      const end = now()
      if (proof.code === 0) stats.committed++
      else stats.failed++
      if (start - t0 >= measureFromMs) stats.latency.add(end - start)
      const bucket = Math.floor((end - t0) / TIMELINE_BUCKET_MS)
      if (bucket < stats.timeline.length) stats.timeline[bucket]!++
    } catch (err) {
      stats.errors++
      const kind = err instanceof Error ? `${err.name}: ${err.message.replace(/[0-9a-f]{64}/g, '<tx>').slice(0, 80)}` : String(err)
      if (stats.errorKinds.has(kind) || stats.errorKinds.size < ERROR_KINDS_MAX) stats.errorKinds.set(kind, (stats.errorKinds.get(kind) ?? 0) + 1)
    } finally {
      inFlight--
    }
    return true
  }
  let done: Promise<void>
  if (shape.kind === 'closed') {
    const worker = async (c: LoadClient): Promise<void> => { while (!stopped && await submitOne(c)) { /* next transaction */ } }
    done = Promise.all(clients.flatMap(c => Array.from({ length: shape.window }, async () => { await worker(c) }))).then(() => {})
  } else {
    const pending = new Set<Promise<boolean>>()
    let resolve: () => void = () => {}
    done = new Promise<void>(r => { resolve = r })
    let k = 0
    const timer = setInterval(() => {
      const due = Math.floor((now() - t0) * shape.rate / 1000) - stats.submitted - stats.shed
      for (let i = 0; i < due && !stopped; i++) {
        if (inFlight >= OPEN_LOOP_IN_FLIGHT_MAX) { stats.shed++; continue }
        const p = submitOne(clients[k++ % clients.length] as LoadClient)
        pending.add(p)
        void p.then(() => pending.delete(p))
      }
      if (stopped || stats.exhausted) {
        clearInterval(timer)
        void Promise.all(pending).then(() => { resolve() })
      }
    }, 5)
  }
  return { stats, done, stop: () => { stopped = true } }
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
