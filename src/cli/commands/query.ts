import type { Command } from 'commander'
import { toHex } from '../../crypto/hash.js'
import { getFromAny, loadCluster, parseAccount, parseIntOption } from '../common.js'

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
    .description('misbehaviour evidence recorded by the replicas')
    .requiredOption('--dir <dir>', 'cluster directory')
    .action(async (o: { dir: string }) => {
      const { genesis } = loadCluster(o.dir)
      const list = await getFromAny(genesis, '/evidence') as Array<{ accused: number, kind: string, atMs: number }>
      if (list.length === 0) process.stdout.write('no evidence recorded\n')
      for (const e of list) process.stdout.write(`${new Date(e.atMs).toISOString()}  replica ${e.accused} lied: ${e.kind}\n`)
    })
}
