// Simulated clients: each keeps up to `window` transfers in flight, sends each new one to the
// primary it believes in, re-sends the outstanding ones to every replica on timeout, and accepts
// a result on f+1 matching signed replies. Two clients may sign for one account (two processes of
// one user): each then uses its own residue of the nonces (nonce = 2 x counter + lane), as the
// SDK's random µs digits make collisions improbable; their transfers interleave in any order.
import { pb, signingBytes, type Reply, type Transaction } from '../codec/index.js'
import { txId } from '../crypto/digests.js'
import { createSigner, type Signer } from '../crypto/ed25519.js'
import { toHex } from '../crypto/hash.js'
import type { Prng } from './prng.js'

export const CLIENT_RETRY_MS = 400
/** At most this many transfers in flight per simulated client. */
export const CLIENT_WINDOW_MAX = 4

interface Outstanding { tx: Transaction, id: string, sentAt: number, replies: Map<number, string> }

export class SimClient {
  readonly signer: Signer
  /** The nonce counter (the nonce itself when the account has one writer). */
  nonce = 0
  done = 0
  /** Transfers created so far (done + outstanding). */
  created = 0
  readonly outstanding = new Map<number, Outstanding>()
  private view = 0

  /**
   * `lane`: undefined when this client is its account's only writer, else 0 or 1 (its residue of
   * the nonces modulo 2).
   */
  constructor (readonly index: number, seed: Uint8Array, readonly chainId: string, readonly total: number, private readonly n: number, private readonly f: number,
    readonly window = 1, readonly lane?: number) {
    if (window < 1 || window > CLIENT_WINDOW_MAX) throw new RangeError(`client window ${window} outside 1..${CLIENT_WINDOW_MAX}`)
    this.signer = createSigner(seed)
  }

  finished (): boolean { return this.done >= this.total }

  /** New transfers to fill the window (none when it is full or all are created). */
  fill (prng: Prng, to: Uint8Array, now: number): Transaction[] {
    const fresh: Transaction[] = []
    while (this.outstanding.size < this.window && this.created < this.total) {
      this.nonce += prng.int(1, 3)
      const nonce = this.lane === undefined ? this.nonce : this.nonce * 2 + this.lane
      const tx: Transaction = { chainId: this.chainId, client: this.signer.publicKey, nonce, payload: pb.Transfer.encode({ to, amount: BigInt(prng.int(1, 5)) }), signature: new Uint8Array(0) }
      tx.signature = this.signer.sign(signingBytes('transaction', tx))
      this.outstanding.set(nonce, { tx, id: toHex(txId(tx)), sentAt: now, replies: new Map() })
      this.created++
      fresh.push(tx)
    }
    return fresh
  }

  /** Outstanding transfers last sent at least `ageMs` ago, to re-send now. */
  resend (now: number, ageMs: number): Transaction[] {
    const out: Transaction[] = []
    for (const o of this.outstanding.values()) {
      if (now - o.sentAt < ageMs) continue
      o.sentAt = now
      out.push(o.tx)
    }
    return out
  }

  primary (): number { return this.view % this.n }

  /** A reply (signature already checked by the caller); true when f+1 match for one of ours. */
  onReply (from: number, r: Reply): boolean {
    const o = this.outstanding.get(r.nonce)
    if (o === undefined || toHex(r.txId) !== o.id) return false
    o.replies.set(from, `${r.height}/${r.index}/${r.code}/${toHex(r.blockHash)}`)
    const counts = new Map<string, number>()
    for (const v of o.replies.values()) counts.set(v, (counts.get(v) ?? 0) + 1)
    if ([...counts.values()].some(c => c >= this.f + 1)) {
      this.view = Math.max(this.view, r.view)
      this.outstanding.delete(r.nonce)
      this.done++
      return true
    }
    return false
  }
}
