// Entry of the `pbft` command. Each subcommand lives in src/cli/commands/<name>.ts and exports
// `register(program)`; add it to the list below.
import '../polyfill.js'
import { Command, CommanderError } from 'commander'
import { register as bench } from './commands/bench.js'
import { register as byzantine } from './commands/byzantine.js'
import { register as cluster } from './commands/cluster.js'
import { register as dashboard } from './commands/dashboard.js'
import { register as genesis } from './commands/genesis.js'
import { register as init } from './commands/init.js'
import { register as keygen } from './commands/keygen.js'
import { register as ledger } from './commands/ledger.js'
import { register as query } from './commands/query.js'
import { register as receipt } from './commands/receipt.js'
import { register as replica } from './commands/replica.js'
import { register as simulate } from './commands/simulate.js'
import { register as start } from './commands/start.js'
import { register as tx } from './commands/tx.js'

const program = new Command()
  .name('pbft')
  .description('pbft-ledger: a permissioned, hash-chained ledger ordered by PBFT over libp2p')
  .showHelpAfterError()
  .exitOverride()

for (const register of [start, init, genesis, replica, cluster, tx, receipt, query, byzantine, dashboard, ledger, simulate, bench, keygen]) register(program)

try {
  await program.parseAsync(process.argv)
} catch (err) {
  if (err instanceof CommanderError) process.exit(err.exitCode)
  process.stderr.write(`pbft: ${err instanceof Error ? err.message : String(err)}\n`)
  process.exit(1)
}
