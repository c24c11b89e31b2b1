// The replica-to-replica protocol. Each replica keeps one outbound stream to every other
// replica (frames queued per peer, coalesced per event-loop turn into one send, bounded while
// the peer is slow or down) and reads the inbound streams that peers open to it. A frame is
// attributed to the replica whose peer id authenticated the connection (Noise), never to a
// field of its content; streams from peers that are not replicas are refused and counted.
import type { Libp2p, Stream } from '@libp2p/interface'
import { multiaddr } from '@multiformats/multiaddr'
import { limits } from '../codec/index.js'
import { encodeFrames, readFrames, sendWithBackpressure } from './frames.js'
import { DropLog, type NetLogger } from './log.js'
import { PEER_BYTES_PER_SEC, PEER_FRAMES_PER_SEC, PEER_QUEUE_BYTES_MAX, PEER_QUEUE_FRAMES_MAX, REDIAL_MS, TokenBucket } from './limits.js'

export const REPLICA_PROTOCOL = '/pbft-ledger/replica/1.0.0'

export interface PeerInfo { id: number, peerId: string, addrs: string[] }

export interface NetStats {
  framesIn: number, framesOut: number, bytesIn: number, bytesOut: number, sends: number
  dropped: Record<string, number>
}

interface Peer {
  info: PeerInfo
  stream?: Stream
  dialing: boolean
  /** Its stream closed and has not reopened (reported through onPeer). */
  lost: boolean
  queue: Uint8Array[]
  queueBytes: number
  flushing: boolean
  inFrames: TokenBucket
  inBytes: TokenBucket
}

export class ReplicaNetwork {
  private readonly peers = new Map<number, Peer>()
  private readonly byPeerId = new Map<string, number>()
  private handler: (from: number, bytes: Uint8Array) => void = () => {}
  private peerHandler: (replica: number, up: boolean) => void = () => {}
  private timer: NodeJS.Timeout | undefined
  private stopped = false
  private readonly drops: DropLog
  readonly stats: NetStats

  /** `log`: a logger scoped to this network (the node passes a pino child logger). */
  constructor (private readonly host: Libp2p, readonly self: number, peers: PeerInfo[], private readonly log: NetLogger, private readonly maxFrameBytes = limits.FRAME_BYTES_MAX) {
    this.drops = new DropLog(log, 'replica frame or stream')
    this.stats = { framesIn: 0, framesOut: 0, bytesIn: 0, bytesOut: 0, sends: 0, dropped: this.drops.counts }
    for (const p of peers) {
      this.byPeerId.set(p.peerId, p.id)
      if (p.id === self) continue
      this.peers.set(p.id, { info: p, dialing: false, lost: false, queue: [], queueBytes: 0, flushing: false, inFrames: new TokenBucket(PEER_FRAMES_PER_SEC), inBytes: new TokenBucket(PEER_BYTES_PER_SEC) })
    }
  }

  onFrame (handler: (from: number, bytes: Uint8Array) => void): void { this.handler = handler }

  /**
   * Called when the stream to a replica that was open closes (`up: false`: its process died or
   * restarted; the stream is redialled at once) and when one opens again after that.
   */
  onPeer (handler: (replica: number, up: boolean) => void): void { this.peerHandler = handler }

  private countDrop (reason: string, fields?: Record<string, unknown>): void { this.drops.drop(reason, fields) }

  async start (): Promise<void> {
    await this.host.handle(REPLICA_PROTOCOL, (stream, connection) => { this.inbound(stream, connection.remotePeer.toString()) },
      { maxInboundStreams: 8, maxOutboundStreams: 8 })
    this.timer = setInterval(() => { for (const p of this.peers.values()) this.ensureStream(p) }, REDIAL_MS)
    for (const p of this.peers.values()) this.ensureStream(p)
  }

  private inbound (stream: Stream, remote: string): void {
    const from = this.byPeerId.get(remote)
    if (from === undefined || from === this.self) {
      this.countDrop('not-a-replica', { peer: remote })
      stream.abort(new Error('not a replica of this cluster'))
      return
    }
    const peer = this.peers.get(from) as Peer
    readFrames(stream, this.maxFrameBytes, bytes => {
      if (!peer.inFrames.take() || !peer.inBytes.take(bytes.byteLength)) return this.countDrop('rate-limited', { replica: from })
      this.stats.framesIn++
      this.stats.bytesIn += bytes.byteLength
      this.handler(from, bytes)
    }).catch((err: Error) => { this.countDrop(err.name === 'FrameTooLargeError' ? 'oversized' : 'stream-error', { replica: from, err: err.message }) })
  }

  private ensureStream (p: Peer): void {
    if (this.stopped || p.dialing || (p.stream !== undefined && p.stream.status === 'open')) return
    p.stream = undefined
    p.dialing = true
    const addr = p.info.addrs[0] as string
    this.host.dialProtocol(multiaddr(`${addr}/p2p/${p.info.peerId}`), REPLICA_PROTOCOL, { signal: AbortSignal.timeout(2000) })
      .then(stream => {
        if (this.stopped) { stream.abort(new Error('stopped')); return }
        p.stream = stream
        if (p.lost) { p.lost = false; this.peerHandler(p.info.id, true) }
        stream.addEventListener('close', () => {
          if (p.stream !== stream) return
          p.stream = undefined
          if (this.stopped) return
          p.lost = true
          this.peerHandler(p.info.id, false)
          setImmediate(() => { this.ensureStream(p) })
        })
        this.flush(p)
      })
      .catch((err: Error) => { this.log.debug({ replica: p.info.id, err: err.message }, 'dial failed; the redial loop tries again') })
      .finally(() => { p.dialing = false })
  }

  send (to: number, bytes: Uint8Array): void {
    const p = this.peers.get(to)
    if (p === undefined) return this.countDrop('unknown-peer', { replica: to })
    p.queue.push(bytes)
    p.queueBytes += bytes.byteLength
    while (p.queue.length > PEER_QUEUE_FRAMES_MAX || p.queueBytes > PEER_QUEUE_BYTES_MAX) {
      p.queueBytes -= (p.queue.shift() as Uint8Array).byteLength
      this.countDrop('queue-full', { replica: p.info.id })
    }
    if (!p.flushing) {
      p.flushing = true
      setImmediate(() => { p.flushing = false; this.flush(p) })
    }
  }

  broadcast (bytes: Uint8Array): void {
    for (const id of this.peers.keys()) this.send(id, bytes)
  }

  private flush (p: Peer): void {
    const stream = p.stream
    if (stream === undefined || stream.status !== 'open' || p.queue.length === 0 || p.flushing) return
    p.flushing = true
    const frames = p.queue
    p.queue = []
    p.queueBytes = 0
    const buf = encodeFrames(frames)
    this.stats.framesOut += frames.length
    this.stats.bytesOut += buf.byteLength
    this.stats.sends++
    sendWithBackpressure(stream, buf)
      .catch((err: Error) => { this.countDrop('send-failed', { replica: p.info.id, err: err.message }) })
      .finally(() => { p.flushing = false; if (p.queue.length > 0) this.flush(p) })
  }

  connected (): number[] {
    return [...this.peers.values()].filter(p => p.stream?.status === 'open').map(p => p.info.id)
  }

  async stop (): Promise<void> {
    this.stopped = true
    if (this.timer !== undefined) clearInterval(this.timer)
    await this.host.unhandle(REPLICA_PROTOCOL).catch(() => {})
  }
}
