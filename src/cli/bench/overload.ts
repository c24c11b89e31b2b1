// `pbft bench --overload`: the "no collapse" acceptance test on one real cluster. Phase A finds
// capacity C closed loop; then one open loop offers 2C, 4C and 10C and falls back to 0.5C, with
// the offered rate changed in place, so the cluster goes from overload to light load the way it
// would in production (the backlog is still there when the load falls). Throughout, a worker
// thread polls every replica's /status, replicas' view-change counters are read at every phase
// change, and every busy answer's latency is recorded through the SDK's onBusy.
import type { Client } from '../../client/client.js'
import type { BusyInfo } from '../../client/types.js'
import { loadKeyFile } from '../../crypto/keyfile.js'
import { apiUrl, CliError, connectClient } from '../common.js'
import { benchAccounts, recipientOf, scrape, startBenchCluster, stopBenchCluster, type BenchCluster } from './cluster.js'
import { committedIn, openLoopInFlightMax, presign, presignMore, startLoad, unsent, type LoadClient, type LoadRun } from './load.js'
import { overloadResult, type OverloadOptions, type OverloadResult, type ViewChangeScrape } from './overload-result.js'
import { FALLBACK_MULTIPLE, OVERLOAD_PHASES } from './overload-targets.js'
import { PhaseLog, type PhaseSpec } from './phase-log.js'
import { startStatusPoller, type StatusPoller } from './status.js'

/** Pre-signed transfers held for the open-loop phases at most (memory, and signing time before them). */
export const PRESIGNED_POOL_MAX = 500_000

/** One clock for the load, the phases and the /status poller thread (ms since the epoch). */
const clock = (): number => performance.timeOrigin + performance.now()
const sleep = async (ms: number): Promise<void> => { await new Promise(resolve => setTimeout(resolve, ms)) }

interface Ctx { o: OverloadOptions, cl: BenchCluster, log: (line: string) => void, phases: PhaseLog, scrapes: Array<Promise<ViewChangeScrape>> }

export async function runOverload (o: OverloadOptions): Promise<OverloadResult> {
  const log = o.progress ?? (() => {})
  log(`starting ${o.replicas} replicas`)
  const cl = await startBenchCluster(o.replicas, benchAccounts(o.clients), o.params ?? {})
  const phases = new PhaseLog(clock)
  const ctx: Ctx = { o, cl, log, phases, scrapes: [] }
  let clients: Client[] = []
  let poller: StatusPoller | undefined
  try {
    poller = startStatusPoller(cl.genesis.replicas.map((_, i) => `${apiUrl(cl.genesis, i)}/status`))
    const keys = [...Array(benchAccounts(o.clients)).keys()].map(k => loadKeyFile(cl.c.accountKey(k)))
    const to = (k: number): Uint8Array => keys[recipientOf(k, o.clients)]!.publicKey
    const onBusy = (info: BusyInfo): void => { phases.onBusy(info) }
    clients = await Promise.all(keys.slice(0, o.clients).map(async k => await connectClient(cl.genesis, k.seed, { timeoutMs: o.clientTimeoutMs, onBusy })))
    const perClient = Math.ceil(o.presignRate * (o.warmupS + o.durationS + 5) / o.clients) + o.window
    log(`pre-signing ${perClient * o.clients} transfers for the capacity phase`)
    const work = presign(clients, to, perClient)
    let presigned = perClient * o.clients
    ctx.scrapes.push(viewChanges(cl))
    const capacity = await capacityPhase(ctx, work)
    if (capacity === 0) throw new CliError('the capacity phase committed nothing: there is no capacity to overload; see the replica logs (--keep)')
    const want = Math.min(PRESIGNED_POOL_MAX, Math.ceil(1.05 * o.durationS * capacity * [...OVERLOAD_PHASES.map(p => p.multiple), FALLBACK_MULTIPLE].reduce((a, m) => a + m, 0)))
    const left = unsent(work)
    const more = Math.max(0, Math.ceil((want - left) / o.clients))
    log(`open-loop pool: ${want} transfers${want === PRESIGNED_POOL_MAX ? ' (capped)' : ''}; ${left} left from the capacity phase, pre-signing ${more * o.clients} more`)
    presignMore(work, to, more)
    presigned += more * o.clients
    await openLoopPhases(ctx, work, capacity)
    ctx.scrapes.push(viewChanges(cl))
    phases.freeze()
    return overloadResult({
      o, f: cl.genesis.f, params: cl.genesis.params, capacity, phases, viewChanges: await Promise.all(ctx.scrapes), status: poller.samples, statusError: poller.error(),
      pool: { presigned, cap: PRESIGNED_POOL_MAX, capped: want === PRESIGNED_POOL_MAX, unsentAtEnd: unsent(work) }, inFlightMax: openLoopInFlightMax(o.clients)
    })
  } finally {
    phases.freeze()
    await Promise.all(clients.map(async c => { await c.close() }))
    await poller?.stop()
    await stopBenchCluster(cl, o.keep === true)
  }
}

