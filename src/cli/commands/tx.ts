import { writeFileSync } from 'node:fs'
import type { Command } from 'commander'
import { encodeReceipt } from '../../codec/index.js'
import { loadKeyFile } from '../../crypto/keyfile.js'
import { connectClient, loadCluster, parseAccount, parseIntOption, resolveKeyPath } from '../common.js'
import { runLoad } from '../load.js'

export function register (program: Command): void {
  const tx = program.command('tx').description('submit signed transactions')
  tx.command('transfer')
    .description('sign a transfer, submit it, and wait for proof of commit (f+1 matching replies, each resting on its replica\'s signed attestation of the block); --receipt writes the offline proof')
    .requiredOption('--dir <dir>', 'cluster directory')
    .requiredOption('--from <key>', 'sender key file, or account-K of this cluster')
    .requiredOption('--to <account>', 'receiver: hex public key, key file, or account-K')
    .requiredOption('--amount <x>', 'amount (a positive whole number)', parseIntOption('--amount', 1))
    .option('--timeout <ms>', 'give up after this long', parseIntOption('--timeout', 100), 30_000)
    .option('--receipt <file>', 'write the receipt (checkable offline: pbft receipt verify FILE --genesis G)')
    .action(async (o: { dir: string, from: string, to: string, amount: number, timeout: number, receipt?: string }) => {
      const { c, genesis } = loadCluster(o.dir)
      const from = loadKeyFile(resolveKeyPath(o.from, c))
      const to = parseAccount(o.to, c)
      const client = await connectClient(genesis, from.seed, { timeoutMs: o.timeout })
      try {
        const p = await client.transfer(to, BigInt(o.amount))
        process.stdout.write(`${p.code === 0 ? 'committed' : `committed as FAILED (code ${p.code}: ${p.log})`}: tx ${p.txId}\n` +
          `  block ${p.height} (${p.blockHash}), index ${p.index}\n` +
          `  proof: attestations of the block from replicas ${p.replicas.join(', ')}\n`)
        if (o.receipt !== undefined) {
          writeFileSync(o.receipt, encodeReceipt(p.receipt))
          process.stdout.write(`  receipt: ${o.receipt} (check it offline: pbft receipt verify ${o.receipt} --genesis ${c.genesis})\n`)
        }
        if (p.code !== 0) process.exitCode = 2
      } finally {
        await client.close()
      }
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
