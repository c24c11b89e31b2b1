// One bench run: a real cluster, pre-signed load, and the figures of issue #7 — committed tx/s,
// latency quantiles, CPU per committed transaction per replica, peak RSS, batch size, view
// changes — next to the signature ceiling and the unreplicated baseline.
import type { Client } from '../../client/client.js'
import type { Transaction } from '../../codec/index.js'
import type { KeyPair } from '../../crypto/ed25519.js'
import { loadKeyFile } from '../../crypto/keyfile.js'
import type { GenesisParams } from '../../ledger/genesis.js'
import { sendAdmin } from '../../cluster/admin.js'
import { connectClient } from '../common.js'
import { benchAccounts, recipientOf, scrape, startBenchCluster, stopBenchCluster, type BenchCluster } from './cluster.js'
import { longestStallMs, perSecond, presign, startLoad, type LoadClient, type LoadRun, type LoadShape } from './load.js'
import { cpuSeconds, memoryMiB } from './procstat.js'
import { signatureCeiling, unreplicatedBaseline, type Baseline, type Ceiling } from './references.js'

export interface BenchOptions {
  replicas: number
  clients: number
  shape: LoadShape
  durationS: number
  warmupS: number
  /** Upper bound of the closed-loop rate used to size the pre-signed workload. */
  presignRate: number
  traitor?: { mode: string, replica: number }
  killPrimaryAtS?: number
  params?: Partial<GenesisParams>
  keep?: boolean
  progress?: (line: string) => void
}

export interface ReplicaFigures {
  id: number, cpuSeconds: number, cpuMsPerTx: number, rssMiB: number, peakRssMiB: number, rssGrowthPct: number
  /** Per committed transaction in the window: signature verifies, replica messages in, client requests admitted or refused. */
  verifiesPerTx?: number, messagesInPerTx?: number, requestsPerTx?: number
}

export interface BenchResult {
  config: { replicas: number, f: number, clients: number, load: LoadShape, durationS: number, warmupS: number, traitor?: { mode: string, replica: number }, killPrimaryAtS?: number, params: GenesisParams }
  committedTxPerSec: number
  committed: number
  failed: number
  errors: number
  errorKinds: Record<string, number>
  shed: number
  workloadExhausted: boolean
  latencyMs: { p50: number, p90: number, p99: number, max: number, samples: number }
  perSecond: number[]
  replicas: ReplicaFigures[]
  loadGeneratorCpuMsPerTx: number
  avgBatchSize: number
  viewChanges: number
  killPrimary?: { atS: number, longestStallMs: number }
  /** A client that connects once the load has stopped (cluster warm, idle): connect, then its first transfer. */
  newClient?: { connectMs: number, firstTransferMs: number }
  ceiling: Ceiling
  baseline: Baseline
  throughputOverCeiling: number
  cpuPerTxOverBaseline: number
}

const sleep = async (ms: number): Promise<void> => { await new Promise(resolve => setTimeout(resolve, ms)) }

interface Sample { cpu: number[], batchSum: number, batchCount: number, viewChanges: number, counters: Array<Map<string, number>> }

async function sample (cl: BenchCluster, alive: (i: number) => boolean): Promise<Sample> {
  const cpu = cl.pids.map(pid => cpuSeconds(pid) ?? NaN)
  const metrics = await Promise.all(cl.pids.map(async (_, i) => alive(i) ? await scrape(cl.genesis, i).catch(() => new Map<string, number>()) : new Map<string, number>()))
  // Batch sizes from the highest replica id that answers (the same one before and after, unless
  // it was killed in between; replica 0 is the one a kill takes down).
  const m = [...metrics].reverse().find(x => x.size > 0) ?? new Map<string, number>()
  return {
    cpu,
    batchSum: m.get('pbft_batch_size_sum') ?? 0,
    batchCount: m.get('pbft_batch_size_count') ?? 0,
    viewChanges: Math.max(0, ...metrics.map(x => x.get('pbft_view_changes') ?? 0)),
    counters: metrics
  }
}

/** What replica `i` counted under `name` between two samples, per committed transaction. */
function perTx (before: Sample, after: Sample, i: number, name: string, committed: number): number | undefined {
  const a = after.counters[i]?.get(name)
  const b = before.counters[i]?.get(name)
  return a === undefined || b === undefined ? undefined : round((a - b) / committed, 2)
}

