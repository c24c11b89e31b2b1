// The ledger: blocks with commit certificates, chained by hash, over a block store.
import type { Batch, Block, Commit, Transaction, TxResult } from '../codec/index.js'

export interface BlockStore {
  /** Height of the last stored block; 0 when only genesis exists. */
  head: () => number
  get: (height: number) => Promise<Block | undefined>
  /** Appends the next block (height = head + 1). Durable when the promise resolves. */
  append: (block: Block) => Promise<void>
  /** Deletes blocks from `height` up (a torn tail, or blocks to refetch). */
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
  getBlock: (height: number) => Promise<Block | undefined>
}

/**
 * What the ledger needs of the application (src/app implements it; the ledger does not import
 * src/app, DESIGN.md §2): execute a block without applying it, then commit.
 */
export interface Executor {
  prepareBlock: (height: number, txs: Transaction[]) => { results: TxResult[], stateRoot: Uint8Array, commit: () => void }
  stateRoot: () => Uint8Array
}
