import type { Command } from 'commander'
import { toHex } from '../../crypto/hash.js'
import { loadKeyFile } from '../../crypto/keyfile.js'
import { connectClient, loadCluster, parseAccount, parseIntOption, resolveKeyPath } from '../common.js'
import { runLoad } from '../load.js'

export function register (program: Command): void {
  const tx = program.command('tx').description('submit signed transactions')
  tx.command('transfer')
    .description('sign a transfer, submit it, and wait for proof of commit (f+1 matching signed replies)')
    .requiredOption('--dir <dir>', 'cluster directory')
    .requiredOption('--from <key>', 'sender key file, or account-K of this cluster')
    .requiredOption('--to <account>', 'receiver: hex public key, key file, or account-K')
    .requiredOption('--amount <x>', 'amount (a positive whole number)', parseIntOption('--amount', 1))
    .option('--timeout <ms>', 'give up after this long', parseIntOption('--timeout', 100), 30_000)
    .action(async (o: { dir: string, from: string, to: string, amount: number, timeout: number }) => {
      const { c, genesis } = loadCluster(o.dir)
      const from = loadKeyFile(resolveKeyPath(o.from, c))
      const to = parseAccount(o.to, c)
      const client = await connectClient(genesis, from.seed, { timeoutMs: o.timeout })
      try {
        const p = await client.transfer(to, BigInt(o.amount))
        process.stdout.write(`${p.code === 0 ? 'committed' : `committed as FAILED (code ${p.code}: ${p.log})`}: tx ${p.txId}\n` +
          `  block ${p.height} (${p.blockHash}), index ${p.index}\n` +
          `  proof: ${p.replies.length} matching signed replies from replicas ${p.replies.map(r => r.replica).join(', ')}\n`)
        if (p.code !== 0) process.exitCode = 2
      } finally {
        await client.close()
      }
      void toHex
    })
  tx.command('load')
    .description('sustained signed load from the cluster\'s demo accounts, with progress')
    .requiredOption('--dir <dir>', 'cluster directory')
    .option('--duration <s>', 'seconds to run', parseIntOption('--duration', 1, 86_400), 10)
    .option('--window <w>', 'transactions in flight per account', parseIntOption('--window', 1, 10_000), 16)
    .option('--accounts <k>', 'demo accounts to send from', parseIntOption('--accounts', 1, 10_000), 4)
    .action(async (o: { dir: string, duration: number, window: number, accounts: number }) => {
      const r = await runLoad({ dir: o.dir, durationMs: o.duration * 1000, window: o.window, accounts: o.accounts, progress: true })
      process.stdout.write(`\n${JSON.stringify(r, null, 2)}\n`)
    })
}
