// Collects the replies to one transaction and decides when f+1 of them match. A reply counts
// when its attestation comes from the replica that sent it and is validly signed (verified once
// per replica and block for all the client's transactions: AttestationMemo), its header is the
// one the attestation names, and its proof shows THIS transaction with this result at that index
// (src/crypto/tx-proof.ts). Matching = the same height, block hash and index: the block hash
// fixes the result. A wrong reply — a bad proof, or a signed attestation of a block no honest
// replica executed — is either refused or left alone in its group.
import type { Transaction, TxReply } from '../codec/index.js'
import { toHex } from '../crypto/hash.js'
import { txReplyProblem, type AttestationMemo } from '../crypto/tx-proof.js'

export interface ReplyOutcome { replies: TxReply[], reply: TxReply }

function matchKey (r: TxReply): string {
  return `${r.attestation.height}/${toHex(r.attestation.blockHash)}/${r.proof.index}`
}

export class ReplySet {
  private readonly byReplica = new Map<number, TxReply>()
  invalid = 0
  /** Why the last refused reply was refused (for errors and tests). */
  lastProblem: string | undefined

  constructor (private readonly memo: AttestationMemo, private readonly tx: Transaction, private readonly txId: Uint8Array,
    private readonly needed: number) {}

  get size (): number { return this.byReplica.size }

  /** Adds a reply from replica `from`; returns the matching set once `needed` distinct replicas agree. */
  add (from: number, r: TxReply): ReplyOutcome | undefined {
    const problem = txReplyProblem(this.memo, from, this.tx, this.txId, r)
    if (problem !== undefined) {
      this.invalid++
      this.lastProblem = `replica ${from}: ${problem}`
      return undefined
    }
    this.byReplica.set(from, r)
    const group = [...this.byReplica.values()].filter(x => matchKey(x) === matchKey(r))
    return group.length >= this.needed ? { replies: group, reply: r } : undefined
  }

  largestMatching (): number {
    const counts = new Map<string, number>()
    let best = 0
    for (const r of this.byReplica.values()) {
      const c = (counts.get(matchKey(r)) ?? 0) + 1
      counts.set(matchKey(r), c)
      best = Math.max(best, c)
    }
    return best
  }
}
