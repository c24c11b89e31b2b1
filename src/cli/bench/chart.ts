// Charts of bench results as SVG, rendered by vega-lite + vega without a browser.
import * as vega from 'vega'
import { compile, type TopLevelSpec } from 'vega-lite'
import type { OverloadResult } from './overload-result.js'
import { FALLBACK_MULTIPLE, OVERLOAD_PHASES, RECOVERY_SHARE } from './overload-targets.js'
import type { BenchResult } from './run.js'

async function render (spec: TopLevelSpec): Promise<string> {
  const view = new vega.View(vega.parse(compile(spec).spec), { renderer: 'none' })
  return await view.toSVG()
}

/** One run: committed tx/s per second of the measured window. */
export async function runChart (r: BenchResult): Promise<string> {
  const values = r.perSecond.map((tps, s) => ({ second: s + 1, tps }))
  return await render({
    $schema: 'https://vega.github.io/schema/vega-lite/v6.json',
    title: `pbft-ledger: ${r.config.replicas} replicas, ${r.committedTxPerSec} tx/s committed (p50 ${r.latencyMs.p50} ms, p99 ${r.latencyMs.p99} ms)`,
    width: 560, height: 220, data: { values },
    layer: [
      { mark: { type: 'line', point: true }, encoding: { x: { field: 'second', type: 'quantitative', title: 'second of the run' }, y: { field: 'tps', type: 'quantitative', title: 'committed tx/s' } } },
      { data: { values: [{ y: r.ceiling.txPerSec }] }, mark: { type: 'rule', strokeDash: [4, 4], color: 'firebrick' }, encoding: { y: { field: 'y', type: 'quantitative' } } }
    ]
  })
}

/** A sweep: throughput and latency against the number of replicas and the offered load. */
export async function sweepChart (byReplicas: BenchResult[], byLoad: BenchResult[]): Promise<string> {
  const scaling = byReplicas.flatMap(r => [
    { n: r.config.replicas, metric: 'committed tx/s', value: r.committedTxPerSec },
    { n: r.config.replicas, metric: 'signature ceiling tx/s', value: r.ceiling.txPerSec }
  ])
  const latency = byLoad.flatMap(r => r.config.load.kind !== 'open' ? [] : [
    { offered: r.config.load.rate, quantile: 'p50', ms: r.latencyMs.p50 },
    { offered: r.config.load.rate, quantile: 'p99', ms: r.latencyMs.p99 }
  ])
  const committed = byLoad.flatMap(r => r.config.load.kind !== 'open' ? [] : [{ offered: r.config.load.rate, committed: r.committedTxPerSec }])
  return await render({
    $schema: 'https://vega.github.io/schema/vega-lite/v6.json',
    hconcat: [
      {
        title: 'throughput vs replicas (closed loop)', width: 260, height: 220, data: { values: scaling },
        mark: { type: 'line', point: true },
        encoding: { x: { field: 'n', type: 'ordinal', title: 'replicas (n)' }, y: { field: 'value', type: 'quantitative', title: 'tx/s' }, color: { field: 'metric', type: 'nominal', legend: { orient: 'bottom' } } }
      },
      {
        title: 'latency vs offered load (n = 4)', width: 260, height: 220, data: { values: latency },
        mark: { type: 'line', point: true },
        encoding: { x: { field: 'offered', type: 'quantitative', title: 'offered tx/s' }, y: { field: 'ms', type: 'quantitative', title: 'latency ms', scale: { type: 'log' } }, color: { field: 'quantile', type: 'nominal', legend: { orient: 'bottom' } } }
      },
      {
        title: 'committed vs offered (n = 4)', width: 260, height: 220, data: { values: committed },
        mark: { type: 'line', point: true },
        encoding: { x: { field: 'offered', type: 'quantitative', title: 'offered tx/s' }, y: { field: 'committed', type: 'quantitative', title: 'committed tx/s' } }
      }
    ]
  })
}

/** An overload run: committed tx/s per second through the phases, what each phase must commit, and C. */
export async function overloadChart (r: OverloadResult): Promise<string> {
  const C = r.capacityTxPerSec
  const needed = (m: number | null): number | null => m === FALLBACK_MULTIPLE ? RECOVERY_SHARE * FALLBACK_MULTIPLE * C : m === null ? null : (OVERLOAD_PHASES.find(p => p.multiple === m)?.committedShareMin ?? 0) * C
  let second = 0
  const values = r.phases.flatMap(p => p.perSecond.map(tps => ({ second: ++second, phase: p.name, tps, needed: needed(p.multiple) })))
  const met = r.targets.filter(t => t.met).length
  return await render({
    $schema: 'https://vega.github.io/schema/vega-lite/v6.json',
    title: `pbft-ledger overload: ${r.config.replicas} replicas, C = ${C} tx/s, offered 2C / 4C / 10C then 0.5C; ${met} of ${r.targets.length} targets met`,
    width: 640, height: 240, data: { values },
    layer: [
      { mark: { type: 'line', point: true }, encoding: { x: { field: 'second', type: 'quantitative', title: 'second of the run (phases back to back)' }, y: { field: 'tps', type: 'quantitative', title: 'committed tx/s' }, color: { field: 'phase', type: 'nominal', sort: null, legend: { orient: 'bottom' } } } },
      { mark: { type: 'line', strokeDash: [4, 4], color: 'gray', interpolate: 'step-after' }, encoding: { x: { field: 'second', type: 'quantitative' }, y: { field: 'needed', type: 'quantitative' }, detail: { field: 'phase', type: 'nominal' } } },
      { data: { values: [{ y: C }] }, mark: { type: 'rule', strokeDash: [2, 2], color: 'firebrick' }, encoding: { y: { field: 'y', type: 'quantitative' } } }
    ]
  })
}
