// `pbft init`: keys, genesis and data directories for a new local cluster.
import { existsSync, mkdirSync, writeFileSync } from 'node:fs'
import { randomBytes } from 'node:crypto'
import { relative } from 'node:path'
import { generateKeyPair, type KeyPair } from '../crypto/ed25519.js'
import { toHex } from '../crypto/hash.js'
import { loadKeyFile, peerIdFromSeed, writeKeyFile } from '../crypto/keyfile.js'
import { DEFAULT_PARAMS, genesisToJson, parseGenesis, type Genesis } from '../ledger/genesis.js'
import { clusterDir, type ClusterDir } from '../cluster/cluster-dir.js'
import { CliError } from './common.js'

export interface InitOptions { dir: string, keys?: string, replicas: number, basePort: number, accounts: number, host: string, balance: bigint, params?: Partial<Genesis['params']>, traitorModes?: boolean }

/** Uses an existing key file (so re-running init keeps keys), or creates one. */
function key (path: string): KeyPair {
  if (existsSync(path)) return loadKeyFile(path)
  const kp = generateKeyPair()
  writeKeyFile(path, kp.seed)
  return kp
}

export async function initCluster (o: InitOptions): Promise<{ c: ClusterDir, genesis: Genesis }> {
  if (o.replicas < 4) throw new CliError(`--replicas must be at least 4 (n >= 3f+1 with f >= 1), got ${o.replicas}`)
  const c = clusterDir(o.dir, o.keys ?? `${o.dir}/keys`)
  if (existsSync(c.genesis)) throw new CliError(`${c.genesis} already exists; remove ${c.dir} to start over`)
  mkdirSync(c.keysDir, { recursive: true, mode: 0o700 })
  mkdirSync(c.dir, { recursive: true })
  const replicas = []
  for (let i = 0; i < o.replicas; i++) {
    const kp = key(c.replicaKey(i))
    replicas.push({
      id: i, publicKey: toHex(kp.publicKey), peerId: await peerIdFromSeed(kp.seed),
      addrs: [`/ip4/${o.host}/tcp/${o.basePort + i}`], api: `${o.host}:${o.basePort + 100 + i}`
    })
    mkdirSync(c.data(i), { recursive: true })
  }
  const admin = key(c.adminKey)
  const accounts = []
  for (let k = 0; k < o.accounts; k++) accounts.push({ publicKey: toHex(key(c.accountKey(k)).publicKey), balance: o.balance.toString() })
  const json = {
    chainId: `pbft-${toHex(new Uint8Array(randomBytes(6)))}`,
    genesisTimeMs: Date.now(),
    f: Math.floor((o.replicas - 1) / 3),
    replicas,
    params: { ...DEFAULT_PARAMS, ...o.params },
    accounts,
    adminPublicKey: toHex(admin.publicKey),
    traitorModesEnabled: o.traitorModes ?? true
  }
  const genesis = parseGenesis(json, c.genesis)
  writeFileSync(c.genesis, `${JSON.stringify(genesisToJson(genesis), null, 2)}\n`)
  writeFileSync(`${c.dir}/cluster.json`, `${JSON.stringify({ keysDir: relative(c.dir, c.keysDir) || '.' }, null, 2)}\n`)
  return { c, genesis }
}
