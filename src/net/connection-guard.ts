// Who may hold an inbound connection to this host, and for how long. libp2p's connection manager
// caps only the total (maxConnections), so one process holding ~252 idle connections locked every
// client out of a replica (issue 13). The guard sits in libp2p's connection gater:
//
// 1. Raw gate (TCP accepted, remote address known, before Noise): the handshake pool. At most
//    handshakesMax handshakes in progress, addressHandshakesMax per address. An address at its
//    share may replace its own oldest handshake once that is handshakeStaleMs old (so stalled
//    handshakes cannot keep a replica behind the same address out); when the pool is full the
//    address holding the most gives one up (AddressPool.victimFor); otherwise refused.
// 2. Encrypted gate (Noise done, peer id known): replicas of genesis (`reserved`) are admitted on
//    slots on top of the client pool, so strangers can never fill them; a replica at
//    peerConnectionsMax replaces its own oldest connection (which may be dead after a crash). Every other peer joins the client pool: peerConnectionsMax per peer,
//    addressConnectionsMax per address, clientConnectionsMax in all, where again the heaviest
//    address gives up a connection (idle ones first) to a newcomer from a lighter address.
// 3. A client connection that has had no open stream on a protocol this host serves, at any check
//    for idleCloseMs, is closed. Replica connections are never closed as idle.
//
// Every refusal and closure is counted in `dropped` by reason. Outbound connections (we dial
// only replicas) are not gated here. The guard is registered as a libp2p service so it starts and
// stops with the host: `host.services.connectionGuard`.
import type { Connection, Libp2pEvents, MultiaddrConnection, PeerId, Startable } from '@libp2p/interface'
import { CODE_P2P } from '@multiformats/multiaddr'
import { AddressPool, addressKey, type PoolMember } from './address-pool.js'
import { CONNECTION_LIMITS, checkConnectionLimits, type ConnectionLimits } from './limits.js'
import { DropLog, SILENT_NET_LOGGER, type NetLogger } from './log.js'

/** Why a connection was refused or closed: the keys of `ConnectionGuard.dropped`. */
export type GuardReason =
  | 'handshakes-full' | 'address-handshakes' | 'handshake-replaced' | 'handshake-evicted'
  | 'peer-connections' | 'replica-replaced' | 'address-connections' | 'clients-full' | 'evicted' | 'idle'

/** What the guard needs of libp2p's components (a subset of libp2p's Components). */
export interface GuardComponents {
  events: { addEventListener: (type: 'connection:open', listener: (evt: Libp2pEvents['connection:open']) => void) => void }
  registrar: { getProtocols: () => string[] }
}

export interface GuardCounts { handshakes: number, clients: number, replicas: number, clientAddresses: number }

interface Entry extends PoolMember {
  readonly maConn: MultiaddrConnection
  /** Set when admitted by the encrypted gate. */
  peer?: string
  reserved: boolean
  /** Set on libp2p's connection:open. */
  conn?: Connection
  /** Start of the current stretch without a live stream (undefined while live). */
  idleSinceMs?: number
}

const byAge = (a: Entry, b: Entry): number => a.sinceMs - b.sinceMs

export class ConnectionGuard implements Startable {
  readonly limits: Readonly<ConnectionLimits>
  /** Connections refused or closed, by reason (GuardReason). */
  readonly dropped: Readonly<Record<string, number>>
  private readonly drops: DropLog
  private readonly handshakes: AddressPool<Entry>
  private readonly clients: AddressPool<Entry>
  private readonly entries = new Map<MultiaddrConnection, Entry>()
  /** By remote address (ip/tcp/port), to find the entry of a Connection on connection:open. */
  private readonly byRemoteAddr = new Map<string, Entry>()
  /** Admitted inbound connections of each peer (replicas and clients). */
  private readonly perPeer = new Map<string, Set<Entry>>()
  private replicaConnections = 0
  private components: GuardComponents | undefined
  private timer: NodeJS.Timeout | undefined

  constructor (private readonly reserved: ReadonlySet<string>, limits: Partial<ConnectionLimits> = {}, private readonly now: () => number = Date.now, log: NetLogger = SILENT_NET_LOGGER) {
    this.drops = new DropLog(log, 'inbound connection')
    this.dropped = this.drops.counts
    this.limits = Object.freeze({ ...CONNECTION_LIMITS, ...limits })
    checkConnectionLimits(this.limits)
    this.handshakes = new AddressPool(this.limits.handshakesMax, this.limits.addressHandshakesMax)
    this.clients = new AddressPool(this.limits.clientConnectionsMax, this.limits.addressConnectionsMax)
  }

  readonly [Symbol.toStringTag] = 'pbft-ledger/connection-guard'

  /** The libp2p service factory body: `services: { connectionGuard: c => guard.attach(c) }`. */
  attach (components: GuardComponents): this {
    this.components = components
    components.events.addEventListener('connection:open', evt => { this.onOpen(evt.detail) })
    return this
  }

  start (): void {
    this.timer = setInterval(() => { this.closeIdle() }, this.limits.idleCheckMs)
    this.timer.unref()
  }

  stop (): void {
    if (this.timer !== undefined) clearInterval(this.timer)
    this.timer = undefined
  }

