import { existsSync, readFileSync, writeFileSync } from 'node:fs'
import type { Command } from 'commander'
import { sha256, toHex } from '../../crypto/hash.js'
import { genesisToJson, loadGenesis, type Genesis } from '../../ledger/genesis.js'
import { CliError } from '../common.js'
import { assembleGenesis, type GenesisSpec } from '../genesis-new.js'

const collect = (v: string, all: string[]): string[] => [...all, v]

/** A short fingerprint operators compare out of band: every host must run the same genesis. */
export function genesisFingerprint (g: Genesis): string {
  return toHex(sha256(new TextEncoder().encode(JSON.stringify(genesisToJson(g))))).slice(0, 16)
}

function readSpec (path: string): Partial<GenesisSpec> {
  try { return JSON.parse(readFileSync(path, 'utf8')) as Partial<GenesisSpec> } catch (err) { throw new CliError(`--from ${path}: ${(err as Error).message}`) }
}

function describe (g: Genesis, path: string): string {
  return [`genesis ${path}: chain ${g.chainId}, n = ${g.replicas.length}, f = ${g.f}, fingerprint ${genesisFingerprint(g)}`,
    ...g.replicas.map(r => `  replica ${r.id}: ${toHex(r.publicKey)} at ${r.addrs.join(', ')} (API ${r.api})`),
    `  admin ${toHex(g.adminPublicKey)}; ${g.accounts.length} accounts; traitor modes ${g.traitorModesEnabled ? 'enabled' : 'disabled'}`, ''].join('\n')
}

export function register (program: Command): void {
  const genesis = program.command('genesis').description('assemble and inspect a genesis from public keys only (one host, one key: docs/deploy.md)')
  genesis.command('new')
    .description('write a genesis from every operator\'s public key and address (pbft keygen on each host prints the key); no private key is read')
    .requiredOption('--out <file>', 'where to write genesis.json')
    .option('--from <json>', 'the same fields as a JSON file: {chainId, genesisTimeMs, replicas, admin, accounts, params, traitorModesEnabled}')
    .option('--chain-id <id>', 'chain id (default random)')
    .option('--replica <spec>', 'PUBKEY@MULTIADDR[@HOST:PORT], once per replica in id order; the API defaults to the TCP port + 100', collect, [])
    .option('--admin <pubkey>', 'the admin public key')
    .option('--account <spec>', 'PUBKEY=BALANCE, once per funded account', collect, [])
    .option('--traitor-modes', 'allow runtime traitor modes (demos only; off by default here)')
    .option('--force', 'overwrite --out')
    .action((o: { out: string, from?: string, chainId?: string, replica: string[], admin?: string, account: string[], traitorModes?: boolean, force?: boolean }) => {
      const base = o.from !== undefined ? readSpec(o.from) : {}
      const admin = o.admin ?? base.admin
      if (admin === undefined) throw new CliError('--admin is required (or "admin" in --from)')
      const spec: GenesisSpec = {
        ...base, admin, chainId: o.chainId ?? base.chainId,
        replicas: [...(base.replicas ?? []), ...o.replica],
        accounts: [...(base.accounts ?? []), ...o.account],
        traitorModesEnabled: o.traitorModes ?? base.traitorModesEnabled
      }
      const g = assembleGenesis(spec, Date.now())
      if (existsSync(o.out) && o.force !== true) throw new CliError(`${o.out} already exists (--force to overwrite)`)
      writeFileSync(o.out, `${JSON.stringify(genesisToJson(g), null, 2)}\n`)
      process.stdout.write(describe(g, o.out) + `copy ${o.out} to every host; each runs: pbft replica --genesis ${o.out} --key ITS.key --data DIR\n`)
    })
  genesis.command('show')
    .description('check a genesis file and print its replicas and fingerprint (compare it with the other operators)')
    .argument('<file>', 'genesis.json')
    .action((file: string) => { process.stdout.write(describe(loadGenesis(file), file)) })
}
