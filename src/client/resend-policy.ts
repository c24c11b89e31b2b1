// When a late transaction is copied to every replica, and how long the client waits before it
// tries: the re-send rule described at the top of client.ts, over all of one client's
// transactions, and the re-send timeout from the observed commit latency (RFC 6298's
// SRTT + 4 RTTVAR, sampled by Karn's rule: only transactions that needed no re-send).

/** Longest wait between two re-sends of one transaction. */
export const RETRY_BACKOFF_MAX_MS = 8000

/**
 * The re-send rule (see the top of client.ts): a late transaction goes to every replica when
 * nothing of this client committed for `waitMs` (silence: a dead, silent or censoring primary),
 * or when the primary took it (`heldAt`, the order of that copy) and a copy sent to the primary
 * later committed first (`committedSendOrder`): it was lost or skipped. Otherwise it is queued.
 */
export function copyToAllUseful (o: { nowMs: number, lastCommitMs: number, waitMs: number, heldAt: number | undefined, committedSendOrder: number }): boolean {
  if (o.nowMs - o.lastCommitMs >= o.waitMs) return true
  return o.heldAt !== undefined && o.committedSendOrder > o.heldAt
}

/** What the re-send rule and timeout read across all of one client's transactions. */
export class ResendPolicy {
  /** Copies sent to the primary so far (orders them), and the latest such copy whose transaction committed. */
  private sendOrder = 0
  private committedSendOrder = 0
  /** When a transaction of this client last committed (performance.now()). */
  private lastCommitMs = -Infinity
  /** Smoothed commit latency and its variation (RFC 6298), for the re-send timeout. */
  private srttMs: number | undefined
  private rttvarMs = 0

  /** The order of a copy being sent to the primary now. */
  nextSendOrder (): number { return ++this.sendOrder }

  /** copyToAllUseful for a transaction whose copy to the primary has order `heldAt`. */
  copyToAllUseful (nowMs: number, waitMs: number, heldAt: number | undefined): boolean {
    return copyToAllUseful({ nowMs, lastCommitMs: this.lastCommitMs, waitMs, heldAt, committedSendOrder: this.committedSendOrder })
  }

  /** A transaction committed now; its latest copy to the primary had order `sentToPrimaryAt`. */
  committed (nowMs: number, sentToPrimaryAt: number): void {
    this.lastCommitMs = nowMs
    this.committedSendOrder = Math.max(this.committedSendOrder, sentToPrimaryAt)
  }

  /** The re-send timeout: at least `floorMs`, at most RETRY_BACKOFF_MAX_MS. */
  retransmitTimeoutMs (floorMs: number): number {
    if (this.srttMs === undefined) return floorMs
    return Math.min(Math.max(floorMs, RETRY_BACKOFF_MAX_MS), Math.max(floorMs, Math.round(this.srttMs + 4 * this.rttvarMs)))
  }

  /** A commit latency of a transaction that needed no re-send (Karn's rule). */
  sampleLatency (ms: number): void {
    if (this.srttMs === undefined) {
      this.srttMs = ms
      this.rttvarMs = ms / 2
    } else {
      this.rttvarMs = 0.75 * this.rttvarMs + 0.25 * Math.abs(this.srttMs - ms)
      this.srttMs = 0.875 * this.srttMs + 0.125 * ms
    }
  }
}
