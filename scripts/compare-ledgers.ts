// Verifies every replica's ledger of a cluster offline and checks that they agree: identical
// block hashes at the height they all reached (a replica that trails, e.g. one that was cut off
// and view-changed alone, follows the others from checkpoint to checkpoint).
//   node dist/scripts/compare-ledgers.js DIR
import { verifyDataDir } from '../src/cli/commands/ledger.js'
import { clusterDir } from '../src/cluster/cluster-dir.js'
import { blockHash } from '../src/crypto/digests.js'
import { toHex } from '../src/crypto/hash.js'
import { loadGenesis } from '../src/ledger/genesis.js'
import { LevelBlockStore } from '../src/ledger/store-level.js'

export async function compareLedgers (dir: string): Promise<{ ok: boolean, heights: number[], common: number, report: string }> {
  const c = clusterDir(dir)
  const g = loadGenesis(c.genesis)
  const ids = g.replicas.map(r => r.id)
  const reports = await Promise.all(ids.map(async i => await verifyDataDir(c.genesis, c.data(i))))
  const heights = reports.map(r => r.ok ? r.height : -1)
  const common = Math.min(...heights)
  const hashes = new Set<string>()
  for (const i of ids) {
    const { store } = await LevelBlockStore.open(`${c.data(i)}/blocks`, { check: false })
    const b = common > 0 ? await store.header(common) : undefined // header: also below a prune base
    hashes.add(b === undefined ? 'none' : toHex(blockHash(b.header)))
    await store.close()
  }
  const ok = reports.every(r => r.ok) && hashes.size === 1
  return { ok, heights, common, report: `ledgers verified: ${reports.map((r, i) => `${i}:${r.ok ? `OK@${r.height}` : `FAIL@${r.height} ${r.field}`}`).join(' ')}; identical at height ${common}: ${hashes.size === 1}` }
}

if (process.argv[1]?.endsWith('compare-ledgers.js') === true) {
  const r = await compareLedgers(process.argv[2] ?? 'cluster')
  process.stdout.write(`${r.report}\n`)
  if (!r.ok) process.exitCode = 1
}
