// Summarises a Stryker JSON report (docs/mutation/report.json) as markdown: the score per target
// and per file, and every surviving or uncovered mutant with its line, mutator and replacement,
// so docs/mutation/survivors.md can say for each why it is equivalent or which test kills it.
//   tsx scripts/mutation-summary.ts [report.json] > docs/mutation/summary.md
import { readFileSync } from 'node:fs'

interface Mutant {
  id: string
  mutatorName: string
  replacement?: string
  status: 'Killed' | 'Survived' | 'NoCoverage' | 'Timeout' | 'CompileError' | 'RuntimeError' | 'Ignored' | 'Pending'
  location: { start: { line: number, column: number }, end: { line: number, column: number } }
}
interface Report { files: Record<string, { source: string, mutants: Mutant[] }> }

const TARGETS: Array<[string, (file: string) => boolean]> = [
  ['src/protocol', f => f.startsWith('src/protocol/')],
  ['src/ledger (verify, block)', f => f.startsWith('src/ledger/')],
  ['src/crypto/evidence.ts', f => f === 'src/crypto/evidence.ts'],
  ['src/app', f => f.startsWith('src/app/')]
]

interface Tally { killed: number, survived: number, noCoverage: number, timeout: number, invalid: number, ignored: number }

function tally (mutants: Mutant[]): Tally {
  const t: Tally = { killed: 0, survived: 0, noCoverage: 0, timeout: 0, invalid: 0, ignored: 0 }
  for (const m of mutants) {
    if (m.status === 'Killed') t.killed++
    else if (m.status === 'Survived') t.survived++
    else if (m.status === 'NoCoverage') t.noCoverage++
    else if (m.status === 'Timeout') t.timeout++
    else if (m.status === 'Ignored') t.ignored++
    else t.invalid++
  }
  return t
}

function score (t: Tally): string {
  const valid = t.killed + t.timeout + t.survived + t.noCoverage
  return valid === 0 ? 'n/a' : `${(100 * (t.killed + t.timeout) / valid).toFixed(1)} %`
}

const row = (name: string, t: Tally): string => `| ${name} | ${score(t)} | ${t.killed} | ${t.timeout} | ${t.survived} | ${t.noCoverage} | ${t.invalid} | ${t.ignored} |`

function main (): void {
  const path = process.argv[2] ?? 'docs/mutation/report.json'
  const report = JSON.parse(readFileSync(path, 'utf8')) as Report
  const files = Object.entries(report.files).sort((a, b) => a[0].localeCompare(b[0]))
  const out: string[] = []
  out.push('| target | score | killed | timeout | survived | no coverage | compile/runtime error | ignored (static) |')
  out.push('|---|---|---|---|---|---|---|---|')
  for (const [name, match] of TARGETS) {
    const ms = files.filter(([f]) => match(f)).flatMap(([, v]) => v.mutants)
    if (ms.length > 0) out.push(row(`**${name}**`, tally(ms)))
  }
  out.push(row('**all**', tally(files.flatMap(([, v]) => v.mutants))))
  out.push('', '| file | score | killed | timeout | survived | no coverage | compile/runtime error | ignored (static) |', '|---|---|---|---|---|---|---|---|')
  for (const [f, v] of files) out.push(row(f, tally(v.mutants)))
  out.push('', '## Survived and uncovered mutants', '')
  for (const [f, v] of files) {
    const lines = v.source.split('\n')
    const left = v.mutants.filter(m => m.status === 'Survived' || m.status === 'NoCoverage').sort((a, b) => a.location.start.line - b.location.start.line)
    if (left.length === 0) continue
    out.push(`### ${f}`, '')
    for (const m of left) {
      const code = (lines[m.location.start.line - 1] ?? '').trim()
      const repl = (m.replacement ?? '').replace(/\s+/g, ' ').slice(0, 100)
      out.push(`- L${m.location.start.line} ${m.status === 'NoCoverage' ? '(no coverage) ' : ''}${m.mutatorName}: \`\` ${repl} \`\` in \`\` ${code.slice(0, 110)} \`\``)
    }
    out.push('')
  }
  process.stdout.write(`${out.join('\n')}\n`)
}

main()
