// The ledger: blocks with commit certificates, chained by hash, over a block store.
import type { Batch, Block, Commit, PrunedBlock, StableCheckpointRecord, Transaction, TxResult } from '../codec/index.js'

/** At most this many blocks are pruned in one store batch (pruneStore steps through more). */
export const PRUNE_BATCH_BLOCKS_MAX = 256

/**
 * What a pruned store keeps beside its headers: the application snapshot at prunedBelow - 1 and,
 * optionally, a stable checkpoint (2f+1 signed CHECKPOINTs over the block hash at a height
 * >= prunedBelow - 1) that anchors the snapshot's header to signatures.
 */
export interface Retained { snapshot: Uint8Array, checkpoint?: StableCheckpointRecord }

/**
 * Retention (docs/ledger.md): a store may be pruned below a height P. Heights 1..P-1 then keep
 * only header + commit certificate (a PrunedBlock), and the store keeps the application
 * snapshot at height P-1; heights P..head keep whole blocks. Unpruned, P = 1.
 */
export interface BlockStore {
  /** Height of the last stored block; 0 when only genesis exists. */
  head: () => number
  /** The lowest height whose whole block is kept (1 when nothing is pruned). */
  prunedBelow: () => number
  /** The whole block; undefined above the head or below prunedBelow(). */
  get: (height: number) => Promise<Block | undefined>
  /** Header and certificate at any height 1..head, pruned or not. */
  header: (height: number) => Promise<PrunedBlock | undefined>
  /** The snapshot at height prunedBelow() - 1 and its checkpoint; undefined when nothing is pruned. */
  retained: () => Promise<Retained | undefined>
  /**
   * Keeps only header + certificate of the blocks below `below` (prunedBelow() < below <= head),
   * deletes their transactions, results, evidence and transaction index entries, and records
   * `below` with `retained` (the state at below - 1, checked by the caller). Atomic and durable.
   */
  prune: (below: number, retained: Retained) => Promise<void>
  /**
   * Appends the next block (height = head + 1). When the promise resolves the block survives a
   * crash of the process; with `durable` (the default) it, and every block appended before it,
   * also survives a crash of the machine (fsync). Without it a power cut may lose the blocks
   * appended since the last durable write: they are re-fetched or re-committed (ledger.ts).
   */
  append: (block: Block, durable?: boolean) => Promise<void>
  /** Deletes blocks from `height` up (a torn tail, or blocks to refetch); never below prunedBelow(). */
  truncateFrom: (height: number) => Promise<void>
  /** Where a transaction is, by its id. */
  txLocation: (txId: Uint8Array) => Promise<{ height: number, index: number } | undefined>
}

/** Result of applying a committed batch: the block that was appended and per-tx results. */
export interface Applied {
  block: Block
  blockHash: Uint8Array
  results: TxResult[]
}

/** A ledger that executes committed batches in order. Used by the node and by the simulator. */
export interface LedgerApi {
  head: () => { height: number, blockHash: Uint8Array, stateRoot: Uint8Array }
  /** Execute the committed batch at height = head + 1, build and append its block. */
  applyCommitted: (seq: number, view: number, batch: Batch, cert: Commit[]) => Promise<Applied>
  /** Verify (certificate, hash chain, re-execution) and append a block fetched from a peer. */
  applyTransferred: (block: Block) => Promise<Applied>
  /** The whole block; undefined above the head or below prunedBelow(). */
  getBlock: (height: number) => Promise<Block | undefined>
  /** The lowest height this ledger can serve whole (1 when nothing is pruned). */
  prunedBelow: () => number
}

/**
 * What the ledger needs of the application (src/app implements it; the ledger does not import
 * src/app, DESIGN.md §2): execute a block without applying it, then commit.
 */
export interface Executor {
  /**
   * Executes `txs` at `block.height` with the proposer's `block.timestampMs` (the header's; the
   * app's replay protection bounds nonces by it), without applying them until commit().
   */
  prepareBlock: (block: { height: number, timestampMs: number }, txs: Transaction[]) => { results: TxResult[], stateRoot: Uint8Array, commit: () => void }
  stateRoot: () => Uint8Array
  /** The whole state as canonical bytes, to keep beside a pruned store. */
  snapshot: () => Uint8Array
  /** Replaces the state with `snapshot`; throws (changing nothing) unless its root is `expectedStateRoot`. */
  restore: (snapshot: Uint8Array, expectedStateRoot: Uint8Array) => void
}
