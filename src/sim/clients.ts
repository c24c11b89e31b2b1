// Simulated clients: each keeps up to `window` transfers in flight, sends each new one to the
// primary it believes in, re-sends the outstanding ones to every replica on timeout, and accepts
// a result on f+1 matching replies: each with a valid attestation of its block and a proof of this
// transaction's result (src/crypto/tx-proof.ts, as the SDK checks them). Two clients may sign for one account (two processes of
// one user): each then uses its own residue of the nonces (nonce = 2 x counter + lane), as the
// SDK's random µs digits make collisions improbable; their transfers interleave in any order.
import { pb, signingBytes, type Transaction, type TxReply } from '../codec/index.js'
import { txId } from '../crypto/digests.js'
import { createSigner, type Signer } from '../crypto/ed25519.js'
import { toHex } from '../crypto/hash.js'
import { txReplyProblem, type AttestationMemo } from '../crypto/tx-proof.js'
import type { Prng } from './prng.js'

export const CLIENT_RETRY_MS = 400
/** At most this many transfers in flight per simulated client. */
export const CLIENT_WINDOW_MAX = 4

interface Outstanding { tx: Transaction, id: string, idBytes: Uint8Array, sentAt: number, replies: Map<number, TxReply> }

/**
 * Deliberate client bugs, for proving that the receipts invariant catches them (test-only):
 * accept the first valid reply instead of f+1 matching ones; accept a reply whose proof fails.
 */
export type PlantedClientFault = 'accept-one-reply' | 'skip-proof-check'

/** What a client accepted: its transaction and the f+1 matching replies. */
export interface Accepted { tx: Transaction, replies: TxReply[] }

export class SimClient {
  readonly signer: Signer
  /** The nonce counter (the nonce itself when the account has one writer). */
  nonce = 0
  done = 0
  /** Transfers created so far (done + outstanding). */
  created = 0
  readonly outstanding = new Map<number, Outstanding>()
  /** Replies refused: bad attestation, header or proof (a traitor's wrong-replies). */
  invalidReplies = 0
  private view = 0

  /**
   * `lane`: undefined when this client is its account's only writer, else 0 or 1 (its residue of
   * the nonces modulo 2).
   */
  constructor (readonly index: number, seed: Uint8Array, readonly chainId: string, readonly total: number, private readonly n: number, private readonly f: number,
    readonly window = 1, readonly lane?: number, private readonly planted: ReadonlySet<PlantedClientFault> = new Set()) {
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
      const idBytes = txId(tx)
      this.outstanding.set(nonce, { tx, id: toHex(idBytes), idBytes, sentAt: now, replies: new Map() })
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

  /** A reply from replica `from`; what was accepted once f+1 distinct replicas sent valid matching ones. */
  onReply (from: number, r: TxReply, memo: AttestationMemo): Accepted | undefined {
    const id = toHex(r.txId)
    const o = [...this.outstanding.values()].find(x => x.id === id)
    if (o === undefined) return undefined
    const problem = txReplyProblem(memo, from, o.tx, o.idBytes, r)
    if (problem !== undefined && !(this.planted.has('skip-proof-check') && problem.startsWith('proof.'))) { this.invalidReplies++; return undefined }
    const needed = this.planted.has('accept-one-reply') ? 1 : this.f + 1
    o.replies.set(from, r)
    const groups = new Map<string, TxReply[]>()
    for (const x of o.replies.values()) {
      const k = `${x.attestation.height}/${toHex(x.attestation.blockHash)}/${x.proof.index}`
      const g = groups.get(k) ?? []
      g.push(x)
      groups.set(k, g)
      if (g.length < needed) continue
      this.view = Math.max(this.view, r.attestation.view)
      this.outstanding.delete(o.tx.nonce)
      this.done++
      return { tx: o.tx, replies: g }
    }
    return undefined
  }
}
