// The bench's parts (latency sampling, commit timeline, /proc readings, report) and one short
// real run: a 4-replica cluster under pre-signed load, writing its JSON figures and SVG chart.
import { readFileSync } from 'node:fs'
import { describe, expect, it } from 'vitest'
import { LATENCY_SAMPLES_MAX, LatencySamples } from '../../src/cli/bench/latency.js'
import { longestStallMs, perSecond, TIMELINE_BUCKET_MS } from '../../src/cli/bench/load.js'
import { cpuSeconds, memoryMiB } from '../../src/cli/bench/procstat.js'
import { runChart } from '../../src/cli/bench/chart.js'
import { formatResult, formatTargets } from '../../src/cli/bench/report.js'
import { runBench } from '../../src/cli/bench/run.js'

describe('bench parts', () => {
  it('latency quantiles come from the samples, and memory stays bounded past the limit', () => {
    const l = new LatencySamples()
    for (let i = 1; i <= 1000; i++) l.add(i)
    expect(l.quantiles([0.5, 0.99, 1])).toEqual([501, 991, 1000])
    for (let i = 0; i < LATENCY_SAMPLES_MAX * 2; i++) l.add(5)
    expect(l.count).toBe(1000 + LATENCY_SAMPLES_MAX * 2)
    expect(l.quantiles([0.5])[0]).toBe(5)
  })

  it('the commit timeline gives per-second rates and the longest stall', () => {
    const t = new Uint32Array(3000 / TIMELINE_BUCKET_MS)
    for (let b = 0; b < t.length; b++) t[b] = b * TIMELINE_BUCKET_MS >= 1200 && b * TIMELINE_BUCKET_MS < 1900 ? 0 : 2
    expect(perSecond(t, 3000)).toEqual([200, 60, 200])
    expect(longestStallMs(t, 0, 3000)).toBe(700)
    expect(longestStallMs(t, 2000, 3000)).toBe(0)
  })

  it('reads CPU seconds and memory of a live process from /proc, and nothing for a dead one', () => {
    const before = cpuSeconds(process.pid) as number
    const end = performance.now() + 150
    while (performance.now() < end) { /* burn CPU */ }
    expect(cpuSeconds(process.pid)).toBeGreaterThan(before)
    const m = memoryMiB(process.pid)
    expect(m?.rss).toBeGreaterThan(10)
    expect(m?.peak).toBeGreaterThanOrEqual(m?.rss as number)
    expect(cpuSeconds(2 ** 22 + 1)).toBeUndefined()
  })
})

describe('pbft bench on a real cluster', () => {
  it('commits pre-signed load on 4 processes and reports throughput, latency, CPU, RSS and the references', async () => {
    const r = await runBench({ replicas: 4, clients: 2, shape: { kind: 'closed', window: 8 }, durationS: 3, warmupS: 1, presignRate: 2000 })
    expect(r.committed).toBeGreaterThan(0)
    expect(r.committedTxPerSec).toBeGreaterThan(0)
    expect(r.errors).toBe(0)
    expect(r.latencyMs.p50).toBeGreaterThan(0)
    expect(r.latencyMs.p99).toBeGreaterThanOrEqual(r.latencyMs.p50)
    expect(r.replicas).toHaveLength(4)
    for (const p of r.replicas) {
      expect(p.cpuSeconds).toBeGreaterThan(0)
      expect(p.peakRssMiB).toBeGreaterThan(20)
    }
    expect(r.avgBatchSize).toBeGreaterThanOrEqual(1)
    expect(r.ceiling.txPerSec).toBeGreaterThan(100)
    expect(r.baseline.cpuMsPerTx).toBeGreaterThan(0)
    expect(formatResult(r)).toMatch(/committed\s+\d+ tx\/s/)
    expect(formatTargets(r)).toMatch(/RSS per replica < 250 MiB/)
    // a fresh client connected after the load and committed one transfer
    expect(r.newClient?.connectMs).toBeGreaterThan(0)
    expect(r.newClient?.firstTransferMs).toBeGreaterThan(0)
    expect(formatTargets(r)).toMatch(/a new client's first transfer <= 50 ms: [\d.]+ ms/)
    const svg = await runChart(r)
    expect(svg.startsWith('<svg')).toBe(true)
    expect(svg).toContain('committed tx/s')
  }, 120_000)
})
