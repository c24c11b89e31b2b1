// Shared helpers of the CLI commands.
import { existsSync } from 'node:fs'
import { requireCluster, type ClusterDir } from '../cluster/cluster-dir.js'
import { apiUrl, CliError, getJson } from '../cluster/http.js'
import { fromHex } from '../crypto/hash.js'
import { loadKeyFile } from '../crypto/keyfile.js'
import { loadGenesis, type Genesis } from '../ledger/genesis.js'

export { apiUrl, CliError, getJson } from '../cluster/http.js'

export function loadCluster (dir: string): { c: ClusterDir, genesis: Genesis } {
  const c = requireCluster(dir)
  return { c, genesis: loadGenesis(c.genesis) }
}

/** GET from the first replica that answers. */
export async function getFromAny (g: Genesis, path: string): Promise<unknown> {
  const errors: string[] = []
  for (let id = 0; id < g.replicas.length; id++) {
    try {
      return await getJson(`${apiUrl(g, id)}${path}`)
    } catch (err) {
      if (err instanceof CliError) throw err
      errors.push(`replica ${id}: ${err instanceof Error ? err.message : String(err)}`)
    }
  }
  throw new CliError(`no replica answered (${errors.join('; ')}); is the cluster running? try: pbft cluster status`)
}

/** A 32-byte account key given as hex, or as a key file whose public key is the account. */
export function parseAccount (s: string, c?: ClusterDir): Uint8Array {
  if (/^[0-9a-fA-F]{64}$/.test(s)) return fromHex(s, 32)
  const m = /^account-(\d+)$/.exec(s)
  const path = m !== null && c !== undefined ? c.accountKey(Number(m[1])) : s
  if (existsSync(path)) return loadKeyFile(path).publicKey
  throw new CliError(`account ${JSON.stringify(s)} is neither 64 hex characters, a key file, nor account-K of this cluster`)
}

export function resolveKeyPath (s: string, c: ClusterDir): string {
  const m = /^account-(\d+)$/.exec(s)
  if (m !== null) return c.accountKey(Number(m[1]))
  if (!existsSync(s)) throw new CliError(`key file ${s} does not exist`)
  return s
}

export { connectClient } from '../client/connect.js'

export function parseIntOption (name: string, min: number, max = Number.MAX_SAFE_INTEGER) {
  return (v: string): number => {
    if (!/^\d+$/.test(v)) throw new CliError(`${name} must be a whole number, got ${JSON.stringify(v)}`)
    const n = Number(v)
    if (n < min || n > max) throw new CliError(`${name} must be between ${min} and ${max}, got ${n}`)
    return n
  }
}
