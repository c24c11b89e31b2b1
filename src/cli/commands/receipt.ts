import { readFileSync } from 'node:fs'
import type { Command } from 'commander'
import { loadGenesis } from '../../ledger/genesis.js'
import { formatReceiptReport, verifyReceipt, type ReceiptReport } from '../../ledger/receipt.js'
import { CliError } from '../common.js'

/** Reads and checks a receipt file with genesis alone (no replica, no network). */
export function verifyReceiptFile (file: string, genesisPath: string): ReceiptReport {
  const genesis = loadGenesis(genesisPath)
  let bytes: Uint8Array
  try {
    bytes = new Uint8Array(readFileSync(file))
  } catch (err) {
    throw new CliError(`cannot read receipt ${file}: ${(err as Error).message}`)
  }
  return verifyReceipt(bytes, genesis)
}

export function register (program: Command): void {
  const receipt = program.command('receipt').description('receipts: offline proof that a transaction executed with a given result (docs/receipts.md)')
  receipt.command('verify')
    .description('check a receipt offline with genesis alone: f+1 replica attestations of the block, the header they sign, the transaction\'s signature and its Merkle proofs. Prints OK with what it proves, or FAIL naming the part (exit 1)')
    .argument('<file>', 'a receipt (written by pbft tx transfer --receipt, or encodeReceipt in the SDK)')
    .requiredOption('--genesis <file>', 'the cluster\'s genesis.json')
    .action((file: string, o: { genesis: string }) => {
      const r = verifyReceiptFile(file, o.genesis)
      process.stdout.write(formatReceiptReport(r) + '\n')
      if (!r.ok) process.exitCode = 1
    })
}