/** Phase A: closed loop for warm-up + D seconds; C = commits in the D seconds / D. */
async function capacityPhase (ctx: Ctx, work: LoadClient[]): Promise<number> {
  const { o } = ctx
  const run = startLoad(work, { kind: 'closed', window: o.window }, (o.warmupS + o.durationS + 10) * 1000 + o.clientTimeoutMs, { now: clock, onSettled: s => { ctx.phases.onSettled(s) } })
  if (o.warmupS > 0) await phase(ctx, { name: 'warmup', load: 'closed', multiple: null, offeredTxPerSec: null }, run, o.warmupS)
  const p = await phase(ctx, { name: 'capacity', load: 'closed', multiple: null, offeredTxPerSec: null }, run, o.durationS)
  ctx.phases.end()
  run.stop()
  await Promise.race([run.done, sleep(o.clientTimeoutMs + 5000)])
  return Math.round(committedIn(run.stats.timeline, p.startMs - run.t0, p.endMs - run.t0) / ((p.endMs - p.startMs) / 1000))
}

/** 2C, 4C, 10C, then 0.5C, on one open loop whose rate changes in place. */
async function openLoopPhases (ctx: Ctx, work: LoadClient[], capacity: number): Promise<void> {
  const { o } = ctx
  const specs: PhaseSpec[] = [...OVERLOAD_PHASES.map(p => p.multiple), FALLBACK_MULTIPLE].map(m => ({ name: `${m}xC`, load: 'open', multiple: m, offeredTxPerSec: Math.max(1, Math.round(m * capacity)) }))
  const first = specs[0]!.offeredTxPerSec!
  const run = startLoad(work, { kind: 'open', rate: first }, (specs.length * o.durationS + 10) * 1000 + o.clientTimeoutMs, { now: clock, onSettled: s => { ctx.phases.onSettled(s) } })
  for (const [i, spec] of specs.entries()) {
    if (i > 0) run.setRate(spec.offeredTxPerSec!)
    if (spec.multiple === FALLBACK_MULTIPLE) ctx.phases.markDrop(run.inFlight())
    await phase(ctx, spec, run, o.durationS)
  }
  ctx.phases.end()
  run.stop()
  ctx.log(`waiting for the ${run.inFlight()} transactions in flight`)
  await Promise.race([run.done, sleep(o.clientTimeoutMs + 5000)])
}

/** Begins a phase, reads the view-change counters, and shows progress once a second for `seconds`. */
async function phase (ctx: Ctx, spec: PhaseSpec, run: LoadRun, seconds: number): Promise<ReturnType<PhaseLog['begin']>> {
  const p = ctx.phases.begin(spec, run)
  ctx.scrapes.push(viewChanges(ctx.cl))
  for (let s = 1; s <= seconds; s++) {
    await sleep(Math.max(0, p.startMs + s * 1000 - clock()))
    const last = committedIn(run.stats.timeline, p.startMs - run.t0 + (s - 1) * 1000, p.startMs - run.t0 + s * 1000)
    const offered = spec.offeredTxPerSec === null ? 'closed loop' : `offered ${spec.offeredTxPerSec} tx/s`
    ctx.log(`${spec.name.padEnd(8)} ${s}/${seconds}s  ${offered}, committed ${last} tx/s, in flight ${run.inFlight()}, shed ${run.stats.shed}, busy answers ${p.busy.count}, errors ${run.stats.errors}`)
  }
  return p
}

/** Every replica's pbft_view_changes now (undefined where the scrape failed). */
async function viewChanges (cl: BenchCluster): Promise<ViewChangeScrape> {
  const atMs = clock()
  const counts = await Promise.all(cl.pids.map(async (_, i) => {
    try { return (await scrape(cl.genesis, i)).get('pbft_view_changes') } catch { return undefined }
  }))
  return { atMs, counts }
}
