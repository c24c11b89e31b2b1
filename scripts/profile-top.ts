// The top self-time functions of V8 .cpuprofile files (node --cpu-prof), for finding what a
// replica or the load generator spends its CPU on.
//   node dist/scripts/profile-top.js FILE.cpuprofile [...] [--top 25]
import { readFileSync } from 'node:fs'

interface ProfileNode { id: number, callFrame: { functionName: string, url: string, lineNumber: number } }
interface Profile { nodes: ProfileNode[], samples: number[], timeDeltas: number[] }

const args = process.argv.slice(2)
const topAt = args.indexOf('--top')
const top = topAt >= 0 ? Number(args[topAt + 1]) : 25
const files = args.filter((a, i) => a !== '--top' && i !== topAt + 1)
if (files.length === 0) {
  process.stderr.write('usage: node dist/scripts/profile-top.js FILE.cpuprofile [...] [--top N]\n')
  process.exit(2)
}
const self = new Map<string, number>()
let total = 0
for (const file of files) {
  const p = JSON.parse(readFileSync(file, 'utf8')) as Profile
  const byId = new Map(p.nodes.map(n => [n.id, n]))
  p.samples.forEach((id, i) => {
    const f = byId.get(id)?.callFrame
    if (f === undefined) return
    const where = f.url === '' ? '' : ` ${f.url.split('/').slice(-2).join('/')}:${f.lineNumber + 1}`
    const key = `${f.functionName === '' ? '(anonymous)' : f.functionName}${where}`
    const dt = p.timeDeltas[i] ?? 0
    self.set(key, (self.get(key) ?? 0) + dt)
    total += dt
  })
}
const busy = total - (self.get('(idle)') ?? 0)
process.stdout.write(`${(total / 1e6).toFixed(1)} s sampled, ${(busy / 1e6).toFixed(1)} s busy; share of busy time:\n`)
for (const [k, v] of [...self].filter(([k]) => k !== '(idle)').sort((a, b) => b[1] - a[1]).slice(0, top)) {
  process.stdout.write(`${(100 * v / busy).toFixed(1).padStart(5)}%  ${k}\n`)
}
