// Layout of a cluster directory created by `pbft init`:
//   DIR/genesis.json            the replica set, parameters, initial accounts, admin key
//   KEYS/replica-I.key          replica signing keys (= libp2p identity), mode 0600
//   KEYS/admin.key              the admin key that may switch traitor modes
//   KEYS/account-K.key          demo accounts funded in genesis
//   DIR/cluster.json            where the keys are (so other commands find them)
//   DIR/data/replica-I/         blocks, app state, write-ahead log
//   DIR/logs/replica-I.log      JSON logs of a background replica
//   DIR/pids/replica-I.pid      PID of a background replica
import { existsSync, readFileSync } from 'node:fs'
import { isAbsolute, join, resolve } from 'node:path'

export class ClusterDirError extends Error {
  override readonly name = 'ClusterDirError'
}

export interface ClusterDir {
  dir: string
  keysDir: string
  genesis: string
  data: (id: number) => string
  log: (id: number) => string
  pid: (id: number) => string
  replicaKey: (id: number) => string
  adminKey: string
  accountKey: (k: number) => string
}

export function clusterDir (dir: string, keysDir?: string): ClusterDir {
  const abs = resolve(dir)
  const keys = keysDir !== undefined ? resolve(keysDir) : readKeysDir(abs)
  return {
    dir: abs,
    keysDir: keys,
    genesis: join(abs, 'genesis.json'),
    data: id => join(abs, 'data', `replica-${id}`),
    log: id => join(abs, 'logs', `replica-${id}.log`),
    pid: id => join(abs, 'pids', `replica-${id}.pid`),
    replicaKey: id => join(keys, `replica-${id}.key`),
    adminKey: join(keys, 'admin.key'),
    accountKey: k => join(keys, `account-${k}.key`)
  }
}

function readKeysDir (abs: string): string {
  const meta = join(abs, 'cluster.json')
  if (!existsSync(meta)) return join(abs, 'keys')
  try {
    const parsed = JSON.parse(readFileSync(meta, 'utf8')) as { keysDir?: unknown }
    if (typeof parsed.keysDir !== 'string') throw new Error('keysDir is not a string')
    return isAbsolute(parsed.keysDir) ? parsed.keysDir : resolve(abs, parsed.keysDir)
  } catch (err) {
    throw new ClusterDirError(`${meta}: ${err instanceof Error ? err.message : String(err)}`)
  }
}

export function requireCluster (dir: string): ClusterDir {
  const c = clusterDir(dir)
  if (!existsSync(c.genesis)) throw new ClusterDirError(`${c.dir} is not a cluster directory (no genesis.json); create one with: pbft init --dir ${dir}`)
  return c
}
