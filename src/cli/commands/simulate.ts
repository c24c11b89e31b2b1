import type { Command } from 'commander'
import { parseModes } from '../../byzantine/modes.js'
import type { PlantedFault } from '../../protocol/index.js'
import { FAULT_CLASSES, runSeed, type FaultClass, type SeedResult, type SimOptions } from '../../sim/run.js'
import { collusionTraitors } from '../../sim/collusion.js'
import { situationTable } from '../../sim/situations.js'
import { sumSituations, summarise, sweep } from '../../sim/sweep.js'
import { CliError, parseIntOption } from '../common.js'

const PLANTS: PlantedFault[] = ['weak-quorum', 'accept-second-pre-prepare', 'trust-new-view', 'send-before-persist', 'accept-old-view', 'compact-too-much', 'transfer-unchecked']

function line (r: SeedResult): string {
  const t = r.traitors.map(x => `${x.id}:${x.modes.join('+')}`).join(' ')
  return `seed ${r.seed}  n=${r.n}  blocks ${r.blocks}  view-changes ${r.viewChanges}  txs ${r.txsCommitted}/${r.txsSubmitted}  ` +
    `dropped ${r.faults.dropped} dup ${r.faults.duplicated} crashes ${r.faults.crashes} partitions ${r.faults.partitions}` +
    `${r.faults.failedWrites + r.faults.tornWrites > 0 ? `  WAL writes failed ${r.faults.failedWrites} torn ${r.faults.tornWrites}` : ''}` +
    `${t !== '' ? `  traitors ${t}` : ''}  ${r.violations.length === 0 ? 'OK' : `VIOLATION: ${r.violations[0] ?? ''}`}` +
    r.forensics.map(x => `\n  forensics: the two commit certificates for height ${x.height} convict replicas ${x.culprits.join(', ')} (each signed commits for both blocks)`).join('')
}

function range (s: string): [number, number] {
  const m = /^(\d+)\.\.(\d+)$/.exec(s)
  if (m === null || Number(m[1]) > Number(m[2])) throw new CliError(`--seeds must look like A..B with A <= B, got ${JSON.stringify(s)}`)
  return [Number(m[1]), Number(m[2])]
}

/** The flags of `pbft simulate`, as commander gives them. */
interface SimulateFlags { seed?: string, seeds?: string, sweep?: boolean, replicas?: string, faults?: string, plant?: string, traitors: string, trace?: boolean, json?: boolean, txs?: string, faultMs?: string, collusion?: boolean, directed?: boolean, storageFaults?: boolean }

export function register (program: Command): void {
  program.command('simulate')
    .description('run the deterministic simulator: real protocol code under seeded faults, invariants checked after every step')
    .option('--seed <s>', 'one seed (prints a replay command and, with --trace, the last events)')
    .option('--seeds <a..b>', 'a range of seeds')
    .option('--sweep', 'the long sweep: 10,000 seeds over n in {4, 7, 10}, all faults, random traitors, on every core')
    .option('--replicas <n>', 'number of replicas (default: chosen by the seed from 4, 7, 10)')
    .option('--faults <list>', `fault classes: ${FAULT_CLASSES.join(',')} (default all; "none" for none)`)
    .option('--plant <fault>', `a deliberate bug in honest replicas: ${PLANTS.join(', ')}`)
    .option('--traitors <spec>', '"random", "none", or ID:MODE[+MODE],... e.g. 0:equivocate', 'none')
    .option('--txs <k>', 'transactions per client (default 6; the sweep uses 4)')
    .option('--fault-ms <ms>', 'length of the fault phase in virtual ms (default 3000; the sweep uses 2000)')
    .option('--collusion', 'f+1 colluding traitors (more than PBFT tolerates): safety can be lost, and forensics names them; no network faults')
    .option('--directed', 'directed mode (src/sim/directed.ts): n = 4, no random faults; each seed steers into one rare situation (split prepared certificates, a seq committed at one replica, a lying primary)')
    .option('--storage-faults', 'failed and torn WAL writes in the fault phase (src/sim/storage-faults.ts): a failed write stops the replica, a torn one crashes it mid-write')
    .option('--trace', 'print the last 200 events of a failing seed')
    .option('--json', 'one JSON object per seed')
    .action(async (o: SimulateFlags) => {
      const opts = simOptions(o)
      const [from, to] = seedRange(o, opts)
      const t0 = Date.now()
      const print = (r: SeedResult): void => { printSeed(r, o, opts) }
      const results = from === to ? [await runSeed(from, opts)] : await sweep(from, to, opts, print)
      if (from === to) print(results[0] as SeedResult)
      printSummary(results, Date.now() - t0, o.json === true)
    })
}

