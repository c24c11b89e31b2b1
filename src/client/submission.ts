// One transaction from `submit` to its proof or error: which replicas get a copy and when (the
// first send, re-sends by the rule at the top of client.ts, busy answers' delayed copies), its
// timers, and how it ends — once, leaving the send window and the client's pending table.
import { encodeClientFrame, type Transaction } from '../codec/index.js'
import type { AttestationMemo } from '../crypto/tx-proof.js'
import { ClusterBusyError, InsufficientRepliesError, TxRejectedError, TxTimeoutError } from './errors.js'
import { ReplySet } from './reply-set.js'
import { RETRY_BACKOFF_MAX_MS, type ResendPolicy } from './resend-policy.js'
import type { SendWindow, WindowTicket } from './send-window.js'
import type { BusyInfo, ClientStats, ClientTransport, CommitProof } from './types.js'

/** What a submission shares with the other transactions of its client (the Client provides it). */
export interface SubmissionContext {
  readonly n: number
  readonly f: number
  readonly transport: Pick<ClientTransport, 'send'>
  readonly window: SendWindow
  readonly policy: ResendPolicy
  readonly attestations: AttestationMemo
  readonly stats: ClientStats
  /** Replicas sent a transaction on their current stream (they can route replies to this client). */
  readonly introduced: Set<number>
  onBusy: (info: BusyInfo) => void
  /** The primary as far as this client knows. */
  primary: () => number
  /** True while that primary's stream is closed and it has not answered since: new transactions go to every replica. */
  primaryLost: () => boolean
  /** Drops the settled transaction `key` from the client's pending table. */
  forget: (key: string) => void
}

/** The submission's times: the re-send floor and its first timeout, the busy wait, the overall timeout. */
export interface SubmissionTimes { retryMs: number, rtoMs: number, busyWaitMs: number, timeoutMs: number }

export class Submission {
  readonly replies: ReplySet
  readonly done: Promise<CommitProof>
  private readonly rejections = new Map<number, string>()
  /** When a copy was last sent to each replica (for busy latency). */
  private readonly sentAt = new Map<number, number>()
  private busy = 0
  /**
   * sendOrder of this transaction's last copy to the primary that was not answered busy
   * (undefined while the primary has not taken it): a transaction sent to the primary later
   * than this that commits first means this one was lost or skipped.
   */
  private heldAt: number | undefined
  /** sendOrder of the transaction's latest copy to the primary. */
  private sentToPrimaryAt = 0
  private readonly bytes: Uint8Array
  private readonly submittedAt = performance.now()
  private wait: number
  private startedAt = 0
  private finished = false
  private retry: NodeJS.Timeout | undefined
  private readonly busyTimers = new Map<number, NodeJS.Timeout>()
  private readonly timeout: NodeJS.Timeout
  private queued: NodeJS.Timeout
  /** Set by enterWindow, before any timer, frame or abort can finish the submission. */
  private ticket!: WindowTicket
  private settle!: { resolve: (p: CommitProof) => void, reject: (e?: Error) => void }
  private readonly onAbort = (): void => { this.finish(this.signal?.reason instanceof Error ? this.signal.reason : new Error('aborted')) }

  constructor (private readonly ctx: SubmissionContext, readonly tx: Transaction, txId: Uint8Array, private readonly key: string,
    private readonly times: SubmissionTimes, private readonly signal?: AbortSignal) {
    this.replies = new ReplySet(ctx.attestations, tx, txId, ctx.f + 1)
    this.bytes = encodeClientFrame({ request: tx })
    this.wait = times.rtoMs
    this.done = new Promise<CommitProof>((resolve, reject) => { this.settle = { resolve, reject } })
    this.timeout = setTimeout(() => { this.onTimeout() }, times.timeoutMs)
    this.queued = setTimeout(() => { this.checkQueued() }, times.busyWaitMs)
    signal?.addEventListener('abort', this.onAbort, { once: true })
  }

  /**
   * Waits for the send window; once in, the copy goes to the primary and to replicas not yet
   * introduced, or to every replica while the primary is lost.
   */
  enterWindow (): void {
    this.ticket = this.ctx.window.enter(() => {
      this.startedAt = performance.now()
      this.retry = setTimeout(() => { this.resend() }, this.wait)
      const primary = this.ctx.primary()
      const toAll = this.ctx.primaryLost()
      for (let r = 0; r < this.ctx.n; r++) if (toAll || r === primary || !this.ctx.introduced.has(r)) this.sendTo(r)
    })
  }

  resolve (proof: CommitProof): void { this.finish(undefined, proof) }

  reject (err: Error): void { this.finish(err) }

  /** Sends it to every replica now (started transactions only); see Client.onStreamClosed. */
  resendNow (): void {
    if (!this.ticket.started || this.finished) return
    clearTimeout(this.retry)
    this.sendToAll()
    this.retry = setTimeout(() => { this.resend() }, this.wait)
  }

