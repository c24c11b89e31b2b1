// The replicated application, in the spirit of ABCI. The consensus layer orders opaque signed
// transactions; the application checks and executes them deterministically.
import type { Transaction, TxResult } from '../codec/index.js'

export type CheckResult = { ok: true } | { ok: false, code: number, log: string }

/** The outcome of executing a block, not yet applied: commit() applies it, or drop it. */
export interface PreparedBlock {
  results: TxResult[]
  stateRoot: Uint8Array
  commit: () => void
}

/**
 * What execution may know of the block besides its transactions: its height and the proposer's
 * timestamp from the agreed proposal (= the block header's timestampMs; 0 for a null batch, which
 * has no transactions). Replicas, state transfer and offline verification pass the same values.
 */
export interface BlockContext { height: number, timestampMs: number }

export interface Application {
  /** Stateless validity (well-formed payload, amount > 0, ...). Signatures are checked by the caller. */
  checkTx: (tx: Transaction) => CheckResult
  /**
   * Executes one block's transactions in order against the current state, deterministically,
   * without changing it until `commit()`. A failing transaction gets a non-zero code; bad input
   * never throws.
   */
  prepareBlock: (block: BlockContext, txs: Transaction[]) => PreparedBlock
  /** Commitment over the whole state (same state => same root on every replica). */
  stateRoot: () => Uint8Array
}
