// The client SDK: build and sign transactions, submit them (to the primary, then to every
// replica on timeout), and resolve once committed with proof: f+1 matching signed replies.
import { decodeClientFrame, encodeClientFrame, pb, signingBytes, type Reply, type Transaction } from '../codec/index.js'
import { createSigner, type Signer } from '../crypto/ed25519.js'
import { txId as computeTxId } from '../crypto/digests.js'
import { toHex } from '../crypto/hash.js'
import { ClientClosedError, InsufficientRepliesError, TxRejectedError, TxTimeoutError } from './errors.js'
import { ReplySet, type ReplyVerifier } from './reply-set.js'

/** Frames to and from replicas, by replica id (src/net's client connection implements it). */
export interface ClientTransport {
  send: (replica: number, bytes: Uint8Array) => void
  onFrame: (handler: (replica: number, bytes: Uint8Array) => void) => void
  close: () => Promise<void>
}

export interface ClientOptions {
  chainId: string
  /** Replica public keys from genesis, index = replica id. */
  replicaKeys: Uint8Array[]
  /** The client's 32-byte ed25519 seed; its public key is the account. */
  seed: Uint8Array
  transport: ClientTransport
  verify: ReplyVerifier['verify']
  /**
   * Re-send to every replica when no proof arrived within this time; each further re-send waits
   * twice as long (up to RETRY_BACKOFF_MAX_MS), so an overloaded cluster is not flooded with
   * copies of requests it already queued. Default 1000 ms.
   */
  retryMs?: number
  /** Give up after this time. Default 30 s. */
  timeoutMs?: number
}

export interface CommitProof {
  txId: string
  height: number
  index: number
  code: number
  log: string
  blockHash: string
  /** f+1 matching signed replies from distinct replicas. */
  replies: Reply[]
}

interface Pending {
  tx: Transaction
  replies: ReplySet
  rejections: Map<number, string>
  resolve: (p: CommitProof) => void
  reject: (e: Error) => void
}

export const CLIENT_PENDING_MAX = 10_000
/** Longest wait between two re-sends of one transaction. */
export const RETRY_BACKOFF_MAX_MS = 8000

export class Client {
  readonly publicKey: Uint8Array
  private readonly signer: Signer
  private readonly n: number
  private readonly f: number
  private readonly pending = new Map<string, Pending>()
  private lastNonce = 0
  private view = 0
  private closed = false

  constructor (private readonly opts: ClientOptions) {
    this.signer = createSigner(opts.seed)
    this.publicKey = this.signer.publicKey
    this.n = opts.replicaKeys.length
    this.f = Math.floor((this.n - 1) / 3)
    opts.transport.onFrame((replica, bytes) => { this.onFrame(replica, bytes) })
  }

  /**
   * Nonces are wall-clock µs, strictly increasing per Client. The clock has ms resolution, so the
   * µs digits are random: two processes signing for one account collide only if they sign in the
   * same ms and draw the same digits (1 in 1000), not whenever their clocks agree. Replicas
   * accept nonces in any order (within the account's last 1024) up to 60 s ahead of the block
   * time (docs/ledger.md, Nonces); a collision fails as a duplicate nonce, never executes twice.
   */
  nextNonce (): number {
    this.lastNonce = Math.max(this.lastNonce + 1, Date.now() * 1000 + Math.floor(Math.random() * 1000))
    return this.lastNonce
  }

  signTransfer (to: Uint8Array, amount: bigint, nonce = this.nextNonce()): Transaction {
    const payload = pb.Transfer.encode({ to, amount })
    const tx: Transaction = { chainId: this.opts.chainId, client: this.publicKey, nonce, payload, signature: new Uint8Array(0) }
    tx.signature = this.signer.sign(signingBytes('transaction', tx))
    return tx
  }

  async transfer (to: Uint8Array, amount: bigint, opts: { signal?: AbortSignal } = {}): Promise<CommitProof> {
    return await this.submit(this.signTransfer(to, amount), opts)
  }

