// The layer rules of DESIGN.md §2 and issue #14's size rule are enforced by ESLint: prove each
// rule fires, and that a clean file passes (so the test can fail both ways).
import { ESLint } from 'eslint'
import { describe, expect, it } from 'vitest'

const eslint = new ESLint({ cwd: new URL('..', import.meta.url).pathname })

async function errors (code: string, filePath: string): Promise<string[]> {
  const [result] = await eslint.lintText(code, { filePath })
  return (result?.messages ?? []).filter(m => m.severity === 2).map(m => m.ruleId ?? 'parse')
}

describe('layer rules (npm run lint)', () => {
  it.each([
    ['node:fs in src/protocol', 'import { readFileSync } from \'node:fs\'\nexport const x = readFileSync', 'src/protocol/bad.ts', 'no-restricted-imports'],
    ['Date.now() in src/protocol', 'export const t = Date.now()', 'src/protocol/bad.ts', 'no-restricted-globals'],
    ['Math.random() in src/protocol', 'export const r = Math.random()', 'src/protocol/bad.ts', 'no-restricted-properties'],
    ['setTimeout in src/protocol', 'setTimeout(() => {}, 1)', 'src/protocol/bad.ts', 'no-restricted-globals'],
    ['the node layer from src/protocol', 'import { startReplica } from \'../node/replica-node.js\'\nexport const s = startReplica', 'src/protocol/bad.ts', 'no-restricted-imports'],
    ['the net layer from src/ledger', 'import { ReplicaNetwork } from \'../net/replica-net.js\'\nexport const n = ReplicaNetwork', 'src/ledger/bad.ts', 'no-restricted-imports'],
    ['libp2p from src/protocol', 'import { createLibp2p } from \'libp2p\'\nexport const c = createLibp2p', 'src/protocol/bad.ts', 'no-restricted-imports'],
    ['the cli layer from src/dashboard', 'import { loadCluster } from \'../cli/common.js\'\nexport const l = loadCluster', 'src/dashboard/bad.ts', 'no-restricted-imports'],
    ['the cli layer from src/cluster', 'import { loadCluster } from \'../cli/common.js\'\nexport const l = loadCluster', 'src/cluster/bad.ts', 'no-restricted-imports'],
    ['the dashboard from src/cluster', 'import { startDashboard } from \'../dashboard/server.js\'\nexport const s = startDashboard', 'src/cluster/bad.ts', 'no-restricted-imports'],
    ['node:fs in src/cft', 'import { readFileSync } from \'node:fs\'\nexport const x = readFileSync', 'src/cft/bad.ts', 'no-restricted-imports'],
    ['Date.now() in src/cft', 'export const t = Date.now()', 'src/cft/bad.ts', 'no-restricted-globals'],
    ['Math.random() in src/cft', 'export const r = Math.random()', 'src/cft/bad.ts', 'no-restricted-properties'],
    ['setTimeout in src/cft', 'setTimeout(() => {}, 1)', 'src/cft/bad.ts', 'no-restricted-globals'],
    ['the PBFT core from src/cft', 'import { Replica } from \'../protocol/replica.js\'\nexport const r = Replica', 'src/cft/bad.ts', 'no-restricted-imports'],
    ['the CFT core from src/protocol', 'import { CftReplica } from \'../cft/replica.js\'\nexport const r = CftReplica', 'src/protocol/bad.ts', 'no-restricted-imports'],
    ['the node layer from src/host', 'import { realPorts } from \'../node/host-ports.js\'\nexport const p = realPorts', 'src/host/bad.ts', 'no-restricted-imports'],
    ['the sim layer from src/host', 'import { World } from \'../sim/world.js\'\nexport const w = World', 'src/host/bad.ts', 'no-restricted-imports'],
    ['the net layer from src/host', 'import { ReplicaNetwork } from \'../net/replica-net.js\'\nexport const n = ReplicaNetwork', 'src/host/bad.ts', 'no-restricted-imports'],
    ['node:fs in src/host', 'import { readFileSync } from \'node:fs\'\nexport const x = readFileSync', 'src/host/bad.ts', 'no-restricted-imports'],
    ['setImmediate in src/host', 'setImmediate(() => {})', 'src/host/bad.ts', 'no-restricted-globals'],
    ['the host layer from src/protocol', 'import { ReplicaHost } from \'../host/host.js\'\nexport const h = ReplicaHost', 'src/protocol/bad.ts', 'no-restricted-imports'],
    ['the cluster layer from src/node', 'import { readPid } from \'../cluster/processes.js\'\nexport const r = readPid', 'src/node/bad.ts', 'no-restricted-imports']
  ])('rejects %s', async (_name, code, file, rule) => {
    expect(await errors(code, file)).toContain(rule)
  })

  it('accepts a clean protocol file importing codec and crypto', async () => {
    expect(await errors('import { sha256 } from \'../crypto/hash.js\'\nimport type { Commit } from \'../codec/index.js\'\nexport const f = (c: Commit): Uint8Array => sha256(c.digest)\n', 'src/protocol/good.ts')).toEqual([])
  })

  it('accepts a clean cft file importing codec and crypto', async () => {
    expect(await errors('import { sha256 } from \'../crypto/hash.js\'\nimport type { Transaction } from \'../codec/index.js\'\nexport const f = (t: Transaction): Uint8Array => sha256(t.signature)\n', 'src/cft/good.ts')).toEqual([])
  })

  it('accepts a host file importing protocol and ledger types, and a sim and a node file importing the host', async () => {
    expect(await errors('import type { Action } from \'../protocol/types.js\'\nimport type { LedgerApi } from \'../ledger/types.js\'\nexport type A = Action | LedgerApi\n', 'src/host/good.ts')).toEqual([])
    for (const file of ['src/sim/good.ts', 'src/node/good.ts']) expect(await errors('import { ReplicaHost } from \'../host/host.js\'\nexport const h = ReplicaHost\n', file)).toEqual([])
  })

  it('accepts a dashboard file importing src/cluster', async () => {
    expect(await errors('import { readPid } from \'../cluster/processes.js\'\nexport const r = readPid\n', 'src/dashboard/good.ts')).toEqual([])
  })
})

/** A function of `code` lines of statements, each followed by a comment line and a blank line. */
function functionOf (code: number): string {
  const body = Array.from({ length: code - 4 }, (_, i) => `  // step ${i}\n  x += ${i}\n`).join('\n')
  return `export function f (): number {\n  let x = 0\n${body}  return x\n}\n`
}

/** A file of `lines` lines of declarations. */
const fileOf = (lines: number): string => Array.from({ length: lines }, (_, i) => `export const x${i} = ${i}\n`).join('')

describe('size rule (issue #14: functions up to 60 lines, files up to 300 in src/)', () => {
  it('rejects a function of 61 lines, counting neither comments nor blank lines', async () => {
    expect(await errors(functionOf(61), 'src/ledger/long.ts')).toContain('max-lines-per-function')
  })

  it('accepts a function of 60 lines of code with as many comment and blank lines', async () => {
    expect(await errors(functionOf(60), 'src/ledger/long.ts')).toEqual([])
  })

  it('rejects a file of 301 lines and accepts one of 300', async () => {
    expect(await errors(fileOf(301), 'src/ledger/long.ts')).toContain('max-lines')
    expect(await errors(fileOf(300), 'src/ledger/long.ts')).toEqual([])
  })

  it('leaves the generated codecs in src/codec/pb alone', async () => {
    expect(await errors(fileOf(301) + functionOf(61), 'src/codec/pb/long.ts')).toEqual([])
  })
})
