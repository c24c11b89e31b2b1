// One real replica in this process (replica `id`, default 0, of a fresh 4-replica cluster; the others are not
// started): its HTTP API, metrics and libp2p host are real, it just cannot commit anything.
import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import type { ClusterDir } from '../../src/cluster/cluster-dir.js'
import { initCluster } from '../../src/cli/init.js'
import { freeBasePort } from '../../src/cli/ports.js'
import type { Genesis } from '../../src/ledger/genesis.js'
import { startReplica, type ReplicaNode } from '../../src/node/replica-node.js'

export interface LoneReplica { c: ClusterDir, genesis: Genesis, node: ReplicaNode, url: string, close: () => Promise<void> }

export async function startLoneReplica (id = 0): Promise<LoneReplica> {
  const root = mkdtempSync(join(tmpdir(), 'pbft-lone-'))
  const { c, genesis } = await initCluster({ dir: join(root, 'cluster'), replicas: 4, basePort: await freeBasePort(4), accounts: 2, host: '127.0.0.1', balance: 100n })
  const node = await startReplica({ genesisPath: c.genesis, keyPath: c.replicaKey(id), dataDir: c.data(id), id, logLevel: 'silent' })
  return {
    c, genesis, node, url: `http://127.0.0.1:${node.apiPort}`,
    close: async () => { await node.stop(); rmSync(root, { recursive: true, force: true }) }
  }
}
