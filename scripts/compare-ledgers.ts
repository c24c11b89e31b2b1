// Verifies every replica's ledger of a cluster offline and checks that they agree: identical
// block hashes at the height they all reached (a replica that trails, e.g. one that was cut off
// and view-changed alone, follows the others from checkpoint to checkpoint).
//   node dist/scripts/compare-ledgers.js DIR                       (a cluster from pbft init)
//   node dist/scripts/compare-ledgers.js --genesis G DATA-DIR...    (one data directory per host)
import { verifyDataDir } from '../src/cli/commands/ledger.js'
import { clusterDir } from '../src/cluster/cluster-dir.js'
import { blockHash } from '../src/crypto/digests.js'
import { toHex } from '../src/crypto/hash.js'
import { loadGenesis } from '../src/ledger/genesis.js'
import { LevelBlockStore } from '../src/ledger/store-level.js'

interface Comparison { ok: boolean, heights: number[], common: number, report: string }

export async function compareLedgers (dir: string): Promise<Comparison> {
  const c = clusterDir(dir)
  const g = loadGenesis(c.genesis)
  return await compareDataDirs(c.genesis, g.replicas.map(r => c.data(r.id)))
}

/** The same over data directories that need not share a cluster directory (one per host). */
export async function compareDataDirs (genesisPath: string, dataDirs: string[]): Promise<Comparison> {
  const reports = await Promise.all(dataDirs.map(async dir => await verifyDataDir(genesisPath, dir)))
  const heights = reports.map(r => r.ok ? r.height : -1)
  const common = Math.min(...heights)
  const hashes = new Set<string>()
  for (const dir of dataDirs) {
    const { store } = await LevelBlockStore.open(`${dir}/blocks`, { check: false })
    const b = common > 0 ? await store.header(common) : undefined // header: also below a prune base
    hashes.add(b === undefined ? 'none' : toHex(blockHash(b.header)))
    await store.close()
  }
  const ok = reports.every(r => r.ok) && hashes.size === 1
  return { ok, heights, common, report: `ledgers verified: ${reports.map((r, i) => `${i}:${r.ok ? `OK@${r.height}` : `FAIL@${r.height} ${r.field}`}`).join(' ')}; identical at height ${common}: ${hashes.size === 1}` }
}

if (process.argv[1]?.endsWith('compare-ledgers.js') === true) {
  const args = process.argv.slice(2)
  const r = args[0] === '--genesis' ? await compareDataDirs(args[1] ?? 'genesis.json', args.slice(2)) : await compareLedgers(args[0] ?? 'cluster')
  process.stdout.write(`${r.report}\n`)
  if (!r.ok) process.exitCode = 1
}
