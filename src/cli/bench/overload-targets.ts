// The "no collapse" acceptance test of the overload issue, as a pure function from a run's
// figures to its targets, each met or not (Aardvark, NSDI '09: offered far more than capacity,
// a BFT cluster must keep committing, tell clients "busy" fast, and come back at once).
import type { StatusFigures } from './status.js'

/** Open-loop phases after the capacity phase: offered load as a multiple of capacity C, and the share of C each must commit. */
export const OVERLOAD_PHASES = [
  { multiple: 2, committedShareMin: 0.9 },
  { multiple: 4, committedShareMin: 0.8 },
  { multiple: 10, committedShareMin: 0.8 }
] as const
/** "Load falls back": the last phase offers this multiple of C. */
export const FALLBACK_MULTIPLE = 0.5
/** After the fall, the committed rate must reach this share of the offered rate ... */
export const RECOVERY_SHARE = 0.9
/** ... within this time. */
export const RECOVERY_MAX_S = 5
/** p99 of the time from sending a copy to its busy answer. */
export const BUSY_P99_MAX_MS = 50
/** Every GET /status of every replica answered within this time. */
export const STATUS_MAX_MS = 100
/**
 * Errors that mean a client was left waiting until its timeout. ClusterBusyError is not one:
 * it is the SDK's explicit "overloaded, try later", given after busyWaitMs (the answer the
 * issue asks for instead of a timeout).
 */
export const TIMEOUT_ERROR_NAMES = ['TxTimeoutError', 'InsufficientRepliesError'] as const

export interface TargetInput {
  capacityTxPerSec: number
  overload: Array<{ multiple: number, committedTxPerSec: number, exhausted: boolean }>
  /** Over the whole run (largest increase of any replica's pbft_view_changes). */
  viewChanges: number
  /** Busy answers in the whole run and the p99 of their latency. */
  busy: { answers: number, p99Ms: number }
  /** Errors of the whole run by error name. */
  errorsByName: Record<string, number>
  /** GET /status per replica over the whole run. */
  status: StatusFigures[]
  recovery: { offeredTxPerSec: number, reachedAfterS: number | null, exhausted: boolean }
}

export interface Target { id: string, met: boolean, text: string }

export function evaluateTargets (t: TargetInput): Target[] {
  const c = t.capacityTxPerSec
  const out: Target[] = OVERLOAD_PHASES.map(p => {
    const phase = t.overload.find(x => x.multiple === p.multiple)
    const need = p.committedShareMin * c
    const got = phase?.committedTxPerSec ?? 0
    const why = phase === undefined ? ' (phase did not run)' : phase.exhausted ? ' (pre-signed pool ran out: offered load was not held)' : ''
    return {
      id: `committed-at-${p.multiple}x`,
      met: phase !== undefined && !phase.exhausted && got >= need,
      text: `at ${p.multiple}xC offered, committed >= ${pct(p.committedShareMin)} of C: ${fmt(got)} tx/s = ${pct(c > 0 ? got / c : 0)} of C = ${fmt(c)} tx/s${why}`
    }
  })
  out.push({ id: 'no-view-changes', met: t.viewChanges === 0, text: `0 view changes in the whole run: ${t.viewChanges}` })
  out.push({
    id: 'busy-answers-fast',
    met: t.busy.answers > 0 && t.busy.p99Ms <= BUSY_P99_MAX_MS,
    text: t.busy.answers === 0
      ? `busy answers within ${BUSY_P99_MAX_MS} ms (p99): no busy answer reached the clients under ${OVERLOAD_PHASES.at(-1)?.multiple}xC (replicas queued, or the SDK has no onBusy)`
      : `busy answers within ${BUSY_P99_MAX_MS} ms (p99): p99 ${fmt(t.busy.p99Ms)} ms over ${t.busy.answers} busy answers`
  })
  const timeouts = TIMEOUT_ERROR_NAMES.map(n => [n, t.errorsByName[n] ?? 0] as const)
  const timeoutCount = timeouts.reduce((a, [, k]) => a + k, 0)
  const others = Object.entries(t.errorsByName).filter(([n]) => !(TIMEOUT_ERROR_NAMES as readonly string[]).includes(n))
  out.push({
    id: 'no-timeouts',
    met: timeoutCount === 0,
    text: `no client timeouts: ${timeouts.map(([n, k]) => `${k} ${n}`).join(', ')}${others.length > 0 ? `; other errors: ${others.map(([n, k]) => `${k} ${n}`).join(', ')}` : ''}`
  })
  out.push(statusTarget(t.status))
  const needed = RECOVERY_SHARE * t.recovery.offeredTxPerSec
  const r = t.recovery.reachedAfterS
  out.push({
    id: 'recovery',
    met: r !== null && r <= RECOVERY_MAX_S && !t.recovery.exhausted,
    text: `after the fall to ${FALLBACK_MULTIPLE}xC, committed >= ${fmt(needed)} tx/s (${pct(RECOVERY_SHARE)} of offered ${fmt(t.recovery.offeredTxPerSec)}) within ${RECOVERY_MAX_S} s: ${r === null ? 'never' : `after ${r} s`}${t.recovery.exhausted ? ' (pre-signed pool ran out)' : ''}`
  })
  return out
}

function statusTarget (status: StatusFigures[]): Target {
  const polled = status.length > 0 && status.every(s => s.polls > 0)
  const misses = status.reduce((a, s) => a + s.misses, 0)
  const worst = status.reduce<StatusFigures | undefined>((w, s) => w === undefined || s.maxMs > w.maxMs ? s : w, undefined)
  return {
    id: 'status-responsive',
    met: polled && misses === 0 && (worst?.maxMs ?? 0) <= STATUS_MAX_MS,
    text: `every replica answers GET /status within ${STATUS_MAX_MS} ms throughout: ` + (polled
      ? `${status.reduce((a, s) => a + s.polls, 0)} polls, ${misses} missed; worst replica ${worst?.replica} max ${worst?.maxMs} ms (p99 ${status.map(s => s.p99Ms).join(' / ')} ms)`
      : 'a replica was never polled (poller failed)')
  }
}

export function formatTargets (targets: Target[]): string {
  const met = targets.filter(t => t.met).length
  return [`targets (no collapse under overload): ${met} of ${targets.length} met`, ...targets.map(t => `  [${t.met ? 'met' : 'NOT met'}] ${t.text}`)].join('\n')
}

function pct (x: number): string { return `${Math.round(100 * x)}%` }
function fmt (x: number): string { return Number.isInteger(x) ? String(x) : x.toFixed(1) }
