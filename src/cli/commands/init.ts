import type { Command } from 'commander'
import { parseIntOption } from '../common.js'
import { initCluster } from '../init.js'

export function register (program: Command): void {
  program.command('init')
    .description('create keys, genesis and data directories for a new cluster')
    .requiredOption('--dir <dir>', 'cluster directory to create')
    .option('--replicas <n>', 'number of replicas (n >= 4; f = floor((n-1)/3))', parseIntOption('--replicas', 4, 64), 4)
    .option('--keys <dir>', 'where to write key files (default DIR/keys)')
    .option('--base-port <port>', 'replica i listens on PORT+i (libp2p) and PORT+100+i (HTTP API)', parseIntOption('--base-port', 1024, 65000), 7100)
    .option('--accounts <k>', 'demo accounts funded in genesis', parseIntOption('--accounts', 0, 10_000), 4)
    .option('--host <ip>', 'address to listen on', '127.0.0.1')
    .option('--no-traitor-modes', 'disable runtime traitor modes in genesis (production)')
    .action(async (o: { dir: string, replicas: number, keys?: string, basePort: number, accounts: number, host: string, traitorModes: boolean }) => {
      const { c, genesis } = await initCluster({ ...o, balance: 1_000_000_000n })
      process.stdout.write(`created cluster ${genesis.chainId} in ${c.dir}: ${genesis.replicas.length} replicas (f = ${genesis.f}), ${genesis.accounts.length} accounts, keys in ${c.keysDir}\n` +
        `start it with: pbft cluster up --dir ${o.dir}\n`)
    })
}
