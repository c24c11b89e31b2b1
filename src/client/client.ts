// The client SDK: build and sign transactions, submit them (to the primary, then to every
// replica on timeout), and resolve once committed with proof: f+1 matching replies, each resting
// on its replica's signed attestation of the block and a Merkle proof of this transaction's result
// (one signature verify per replica and block, not per transaction), and a receipt made of them
// that anyone can check offline with genesis alone (src/ledger/receipt.ts, docs/receipts.md).
// A replica that is overloaded answers "busy, retry after T": the SDK sends that copy again to
// that replica after T (with jitter) and never counts it as a refusal, so an overloaded cluster
// sees each request about once instead of a retransmission to every replica. The first
// transaction to each replica also goes to it directly, so every replica has a verified route
// back to this client from the start (the backups' replies complete the f+1).
// A late transaction goes to every replica only when that can help (PBFT §4.1 multicasts on a
// timeout so that backups can suspect the primary): when nothing of this client committed for
// the whole re-send timeout (a silent or dead primary), or when a transaction sent to the primary
// after it committed first (it was lost or skipped). While the cluster keeps committing this
// client's transactions in order, a late one is queued, not lost: copies to every replica would
// only make each backup verify it and forward it to the primary, past the primary's admission.
import { decodeClientFrame, pb, signingBytes, type Transaction, type TxReply } from '../codec/index.js'
import { createSigner, type Signer } from '../crypto/ed25519.js'
import { txId as computeTxId } from '../crypto/digests.js'
import { toHex } from '../crypto/hash.js'
import { AttestationMemo } from '../crypto/tx-proof.js'
import { receiptOf } from '../ledger/receipt.js'
import { ClientClosedError } from './errors.js'
import { ResendPolicy } from './resend-policy.js'
import { SendWindow } from './send-window.js'
import { Submission, type SubmissionContext } from './submission.js'
import type { ClientOptions, ClientStats, CommitProof } from './types.js'

export const CLIENT_PENDING_MAX = 10_000
export const DEFAULT_BUSY_WAIT_MS = 2000

export class Client {
  readonly publicKey: Uint8Array
  private readonly signer: Signer
  private readonly n: number
  private readonly f: number
  private readonly pending = new Map<string, Submission>()
  private lastNonce = 0
  private view = 0
  private closed = false
  /** Replicas this client has sent a transaction to on their current stream (they can route replies). */
  private readonly introduced = new Set<number>()
  /**
   * The view whose primary's stream closed, until a reply shows a later view or the primary
   * answers again: meanwhile new transactions go to every replica (PBFT §4.1's multicast on
   * suspicion), else they would go to a dead primary and wait out the re-send timeout.
   */
  private primaryLostInView: number | undefined
  readonly stats: ClientStats = { busy: 0, resentToAll: 0, resentOnPrimaryLoss: 0, invalidReplies: 0, resendsDeferred: 0 }
  /** The re-send rule's view of all this client's transactions, and the re-send timeout. */
  private readonly policy = new ResendPolicy()
  /** How many transactions are out at the replicas at once (shrinks on busy answers). */
  readonly window = new SendWindow()
  /** Attestation verdicts shared by all transactions: one signature verify per replica and block. */
  readonly attestations: AttestationMemo
  private readonly context: SubmissionContext