  /** A replica refused it; f+1 refusals reject the transaction. */
  onRejection (replica: number, reason: string): void {
    this.rejections.set(replica, reason)
    if (this.rejections.size >= this.ctx.f + 1) this.reject(new TxRejectedError([...this.rejections.values()][0] ?? 'rejected'))
  }

  /** A replica answered busy: count and report it, then back off. */
  onBusyAnswer (replica: number, retryAfterMs: number): void {
    if (replica === this.ctx.primary()) this.heldAt = undefined // the primary did not take it
    this.busy++
    this.ctx.stats.busy++
    const sent = this.sentAt.get(replica)
    this.ctx.onBusy({ replica, retryAfterMs, latencyMs: sent === undefined ? 0 : performance.now() - sent })
    this.backOff(replica, retryAfterMs)
  }

  /**
   * Busy is an answer, not silence: no re-send to everyone while replicas keep answering; the
   * copy goes to that replica again after its retry-after (with jitter), unless the cluster has
   * been busy for longer than busyWaitMs with no reply at all.
   */
  private backOff (replica: number, retryAfterMs: number): void {
    this.ctx.window.busy(retryAfterMs)
    if (performance.now() + retryAfterMs - this.submittedAt > this.times.busyWaitMs && this.replies.size === 0) {
      this.finish(new ClusterBusyError(Math.round(performance.now() - this.submittedAt), this.busy))
      return
    }
    clearTimeout(this.retry)
    this.retry = setTimeout(() => { this.resend() }, Math.max(this.wait, retryAfterMs + this.times.retryMs))
    if (this.busyTimers.has(replica)) return
    const jittered = retryAfterMs * (1 + Math.random() * 0.25)
    this.busyTimers.set(replica, setTimeout(() => { this.busyTimers.delete(replica); this.sendTo(replica) }, jittered))
  }

  private sendTo (r: number): void {
    this.sentAt.set(r, performance.now())
    if (r === this.ctx.primary()) { this.sentToPrimaryAt = this.ctx.policy.nextSendOrder(); this.heldAt = this.sentToPrimaryAt }
    this.ctx.introduced.add(r)
    this.ctx.transport.send(r, this.bytes)
  }

  private sendToAll (): void {
    this.ctx.stats.resentToAll++
    for (let r = 0; r < this.ctx.n; r++) this.sendTo(r)
  }

  /** The re-send timer: copies to every replica when the policy says they can help, with backoff. */
  private resend (): void {
    if (!this.ctx.policy.copyToAllUseful(performance.now(), this.wait, this.heldAt)) {
      this.ctx.stats.resendsDeferred++
      this.retry = setTimeout(() => { this.resend() }, this.wait)
      return
    }
    this.sendToAll()
    this.wait = Math.min(this.wait * 2, Math.max(this.times.retryMs, RETRY_BACKOFF_MAX_MS))
    this.retry = setTimeout(() => { this.resend() }, this.wait)
  }

  private onTimeout (): void {
    const best = this.replies.largestMatching()
    const busy = this.busy > 0 || (!this.ticket.started && this.ctx.stats.busy > 0)
    const { timeoutMs } = this.times
    this.finish(best > 0 ? new InsufficientRepliesError(this.ctx.f + 1, best) : busy ? new ClusterBusyError(timeoutMs, this.busy) : new TxTimeoutError(timeoutMs, this.replies.size))
  }

  /**
   * Still waiting behind the send window after busyWaitMs while the cluster keeps saying busy:
   * tell the caller now rather than at the timeout.
   */
  private checkQueued (): void {
    if (this.ticket.started) return
    if (this.ctx.window.busySinceMs(this.times.busyWaitMs)) this.finish(new ClusterBusyError(this.times.busyWaitMs, this.busy))
    else this.queued = setTimeout(() => { this.checkQueued() }, this.times.busyWaitMs) // only this client's own window: keep waiting
  }

  private finish (err?: Error, proof?: CommitProof): void {
    if (this.finished) return // a settled transaction leaves the window once
    this.finished = true
    clearTimeout(this.retry)
    clearTimeout(this.timeout)
    clearTimeout(this.queued)
    for (const t of this.busyTimers.values()) clearTimeout(t)
    this.signal?.removeEventListener('abort', this.onAbort)
    this.ctx.forget(this.key)
    this.ctx.window.leave(this.ticket)
    if (proof === undefined) { this.settle.reject(err); return }
    this.ctx.policy.committed(performance.now(), this.sentToPrimaryAt)
    this.ctx.window.committed()
    if (this.busy === 0 && this.wait === this.times.rtoMs) this.ctx.policy.sampleLatency(performance.now() - this.startedAt)
    this.settle.resolve(proof)
  }
}
