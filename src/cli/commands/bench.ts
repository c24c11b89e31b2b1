// `pbft bench` (npm run bench): throughput, latency, CPU and memory of a real local cluster,
// next to the signature ceiling and an unreplicated baseline; JSON and an SVG chart.
// `pbft bench --overload` (npm run bench:overload): the "no collapse" acceptance test.
import { mkdirSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import type { Command } from 'commander'
import { parseModes } from '../../byzantine/modes.js'
import { overloadChart, runChart, sweepChart } from '../bench/chart.js'
import { runOverload } from '../bench/overload.js'
import { formatOverload } from '../bench/overload-report.js'
import { formatResult, formatTargets } from '../bench/report.js'
import { runBench, type BenchOptions, type BenchResult } from '../bench/run.js'
import { CliError, parseIntOption } from '../common.js'
import { corkWritesPerTurn } from '../../net/cork.js'

interface Flags {
  replicas: number, clients: number, window: number, rate?: number, duration?: number, warmup: number, batchTxs?: number
  traitor?: string, traitorReplica: number, killPrimaryAt?: number, sweep?: boolean, overload?: boolean, out: string, keep?: boolean
}

/** Measured seconds: of the run, or of each phase with --overload. */
const DURATION_DEFAULT_S = 60
const OVERLOAD_PHASE_DEFAULT_S = 20
/** The SDK's timeout per transaction in bench runs. */
const CLIENT_TIMEOUT_MS = 30_000

const progress = (line: string): void => { if (process.stderr.isTTY) process.stderr.write(`\r\x1b[2K${line}`); else process.stderr.write(`${line}\n`) }

function options (f: Flags, over: Partial<BenchOptions> = {}): BenchOptions {
  const duration = f.duration ?? DURATION_DEFAULT_S
  if (f.killPrimaryAt !== undefined && f.killPrimaryAt >= duration) throw new CliError(`--kill-primary-at (${f.killPrimaryAt}) must be less than --duration (${duration})`)
  const traitor = f.traitor === undefined ? undefined : { mode: parseModes(f.traitor.split('+')).join('+'), replica: f.traitorReplica }
  if (traitor !== undefined && traitor.replica >= f.replicas) throw new CliError(`--traitor-replica ${traitor.replica} is not one of the ${f.replicas} replicas`)
  return {
    replicas: f.replicas, clients: f.clients, durationS: duration, warmupS: f.warmup, presignRate: 5000,
    shape: f.rate !== undefined ? { kind: 'open', rate: f.rate } : { kind: 'closed', window: f.window },
    traitor, killPrimaryAtS: f.killPrimaryAt, keep: f.keep, progress,
    params: f.batchTxs === undefined ? {} : { batchTxsMax: f.batchTxs },
    ...over
  }
}

async function single (f: Flags): Promise<void> {
  const r = await runBench(options(f))
  process.stderr.write('\n')
  mkdirSync(f.out, { recursive: true })
  writeFileSync(join(f.out, 'bench.json'), `${JSON.stringify(r, null, 2)}\n`)
  writeFileSync(join(f.out, 'bench.svg'), await runChart(r))
  process.stdout.write(`${formatResult(r)}\n${formatTargets(r)}\nwrote ${join(f.out, 'bench.json')} and ${join(f.out, 'bench.svg')}\n`)
}

async function sweep (f: Flags): Promise<void> {
  const byReplicas: BenchResult[] = []
  const byLoad: BenchResult[] = []
  for (const n of [4, 7, 10, 13]) {
    progress(`sweep: ${n} replicas, closed loop`)
    byReplicas.push(await runBench(options({ ...f, replicas: n, rate: undefined, traitor: undefined, killPrimaryAt: undefined })))
  }
  for (const rate of [250, 500, 1000, 1500, 2000, 3000]) {
    progress(`sweep: 4 replicas, offered ${rate} tx/s`)
    byLoad.push(await runBench(options({ ...f, replicas: 4, rate, traitor: undefined, killPrimaryAt: undefined })))
  }
  process.stderr.write('\n')
  mkdirSync(f.out, { recursive: true })
  writeFileSync(join(f.out, 'sweep.json'), `${JSON.stringify({ byReplicas, byLoad }, null, 2)}\n`)
  writeFileSync(join(f.out, 'sweep.svg'), await sweepChart(byReplicas, byLoad))
  for (const r of [...byReplicas, ...byLoad]) process.stdout.write(`${formatResult(r)}\n`)
  process.stdout.write(`wrote ${join(f.out, 'sweep.json')} and ${join(f.out, 'sweep.svg')}\n`)
}

async function overload (f: Flags): Promise<void> {
  const clash = [f.rate !== undefined && '--rate', f.traitor !== undefined && '--traitor', f.killPrimaryAt !== undefined && '--kill-primary-at', f.sweep === true && '--sweep'].filter(x => x !== false)
  if (clash.length > 0) throw new CliError(`--overload sets its own load; it cannot be combined with ${clash.join(', ')}`)
  const r = await runOverload({
    replicas: f.replicas, clients: f.clients, window: f.window, durationS: f.duration ?? OVERLOAD_PHASE_DEFAULT_S, warmupS: f.warmup,
    presignRate: 5000, clientTimeoutMs: CLIENT_TIMEOUT_MS, keep: f.keep, progress, params: f.batchTxs === undefined ? {} : { batchTxsMax: f.batchTxs }
  })
  process.stderr.write('\n')
  mkdirSync(f.out, { recursive: true })
  writeFileSync(join(f.out, 'overload.json'), `${JSON.stringify(r, null, 2)}\n`)
  writeFileSync(join(f.out, 'overload.svg'), await overloadChart(r))
  process.stdout.write(`${formatOverload(r)}\nwrote ${join(f.out, 'overload.json')} and ${join(f.out, 'overload.svg')}\n`)
}

export function register (program: Command): void {
  program.command('bench')
    .description('benchmark a real local cluster (n processes over libp2p, fsync on) with pre-signed transfers; writes JSON and an SVG chart')
    .option('--replicas <n>', 'replicas (4, 7, 10, 13, ...)', parseIntOption('--replicas', 4, 31), 4)
    .option('--clients <c>', 'client connections (accounts), each its own libp2p client', parseIntOption('--clients', 1, 256), 8)
    .option('--window <w>', 'closed loop: transactions in flight per client', parseIntOption('--window', 1, 10_000), 64)
    .option('--rate <tx/s>', 'open loop at this offered rate instead of a closed loop', parseIntOption('--rate', 1, 100_000))
    .option('--duration <s>', `measured seconds (default ${DURATION_DEFAULT_S}; with --overload, seconds per phase, default ${OVERLOAD_PHASE_DEFAULT_S})`, parseIntOption('--duration', 1, 3600))
    .option('--warmup <s>', 'seconds of load before measuring', parseIntOption('--warmup', 0, 600), 5)
    .option('--batch-txs <k>', 'genesis batchTxsMax for the cluster', parseIntOption('--batch-txs', 1, 4096))
    .option('--traitor <mode>', 'run with one replica in this traitor mode (modes joined with +)')
    .option('--traitor-replica <i>', 'which replica is the traitor', parseIntOption('--traitor-replica', 0, 30), 0)
    .option('--kill-primary-at <s>', 'SIGKILL the primary this many seconds into the measured window; reports the longest commit stall', parseIntOption('--kill-primary-at', 0, 3600))
    .option('--sweep', 'n in {4, 7, 10, 13} closed loop, then offered load 250..3000 tx/s at n = 4; writes the scaling chart')
    .option('--overload', 'the no-collapse test: capacity C closed loop (--clients x --window), then open loop at 2C, 4C, 10C and 0.5C on the same cluster; prints each target met or not; writes overload.json and overload.svg')
    .option('--out <dir>', 'directory for the JSON and SVG', 'bench-results')
    .option('--keep', 'keep the cluster directory (logs, data) after the run')
    .action(async (f: Flags) => {
      corkWritesPerTurn() // the load generator's sockets, as the replicas' (src/net/cork.ts)
      if (f.overload === true) await overload(f); else if (f.sweep === true) await sweep(f); else await single(f)
    })
}
