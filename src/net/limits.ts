// Per-peer limits of the network layer.
/** Outbound queue per peer while the stream is slow or the peer is down (oldest dropped). */
export const PEER_QUEUE_FRAMES_MAX = 8192
export const PEER_QUEUE_BYTES_MAX = 64 * 1024 * 1024
/** Inbound token buckets per peer. */
export const PEER_FRAMES_PER_SEC = 50_000
export const PEER_BYTES_PER_SEC = 128 * 1024 * 1024
/** Client connections: frames per second per client and concurrent client streams. */
export const CLIENT_FRAMES_PER_SEC = 5000
/** Frames a client stream may send at once above its rate (the SDK's send window is 256). */
export const CLIENT_FRAMES_BURST = 1000
export const CLIENT_STREAMS_MAX = 1024
/** Bytes queued for one client stream (either side) before frames are dropped. */
export const CLIENT_QUEUE_BYTES_MAX = 8 * 1024 * 1024
/** Redial interval for replicas that are not connected. */
export const REDIAL_MS = 300
/** Client-protocol streams one connection may hold open (a client needs one; reopening overlaps). */
export const CLIENT_STREAMS_PER_CONNECTION = 4

// Inbound connections (connection-guard.ts). "Address" is the remote IPv4 address, or the /64
// prefix of an IPv6 address (one host owns a whole /64). Replicas of genesis do not count
// against the client or address limits: their slots are reserved on top of them.
/** Inbound connections from peers that are not replicas, after the Noise handshake. */
export const CLIENT_CONNECTIONS_MAX = 256
/** Of those, the share of one address. */
export const ADDRESS_CONNECTIONS_MAX = 64
/** Inbound connections of one peer id (replica or not): a client needs 1, a replica pair 1–2. */
export const PEER_CONNECTIONS_MAX = 4
/** Inbound handshakes in progress (TCP accepted, Noise not finished), and one address's share. */
export const HANDSHAKES_MAX = 128
export const ADDRESS_HANDSHAKES_MAX = 32
/** A handshake not finished by then is aborted (libp2p's inboundUpgradeTimeout). */
export const HANDSHAKE_TIMEOUT_MS = 5000
/** An address at its handshake share may replace its oldest handshake once that is this old. */
export const HANDSHAKE_STALE_MS = 1000
/** A client connection without a live stream (connection-guard.ts) for this long is closed. */
export const IDLE_CLOSE_MS = 10_000
/** How often idle connections are looked for. */
export const IDLE_CHECK_MS = 1000
/** New inbound connections per second from one IP address (libp2p's inboundConnectionThreshold). */
export const ADDRESS_CONNECTS_PER_SEC = 1000

/** The connection limits as one object, so a host (or a test) can override some of them. */
export interface ConnectionLimits {
  clientConnectionsMax: number
  addressConnectionsMax: number
  peerConnectionsMax: number
  handshakesMax: number
  addressHandshakesMax: number
  handshakeTimeoutMs: number
  handshakeStaleMs: number
  idleCloseMs: number
  idleCheckMs: number
}

export const CONNECTION_LIMITS: Readonly<ConnectionLimits> = Object.freeze({
  clientConnectionsMax: CLIENT_CONNECTIONS_MAX,
  addressConnectionsMax: ADDRESS_CONNECTIONS_MAX,
  peerConnectionsMax: PEER_CONNECTIONS_MAX,
  handshakesMax: HANDSHAKES_MAX,
  addressHandshakesMax: ADDRESS_HANDSHAKES_MAX,
  handshakeTimeoutMs: HANDSHAKE_TIMEOUT_MS,
  handshakeStaleMs: HANDSHAKE_STALE_MS,
  idleCloseMs: IDLE_CLOSE_MS,
  idleCheckMs: IDLE_CHECK_MS
})

/** Throws if the connection limits contradict each other. Run at load on the defaults, and on every override. */
export function checkConnectionLimits (l: ConnectionLimits): void {
  const rules: Array<[boolean, string]> = [
    [Object.values(l).every(v => Number.isInteger(v) && v > 0), 'every connection limit is a positive integer'],
    [l.peerConnectionsMax <= l.addressConnectionsMax, 'one peer must fit within its address\'s share'],
    [l.addressConnectionsMax * 2 <= l.clientConnectionsMax, 'one address may hold at most half of the client connections'],
    [l.addressHandshakesMax * 2 <= l.handshakesMax, 'one address may hold at most half of the handshakes'],
    [l.handshakeStaleMs < l.handshakeTimeoutMs, 'a handshake must be replaceable before it times out'],
    [l.idleCheckMs < l.idleCloseMs, 'idle connections must be checked more often than they may idle']
  ]
  for (const [ok, why] of rules) {
    if (!ok) throw new Error(`connection limits are inconsistent: ${why}`)
  }
}

checkConnectionLimits(CONNECTION_LIMITS)
if (CLIENT_CONNECTIONS_MAX * CLIENT_STREAMS_PER_CONNECTION > CLIENT_STREAMS_MAX) {
  throw new Error('net limits are inconsistent: CLIENT_STREAMS_MAX must hold CLIENT_STREAMS_PER_CONNECTION streams for every client connection')
}

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
