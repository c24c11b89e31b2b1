// The replicated application, in the spirit of ABCI. The consensus layer orders opaque signed
// transactions; the application checks and executes them deterministically.
import type { Transaction, TxResult } from '../codec/index.js'

export type CheckResult = { ok: true } | { ok: false, code: number, log: string }

export interface Application {
  /** Stateless validity (well-formed payload, amount > 0, ...). Signatures are checked by the caller. */
  checkTx: (tx: Transaction) => CheckResult
  /**
   * Execute one block's transactions in order against the current state, deterministically.
   * A transaction that fails (insufficient funds, stale nonce, bad payload) is recorded with a
   * non-zero code; it never throws for bad input. Returns per-tx results and the new state root.
   */
  executeBlock: (height: number, txs: Transaction[]) => { results: TxResult[], stateRoot: Uint8Array }
  /** Commitment over the whole state (same state => same root on every replica). */
  stateRoot: () => Uint8Array
}
