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
import { decodeClientFrame, encodeClientFrame, pb, signingBytes, type Receipt, type Transaction, type TxReply } from '../codec/index.js'
import { createSigner, type Signer, type VerifyFn } from '../crypto/ed25519.js'
import { txId as computeTxId } from '../crypto/digests.js'
import { toHex } from '../crypto/hash.js'
import { AttestationMemo } from '../crypto/tx-proof.js'
import { receiptOf } from '../ledger/receipt.js'
import { ClientClosedError, ClusterBusyError, InsufficientRepliesError, TxRejectedError, TxTimeoutError } from './errors.js'
import { ReplySet } from './reply-set.js'
import { SendWindow } from './send-window.js'

/** Frames to and from replicas, by replica id (src/net's client connection implements it). */
export interface ClientTransport {
  send: (replica: number, bytes: Uint8Array) => void
  onFrame: (handler: (replica: number, bytes: Uint8Array) => void) => void
  /** Called when the stream to a replica closed (its route to this client is gone). */
  onStreamClosed?: (handler: (replica: number) => void) => void
  close: () => Promise<void>
}

/** A busy answer: which replica, the wait it asked for, and how long after the send it came. */
export interface BusyInfo { replica: number, retryAfterMs: number, latencyMs: number }

export interface ClientOptions {
  chainId: string
  /** Replica public keys from genesis, index = replica id. */
  replicaKeys: Uint8Array[]
  /** The client's 32-byte ed25519 seed; its public key is the account. */
  seed: Uint8Array
  transport: ClientTransport
  /** The cluster's signature rule (src/crypto `verify`). */
  verify: VerifyFn
  /**
   * Re-send to every replica when no proof arrived within this time, or within the observed
   * commit latency's retransmission timeout if that is longer (TCP's SRTT + 4 RTTVAR, so a
   * loaded cluster is not sent copies of requests it is merely still ordering); each further
   * re-send waits twice as long (up to RETRY_BACKOFF_MAX_MS). Default 1000 ms.
   */
  retryMs?: number
  /** Give up after this time. Default 30 s. */
  timeoutMs?: number
  /** Called for every busy answer (for load generators and dashboards). */
  onBusy?: (info: BusyInfo) => void
  /**
   * How long a transaction may wait for the cluster to take it — busy answers, or waiting behind
   * the send window — before `submit` rejects with ClusterBusyError, an explicit "overloaded,
   * try later" instead of a timeout. Default 2000 ms.
   */
  busyWaitMs?: number
}

export interface CommitProof {
  txId: string
  height: number
  index: number
  code: number
  log: string
  blockHash: string
  /** The f+1 distinct replicas whose matching attestations of the block were accepted. */
  replicas: number[]
  /**
   * Offline proof of this result: `verifyReceipt(receipt, genesis)`; `encodeReceipt(receipt)`
   * gives the bytes `pbft receipt verify FILE --genesis G` checks.
   */
  receipt: Receipt
}

interface Pending {
  tx: Transaction
  replies: ReplySet
  rejections: Map<number, string>
  /** When a copy was last sent to each replica (for busy latency). */
  sentAt: Map<number, number>
  busy: number
  /**
   * sendOrder of this transaction's last copy to the primary that was not answered busy
   * (undefined while the primary has not taken it): a transaction sent to the primary later
   * than this that commits first means this one was lost or skipped.
   */
  heldAt: number | undefined
  /** sendOrder of the transaction's latest copy to the primary. */
  sentToPrimaryAt: number
  onBusy: (replica: number, retryAfterMs: number) => void
  /** Sends it to every replica now (started transactions only); see onStreamClosed. */
  resendNow: () => void
  resolve: (p: CommitProof) => void
  reject: (e: Error) => void
}

/**
 * The re-send rule (see the top of this file): a late transaction goes to every replica when
 * nothing of this client committed for `waitMs` (silence: a dead, silent or censoring primary),
 * or when the primary took it (`heldAt`, the order of that copy) and a copy sent to the primary
 * later committed first (`committedSendOrder`): it was lost or skipped. Otherwise it is queued.
 */
export function copyToAllUseful (o: { nowMs: number, lastCommitMs: number, waitMs: number, heldAt: number | undefined, committedSendOrder: number }): boolean {
  if (o.nowMs - o.lastCommitMs >= o.waitMs) return true
  return o.heldAt !== undefined && o.committedSendOrder > o.heldAt
}

export const CLIENT_PENDING_MAX = 10_000
/** Longest wait between two re-sends of one transaction. */
export const RETRY_BACKOFF_MAX_MS = 8000
export const DEFAULT_BUSY_WAIT_MS = 2000

