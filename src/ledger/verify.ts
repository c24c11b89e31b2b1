// Offline verification of a ledger with genesis alone: every block is checked as if a peer had
// sent it (hash chain, commit certificate, transaction signatures, roots, re-execution from
// genesis to the same state roots), and every evidence record is checked.
import type { Block, Evidence } from '../codec/index.js'
import { evidenceProblem } from '../crypto/evidence.js'
import { toHex } from '../crypto/hash.js'
import { LedgerVerifyError } from './block.js'
import type { Genesis } from './genesis.js'
import { Ledger } from './ledger.js'
import { MemoryBlockStore } from './store-memory.js'
import type { Executor } from './types.js'

export type VerifyReport =
  | { ok: true, height: number, stateRoot: string, blockHash: string, evidence: number }
  | { ok: false, height: number, field: string, reason: string }

export async function verifyLedger (genesis: Genesis, app: Executor, blocks: (h: number) => Promise<Block | undefined>, head: number): Promise<VerifyReport> {
  const ledger = await Ledger.open(genesis, app, new MemoryBlockStore())
  let evidence = 0
  for (let h = 1; h <= head; h++) {
    const b = await blocks(h)
    if (b === undefined) return { ok: false, height: h, field: 'block', reason: 'missing or does not decode' }
    try {
      b.evidence.forEach((e, i) => { checkEvidence(genesis, h, e, `evidence[${i}]`) })
      evidence += b.evidence.length
      await ledger.applyTransferred(b)
    } catch (err) {
      if (err instanceof LedgerVerifyError) return { ok: false, height: err.height, field: err.field, reason: err.reason }
      throw err
    }
  }
  const top = ledger.head()
  return { ok: true, height: top.height, stateRoot: toHex(top.stateRoot), blockHash: toHex(top.blockHash), evidence }
}

/** Evidence must be signed by the accused replica, and its messages must really conflict. */
export function checkEvidence (g: Genesis, height: number, e: Evidence, field: string): void {
  const problem = evidenceProblem(g.replicas.map(r => r.publicKey), g.chainId, e)
  if (problem !== undefined) throw new LedgerVerifyError(height, `${field}.${problem[0]}`, problem[1])
}
