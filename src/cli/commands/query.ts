import type { Command } from 'commander'
import { toHex } from '../../crypto/hash.js'
import { CliError, getFromAny, loadCluster, parseAccount, parseIntOption } from '../common.js'
import { formatEvidence, gatherEvidence } from '../../cluster/evidence.js'

export function register (program: Command): void {
  program.command('account')
    .description('balance and nonce of an account (hex public key, key file, or account-K)')
    .argument('<account>')
    .requiredOption('--dir <dir>', 'cluster directory')
    .action(async (account: string, o: { dir: string }) => {
      const { c, genesis } = loadCluster(o.dir)
      const key = parseAccount(account, c)
      process.stdout.write(`${JSON.stringify(await getFromAny(genesis, `/accounts/${toHex(key)}`), null, 2)}\n`)
    })
  program.command('block')
    .description('a block with its commit certificate')
    .argument('<height>', 'block height (>= 1)', parseIntOption('height', 1))
    .requiredOption('--dir <dir>', 'cluster directory')
    .action(async (height: number, o: { dir: string }) => {
      const { genesis } = loadCluster(o.dir)
      process.stdout.write(`${JSON.stringify(await getFromAny(genesis, `/blocks/${height}`), null, 2)}\n`)
    })
  program.command('evidence')
    .description('misbehaviour evidence from every replica that answers and from the committed blocks, one line per record: who holds it, where it is committed, whether it is valid proof')
    .requiredOption('--dir <dir>', 'cluster directory')
    .option('--json', 'print the records as JSON')
    .action(async (o: { dir: string, json?: boolean }) => {
      const { genesis } = loadCluster(o.dir)
      const report = await gatherEvidence(genesis)
      if (report.answered.length === 0) throw new CliError(`no replica answered (${report.unreachable.map(u => `replica ${u.id}: ${u.error}`).join('; ')}); is the cluster running? try: pbft cluster status`)
      process.stdout.write(o.json === true ? `${JSON.stringify(report, null, 2)}\n` : formatEvidence(report))
    })
}
