import { existsSync } from 'node:fs'
import { join } from 'node:path'
import type { Command } from 'commander'
import { AccountsApp } from '../../app/accounts.js'
import { loadGenesis } from '../../ledger/genesis.js'
import { LevelBlockStore } from '../../ledger/store-level.js'
import { verifyLedger, type VerifyReport } from '../../ledger/verify.js'
import { CliError } from '../common.js'

export async function verifyDataDir (genesisPath: string, dataDir: string): Promise<VerifyReport> {
  const genesis = loadGenesis(genesisPath)
  const blocksDir = existsSync(join(dataDir, 'blocks')) ? join(dataDir, 'blocks') : dataDir
  if (!existsSync(blocksDir)) throw new CliError(`${dataDir} holds no block store (expected ${join(dataDir, 'blocks')})`)
  const { store } = await LevelBlockStore.open(blocksDir, { check: false })
  try {
    return await verifyLedger(genesis, new AccountsApp(genesis.accounts), async h => await store.get(h), store.head())
  } finally {
    await store.close()
  }
}

export function register (program: Command): void {
  const ledger = program.command('ledger').description('work with a replica\'s ledger')
  ledger.command('verify')
    .description('verify a ledger offline with genesis alone: hash chain, every commit certificate, every signature, evidence, re-execution to the same state roots')
    .requiredOption('--genesis <file>', 'the cluster\'s genesis.json')
    .requiredOption('--data <dir>', 'a replica\'s data directory (DIR/data/replica-I)')
    .action(async (o: { genesis: string, data: string }) => {
      const r = await verifyDataDir(o.genesis, o.data)
      if (r.ok) process.stdout.write(`OK height=${r.height} stateRoot=${r.stateRoot} blockHash=${r.blockHash} evidence=${r.evidence}\n`)
      else {
        process.stdout.write(`FAIL height=${r.height} field=${r.field}: ${r.reason}\n`)
        process.exitCode = 1
      }
    })
}
