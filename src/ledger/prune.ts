// Retention: prune a block store below a height (docs/ledger.md). The state at below - 1 is
// rebuilt by replaying from the store's current snapshot (or genesis), every state root and
// hash link checked; then the range is pruned in steps of at most PRUNE_BATCH_BLOCKS_MAX
// blocks, each one synced batch that also records the snapshot at its own top, so a crash
// between steps leaves a consistent, partly pruned store.
import { LedgerVerifyError } from './block.js'
import type { Genesis } from './genesis.js'
import { replayBlock, restoreAnchor } from './ledger.js'
import { PRUNE_BATCH_BLOCKS_MAX, type BlockStore, type Executor } from './types.js'

/** A prune request that cannot be carried out; `reason` is stable for tests and callers. */
export class PruneError extends Error {
  override readonly name = 'PruneError'
  constructor (readonly reason: 'not-a-height' | 'above-head', message: string) {
    super(message)
  }
}

export interface PruneReport { prunedBelow: number, previous: number, blocksPruned: number, batches: number }

/**
 * Prunes `store` below `below` (1 < below <= head): heights below keep header + certificate only.
 * `app` must hold the genesis state. Pruning at or below the current base changes nothing.
 */
export async function pruneStore (genesis: Genesis, app: Executor, store: BlockStore, below: number): Promise<PruneReport> {
  const head = store.head()
  const previous = store.prunedBelow()
  if (!Number.isSafeInteger(below) || below < 1) throw new PruneError('not-a-height', `--below must be a height >= 1, got ${below}`)
  if (below > head) throw new PruneError('above-head', `cannot prune below ${below}: the head is ${head}, and the head block must stay whole`)
  if (below <= previous) return { prunedBelow: previous, previous, blocksPruned: 0, batches: 0 }
  let prevHash = (await restoreAnchor(genesis, app, store)).hash
  let batches = 0
  for (let h = previous; h < below; h++) {
    const b = await store.get(h)
    if (b === undefined) throw new LedgerVerifyError(h, 'block', 'missing from the store')
    prevHash = replayBlock(app, b, prevHash)
    if (h + 1 === below || h + 1 - store.prunedBelow() === PRUNE_BATCH_BLOCKS_MAX) {
      await store.prune(h + 1, app.snapshot())
      batches++
    }
  }
  return { prunedBelow: below, previous, blocksPruned: below - previous, batches }
}
