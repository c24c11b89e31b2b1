// The traitor matrix (issue 6): every mode x {traitor is the primary, a backup} x n in {4, 7}
// with f traitors (n = 7: the mode plus a second traitor with another mode) x SEEDS seeds, with
// network faults on. Prints one line per cell and a summary; exit code 1 on any violation.
//   npm run sim:matrix -- --seeds 50
import '../src/polyfill.js'
import { SIM_TRAITOR_MODES, type SeedResult } from '../src/sim/run.js'
import { sweep } from '../src/sim/sweep.js'
import type { TraitorSettings } from '../src/byzantine/modes.js'

const i = process.argv.indexOf('--seeds')
const seeds = i >= 0 ? Number(process.argv[i + 1]) : 50
const EVIDENCE_MODES = new Set(['equivocate', 'forge-tx', 'conflicting-votes', 'lying-view-change', 'amnesia'])
let violations = 0
let cells = 0
const t0 = Date.now()
for (const n of [4, 7]) {
  for (const role of ['primary', 'backup'] as const) {
    for (const mode of SIM_TRAITOR_MODES) {
      const traitors = new Map<number, TraitorSettings>([[role === 'primary' ? 0 : 2, { modes: [mode] }]])
      if (n === 7) traitors.set(role === 'primary' ? 1 : 3, { modes: [SIM_TRAITOR_MODES[(SIM_TRAITOR_MODES.indexOf(mode) + 7) % SIM_TRAITOR_MODES.length]!] })
      const results: SeedResult[] = await sweep(1, seeds, { replicas: n, traitors, txsPerClient: 4, faultMs: 2000 }, () => {})
      const bad = results.filter(r => r.violations.length > 0)
      const withEvidence = results.filter(r => r.evidence.some(e => traitors.has(e.accused)))
      const wrongAccused = results.filter(r => r.evidence.some(e => !traitors.has(e.accused)))
      violations += bad.length + wrongAccused.length
      cells++
      process.stdout.write(`n=${n} ${role.padEnd(7)} ${mode.padEnd(22)} seeds ${results.length}  violations ${bad.length}  evidence-runs ${withEvidence.length}${EVIDENCE_MODES.has(mode) ? ' (provable mode)' : ''}  honest-accused ${wrongAccused.length}` +
        `${bad.length > 0 ? `  first: seed ${bad[0]!.seed} ${bad[0]!.violations[0] ?? ''}` : ''}\n`)
    }
  }
}
process.stdout.write(`matrix: ${cells} cells x ${seeds} seeds, violations ${violations}, ${((Date.now() - t0) / 1000).toFixed(0)} s\n`)
if (violations > 0) process.exitCode = 1