export class Client {
  readonly publicKey: Uint8Array
  private readonly signer: Signer
  private readonly n: number
  private readonly f: number
  private readonly pending = new Map<string, Pending>()
  private lastNonce = 0
  private view = 0
  private closed = false
  /** Smoothed commit latency and its variation (RFC 6298), for the re-send timeout. */
  private srttMs: number | undefined
  private rttvarMs = 0
  /** Replicas this client has sent a transaction to on their current stream (they can route replies). */
  private readonly introduced = new Set<number>()
  /**
   * The view whose primary's stream closed, until a reply shows a later view or the primary
   * answers again: meanwhile new transactions go to every replica (PBFT §4.1's multicast on
   * suspicion), else they would go to a dead primary and wait out the re-send timeout.
   */
  private primaryLostInView: number | undefined
  /** Busy answers, re-sends to every replica, re-sends on losing the primary, and replies refused (bad attestation, header or proof). */
  readonly stats = { busy: 0, resentToAll: 0, resentOnPrimaryLoss: 0, invalidReplies: 0, resendsDeferred: 0 }
  /** Copies sent to the primary so far (orders them), and the latest such copy whose transaction committed. */
  private sendOrder = 0
  private committedSendOrder = 0
  /** When a transaction of this client last committed (performance.now()). */
  private lastCommitMs = -Infinity
  /** How many transactions are out at the replicas at once (shrinks on busy answers). */
  readonly window = new SendWindow()
  /** Attestation verdicts shared by all transactions: one signature verify per replica and block. */
  readonly attestations: AttestationMemo

