import { mkdirSync } from 'node:fs'
import { dirname } from 'node:path'
import type { Command } from 'commander'
import { generateKeyPair, loadKeyFile, peerIdFromSeed, toHex, writeKeyFile } from '../../crypto/index.js'
import { CliError } from '../common.js'

export function register (program: Command): void {
  program.command('keygen')
    .description('create an ed25519 key file (mode 0600) and print its public key and libp2p peer id (--show: print them for an existing key file)')
    .option('--out <file>', 'where to write the key, e.g. keys/alice.key')
    .option('--show <file>', 'print the public key and peer id of this existing key file (what another operator needs for genesis)')
    .option('--force', 'overwrite an existing key file', false)
    .action(async (opts: { out?: string, show?: string, force: boolean }) => {
      if ((opts.out === undefined) === (opts.show === undefined)) throw new CliError('give --out FILE (create a key) or --show FILE (print an existing key\'s public part)')
      let seed: Uint8Array, publicKey: Uint8Array, line: string
      if (opts.show !== undefined) {
        ({ seed, publicKey } = loadKeyFile(opts.show))
        line = `key ${opts.show}`
      } else {
        const out = opts.out as string
        mkdirSync(dirname(out), { recursive: true })
        ;({ seed, publicKey } = generateKeyPair())
        writeKeyFile(out, seed, { overwrite: opts.force })
        line = `wrote ${out}`
      }
      process.stdout.write(`${line}\npublic key: ${toHex(publicKey)}\npeer id:    ${await peerIdFromSeed(seed)}\n`)
    })
}
