// Text report of an overload run: one line per phase, the recovery, the errors, then the targets.
import type { OverloadResult, PhaseFigures } from './overload-result.js'
import { formatTargets } from './overload-targets.js'

export function formatOverload (r: OverloadResult): string {
  const c = r.config
  const lines = [
    `n=${c.replicas} f=${c.f}, ${c.clients} clients; capacity phase closed loop ${c.clients} x ${c.window}; ${c.durationS} s per phase; client timeout ${c.clientTimeoutMs} ms; open-loop in-flight bound ${c.openLoopInFlightMax}`,
    `  capacity C     ${r.capacityTxPerSec} tx/s (closed loop, after ${c.warmupS} s warm-up)`,
    '  phase     offered  committed  of C   shed      in flight  busy answers (p99 ms)  errors  failed  view changes  /status max ms  bench loop p99 ms',
    ...r.phases.map(p => phaseLine(p, r.capacityTxPerSec)),
    `  recovery       after the fall to ${c.fallbackMultiple}xC: >= ${r.recovery.neededTxPerSec} tx/s ${r.recovery.reachedAfterS === null ? 'never reached' : `after ${r.recovery.reachedAfterS} s`}; ` +
      `${r.recovery.backlogAtDrop} in flight at the fall, ${r.recovery.backlogClearedAfterS === null ? 'not all settled' : `all settled after ${r.recovery.backlogClearedAfterS} s`}`,
    `  busy answers   ${r.run.busy.answers}, latency p50 ${r.run.busy.latencyMs.p50} ms, p99 ${r.run.busy.latencyMs.p99} ms, max ${r.run.busy.latencyMs.max} ms`,
    `  /status        ${r.run.status.map(s => `replica ${s.replica}: p99 ${s.p99Ms} max ${s.maxMs} ms, ${s.misses}/${s.polls} missed`).join('; ')}${r.run.statusPollerError === null ? '' : ` (poller failed: ${r.run.statusPollerError})`}`,
    `  pool           ${r.pool.presigned} pre-signed${r.pool.capped ? ` (open-loop pool capped at ${r.pool.cap})` : ''}, ${r.pool.unsentAtEnd} unsent${r.pool.exhaustedIn === null ? '' : `; RAN OUT in phase ${r.pool.exhaustedIn}: the offered load was not held from there on`}`
  ]
  if (r.run.metricsScrapesFailed > 0) lines.push(`  metrics        ${r.run.metricsScrapesFailed} /metrics reads failed (view changes may be undercounted)`)
  for (const [kind, count] of Object.entries(r.run.errorKinds)) lines.push(`  error          ${count} x ${kind}`)
  return `${lines.join('\n')}\n${formatTargets(r.targets)}`
}

function phaseLine (p: PhaseFigures, capacity: number): string {
  const cells = [
    p.name.padEnd(9), String(p.offeredTxPerSec ?? 'closed').padStart(7), String(p.committedTxPerSec).padStart(10),
    `${capacity > 0 ? Math.round(100 * p.committedTxPerSec / capacity) : 0}%`.padStart(5), String(p.shed).padStart(6),
    String(p.inFlightAtEnd).padStart(14), `${p.busy.answers} (${p.busy.latencyMs.p99})`.padStart(22),
    String(p.submittedHere.errors).padStart(7), String(p.submittedHere.failed).padStart(7), String(p.viewChanges).padStart(13),
    String(Math.max(0, ...p.status.map(s => s.maxMs))).padStart(15), String(p.eventLoopDelayMs.p99).padStart(18)
  ]
  return `  ${cells.join(' ')}${p.exhausted ? '  POOL RAN OUT' : ''}`
}
