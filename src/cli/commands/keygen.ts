import { mkdirSync } from 'node:fs'
import { dirname } from 'node:path'
import type { Command } from 'commander'
import { generateKeyPair, loadKeyFile, peerIdFromSeed, toHex, writeKeyFile, type KeyPair } from '../../crypto/index.js'
import { CliError } from '../common.js'

function createKeyFile (out: string, overwrite: boolean): KeyPair {
  mkdirSync(dirname(out), { recursive: true })
  const kp = generateKeyPair()
  writeKeyFile(out, kp.seed, { overwrite })
  return kp
}

export function register (program: Command): void {
  program.command('keygen')
    .description('create an ed25519 key file (mode 0600) and print its public key and libp2p peer id (--show: print them for an existing key file)')
    .option('--out <file>', 'where to write the key, e.g. keys/alice.key')
    .option('--show <file>', 'print the public key and peer id of this existing key file (what another operator needs for genesis)')
    .option('--force', 'overwrite an existing key file', false)
    .action(async (opts: { out?: string, show?: string, force: boolean }) => {
      if ((opts.out === undefined) === (opts.show === undefined)) throw new CliError('give --out FILE (create a key) or --show FILE (print an existing key\'s public part)')
      const { seed, publicKey } = opts.show !== undefined ? loadKeyFile(opts.show) : createKeyFile(opts.out as string, opts.force)
      const line = opts.show !== undefined ? `key ${opts.show}` : `wrote ${opts.out as string}`
      process.stdout.write(`${line}\npublic key: ${toHex(publicKey)}\npeer id:    ${await peerIdFromSeed(seed)}\n`)
    })
}