  constructor (private readonly opts: ClientOptions) {
    this.signer = createSigner(opts.seed)
    this.publicKey = this.signer.publicKey
    this.n = opts.replicaKeys.length
    this.f = Math.floor((this.n - 1) / 3)
    this.attestations = new AttestationMemo(opts.replicaKeys, opts.chainId, opts.verify)
    this.context = {
      n: this.n, f: this.f, transport: opts.transport, window: this.window, policy: this.policy, attestations: this.attestations,
      stats: this.stats, introduced: this.introduced, onBusy: info => { this.opts.onBusy?.(info) },
      primary: () => this.view % this.n, primaryLost: () => this.primaryLostInView === this.view, forget: key => { this.pending.delete(key) }
    }
    opts.transport.onFrame((replica, bytes) => { this.onFrame(replica, bytes) })
    opts.transport.onStreamClosed?.(replica => { this.onStreamClosed(replica) })
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

  /** Submits a signed transaction and resolves with its proof of commit (src/client/submission.ts). */
  async submit (tx: Transaction, opts: { signal?: AbortSignal } = {}): Promise<CommitProof> {
    if (this.closed) throw new ClientClosedError()
    if (this.pending.size >= CLIENT_PENDING_MAX) throw new RangeError(`more than ${CLIENT_PENDING_MAX} transactions in flight`)
    const id = computeTxId(tx)
    const key = toHex(id)
    const retryMs = this.opts.retryMs ?? 1000
    const times = { retryMs, rtoMs: this.retransmitTimeoutMs(retryMs), busyWaitMs: this.opts.busyWaitMs ?? DEFAULT_BUSY_WAIT_MS, timeoutMs: this.opts.timeoutMs ?? 30_000 }
    const submission = new Submission(this.context, tx, id, key, times, opts.signal)
    this.pending.set(key, submission)
    submission.enterWindow()
    return await submission.done
  }

  /**
   * A replica's stream closed (its process died, or it restarted). Replies can no longer come
   * from it on that stream; if it was the primary as far as this client knows, every
   * transaction out there goes to every replica now rather than at the re-send timeout, so the
   * backups hold them and start their view-change timers at once: a SIGKILLed primary then
   * costs one view-change timeout, not the client's re-send timeout plus one.
   */
  private onStreamClosed (replica: number): void {
    this.introduced.delete(replica)
    if (this.closed || replica !== this.view % this.n) return
    this.primaryLostInView = this.view
    this.stats.resentOnPrimaryLoss++
    for (const p of [...this.pending.values()]) p.resendNow()
  }

  /** The re-send timeout: at least `floorMs`, at most RETRY_BACKOFF_MAX_MS. */
  retransmitTimeoutMs (floorMs: number): number {
    return this.policy.retransmitTimeoutMs(floorMs)
  }

  private onFrame (replica: number, bytes: Uint8Array): void {
    const decoded = decodeClientFrame(bytes)
    if (!decoded.ok) return
    const frame = decoded.value
    if (frame.txReply != null) this.onReply(replica, frame.txReply)
    else if (frame.error != null) this.onError(replica, frame.error, frame.retryAfterMs)
  }

  private onReply (replica: number, reply: TxReply): void {
    const p = this.pending.get(toHex(reply.txId))
    if (p === undefined) return
    const invalid = p.replies.invalid
    const outcome = p.replies.add(replica, reply)
    this.stats.invalidReplies += p.replies.invalid - invalid
    if (p.replies.invalid === invalid && replica === this.view % this.n) this.primaryLostInView = undefined // the primary answers (again)
    if (outcome === undefined) return
    this.view = Math.max(this.view, ...outcome.replies.map(r => r.attestation.view))
    const receipt = receiptOf(p.tx, outcome.replies)
    const { result, index } = receipt.proof
    p.resolve({
      txId: toHex(reply.txId), height: receipt.header.height, index, code: result.code, log: result.log,
      blockHash: toHex(reply.attestation.blockHash), replicas: receipt.attestations.map(a => a.replica), receipt
    })
  }

  /**
   * Error frames are "txid-hex: reason"; f+1 of them reject the transaction. One with a
   * retryAfterMs is a busy answer: the copy is sent to that replica again later.
   */
  private onError (replica: number, error: string, retryAfterMs: number | undefined): void {
    const sep = error.indexOf(': ')
    if (sep < 0) return
    const p = this.pending.get(error.slice(0, sep))
    if (p === undefined) return
    if (retryAfterMs !== undefined) p.onBusyAnswer(replica, retryAfterMs)
    else p.onRejection(replica, error.slice(sep + 2))
  }

  async close (): Promise<void> {
    this.closed = true
    this.window.stop()
    for (const p of this.pending.values()) p.reject(new ClientClosedError())
    await this.opts.transport.close()
  }
}
