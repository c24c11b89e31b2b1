// Collects signed replies for one transaction and decides when f+1 of them match.
import { signingBytes, type Reply } from '../codec/index.js'
import { bytesEqual, toHex } from '../crypto/hash.js'

export interface ReplyVerifier {
  chainId: string
  publicKeys: Uint8Array[]
  verify: (publicKey: Uint8Array, bytes: Uint8Array, signature: Uint8Array) => boolean
}

export interface ReplyOutcome { proof: Reply[], reply: Reply }

/** What must agree for replies to count as matching (the result, not the view or signer). */
function matchKey (r: Reply): string {
  return `${r.height}/${r.index}/${r.code}/${toHex(r.blockHash)}/${r.log}`
}

export class ReplySet {
  private readonly byReplica = new Map<number, Reply>()
  invalid = 0

  constructor (private readonly v: ReplyVerifier, private readonly txId: Uint8Array, private readonly client: Uint8Array,
    private readonly needed: number) {}

  get size (): number { return this.byReplica.size }

  /** Adds a reply; returns the proof once `needed` distinct replicas sent matching replies. */
  add (from: number, r: Reply): ReplyOutcome | undefined {
    const key = this.v.publicKeys[r.replica]
    if (r.replica !== from || key === undefined || r.chainId !== this.v.chainId || !bytesEqual(r.txId, this.txId) ||
      !bytesEqual(r.client, this.client) || !this.v.verify(key, signingBytes('reply', r), r.signature)) {
      this.invalid++
      return undefined
    }
    this.byReplica.set(r.replica, r)
    const groups = new Map<string, Reply[]>()
    for (const reply of this.byReplica.values()) {
      const k = matchKey(reply)
      const g = groups.get(k) ?? []
      g.push(reply)
      groups.set(k, g)
      if (g.length >= this.needed) return { proof: g, reply }
    }
    return undefined
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
