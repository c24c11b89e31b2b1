// A ready Client over libp2p for a cluster described by its genesis.
import { verify } from '../crypto/ed25519.js'
import type { Genesis } from '../ledger/genesis.js'
import { ClientConnection } from '../net/client-net.js'
import { Client } from './client.js'
import type { ClientOptions } from './types.js'

export async function connectClient (g: Genesis, seed: Uint8Array, opts: Pick<ClientOptions, 'timeoutMs' | 'retryMs' | 'onBusy'> = {}): Promise<Client> {
  const transport = await ClientConnection.connect(g.replicas)
  // Streams to every replica are opened here, not by the first transfer: its latency is then
  // one round of the protocol, and every replica can route its reply from the start.
  await transport.warm()
  return new Client({ chainId: g.chainId, replicaKeys: g.replicas.map(r => r.publicKey), seed, transport, verify, ...opts })
}
