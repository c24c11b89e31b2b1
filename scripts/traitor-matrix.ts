// The traitor matrix (issue 6): every mode x {traitor is the primary, a backup} x n in {4, 7}
// with f traitors (n = 7: the mode plus a second traitor with another mode) x SEEDS seeds, with
// network faults on. Per cell: safety/liveness violations, honest replicas accused, and the
// evidence rate: of the runs in which the simulator's lie witness (src/sim/lie-witness.ts) saw a
// provable lie reach an honest replica, how many ended with evidence naming that traitor.
// Then the f+1 demonstration: colluding traitors break safety and forensics names them.
// Exit code 1 on any violation, honest accusation, or missed evidence.
//   npm run sim:matrix -- --seeds 50 [--out docs/sim/traitor-matrix.json]
import '../src/polyfill.js'
import { mkdirSync, writeFileSync } from 'node:fs'
import { dirname } from 'node:path'
import { SIM_TRAITOR_MODES, type SeedResult } from '../src/sim/run.js'
import { collusionTraitors } from '../src/sim/collusion.js'
import { sweep } from '../src/sim/sweep.js'
import type { TraitorSettings } from '../src/byzantine/modes.js'

function arg (name: string): string | undefined {
  const i = process.argv.indexOf(name)
  return i >= 0 ? process.argv[i + 1] : undefined
}
const seeds = Number(arg('--seeds') ?? 50)
const out = arg('--out')

interface Cell { n: number, role: string, modes: string[], seeds: number, violations: number, firstViolation?: string, honestAccused: number, lieRuns: number, caught: number, lieKinds: string[], evidenceRuns: number }

/** Of the runs where a traitor's provable lie reached an honest replica, those with evidence naming it. */
function evidenceRate (results: SeedResult[]): { lieRuns: number, caught: number, kinds: Set<string> } {
  let lieRuns = 0
  let caught = 0
  const kinds = new Set<string>()
  for (const r of results) {
    if (r.lies.length === 0) continue
    lieRuns++
    for (const l of r.lies) for (const k of l.kinds) kinds.add(k)
    if (r.lies.every(l => r.evidence.some(e => e.accused === l.traitor))) caught++
  }
  return { lieRuns, caught, kinds }
}

const cells: Cell[] = []
let failures = 0
const t0 = Date.now()
for (const n of [4, 7]) {
  for (const role of ['primary', 'backup'] as const) {
    for (const mode of SIM_TRAITOR_MODES) {
      // lying-view-change lies as a NEW primary: its "primary" cell is the primary of view 1.
      const primaryId = mode === 'lying-view-change' ? 1 : 0
      const traitors = new Map<number, TraitorSettings>([[role === 'primary' ? primaryId : 2, { modes: [mode] }]])
      if (n === 7) traitors.set(role === 'primary' ? primaryId + 1 : 3, { modes: [SIM_TRAITOR_MODES[(SIM_TRAITOR_MODES.indexOf(mode) + 7) % SIM_TRAITOR_MODES.length]!] })
      const results: SeedResult[] = await sweep(1, seeds, { replicas: n, traitors, txsPerClient: 4, faultMs: 2000 }, () => {})
      const bad = results.filter(r => r.violations.length > 0)
      const honestAccused = results.filter(r => r.evidence.some(e => !traitors.has(e.accused))).length
      const rate = evidenceRate(results)
      const cell: Cell = {
        n, role, modes: [...traitors.values()].map(t => t.modes.join('+')), seeds: results.length, violations: bad.length, honestAccused,
        lieRuns: rate.lieRuns, caught: rate.caught, lieKinds: [...rate.kinds].sort(), evidenceRuns: results.filter(r => r.evidence.length > 0).length,
        ...(bad.length > 0 ? { firstViolation: `seed ${bad[0]!.seed}: ${bad[0]!.violations[0] ?? ''}` } : {})
      }
      cells.push(cell)
      failures += bad.length + honestAccused + (rate.lieRuns - rate.caught)
      process.stdout.write(`n=${n} ${role.padEnd(7)} ${cell.modes.join(' & ').padEnd(40)} seeds ${cell.seeds}  violations ${cell.violations}  honest-accused ${honestAccused}  ` +
        `provable lies delivered in ${rate.lieRuns} runs, evidence naming the liar in ${rate.caught}${rate.lieRuns > 0 ? ` (${(100 * rate.caught / rate.lieRuns).toFixed(0)}%: ${cell.lieKinds.join(',')})` : ''}` +
        `${cell.firstViolation !== undefined ? `  first: ${cell.firstViolation}` : ''}\n`)
    }
  }
}

// f+1 = 2 colluding traitors at n = 4 (src/byzantine/collude.ts): safety may be lost; when it is,
// the two conflicting commit certificates convict every replica that signed both.
const f1: SeedResult[] = await sweep(1, seeds, { replicas: 4, traitors: collusionTraitors(4), txsPerClient: 4, faults: [], livenessMs: 5000 }, () => {})
const split = f1.filter(r => r.violations.some(v => v.startsWith('agreement')))
const convicted = split.filter(r => r.forensics.length > 0 && r.forensics.every(x => x.culprits.join(',') === '0,1'))
process.stdout.write(`f+1 collusion (n=4, traitors 0 and 1): safety lost in ${split.length} of ${f1.length} runs; forensics named exactly replicas 0 and 1 in ${convicted.length} of those\n`)
if (convicted.length !== split.length) failures++

const seconds = Math.round((Date.now() - t0) / 1000)
process.stdout.write(`matrix: ${cells.length} cells x ${seeds} seeds, failures ${failures}, ${seconds} s\n`)
if (out !== undefined) {
  mkdirSync(dirname(out), { recursive: true })
  writeFileSync(out, JSON.stringify({ date: new Date().toISOString().slice(0, 10), seeds, seconds, cells, collusion: { runs: f1.length, safetyLost: split.length, convicted: convicted.length } }, null, 1) + '\n')
}
if (failures > 0) process.exitCode = 1
