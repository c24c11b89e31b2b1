// Text report of a bench run: the figures and the targets of issue #7, met or not.
import type { BenchResult } from './run.js'

export function formatResult (r: BenchResult): string {
  const load = r.config.load.kind === 'open' ? `open loop ${r.config.load.rate} tx/s` : `closed loop ${r.config.clients} clients x ${r.config.load.window}`
  const lines = [
    `n=${r.config.replicas} f=${r.config.f}, ${load}, ${r.config.durationS} s${r.config.traitor !== undefined ? `, traitor ${r.config.traitor.replica}: ${r.config.traitor.mode}` : ''}`,
    `  committed      ${r.committedTxPerSec} tx/s (${r.committed} in the window; failed ${r.failed}, errors ${r.errors}, shed ${r.shed}${r.workloadExhausted ? ', WORKLOAD EXHAUSTED' : ''})`,
    `  latency        p50 ${r.latencyMs.p50} ms, p90 ${r.latencyMs.p90} ms, p99 ${r.latencyMs.p99} ms, max ${r.latencyMs.max} ms`,
    `  batch size     ${r.avgBatchSize} tx avg; view changes ${r.viewChanges}`,
    `  ceiling        ${r.ceiling.txPerSec} tx/s (${r.ceiling.cores} cores x ${r.ceiling.verifyPerSecPerCore} verify/s / ${r.ceiling.replicas}); throughput / ceiling = ${r.throughputOverCeiling}`,
    `  baseline       unreplicated ${r.baseline.txPerSec} tx/s, ${r.baseline.cpuMsPerTx.toFixed(3)} ms CPU per tx (batch ${r.baseline.batch}); replica CPU per tx / baseline = ${r.cpuPerTxOverBaseline}`,
    `  load generator ${r.loadGeneratorCpuMsPerTx} ms CPU per tx`,
    ...r.replicas.map(p => `  replica ${p.id}      ${p.cpuMsPerTx} ms CPU per tx, RSS ${p.rssMiB} MiB (peak ${p.peakRssMiB}, growth ${p.rssGrowthPct}%)` +
      (p.verifiesPerTx === undefined ? '' : `; per tx: ${p.verifiesPerTx} verifies, ${p.messagesInPerTx ?? '?'} replica messages in, ${p.requestsPerTx ?? '?'} client requests`))
  ]
  for (const [kind, count] of Object.entries(r.errorKinds)) lines.push(`  error          ${count} x ${kind}`)
  if (r.killPrimary !== undefined) lines.push(`  kill primary   at ${r.killPrimary.atS} s; longest stall without commits ${r.killPrimary.longestStallMs} ms`)
  if (r.newClient !== undefined) lines.push(`  new client     connect ${r.newClient.connectMs} ms, then its first transfer ${r.newClient.firstTransferMs} ms`)
  return lines.join('\n')
}

export function formatTargets (r: BenchResult): string {
  const t = (ok: boolean, text: string): string => `  [${ok ? 'met' : 'NOT met'}] ${text}`
  const open1000 = r.config.load.kind === 'open' && r.config.load.rate === 1000
  const out = ['targets (issue #7):',
    t(r.committedTxPerSec >= 2500 && r.throughputOverCeiling >= 0.65, `>= 2,500 tx/s and >= 65% of the ceiling: ${r.committedTxPerSec} tx/s, ${(100 * r.throughputOverCeiling).toFixed(0)}%`),
    t(r.cpuPerTxOverBaseline <= 1.3, `replica CPU per tx <= 1.3x baseline: ${r.cpuPerTxOverBaseline}x`),
    t(Math.max(...r.replicas.map(p => p.peakRssMiB)) < 250, `RSS per replica < 250 MiB: peak ${Math.max(...r.replicas.map(p => p.peakRssMiB))} MiB`)]
  if (open1000) out.push(t(r.latencyMs.p50 <= 20 && r.latencyMs.p99 <= 100, `at 1,000 tx/s offered, p50 <= 20 ms and p99 <= 100 ms: ${r.latencyMs.p50} / ${r.latencyMs.p99} ms`))
  if (r.killPrimary !== undefined) out.push(t(r.killPrimary.longestStallMs <= 1500, `commits resume within 1.5 s of SIGKILL of the primary: ${r.killPrimary.longestStallMs} ms`))
  if (r.newClient !== undefined) out.push(t(r.newClient.firstTransferMs <= 50, `a new client's first transfer <= 50 ms: ${r.newClient.firstTransferMs} ms (connect ${r.newClient.connectMs} ms before it)`))
  return out.join('\n')
}