/** The simulator's options from the flags (the seed range and the sweep's defaults aside). */
function simOptions (o: SimulateFlags): SimOptions {
  const opts: SimOptions = { trace: o.trace === true, directed: o.directed === true, storageFaults: o.storageFaults === true }
  if (o.txs !== undefined) opts.txsPerClient = parseIntOption('--txs', 1, 1000)(o.txs)
  if (o.faultMs !== undefined) opts.faultMs = parseIntOption('--fault-ms', 0, 600_000)(o.faultMs)
  if (o.replicas !== undefined) {
    const n = Number(o.replicas)
    if (!Number.isInteger(n) || n < 4 || n > 64) throw new CliError(`--replicas must be a whole number from 4 to 64, got ${o.replicas}`)
    opts.replicas = n
  }
  if (o.faults !== undefined) {
    const list = o.faults === 'none' ? [] : o.faults.split(',')
    for (const f of list) if (!(FAULT_CLASSES as readonly string[]).includes(f)) throw new CliError(`unknown fault class "${f}"; known: ${FAULT_CLASSES.join(', ')}`)
    opts.faults = list as FaultClass[]
  }
  if (o.plant !== undefined) {
    if (!(PLANTS as string[]).includes(o.plant)) throw new CliError(`unknown planted fault "${o.plant}"; known: ${PLANTS.join(', ')}`)
    opts.plant = [o.plant as PlantedFault]
  }
  opts.traitors = parseTraitors(o.traitors)
  if (o.collusion === true) {
    if (o.traitors !== 'none') throw new CliError('--collusion chooses the traitors itself; leave out --traitors')
    opts.replicas ??= 4
    opts.traitors = collusionTraitors(opts.replicas)
    opts.faults ??= []
    opts.livenessMs = 5000
  }
  return opts
}

/** The seeds to run: --seed, --seeds, or 1..100; --sweep makes it 1..10,000 and sets the sweep's defaults in `opts`. */
function seedRange (o: SimulateFlags, opts: SimOptions): [number, number] {
  let [from, to] = o.seed !== undefined ? [Number(o.seed), Number(o.seed)] : o.seeds !== undefined ? range(o.seeds) : [1, 100]
  if (o.sweep === true) {
    [from, to] = o.seeds !== undefined ? [from, to] : [1, 10_000]
    if (o.traitors === 'none') opts.traitors = 'random'
    opts.txsPerClient ??= 4
    opts.faultMs ??= 2000
  }
  if (!Number.isInteger(from)) throw new CliError('--seed must be a whole number')
  return [from, to]
}

/** One seed's line (or JSON object); a failing seed also gets the command that replays it, and its trace. */
function printSeed (r: SeedResult, o: SimulateFlags, opts: SimOptions): void {
  process.stdout.write(`${o.json === true ? JSON.stringify({ ...r, trace: undefined }) : line(r)}\n`)
  if (r.violations.length === 0 || o.json === true) return
  const traitors = opts.traitors === 'random' ? 'random' : o.traitors
  process.stdout.write(`  replay: node bin/pbft simulate --seed ${r.seed}${o.replicas !== undefined ? ` --replicas ${r.n}` : ''} --txs ${opts.txsPerClient ?? 6} --fault-ms ${opts.faultMs ?? 3000}${o.faults !== undefined ? ` --faults ${o.faults}` : ''}${o.plant !== undefined ? ` --plant ${o.plant}` : ''}${o.directed === true ? ' --directed' : ''}${o.storageFaults === true ? ' --storage-faults' : ''} ${o.collusion === true ? ' --collusion' : ` --traitors '${traitors}'`} --trace\n`)
  for (const t of r.trace) process.stdout.write(`  | ${t}\n`)
}

function printSummary (results: SeedResult[], wallMs: number, json: boolean): void {
  const s = summarise(results, wallMs)
  process.stdout.write(`summary: ${s.seeds} seeds, ${s.blocks} blocks committed, ${s.viewChanges} view changes, ${s.txsCommitted} transactions, faults: ${s.faults.dropped} dropped, ${s.faults.duplicated} duplicated, ${s.faults.crashes} crashes, ${s.faults.partitions} partitions${s.faults.failedWrites + s.faults.tornWrites > 0 ? `, ${s.faults.failedWrites} failed WAL writes, ${s.faults.tornWrites} torn WAL writes` : ''}; ${s.traitorRuns} runs with traitors, ${s.evidence} evidence records, ${s.receipts} receipts verified, ${s.invalidReplies} wrong replies refused; safety violations: ${s.safetyViolations}, liveness failures: ${s.livenessFailures}; ${(s.wallMs / 1000).toFixed(1)} s\n`)
  if (!json) process.stdout.write(`situations reached (src/sim/situations.ts):\n${situationTable(sumSituations(results))}\n`)
  if (s.failedSeeds.length > 0) { process.stdout.write(`failed seeds: ${s.failedSeeds.slice(0, 50).join(' ')}\n`); process.exitCode = 1 }
}

function parseTraitors (spec: string): SimOptions['traitors'] {
  if (spec === 'none' || spec === 'random') return spec
  const m = new Map<number, { modes: ReturnType<typeof parseModes> }>()
  for (const part of spec.split(',')) {
    const [id, modes] = part.split(':')
    if (id === undefined || modes === undefined || !/^\d+$/.test(id)) throw new CliError(`--traitors expects ID:MODE[+MODE],..., got ${JSON.stringify(part)}`)
    m.set(Number(id), { modes: parseModes(modes.split('+')) })
  }
  return m
}
