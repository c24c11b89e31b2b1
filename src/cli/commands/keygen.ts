import { mkdirSync } from 'node:fs'
import { dirname } from 'node:path'
import type { Command } from 'commander'
import { generateKeyPair, peerIdFromSeed, toHex, writeKeyFile } from '../../crypto/index.js'

export function register (program: Command): void {
  program.command('keygen')
    .description('create an ed25519 key file (mode 0600) and print its public key and libp2p peer id')
    .requiredOption('--out <file>', 'where to write the key, e.g. keys/alice.key')
    .option('--force', 'overwrite an existing key file', false)
    .action(async (opts: { out: string, force: boolean }) => {
      mkdirSync(dirname(opts.out), { recursive: true })
      const kp = generateKeyPair()
      writeKeyFile(opts.out, kp.seed, { overwrite: opts.force })
      process.stdout.write(`wrote ${opts.out}\npublic key: ${toHex(kp.publicKey)}\npeer id:    ${await peerIdFromSeed(kp.seed)}\n`)
    })
}
