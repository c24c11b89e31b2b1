import type { Command } from 'commander'
import { startReplica } from '../../node/replica-node.js'
import { requireCluster } from '../../cluster/cluster-dir.js'
import { parseIntOption } from '../common.js'

export function register (program: Command): void {
  program.command('replica')
    .description('run one replica in the foreground (Ctrl-C stops it cleanly)')
    .requiredOption('--dir <dir>', 'cluster directory (from pbft init)')
    .requiredOption('--id <i>', 'replica id', parseIntOption('--id', 0, 63))
    .option('--log-level <level>', 'fatal, error, warn, info, debug or trace', 'info')
    .option('--data <dir>', 'data directory (default DIR/data/replica-I)')
    .option('--listen <multiaddr>', 'libp2p listen address instead of the one in genesis')
    .option('--api-port <port>', 'HTTP API port instead of the one in genesis (0 = any)', parseIntOption('--api-port', 0, 65535))
    .action(async (o: { dir: string, id: number, logLevel: string, data?: string, listen?: string, apiPort?: number }) => {
      const c = requireCluster(o.dir)
      const node = await startReplica({
        genesisPath: c.genesis, keyPath: c.replicaKey(o.id), dataDir: o.data ?? c.data(o.id), id: o.id, logLevel: o.logLevel,
        listen: o.listen !== undefined ? [o.listen] : undefined, apiPort: o.apiPort
      })
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
