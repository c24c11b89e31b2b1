// One libp2p host per process: TCP + Noise + Yamux, identity derived from the 32-byte ed25519
// seed that is also the replica's signing key (../shared/notes/libp2p-on-node20.md §5).
// Inbound connections go through a ConnectionGuard (connection-guard.ts): per-peer and
// per-address limits, slots reserved for the replicas of genesis, idle connections closed.
import '../polyfill.js'
import { noise } from '@chainsafe/libp2p-noise'
import { yamux } from '@chainsafe/libp2p-yamux'
import { generateKeyPairFromSeed } from '@libp2p/crypto/keys'
import type { Libp2p, MultiaddrConnection, PeerId } from '@libp2p/interface'
import { tcp } from '@libp2p/tcp'
import { createLibp2p } from 'libp2p'
import { ConnectionGuard } from './connection-guard.js'
import { ADDRESS_CONNECTS_PER_SEC, type ConnectionLimits } from './limits.js'
import { SILENT_NET_LOGGER, type NetLogger } from './log.js'

export interface HostOptions {
  seed: Uint8Array
  listen: string[]
  /** Peers this host may dial (replicas dial only replicas). Undefined = anyone. */
  dialAllow?: Set<string>
  /**
   * Peer ids of the replicas of genesis: their inbound connections use reserved slots, outside
   * the client and per-address limits, and are never closed as idle. Defaults to `dialAllow`
   * (a replica dials exactly the replicas of genesis).
   */
  reserved?: Set<string>
  /** Overrides of CONNECTION_LIMITS (limits.ts); checked with checkConnectionLimits. */
  connections?: Partial<ConnectionLimits>
  /** Where the connection guard logs refusals (a replica passes a scoped logger); silent if absent. */
  log?: NetLogger
}

/** A host; `host.services.connectionGuard` holds the connection counters (`dropped`, `counts()`). */
export type Host = Libp2p<{ connectionGuard: ConnectionGuard }>

export async function createHost (o: HostOptions): Promise<Host> {
  const privateKey = await generateKeyPairFromSeed('Ed25519', o.seed)
  const allowed = (peer: PeerId): boolean => o.dialAllow === undefined || o.dialAllow.has(peer.toString())
  const reserved = o.reserved ?? o.dialAllow ?? new Set<string>()
  const guard = new ConnectionGuard(reserved, o.connections, Date.now, o.log ?? SILENT_NET_LOGGER)
  const l = guard.limits
  return await createLibp2p({
    privateKey,
    addresses: { listen: o.listen },
    transports: [tcp()],
    connectionEncrypters: [noise()],
    streamMuxers: [yamux()],
    services: { connectionGuard: components => guard.attach(components) },
    connectionGater: {
      denyDialPeer: async (peer: PeerId) => !allowed(peer),
      denyOutboundEncryptedConnection: async (peer: PeerId) => !allowed(peer),
      denyDialMultiaddr: async () => false,
      denyInboundConnection: (maConn: MultiaddrConnection) => guard.denyInboundConnection(maConn),
      denyInboundEncryptedConnection: (peer: PeerId, maConn: MultiaddrConnection) => guard.denyInboundEncryptedConnection(peer, maConn)
    },
    // libp2p's own caps sit above the guard's, so the guard is the one that decides (and counts):
    // every client slot, plus the reserved replicas in both directions; twice the handshakes.
    connectionManager: {
      maxConnections: l.clientConnectionsMax + Math.max(1, reserved.size) * l.peerConnectionsMax * 2,
      maxIncomingPendingConnections: l.handshakesMax * 2,
      inboundConnectionThreshold: ADDRESS_CONNECTS_PER_SEC,
      inboundUpgradeTimeout: l.handshakeTimeoutMs,
      dialTimeout: 2000
    }
  })
}
