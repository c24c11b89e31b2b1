// Entry of the `pbft` command. Each subcommand lives in src/cli/commands/<name>.ts and exports
// `register(program)`; add it to the list below.
import '../polyfill.js'
import { Command, CommanderError } from 'commander'
import { register as keygen } from './commands/keygen.js'

const program = new Command()
  .name('pbft')
  .description('pbft-ledger: a permissioned, hash-chained ledger ordered by PBFT over libp2p')
  .showHelpAfterError()
  .exitOverride()

for (const register of [keygen]) register(program)

try {
  await program.parseAsync(process.argv)
} catch (err) {
  if (err instanceof CommanderError) process.exit(err.exitCode)
  process.stderr.write(`pbft: ${err instanceof Error ? err.message : String(err)}\n`)
  process.exit(1)
}