  /** Submits a signed transaction and resolves with its proof of commit. */
  async submit (tx: Transaction, opts: { signal?: AbortSignal } = {}): Promise<CommitProof> {
    if (this.closed) throw new ClientClosedError()
    if (this.pending.size >= CLIENT_PENDING_MAX) throw new RangeError(`more than ${CLIENT_PENDING_MAX} transactions in flight`)
    const id = computeTxId(tx)
    const key = toHex(id)
    const retryMs = this.opts.retryMs ?? 1000
    const timeoutMs = this.opts.timeoutMs ?? 30_000
    const bytes = encodeClientFrame({ request: tx })
    return await new Promise<CommitProof>((resolve, reject) => {
      const verifier: ReplyVerifier = { chainId: this.opts.chainId, publicKeys: this.opts.replicaKeys, verify: this.opts.verify }
      const p: Pending = { tx, replies: new ReplySet(verifier, id, tx.client, this.f + 1), rejections: new Map(), resolve, reject }
      let wait = retryMs
      let retry: NodeJS.Timeout
      const resend = (): void => {
        for (let r = 0; r < this.n; r++) this.opts.transport.send(r, bytes)
        wait = Math.min(wait * 2, Math.max(retryMs, RETRY_BACKOFF_MAX_MS))
        retry = setTimeout(resend, wait)
      }
      retry = setTimeout(resend, wait)
      const timeout = setTimeout(() => {
        const best = p.replies.largestMatching()
        finish(best > 0 ? new InsufficientRepliesError(this.f + 1, best) : new TxTimeoutError(timeoutMs, p.replies.size))
      }, timeoutMs)
      const onAbort = (): void => { finish(opts.signal?.reason instanceof Error ? opts.signal.reason : new Error('aborted')) }
      const finish = (err?: Error, proof?: CommitProof): void => {
        clearTimeout(retry)
        clearTimeout(timeout)
        opts.signal?.removeEventListener('abort', onAbort)
        this.pending.delete(key)
        if (proof !== undefined) resolve(proof)
        else reject(err)
      }
      p.resolve = proof => { finish(undefined, proof) }
      p.reject = err => { finish(err) }
      opts.signal?.addEventListener('abort', onAbort, { once: true })
      this.pending.set(key, p)
      this.opts.transport.send(this.view % this.n, bytes)
    })
  }

  private onFrame (replica: number, bytes: Uint8Array): void {
    const decoded = decodeClientFrame(bytes)
    if (!decoded.ok) return
    const frame = decoded.value
    if (frame.reply != null) this.onReply(replica, frame.reply)
    else if (frame.error != null) this.onError(replica, frame.error)
  }

  private onReply (replica: number, reply: Reply): void {
    const p = this.pending.get(toHex(reply.txId))
    if (p === undefined) return
    const outcome = p.replies.add(replica, reply)
    if (outcome === undefined) return
    this.view = Math.max(this.view, ...outcome.proof.map(r => r.view))
    const r = outcome.reply
    p.resolve({ txId: toHex(r.txId), height: r.height, index: r.index, code: r.code, log: r.log, blockHash: toHex(r.blockHash), replies: outcome.proof })
  }

  /** Error frames are "txid-hex: reason"; f+1 of them reject the transaction. */
  private onError (replica: number, error: string): void {
    const sep = error.indexOf(': ')
    if (sep < 0) return
    const p = this.pending.get(error.slice(0, sep))
    if (p === undefined) return
    p.rejections.set(replica, error.slice(sep + 2))
    if (p.rejections.size >= this.f + 1) p.reject(new TxRejectedError([...p.rejections.values()][0] ?? 'rejected'))
  }

  async close (): Promise<void> {
    this.closed = true
    for (const p of this.pending.values()) p.reject(new ClientClosedError())
    await this.opts.transport.close()
  }
}
