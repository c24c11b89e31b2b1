// Simulated clients: each signs transfers one at a time, sends to the primary it believes in,
// re-sends to every replica on timeout, and accepts a result on f+1 matching signed replies.
import { pb, signingBytes, type Reply, type Transaction } from '../codec/index.js'
import { createSigner, type Signer } from '../crypto/ed25519.js'
import { toHex } from '../crypto/hash.js'
import type { Prng } from './prng.js'

export const CLIENT_RETRY_MS = 400

export class SimClient {
  readonly signer: Signer
  nonce = 0
  done = 0
  outstanding: Transaction | undefined
  sentAt = 0
  private view = 0
  private replies = new Map<number, string>()

  constructor (readonly index: number, seed: Uint8Array, readonly chainId: string, readonly total: number, private readonly n: number, private readonly f: number) {
    this.signer = createSigner(seed)
  }

  finished (): boolean { return this.done >= this.total }

  /** The next transfer, or undefined when all are done. */
  next (prng: Prng, to: Uint8Array): Transaction | undefined {
    if (this.outstanding !== undefined || this.finished()) return this.outstanding
    this.nonce += prng.int(1, 3)
    const tx: Transaction = { chainId: this.chainId, client: this.signer.publicKey, nonce: this.nonce, payload: pb.Transfer.encode({ to, amount: BigInt(prng.int(1, 5)) }), signature: new Uint8Array(0) }
    tx.signature = this.signer.sign(signingBytes('transaction', tx))
    this.outstanding = tx
    this.replies = new Map()
    return tx
  }

  /** Where to send: the believed primary first, everyone after a timeout. */
  targets (now: number): number[] {
    if (now - this.sentAt < CLIENT_RETRY_MS && this.replies.size === 0 && this.sentAt === now) return [this.view % this.n]
    return [...Array(this.n).keys()]
  }

  primary (): number { return this.view % this.n }

  /** A reply (signature already checked by the caller); true when f+1 match. */
  onReply (from: number, r: Reply): boolean {
    const tx = this.outstanding
    if (tx === undefined || r.nonce !== tx.nonce || toHex(r.client) !== toHex(tx.client)) return false
    this.replies.set(from, `${r.height}/${r.index}/${r.code}/${toHex(r.blockHash)}`)
    const counts = new Map<string, number>()
    for (const v of this.replies.values()) counts.set(v, (counts.get(v) ?? 0) + 1)
    if ([...counts.values()].some(c => c >= this.f + 1)) {
      this.view = Math.max(this.view, r.view)
      this.outstanding = undefined
      this.done++
      return true
    }
    return false
  }
}