export async function runBench (o: BenchOptions): Promise<BenchResult> {
  const log = o.progress ?? (() => {})
  log(`starting ${o.replicas} replicas`)
  const cl = await startBenchCluster(o.replicas, benchAccounts(o.clients), o.params ?? {})
  try {
    const w = await prepareWorkload(cl, o, log)
    if (o.traitor !== undefined) {
      await sendAdmin(cl.genesis, loadKeyFile(cl.c.adminKey).seed, o.traitor.replica, 'set', [o.traitor.mode])
      log(`replica ${o.traitor.replica} is now a traitor: ${o.traitor.mode}`)
    }
    const cpuLoad0 = process.cpuUsage()
    const run = startLoad(w.work, o.shape, (o.warmupS + o.durationS + 40) * 1000, { measureFromMs: o.warmupS * 1000 })
    await sleep(o.warmupS * 1000)
    const m = await measureWindow(cl, run, o, cpuLoad0, log)
    run.stop()
    await Promise.race([run.done, sleep(35_000)])
    await Promise.all(w.clients.map(async c => { await c.close() }))
    const newClient = await firstTransfer(cl, w.keys[0]!.seed, w.keys[recipientOf(0, o.clients)]!.publicKey).catch(() => undefined)
    return await figures(o, cl, run, w, m, newClient, log)
  } finally {
    await stopBenchCluster(cl, o.keep === true)
  }
}

/** The run's clients, their pre-signed transfers, and the signature ceiling measured on a sample of them. */
interface Workload { keys: KeyPair[], clients: Client[], work: LoadClient[], sampleTxs: Transaction[], ceiling: Ceiling }

async function prepareWorkload (cl: BenchCluster, o: BenchOptions, log: (line: string) => void): Promise<Workload> {
  const keys = [...Array(benchAccounts(o.clients)).keys()].map(k => loadKeyFile(cl.c.accountKey(k)))
  const clients = await Promise.all(keys.slice(0, o.clients).map(async k => await connectClient(cl.genesis, k.seed, { timeoutMs: 30_000 })))
  const rate = o.shape.kind === 'open' ? o.shape.rate * 1.05 : o.presignRate
  const perClient = Math.ceil(rate * (o.warmupS + o.durationS + 5) / o.clients) + 64
  log(`pre-signing ${perClient * o.clients} transfers`)
  const work = presign(clients, k => keys[recipientOf(k, o.clients)]!.publicKey, perClient)
  const sampleTxs = roundRobin(work, Math.min(20_000, perClient * o.clients))
  return { keys, clients, work, sampleTxs, ceiling: signatureCeiling(sampleTxs.slice(0, 4000), o.replicas) }
}

/** The first `count` pre-signed transfers taken in turn from each client (the first of each, then the second, ...). */
function roundRobin (work: LoadClient[], count: number): Transaction[] {
  const out: Transaction[] = []
  for (let i = 0; out.length < count; i++) for (const w of work) if (w.txs[i] !== undefined) out.push(w.txs[i]!)
  return out
}

/** What the measured window saw: samples at both ends, each replica's RSS once a second, which replicas were killed. */
interface Window { before: Sample, after: Sample, rss: number[][], seconds: number, killed: Set<number>, committed: number, loadCpuMs: number }

/** The measured window (after the warm-up): the primary is killed on schedule, progress is logged once a second. */
async function measureWindow (cl: BenchCluster, run: LoadRun, o: BenchOptions, cpuLoad0: NodeJS.CpuUsage, log: (line: string) => void): Promise<Window> {
  const killed = new Set<number>()
  const before = await sample(cl, i => !killed.has(i))
  const cpuMeasure0 = process.cpuUsage(cpuLoad0)
  const rss: number[][] = cl.pids.map(() => [])
  const t0 = Date.now()
  let killTimer: NodeJS.Timeout | undefined
  if (o.killPrimaryAtS !== undefined) {
    killTimer = setTimeout(() => { process.kill(cl.pids[0]!, 'SIGKILL'); killed.add(0); log('SIGKILL primary (replica 0)') }, o.killPrimaryAtS * 1000)
  }
  while (Date.now() - t0 < o.durationS * 1000 && !run.stats.exhausted) {
    await sleep(1000)
    cl.pids.forEach((pid, i) => { const m = memoryMiB(pid); if (m !== undefined && !killed.has(i)) rss[i]!.push(m.rss) })
    const s = (Date.now() - t0) / 1000
    log(`${bar(s / o.durationS)} ${s.toFixed(0)}/${o.durationS}s  ${Math.round(run.stats.latency.count / s)} tx/s  errors ${run.stats.errors}`)
  }
  const seconds = (Date.now() - t0) / 1000
  const after = await sample(cl, i => !killed.has(i))
  const cpuLoad = process.cpuUsage(cpuLoad0)
  clearTimeout(killTimer)
  const loadCpuMs = (cpuLoad.user + cpuLoad.system - cpuMeasure0.user - cpuMeasure0.system) / 1000
  return { before, after, rss, seconds, killed, committed: run.stats.latency.count, loadCpuMs }
}

