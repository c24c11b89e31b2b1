// The client protocol: clients open one stream per replica; requests go in, replies and
// errors come back on the same stream. Any peer may use it (clients are identified by the
// keys that sign their transactions), within per-stream rate limits.
import type { Libp2p, Stream } from '@libp2p/interface'
import { multiaddr } from '@multiformats/multiaddr'
import { randomBytes } from 'node:crypto'
import { limits } from '../codec/index.js'
import { CoalescingSender } from './coalesce.js'
import { readFrames } from './frames.js'
import { createHost } from './host.js'
import { DropLog, type NetLogger } from './log.js'
import { CLIENT_FRAMES_BURST, CLIENT_FRAMES_PER_SEC, CLIENT_QUEUE_BYTES_MAX, CLIENT_STREAMS_MAX, CLIENT_STREAMS_PER_CONNECTION, TokenBucket } from './limits.js'
import type { PeerInfo } from './replica-net.js'

export const CLIENT_PROTOCOL = '/pbft-ledger/client/1.0.0'

/** Server side, on a replica's host. `reply` sends a frame back on the request's stream. */
export class ClientServer {
  private streams = 0
  private readonly drops: DropLog
  /** Streams and frames dropped, by reason. */
  readonly dropped: Readonly<Record<string, number>>

  /** `log`: a logger scoped to the client protocol (the node passes a pino child logger). */
  constructor (private readonly host: Libp2p, log: NetLogger) {
    this.drops = new DropLog(log, 'client stream or frame')
    this.dropped = this.drops.counts
  }

  private drop (reason: string, fields?: Record<string, unknown>): void { this.drops.drop(reason, fields) }

  async start (onRequest: (bytes: Uint8Array, reply: (bytes: Uint8Array) => void) => void): Promise<void> {
    await this.host.handle(CLIENT_PROTOCOL, (stream, connection) => {
      if (this.streams >= CLIENT_STREAMS_MAX) { this.drop('too-many-clients', { peer: connection.remotePeer.toString() }); stream.abort(new Error('too many clients')); return }
      this.streams++
      const bucket = new TokenBucket(CLIENT_FRAMES_PER_SEC, CLIENT_FRAMES_BURST)
      const out = new CoalescingSender(stream, CLIENT_QUEUE_BYTES_MAX, () => { this.drop('reply-failed') })
      const reply = (bytes: Uint8Array): void => {
        if (stream.status === 'open' && !out.send(bytes)) this.drop('reply-queue-full')
      }
      readFrames(stream, limits.CLIENT_FRAME_BYTES_MAX, bytes => {
        if (!bucket.take()) return this.drop('rate-limited')
        onRequest(bytes, reply)
      }).catch((err: Error) => { this.drop(err.name === 'FrameTooLargeError' ? 'oversized' : 'stream-error', { err: err.message }) })
        .finally(() => { this.streams-- })
    }, { maxInboundStreams: CLIENT_STREAMS_PER_CONNECTION, maxOutboundStreams: 1 })
  }

  async stop (): Promise<void> { await this.host.unhandle(CLIENT_PROTOCOL).catch(() => {}) }
}

/** Client side: one stream per replica, reopened on demand. */
export class ClientConnection {
  private readonly streams = new Map<number, { stream: Stream, out: CoalescingSender }>()
  private readonly opening = new Map<number, Promise<CoalescingSender | undefined>>()
  private handler: (replica: number, bytes: Uint8Array) => void = () => {}
  private closedHandler: (replica: number) => void = () => {}
  private closed = false

  private constructor (private readonly host: Libp2p, private readonly replicas: PeerInfo[]) {}

  static async connect (replicas: PeerInfo[], seed?: Uint8Array): Promise<ClientConnection> {
    const host = await createHost({ seed: seed ?? new Uint8Array(randomBytes(32)), listen: [], dialAllow: new Set(replicas.map(r => r.peerId)) })
    await host.start()
    return new ClientConnection(host, replicas)
  }

  onFrame (handler: (replica: number, bytes: Uint8Array) => void): void { this.handler = handler }
  onStreamClosed (handler: (replica: number) => void): void { this.closedHandler = handler }

  private async stream (id: number): Promise<CoalescingSender | undefined> {
    const s = this.streams.get(id)
    if (s !== undefined && s.stream.status === 'open') return s.out
    const pending = this.opening.get(id)
    if (pending !== undefined) return await pending
    const info = this.replicas[id]
    if (info === undefined || this.closed) return undefined
    const p = this.host.dialProtocol(multiaddr(`${info.addrs[0] as string}/p2p/${info.peerId}`), CLIENT_PROTOCOL, { signal: AbortSignal.timeout(2000) })
      .then(stream => {
        const out = new CoalescingSender(stream, CLIENT_QUEUE_BYTES_MAX)
        this.streams.set(id, { stream, out })
        readFrames(stream, limits.CLIENT_FRAME_BYTES_MAX, bytes => { this.handler(id, bytes) }).catch(() => {})
          .finally(() => { if (this.streams.get(id)?.stream === stream) this.streams.delete(id); this.closedHandler(id) })
        return out
      })
      .catch(() => undefined)
      .finally(() => { this.opening.delete(id) })
    this.opening.set(id, p)
    return await p
  }

  /** Opens the stream to every replica now (failures are left to the first send's retry). */
  async warm (): Promise<number> {
    const opened = await Promise.all(this.replicas.map(async (_, id) => await this.stream(id)))
    return opened.filter(o => o !== undefined).length
  }

  /** Queues a frame for a replica (dropped if the stream cannot open or its queue is full; the SDK retries). */
  send (replica: number, bytes: Uint8Array): void {
    const ready = this.streams.get(replica)
    if (ready !== undefined && ready.stream.status === 'open') { ready.out.send(bytes); return }
    void this.stream(replica).then(out => { out?.send(bytes) })
  }

  async close (): Promise<void> {
    this.closed = true
    await this.host.stop()
  }
}
