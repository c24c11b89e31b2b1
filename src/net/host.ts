// One libp2p host per process: TCP + Noise + Yamux, identity derived from the 32-byte ed25519
// seed that is also the replica's signing key (../shared/notes/libp2p-on-node20.md §5).
import '../polyfill.js'
import { noise } from '@chainsafe/libp2p-noise'
import { yamux } from '@chainsafe/libp2p-yamux'
import { generateKeyPairFromSeed } from '@libp2p/crypto/keys'
import type { Libp2p, PeerId } from '@libp2p/interface'
import { tcp } from '@libp2p/tcp'
import { createLibp2p } from 'libp2p'

export interface HostOptions {
  seed: Uint8Array
  listen: string[]
  /** Peers this host may dial (replicas dial only replicas). Undefined = anyone. */
  dialAllow?: Set<string>
  maxConnections?: number
}

export async function createHost (o: HostOptions): Promise<Libp2p> {
  const privateKey = await generateKeyPairFromSeed('Ed25519', o.seed)
  const allowed = (peer: PeerId): boolean => o.dialAllow === undefined || o.dialAllow.has(peer.toString())
  return await createLibp2p({
    privateKey,
    addresses: { listen: o.listen },
    transports: [tcp()],
    connectionEncrypters: [noise()],
    streamMuxers: [yamux()],
    connectionGater: {
      denyDialPeer: async (peer: PeerId) => !allowed(peer),
      denyOutboundEncryptedConnection: async (peer: PeerId) => !allowed(peer),
      denyDialMultiaddr: async () => false
    },
    connectionManager: {
      maxConnections: o.maxConnections ?? 256,
      inboundConnectionThreshold: 1000,
      maxIncomingPendingConnections: 64,
      dialTimeout: 2000
    }
  })
}
