// `pbft genesis new`: a genesis assembled from public material only (issue #15). Each operator
// runs `pbft keygen` on their own host and hands over the public key and the address their
// replica listens on; nobody ever holds another operator's private key. The result goes through
// parseGenesis, so every rule of docs/ledger.md applies and a problem names its field.
import { randomBytes } from 'node:crypto'
import { multiaddr } from '@multiformats/multiaddr'
import { fromHex, toHex } from '../crypto/hash.js'
import { peerIdOfPublicKey } from '../crypto/keyfile.js'
import { DEFAULT_PARAMS, parseGenesis, type Genesis, type GenesisParams } from '../ledger/genesis.js'
import { CliError } from './common.js'

/** What the operators agreed on, as flags or as the JSON file `--from` names (same field names). */
export interface GenesisSpec {
  chainId?: string
  genesisTimeMs?: number
  /** `PUBKEY@MULTIADDR` or `PUBKEY@MULTIADDR@HOST:PORT` (the HTTP API; default the multiaddr's host, TCP port + 100). */
  replicas: string[]
  admin: string
  /** `PUBKEY=BALANCE`. */
  accounts?: string[]
  params?: Partial<GenesisParams>
  traitorModesEnabled?: boolean
}

function publicKey (hex: string, what: string): Uint8Array {
  try { return fromHex(hex, 32) } catch (err) { throw new CliError(`${what}: ${JSON.stringify(hex)} is not a 32-byte hex public key (${(err as Error).message}); pbft keygen prints it`) }
}

/** `PUBKEY@MULTIADDR[@HOST:PORT]` as a genesis replica entry with id `id`. */
export function replicaEntry (spec: string, id: number): Record<string, unknown> {
  const [key, addr, api, ...rest] = spec.split('@')
  const what = `--replica ${id + 1} (${spec})`
  if (key === undefined || addr === undefined || addr === '' || rest.length > 0) throw new CliError(`${what}: expected PUBKEY@MULTIADDR or PUBKEY@MULTIADDR@HOST:PORT`)
  const pub = publicKey(key, what)
  return { id, publicKey: toHex(pub), peerId: peerIdOfPublicKey(pub), addrs: [addr], api: api ?? defaultApi(addr, what) }
}

/** The HTTP API beside a replica's /ip4|ip6|dns/HOST/tcp/PORT address: HOST:PORT+100. */
function defaultApi (addr: string, what: string): string {
  let components
  try { components = multiaddr(addr).getComponents() } catch (err) { throw new CliError(`${what}: ${JSON.stringify(addr)} is not a multiaddr (${(err as Error).message})`) }
  const host = components.find(c => ['ip4', 'ip6', 'dns', 'dns4', 'dns6'].includes(c.name))?.value
  const port = Number(components.find(c => c.name === 'tcp')?.value)
  if (host === undefined || !Number.isInteger(port)) throw new CliError(`${what}: ${addr} is not a TCP address like /ip4/10.0.0.1/tcp/7100`)
  return `${host.includes(':') ? `[${host}]` : host}:${port + 100}`
}

/** `PUBKEY=BALANCE` as a genesis account. */
export function accountEntry (spec: string): Record<string, unknown> {
  const [key, balance, ...rest] = spec.split('=')
  if (key === undefined || balance === undefined || rest.length > 0 || !/^\d+$/.test(balance)) throw new CliError(`--account ${spec}: expected PUBKEY=BALANCE with a whole-number balance`)
  return { publicKey: toHex(publicKey(key, `--account ${spec}`)), balance }
}

export function assembleGenesis (spec: GenesisSpec, nowMs: number): Genesis {
  if (spec.replicas.length < 4) throw new CliError(`a genesis needs at least 4 replicas (n >= 3f+1 with f >= 1), got ${spec.replicas.length} --replica`)
  const json = {
    chainId: spec.chainId ?? `pbft-${toHex(new Uint8Array(randomBytes(6)))}`,
    genesisTimeMs: spec.genesisTimeMs ?? nowMs,
    replicas: spec.replicas.map(replicaEntry),
    params: { ...DEFAULT_PARAMS, ...spec.params },
    accounts: (spec.accounts ?? []).map(accountEntry),
    adminPublicKey: toHex(publicKey(spec.admin, '--admin')),
    traitorModesEnabled: spec.traitorModesEnabled ?? false
  }
  return parseGenesis(json, 'the assembled genesis')
}