/** Each replica's CPU and memory over the window, and its counters per committed transaction. */
function replicaFigures (m: Window, committed: number): ReplicaFigures[] {
  const { before, after } = m
  return m.rss.map((series, i): ReplicaFigures => {
    const cpu = (after.cpu[i] ?? NaN) - (before.cpu[i] ?? NaN)
    const first = series[Math.min(2, series.length - 1)] ?? NaN
    const last = series.at(-1) ?? NaN
    return {
      id: i, cpuSeconds: round(cpu, 2), cpuMsPerTx: round(1000 * cpu / committed, 3), rssMiB: round(last, 1), peakRssMiB: round(Math.max(...series), 1), rssGrowthPct: round(100 * (last - first) / first, 1),
      verifiesPerTx: perTx(before, after, i, 'pbft_signature_verifications_total', committed),
      messagesInPerTx: perTx(before, after, i, 'pbft_messages_in_total', committed),
      requestsPerTx: perTx(before, after, i, 'pbft_admission_total', committed)
    }
  })
}

/** The run's figures, next to the unreplicated baseline measured now with the run's batch size. */
async function figures (o: BenchOptions, cl: BenchCluster, run: LoadRun, w: Workload, m: Window, newClient: BenchResult['newClient'], log: (line: string) => void): Promise<BenchResult> {
  const [p50, p90, p99, max] = run.stats.latency.quantiles([0.5, 0.9, 0.99, 1])
  const committed = Math.max(1, m.committed)
  const replicas = replicaFigures(m, committed)
  const avgBatchSize = Math.max(0, (m.after.batchSum - m.before.batchSum) / Math.max(1, m.after.batchCount - m.before.batchCount))
  log('unreplicated baseline')
  const baseline = await unreplicatedBaseline(cl.genesis, w.sampleTxs, Math.max(1, Math.round(avgBatchSize)))
  const committedTxPerSec = Math.round(m.committed / m.seconds)
  const honest = replicas.filter(r => !m.killed.has(r.id) && r.id !== o.traitor?.replica)
  const cpuPerTx = honest.reduce((a, r) => a + r.cpuMsPerTx, 0) / Math.max(1, honest.length)
  return {
    config: { replicas: o.replicas, f: cl.genesis.f, clients: o.clients, load: o.shape, durationS: o.durationS, warmupS: o.warmupS, traitor: o.traitor, killPrimaryAtS: o.killPrimaryAtS, params: cl.genesis.params },
    committedTxPerSec, committed: m.committed, failed: run.stats.failed, errors: run.stats.errors, errorKinds: Object.fromEntries(run.stats.errorKinds), shed: run.stats.shed, workloadExhausted: run.stats.exhausted,
    latencyMs: { p50: round(p50!, 1), p90: round(p90!, 1), p99: round(p99!, 1), max: round(max!, 1), samples: run.stats.latency.count },
    perSecond: perSecond(run.stats.timeline, (o.warmupS + o.durationS) * 1000).slice(o.warmupS),
    replicas, loadGeneratorCpuMsPerTx: round(m.loadCpuMs / committed, 3), avgBatchSize: round(avgBatchSize, 1), viewChanges: m.after.viewChanges - m.before.viewChanges,
    killPrimary: o.killPrimaryAtS === undefined ? undefined : { atS: o.killPrimaryAtS, longestStallMs: longestStallMs(run.stats.timeline, (o.warmupS + o.killPrimaryAtS) * 1000, (o.warmupS + o.durationS) * 1000) },
    newClient,
    ceiling: w.ceiling, baseline,
    throughputOverCeiling: round(committedTxPerSec / w.ceiling.txPerSec, 3),
    cpuPerTxOverBaseline: round(cpuPerTx / baseline.cpuMsPerTx, 2)
  }
}

/**
 * Issue #12's "a new client's first transfer": a fresh SDK client (its own libp2p host) connects
 * and makes one transfer, timed apart, once the run's load has stopped.
 */
async function firstTransfer (cl: BenchCluster, seed: Uint8Array, to: Uint8Array): Promise<{ connectMs: number, firstTransferMs: number }> {
  await sleep(500)
  const t0 = performance.now()
  const client = await connectClient(cl.genesis, seed, { timeoutMs: 10_000 })
  const t1 = performance.now()
  try {
    await client.transfer(to, 1n)
    return { connectMs: round(t1 - t0, 1), firstTransferMs: round(performance.now() - t1, 1) }
  } finally {
    await client.close()
  }
}

function round (x: number, digits: number): number {
  const k = 10 ** digits
  return Math.round(x * k) / k
}

function bar (fraction: number, width = 30): string {
  const full = Math.max(0, Math.min(width, Math.round(fraction * width)))
  return `[${'#'.repeat(full)}${'.'.repeat(width - full)}]`
}
