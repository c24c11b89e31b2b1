import { existsSync } from 'node:fs'
import { join } from 'node:path'
import type { Command } from 'commander'
import { AccountsApp } from '../../app/accounts.js'
import { LedgerVerifyError } from '../../ledger/block.js'
import { loadGenesis } from '../../ledger/genesis.js'
import { PruneError, pruneStore, type PruneReport } from '../../ledger/prune.js'
import { LevelBlockStore, StoreCorruptError } from '../../ledger/store-level.js'
import type { StableCheckpointRecord } from '../../codec/index.js'
import { WalStore } from '../../node/wal-store.js'
import { verifyStore, type VerifyReport } from '../../ledger/verify.js'
import { CliError, parseIntOption } from '../common.js'

function blocksDirOf (dataDir: string): string {
  const blocksDir = existsSync(join(dataDir, 'blocks')) ? join(dataDir, 'blocks') : dataDir
  if (!existsSync(blocksDir)) throw new CliError(`${dataDir} holds no block store (expected ${join(dataDir, 'blocks')})`)
  return blocksDir
}

/** Opens a store as is; a store held by a running replica is refused with a clear error. */
async function openStore (blocksDir: string): Promise<LevelBlockStore> {
  try {
    return (await LevelBlockStore.open(blocksDir, { check: false })).store
  } catch (err) {
    const cause = (err as { cause?: { code?: string } }).cause
    if (cause?.code === 'LEVEL_LOCKED') throw new CliError(`${blocksDir} is locked by a running replica: stop it first (ledger commands work offline)`)
    throw err
  }
}

export async function verifyDataDir (genesisPath: string, dataDir: string): Promise<VerifyReport> {
  const genesis = loadGenesis(genesisPath)
  let store: LevelBlockStore
  try {
    store = await openStore(blocksDirOf(dataDir))
  } catch (err) {
    if (err instanceof StoreCorruptError) return { ok: false, height: err.height, field: 'pruneRecord', reason: err.reason }
    throw err
  }
  try {
    return await verifyStore(genesis, new AccountsApp(genesis.accounts), store)
  } finally {
    await store.close()
  }
}

/** The replica's latest stable checkpoint (2f+1 signatures over a block hash), from DATA/wal. */
async function stableCheckpoint (dataDir: string): Promise<StableCheckpointRecord | undefined> {
  const dir = join(dataDir, 'wal')
  if (!existsSync(dir)) return undefined
  const { wal, records } = await WalStore.open(dir)
  await wal.close()
  let cp: StableCheckpointRecord | undefined
  for (const r of records) if (r.kind === 'stable-checkpoint' && r.seq > (cp?.seq ?? 0)) cp = { seq: r.seq, blockHash: r.blockHash, proof: r.proof }
  return cp
}

/**
 * Offline: prunes a stopped replica's store below `below` (docs/ledger.md, Retention), anchoring
 * the snapshot to the replica's latest stable checkpoint, which must be at or above below - 1;
 * `unanchored` prunes without one.
 */
export async function pruneDataDir (genesisPath: string, dataDir: string, below: number, opts: { unanchored?: boolean } = {}): Promise<PruneReport> {
  const genesis = loadGenesis(genesisPath)
  const store = await openStore(blocksDirOf(dataDir))
  try {
    const cp = await stableCheckpoint(dataDir)
    const unanchored = opts.unanchored === true
    const checkpoint = cp !== undefined && (cp.seq >= below - 1 || !unanchored) ? cp : undefined
    return await pruneStore(genesis, new AccountsApp(genesis.accounts), store, below, { checkpoint, requireCheckpoint: !unanchored })
  } catch (err) {
    if (err instanceof PruneError) throw new CliError(err.reason === 'no-checkpoint' || err.reason === 'checkpoint-below' ? `${err.message} (or pass --unanchored)` : err.message)
    if (err instanceof LedgerVerifyError) throw new CliError(`the store does not replay at height ${err.height} (${err.field}: ${err.reason}); nothing pruned beyond that; run pbft ledger verify`)
    throw err
  } finally {
    await store.close()
  }
}

export function formatVerifyReport (r: VerifyReport): string {
  return r.ok
    ? `OK height=${r.height} stateRoot=${r.stateRoot} blockHash=${r.blockHash} evidence=${r.evidence} pruned-below=${r.prunedBelow}${r.prunedBelow > 1 ? ` checkpoint=${r.checkpoint ?? 'none'}` : ''}`
    : `FAIL height=${r.height} field=${r.field}: ${r.reason}`
}

export function register (program: Command): void {
  const ledger = program.command('ledger').description('work with a replica\'s ledger')
  ledger.command('verify')
    .description('verify a ledger offline with genesis alone: hash chain, every commit certificate, every signature, evidence, re-execution to the same state roots (on a pruned store: header chain and certificates below the prune base, the snapshot\'s root, re-execution above)')
    .requiredOption('--genesis <file>', 'the cluster\'s genesis.json')
    .requiredOption('--data <dir>', 'a replica\'s data directory (DIR/data/replica-I)')
    .action(async (o: { genesis: string, data: string }) => {
      const r = await verifyDataDir(o.genesis, o.data)
      process.stdout.write(formatVerifyReport(r) + '\n')
      if (!r.ok) process.exitCode = 1
    })
  ledger.command('prune')
    .description('offline, replica stopped: keep only header + commit certificate of the blocks below a height, and a state snapshot at the height below it')
    .requiredOption('--genesis <file>', 'the cluster\'s genesis.json')
    .requiredOption('--data <dir>', 'a stopped replica\'s data directory (DIR/data/replica-I)')
    .requiredOption('--below <height>', 'prune the blocks below this height (at most the head, and at most the stable checkpoint + 1)', parseIntOption('--below', 2))
    .option('--unanchored', 'prune without a stable checkpoint at or above the snapshot height (verify then relies on the header chain alone)')
    .action(async (o: { genesis: string, data: string, below: number, unanchored?: boolean }) => {
      const t0 = Date.now()
      const r = await pruneDataDir(o.genesis, o.data, o.below, { unanchored: o.unanchored })
      process.stdout.write(r.blocksPruned === 0
        ? `already pruned below ${r.prunedBelow}: nothing to do\n`
        : `pruned ${r.blocksPruned} blocks (${r.previous}..${r.prunedBelow - 1}) in ${r.batches} synced batch${r.batches === 1 ? '' : 'es'}, ${Date.now() - t0} ms: pruned-below=${r.prunedBelow} checkpoint=${r.checkpoint ?? 'none'}\n`)
    })
}
