import type { Command } from 'commander'
import { startReplica } from '../../node/replica-node.js'
import { corkWritesPerTurn } from '../../net/cork.js'
import { requireCluster } from '../../cluster/cluster-dir.js'
import { loadKeyFile } from '../../crypto/keyfile.js'
import { toHex } from '../../crypto/hash.js'
import { loadGenesis } from '../../ledger/genesis.js'
import { CliError, parseIntOption } from '../common.js'

interface ReplicaOptions { dir?: string, id?: number, genesis?: string, key?: string, logLevel: string, data?: string, listen?: string, apiPort?: number }

/**
 * Where this replica's genesis, key and data are: a cluster directory from `pbft init` (--dir,
 * --id), or one operator's own files (--genesis, --key, --data): the id is the position of the
 * key's public key in genesis, so a host needs nothing but its own key.
 */
export function replicaFiles (o: ReplicaOptions): { genesisPath: string, keyPath: string, dataDir: string, id: number } {
  if (o.genesis !== undefined || o.key !== undefined) {
    if (o.dir !== undefined || o.id !== undefined) throw new CliError('use either --dir and --id (a local cluster) or --genesis, --key and --data (one host), not both')
    if (o.genesis === undefined || o.key === undefined || o.data === undefined) throw new CliError('--genesis, --key and --data go together')
    const g = loadGenesis(o.genesis)
    const pub = toHex(loadKeyFile(o.key).publicKey)
    const me = g.replicas.find(r => toHex(r.publicKey) === pub)
    if (me === undefined) throw new CliError(`${o.key} (public key ${pub}) is not a replica of ${o.genesis}`)
    return { genesisPath: o.genesis, keyPath: o.key, dataDir: o.data, id: me.id }
  }
  if (o.dir === undefined || o.id === undefined) throw new CliError('give --dir and --id (a local cluster from pbft init) or --genesis, --key and --data (one host)')
  const c = requireCluster(o.dir)
  return { genesisPath: c.genesis, keyPath: c.replicaKey(o.id), dataDir: o.data ?? c.data(o.id), id: o.id }
}

export function register (program: Command): void {
  program.command('replica')
    .description('run one replica in the foreground (Ctrl-C stops it cleanly)')
    .option('--dir <dir>', 'cluster directory (from pbft init), with --id')
    .option('--id <i>', 'replica id', parseIntOption('--id', 0, 63))
    .option('--genesis <file>', 'genesis.json (from pbft genesis new), with --key and --data: one host, its own key only')
    .option('--key <file>', 'this replica\'s key file (pbft keygen); its public key picks the id')
    .option('--log-level <level>', 'fatal, error, warn, info, debug or trace', 'info')
    .option('--data <dir>', 'data directory (default DIR/data/replica-I with --dir)')
    .option('--listen <multiaddr>', 'libp2p listen address instead of the one in genesis (e.g. /ip4/0.0.0.0/tcp/7100)')
    .option('--api-port <port>', 'HTTP API port instead of the one in genesis (0 = any)', parseIntOption('--api-port', 0, 65535))
    .action(async (o: ReplicaOptions) => {
      const files = replicaFiles(o)
      corkWritesPerTurn()
      const node = await startReplica({ ...files, logLevel: o.logLevel, listen: o.listen !== undefined ? [o.listen] : undefined, apiPort: o.apiPort })
      let stopping = false
      const stop = (signal: string): void => {
        if (stopping) return
        stopping = true
        node.log.info({ signal }, 'stopping')
        node.stop().then(() => { process.exit(0) }, () => { process.exit(1) })
      }
      process.on('SIGINT', () => { stop('SIGINT') })
      process.on('SIGTERM', () => { stop('SIGTERM') })
    })
}