  constructor (private readonly opts: ClientOptions) {
    this.signer = createSigner(opts.seed)
    this.publicKey = this.signer.publicKey
    this.n = opts.replicaKeys.length
    this.f = Math.floor((this.n - 1) / 3)
    this.attestations = new AttestationMemo(opts.replicaKeys, opts.chainId, opts.verify)
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

  /** Submits a signed transaction and resolves with its proof of commit. */
  async submit (tx: Transaction, opts: { signal?: AbortSignal } = {}): Promise<CommitProof> {
    if (this.closed) throw new ClientClosedError()
    if (this.pending.size >= CLIENT_PENDING_MAX) throw new RangeError(`more than ${CLIENT_PENDING_MAX} transactions in flight`)
    const id = computeTxId(tx)
    const key = toHex(id)
    const retryMs = this.opts.retryMs ?? 1000
    const busyWaitMs = this.opts.busyWaitMs ?? DEFAULT_BUSY_WAIT_MS
    const submittedAt = performance.now()
    const rto = this.retransmitTimeoutMs(retryMs)
    const timeoutMs = this.opts.timeoutMs ?? 30_000
    const bytes = encodeClientFrame({ request: tx })
    return await new Promise<CommitProof>((resolve, reject) => {
      const p: Pending = { tx, replies: new ReplySet(this.attestations, tx, id, this.f + 1), rejections: new Map(), sentAt: new Map(), busy: 0, heldAt: undefined, sentToPrimaryAt: 0, onBusy: () => {}, resendNow: () => {}, resolve, reject }
      const sendTo = (r: number): void => {
        p.sentAt.set(r, performance.now())
        if (r === this.view % this.n) { p.sentToPrimaryAt = ++this.sendOrder; p.heldAt = p.sentToPrimaryAt }
        this.introduced.add(r)
        this.opts.transport.send(r, bytes)
      }
      let wait = rto
      let startedAt = 0
      let retry: NodeJS.Timeout | undefined
      const busyTimers = new Map<number, NodeJS.Timeout>()
      const sendToAll = (): void => {
        this.stats.resentToAll++
        for (let r = 0; r < this.n; r++) sendTo(r)
      }
      const resend = (): void => {
        if (!copyToAllUseful({ nowMs: performance.now(), lastCommitMs: this.lastCommitMs, waitMs: wait, heldAt: p.heldAt, committedSendOrder: this.committedSendOrder })) {
          this.stats.resendsDeferred++
          retry = setTimeout(resend, wait)
          return
        }
        sendToAll()
        wait = Math.min(wait * 2, Math.max(retryMs, RETRY_BACKOFF_MAX_MS))
        retry = setTimeout(resend, wait)
      }
      p.resendNow = () => {
        if (!ticket.started || finished) return
        clearTimeout(retry)
        sendToAll()
        retry = setTimeout(resend, wait)
      }
      p.onBusy = (replica, retryAfterMs) => {
        // Busy is an answer, not silence: no re-send to everyone while replicas keep answering.
        this.window.busy(retryAfterMs)
        if (performance.now() + retryAfterMs - submittedAt > busyWaitMs && p.replies.size === 0) {
          finish(new ClusterBusyError(Math.round(performance.now() - submittedAt), p.busy))
          return
        }
        clearTimeout(retry)
        retry = setTimeout(resend, Math.max(wait, retryAfterMs + retryMs))
        if (busyTimers.has(replica)) return
        const jittered = retryAfterMs * (1 + Math.random() * 0.25)
        busyTimers.set(replica, setTimeout(() => { busyTimers.delete(replica); sendTo(replica) }, jittered))
      }
      const timeout = setTimeout(() => {
        const best = p.replies.largestMatching()
        const busy = p.busy > 0 || (!ticket.started && this.stats.busy > 0)
        finish(best > 0 ? new InsufficientRepliesError(this.f + 1, best) : busy ? new ClusterBusyError(timeoutMs, p.busy) : new TxTimeoutError(timeoutMs, p.replies.size))
      }, timeoutMs)
      // Still waiting behind the send window after busyWaitMs while the cluster keeps saying busy:
      // tell the caller now rather than at the timeout.
      let queued: NodeJS.Timeout
      const checkQueued = (): void => {
        if (ticket.started) return
        if (this.window.busySinceMs(busyWaitMs)) finish(new ClusterBusyError(busyWaitMs, p.busy))
        else queued = setTimeout(checkQueued, busyWaitMs) // only this client's own window: keep waiting
      }
      queued = setTimeout(checkQueued, busyWaitMs)
      const onAbort = (): void => { finish(opts.signal?.reason instanceof Error ? opts.signal.reason : new Error('aborted')) }
      let finished = false
      const finish = (err?: Error, proof?: CommitProof): void => {
        if (finished) return // a settled transaction leaves the window once
        finished = true
        clearTimeout(retry)
        clearTimeout(timeout)
        clearTimeout(queued)
        for (const t of busyTimers.values()) clearTimeout(t)
        opts.signal?.removeEventListener('abort', onAbort)
        this.pending.delete(key)
        this.window.leave(ticket)
        if (proof !== undefined) {
          this.lastCommitMs = performance.now()
          this.committedSendOrder = Math.max(this.committedSendOrder, p.sentToPrimaryAt)
          this.window.committed()
          if (p.busy === 0 && wait === rto) this.sampleLatency(performance.now() - startedAt)
          resolve(proof)
        } else reject(err)
      }
      p.resolve = proof => { finish(undefined, proof) }
      p.reject = err => { finish(err) }
      opts.signal?.addEventListener('abort', onAbort, { once: true })
      this.pending.set(key, p)
      const ticket = this.window.enter(() => {
        startedAt = performance.now()
        retry = setTimeout(resend, wait)
        const primary = this.view % this.n
        const toAll = this.primaryLostInView === this.view
        for (let r = 0; r < this.n; r++) if (toAll || r === primary || !this.introduced.has(r)) sendTo(r)
      })
    })
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
    if (this.srttMs === undefined) return floorMs
    return Math.min(Math.max(floorMs, RETRY_BACKOFF_MAX_MS), Math.max(floorMs, Math.round(this.srttMs + 4 * this.rttvarMs)))
  }

  /** A commit latency of a transaction that needed no re-send (Karn's rule). */
  private sampleLatency (ms: number): void {
    if (this.srttMs === undefined) {
      this.srttMs = ms
      this.rttvarMs = ms / 2
    } else {
      this.rttvarMs = 0.75 * this.rttvarMs + 0.25 * Math.abs(this.srttMs - ms)
      this.srttMs = 0.875 * this.srttMs + 0.125 * ms
    }
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
    if (retryAfterMs !== undefined) {
      if (replica === this.view % this.n) p.heldAt = undefined // the primary did not take it
      p.busy++
      this.stats.busy++
      const sent = p.sentAt.get(replica)
      this.opts.onBusy?.({ replica, retryAfterMs, latencyMs: sent === undefined ? 0 : performance.now() - sent })
      p.onBusy(replica, retryAfterMs)
      return
    }
    p.rejections.set(replica, error.slice(sep + 2))
    if (p.rejections.size >= this.f + 1) p.reject(new TxRejectedError([...p.rejections.values()][0] ?? 'rejected'))
  }

  async close (): Promise<void> {
    this.closed = true
    this.window.stop()
    for (const p of this.pending.values()) p.reject(new ClientClosedError())
    await this.opts.transport.close()
  }
}
