// Per-peer limits of the network layer.
/** Outbound queue per peer while the stream is slow or the peer is down (oldest dropped). */
export const PEER_QUEUE_FRAMES_MAX = 8192
export const PEER_QUEUE_BYTES_MAX = 64 * 1024 * 1024
/** Inbound token buckets per peer. */
export const PEER_FRAMES_PER_SEC = 50_000
export const PEER_BYTES_PER_SEC = 128 * 1024 * 1024
/** Client connections: frames per second per client and concurrent client streams. */
export const CLIENT_FRAMES_PER_SEC = 20_000
export const CLIENT_STREAMS_MAX = 1024
/** Bytes queued for one client stream (either side) before frames are dropped. */
export const CLIENT_QUEUE_BYTES_MAX = 8 * 1024 * 1024
/** Redial interval for replicas that are not connected. */
export const REDIAL_MS = 300

/** A token bucket: `take(n)` is false when the rate is exceeded. */
export class TokenBucket {
  private tokens: number
  private last = Date.now()
  constructor (private readonly ratePerSec: number, private readonly burst = ratePerSec) { this.tokens = burst }
  take (n = 1): boolean {
    const now = Date.now()
    this.tokens = Math.min(this.burst, this.tokens + (now - this.last) * this.ratePerSec / 1000)
    this.last = now
    if (this.tokens < n) return false
    this.tokens -= n
    return true
  }
}