  counts (): GuardCounts {
    return { handshakes: this.handshakes.size, clients: this.clients.size, replicas: this.replicaConnections, clientAddresses: this.clients.addresses }
  }

  /** Connection gater, raw gate: true = refuse. */
  denyInboundConnection (maConn: MultiaddrConnection): boolean {
    const address = addressKey(maConn.remoteAddr)
    if (address === undefined) return false // not an IP transport: nothing here listens on one
    if (maConn.status !== 'open') return true
    const now = this.now()
    const hs = this.handshakes
    if (hs.held(address) >= hs.perAddressMax) {
      const oldest = hs.first(address, byAge)
      if (oldest === undefined || now - oldest.sinceMs < this.limits.handshakeStaleMs) return this.refuse('address-handshakes')
      this.close(oldest, 'handshake-replaced')
    } else if (hs.size >= hs.max) {
      const victim = hs.victimFor(address, byAge)
      if (victim === undefined) return this.refuse('handshakes-full')
      this.close(victim, 'handshake-evicted')
    }
    const e: Entry = { address, sinceMs: now, maConn, reserved: false }
    this.entries.set(maConn, e)
    this.byRemoteAddr.set(maConn.remoteAddr.toString(), e)
    hs.add(e)
    maConn.addEventListener('close', () => { this.forget(e) }, { once: true })
    return false
  }

  /** Connection gater, encrypted gate (the remote peer id is authenticated): true = refuse. */
  denyInboundEncryptedConnection (peerId: PeerId, maConn: MultiaddrConnection): boolean {
    const e = this.entries.get(maConn)
    if (e === undefined) return addressKey(maConn.remoteAddr) !== undefined // IP but no entry: already pushed out
    this.handshakes.delete(e)
    const peer = peerId.toString()
    const mine = this.perPeer.get(peer) ?? new Set<Entry>()
    if (mine.size >= this.limits.peerConnectionsMax) {
      if (!this.reserved.has(peer)) return this.refuse('peer-connections')
      // a replica reconnecting (say after a crash) wins over its own older connections, which may be dead
      this.close([...mine].sort(byAge)[0] as Entry, 'replica-replaced')
    }
    if (this.reserved.has(peer)) {
      e.reserved = true
      this.replicaConnections++
    } else {
      const c = this.clients
      if (c.held(e.address) >= c.perAddressMax) return this.refuse('address-connections')
      if (c.size >= c.max) {
        const victim = c.victimFor(e.address, this.idleFirst())
        if (victim === undefined) return this.refuse('clients-full')
        this.close(victim, 'evicted')
      }
      c.add(e)
    }
    e.peer = peer
    this.perPeer.set(peer, mine.add(e))
    return false
  }

  private onOpen (conn: Connection): void {
    if (conn.direction !== 'inbound') return
    // libp2p appends /p2p/<peer id> to the Connection's copy of the address
    const e = this.byRemoteAddr.get(conn.remoteAddr.decapsulateCode(CODE_P2P).toString())
    if (e === undefined || e.peer !== conn.remotePeer.toString() || !this.entries.has(e.maConn)) return
    e.conn = conn
    e.idleSinceMs = this.now()
  }

  /** Closes client connections without a live stream for idleCloseMs. */
  private closeIdle (): void {
    const now = this.now()
    const live = this.liveness()
    for (const e of [...this.clients.members()]) {
      if (e.conn === undefined) continue // still upgrading: the handshake timeout applies
      if (live(e)) { e.idleSinceMs = undefined; continue }
      e.idleSinceMs ??= now
      if (now - e.idleSinceMs >= this.limits.idleCloseMs) this.close(e, 'idle')
    }
  }

  /** Live = an open stream, on a protocol this host serves, that the remote has not finished writing to. */
  private liveness (): (e: Entry) => boolean {
    const served = new Set(this.components?.registrar.getProtocols() ?? [])
    return e => e.conn?.streams.some(s => s.status === 'open' && !s.readableEnded && served.has(s.protocol)) ?? false
  }

  /** Eviction order within an address: idle connections first, then the oldest. */
  private idleFirst (): (a: Entry, b: Entry) => number {
    const live = this.liveness()
    return (a, b) => Number(live(a)) - Number(live(b)) || byAge(a, b)
  }

  private count (reason: GuardReason): void { this.drops.drop(reason) }

  private refuse (reason: GuardReason): true { this.count(reason); return true }

  private close (e: Entry, reason: GuardReason): void {
    this.count(reason)
    this.forget(e)
    const err = new Error(`connection closed by the connection guard: ${reason}`)
    if (e.conn !== undefined) e.conn.abort(err)
    else e.maConn.abort(err)
  }

  /** Frees every slot the entry holds (idempotent; runs on close and before a forced close). */
  private forget (e: Entry): void {
    if (!this.entries.delete(e.maConn)) return
    const key = e.maConn.remoteAddr.toString()
    if (this.byRemoteAddr.get(key) === e) this.byRemoteAddr.delete(key)
    this.handshakes.delete(e)
    this.clients.delete(e)
    if (e.reserved) this.replicaConnections--
    const mine = e.peer === undefined ? undefined : this.perPeer.get(e.peer)
    if (mine?.delete(e) === true && mine.size === 0) this.perPeer.delete(e.peer as string)
  }
}
