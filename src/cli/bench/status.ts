// GET /status latency of every replica while the bench runs, polled from a worker thread
// (status-poll-worker.ts), and its figures per replica over a time window.
import { Worker } from 'node:worker_threads'

/** Poll interval, abort time, and how many samples are kept at most (a bound on memory). */
export const STATUS_POLL_INTERVAL_MS = 200
export const STATUS_POLL_ABORT_MS = 1000
export const STATUS_SAMPLES_MAX = 200_000

export interface StatusPollConfig { urls: string[], intervalMs: number, abortMs: number }

/** One poll: when it started (ms since the epoch, sub-ms precision) and its latency, null if it failed. */
export interface StatusSample { replica: number, atMs: number, ms: number | null }

export interface StatusFigures { replica: number, polls: number, misses: number, p99Ms: number, maxMs: number }

export interface StatusPoller {
  samples: StatusSample[]
  /** Why the poller thread failed, if it did (then its replicas show no polls). */
  error: () => string | undefined
  /** Stops polling (after the polls in progress, at most the abort time) and ends the thread. */
  stop: () => Promise<void>
}

export function startStatusPoller (urls: string[]): StatusPoller {
  const cfg: StatusPollConfig = { urls, intervalMs: STATUS_POLL_INTERVAL_MS, abortMs: STATUS_POLL_ABORT_MS }
  const worker = new Worker(new URL('./status-poll-worker.js', import.meta.url), { workerData: cfg })
  const samples: StatusSample[] = []
  let error: string | undefined
  let finished: () => void = () => {}
  const done = new Promise<void>(resolve => { finished = resolve })
  worker.on('message', (m: StatusSample | 'done') => {
    if (m === 'done') finished()
    else if (samples.length < STATUS_SAMPLES_MAX) samples.push(m)
  })
  worker.on('error', (err: Error) => { error = err.message; finished() })
  worker.on('exit', () => { finished() })
  return {
    samples,
    error: () => error,
    stop: async () => {
      worker.postMessage('stop')
      await Promise.race([done, new Promise(resolve => setTimeout(resolve, STATUS_POLL_ABORT_MS + 1000))])
      await worker.terminate()
    }
  }
}

/** Per replica: polls started in [fromMs, toMs), misses (failed or aborted), p99 and max latency of the answered ones. */
export function statusFigures (samples: StatusSample[], replicas: number, fromMs: number, toMs: number): StatusFigures[] {
  return [...Array(replicas).keys()].map(replica => {
    const mine = samples.filter(s => s.replica === replica && s.atMs >= fromMs && s.atMs < toMs)
    const answered = mine.flatMap(s => s.ms === null ? [] : [s.ms]).sort((a, b) => a - b)
    const q = (p: number): number => answered.length === 0 ? 0 : answered[Math.min(answered.length - 1, Math.floor(p * answered.length))] as number
    return { replica, polls: mine.length, misses: mine.length - answered.length, p99Ms: round1(q(0.99)), maxMs: round1(answered.at(-1) ?? 0) }
  })
}

function round1 (x: number): number { return Math.round(x * 10) / 10 }
