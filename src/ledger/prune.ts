// Retention: prune a block store below a height (docs/ledger.md). The state at below - 1 is
// rebuilt by replaying from the store's current snapshot (or genesis), every state root and
// hash link checked; then the range is pruned in steps of at most PRUNE_BATCH_BLOCKS_MAX
// blocks, each one synced batch that also records the snapshot at its own top, so a crash
// between steps leaves a consistent, partly pruned store. A stable checkpoint at or above
// below - 1, if given, is checked and kept: it anchors the snapshot's header to signatures.
import type { StableCheckpointRecord } from '../codec/index.js'
import { blockHash } from '../crypto/digests.js'
import { verify as defaultVerify } from '../crypto/ed25519.js'
import { bytesEqual } from '../crypto/hash.js'
import { LedgerVerifyError, verifyCheckpoint } from './block.js'
import type { Genesis } from './genesis.js'
import { replayBlock, restoreAnchor } from './ledger.js'
import { PRUNE_BATCH_BLOCKS_MAX, type BlockStore, type Executor } from './types.js'

type Verify = (pub: Uint8Array, msg: Uint8Array, sig: Uint8Array) => boolean

/** A prune request that cannot be carried out; `reason` is stable for tests and callers. */
export class PruneError extends Error {
  override readonly name = 'PruneError'
  constructor (readonly reason: 'not-a-height' | 'above-head' | 'no-checkpoint' | 'checkpoint-below' | 'checkpoint-above-head' | 'checkpoint-mismatch', message: string) {
    super(message)
  }
}

export interface PruneReport { prunedBelow: number, previous: number, blocksPruned: number, batches: number, checkpoint?: number }
export interface PruneOptions {
  /** A stable checkpoint to anchor the snapshot (from the replica's WAL). */
  checkpoint?: StableCheckpointRecord
  /** Refuse to prune without `checkpoint` (the CLI's default; --unanchored turns it off). */
  requireCheckpoint?: boolean
  verify?: Verify
}

/** The checkpoint must cover height below - 1, lie in the store, carry a quorum, and match the stored header. */
async function checkAnchor (g: Genesis, store: BlockStore, below: number, cp: StableCheckpointRecord, v: Verify): Promise<void> {
  if (cp.seq < below - 1) throw new PruneError('checkpoint-below', `the stable checkpoint is at ${cp.seq}, below the snapshot height ${below - 1}: prune below at most ${cp.seq + 1}`)
  if (cp.seq > store.head()) throw new PruneError('checkpoint-above-head', `the stable checkpoint at ${cp.seq} is above the store's head ${store.head()}`)
  verifyCheckpoint(g, cp, v)
  const h = await store.header(cp.seq)
  if (h === undefined || !bytesEqual(blockHash(h.header), cp.blockHash)) throw new PruneError('checkpoint-mismatch', `the stable checkpoint's block hash at ${cp.seq} is not the stored block's`)
}

/**
 * Prunes `store` below `below` (1 < below <= head): heights below keep header + certificate only.
 * `app` must hold the genesis state. Pruning at or below the current base changes nothing.
 */
export async function pruneStore (genesis: Genesis, app: Executor, store: BlockStore, below: number, opts: PruneOptions = {}): Promise<PruneReport> {
  const head = store.head()
  const previous = store.prunedBelow()
  if (!Number.isSafeInteger(below) || below < 1) throw new PruneError('not-a-height', `--below must be a height >= 1, got ${below}`)
  if (below > head) throw new PruneError('above-head', `cannot prune below ${below}: the head is ${head}, and the head block must stay whole`)
  if (below <= previous) return { prunedBelow: previous, previous, blocksPruned: 0, batches: 0 }
  const cp = opts.checkpoint
  if (cp === undefined && opts.requireCheckpoint === true) throw new PruneError('no-checkpoint', 'no stable checkpoint to anchor the snapshot: the replica\'s WAL holds none')
  if (cp !== undefined) await checkAnchor(genesis, store, below, cp, opts.verify ?? defaultVerify)
  let prevHash = (await restoreAnchor(genesis, app, store)).hash
  let batches = 0
  for (let h = previous; h < below; h++) {
    const b = await store.get(h)
    if (b === undefined) throw new LedgerVerifyError(h, 'block', 'missing from the store')
    prevHash = replayBlock(app, b, prevHash)
    if (h + 1 === below || h + 1 - store.prunedBelow() === PRUNE_BATCH_BLOCKS_MAX) {
      await store.prune(h + 1, cp === undefined ? { snapshot: app.snapshot() } : { snapshot: app.snapshot(), checkpoint: cp })
      batches++
    }
  }
  return { prunedBelow: below, previous, blocksPruned: below - previous, batches, ...(cp === undefined ? {} : { checkpoint: cp.seq }) }
}
