// Genesis: the replica set, protocol parameters, initial accounts and the admin key. Documented
// in docs/ledger.md. Validated on load; every problem names the field.
import { readFileSync } from 'node:fs'
import { multiaddr } from '@multiformats/multiaddr'
import { limits, type BlockHeader } from '../codec/index.js'
import { blockHash } from '../crypto/digests.js'
import { fromHex, toHex } from '../crypto/hash.js'
import { publicKeyFromPeerId } from '../crypto/keyfile.js'
import { merkleRoot } from '../crypto/merkle.js'

export interface GenesisReplica { id: number, publicKey: Uint8Array, peerId: string, addrs: string[], api: string }
export interface GenesisParams {
  batchTxsMax: number, batchBytesMax: number, batchTimeoutMs: number, checkpointInterval: number,
  window: number, viewChangeTimeoutMs: number, timestampDriftMs: number
}
export interface Genesis {
  chainId: string
  genesisTimeMs: number
  replicas: GenesisReplica[]
  f: number
  params: GenesisParams
  accounts: Array<{ publicKey: Uint8Array, balance: bigint }>
  adminPublicKey: Uint8Array
  traitorModesEnabled: boolean
}

export class GenesisError extends Error {
  override readonly name = 'GenesisError'
  constructor (readonly source: string, readonly field: string, problem: string) {
    super(`${source}: ${field}: ${problem}`)
  }
}

// checkpointInterval 16, not 64: a VIEW-CHANGE carries a prepared certificate for every sequence
// number above the stable checkpoint, and NEW-VIEW re-proposes each of them; with 64 a SIGKILLed
// primary cost up to ~60 re-run batches (0.3-0.6 s more stall), and a checkpoint every 16 batches
// costs one signature and 2f+1 verifies per 16 batches (no throughput change measured).
export const DEFAULT_PARAMS: GenesisParams = {
  batchTxsMax: 512, batchBytesMax: 512 * 1024, batchTimeoutMs: 5, checkpointInterval: 16,
  window: 256, viewChangeTimeoutMs: 1000, timestampDriftMs: 30_000
}

type Json = Record<string, unknown>

function int (v: unknown, field: string, src: string, min: number, max: number): number {
  if (typeof v !== 'number' || !Number.isInteger(v) || v < min || v > max) throw new GenesisError(src, field, `must be an integer in ${min}..${max}, got ${JSON.stringify(v)}`)
  return v
}
function str (v: unknown, field: string, src: string, maxLen = 256): string {
  if (typeof v !== 'string' || v.length === 0 || v.length > maxLen) throw new GenesisError(src, field, `must be a non-empty string of at most ${maxLen} characters`)
  return v
}
function key (v: unknown, field: string, src: string): Uint8Array {
  try { return fromHex(str(v, field, src, 64), 32) } catch (err) { throw new GenesisError(src, field, `must be a 32-byte hex public key (${(err as Error).message})`) }
}
function obj (v: unknown, field: string, src: string): Json {
  if (typeof v !== 'object' || v === null || Array.isArray(v)) throw new GenesisError(src, field, 'must be an object')
  return v as Json
}
function arr (v: unknown, field: string, src: string): unknown[] {
  if (!Array.isArray(v)) throw new GenesisError(src, field, 'must be an array')
  return v
}

function parseReplica (v: unknown, i: number, src: string): GenesisReplica {
  const f = `replicas[${i}]`
  const r = obj(v, f, src)
  const id = int(r.id, `${f}.id`, src, 0, limits.REPLICAS_MAX - 1)
  if (id !== i) throw new GenesisError(src, `${f}.id`, `replica ids must be 0..n-1 in order, expected ${i}, got ${id}`)
  const publicKey = key(r.publicKey, `${f}.publicKey`, src)
  const peerId = str(r.peerId, `${f}.peerId`, src, 128)
  let embedded: Uint8Array
  try { embedded = publicKeyFromPeerId(peerId) } catch { throw new GenesisError(src, `${f}.peerId`, `is not an Ed25519 libp2p peer id: ${peerId}`) }
  if (toHex(embedded) !== toHex(publicKey)) throw new GenesisError(src, `${f}.peerId`, 'does not belong to the replica\'s public key')
  const addrs = arr(r.addrs, `${f}.addrs`, src).map((a, j) => {
    const s = str(a, `${f}.addrs[${j}]`, src)
    try { multiaddr(s) } catch { throw new GenesisError(src, `${f}.addrs[${j}]`, `is not a multiaddr: ${s}`) }
    return s
  })
  if (addrs.length === 0) throw new GenesisError(src, `${f}.addrs`, 'must list at least one address')
  const api = str(r.api, `${f}.api`, src)
  if (!/^[\w.-]+:\d{1,5}$/.test(api)) throw new GenesisError(src, `${f}.api`, `must be host:port, got ${api}`)
  return { id, publicKey, peerId, addrs, api }
}

function parseParams (v: unknown, src: string): GenesisParams {
  const p = obj(v ?? {}, 'params', src)
  const get = (k: keyof GenesisParams, min: number, max: number): number => int(p[k] ?? DEFAULT_PARAMS[k], `params.${k}`, src, min, max)
  const params: GenesisParams = {
    batchTxsMax: get('batchTxsMax', 1, limits.BATCH_TXS_MAX),
    batchBytesMax: get('batchBytesMax', 1024, limits.BATCH_BYTES_MAX),
    batchTimeoutMs: get('batchTimeoutMs', 0, 60_000),
    checkpointInterval: get('checkpointInterval', 1, limits.WINDOW_MAX),
    window: get('window', 1, limits.WINDOW_MAX),
    viewChangeTimeoutMs: get('viewChangeTimeoutMs', 50, 600_000),
    timestampDriftMs: get('timestampDriftMs', 100, 3_600_000)
  }
  if (params.window % params.checkpointInterval !== 0) throw new GenesisError(src, 'params.window', `must be a multiple of checkpointInterval (${params.checkpointInterval})`)
  return params
}

export function parseGenesis (json: unknown, source = 'genesis'): Genesis {
  const g = obj(json, '(root)', source)
  const chainId = str(g.chainId, 'chainId', source, limits.CHAIN_ID_BYTES_MAX)
  const genesisTimeMs = int(g.genesisTimeMs, 'genesisTimeMs', source, 0, Number.MAX_SAFE_INTEGER)
  const replicas = arr(g.replicas, 'replicas', source).map((r, i) => parseReplica(r, i, source))
  const n = replicas.length
  if (n < 4) throw new GenesisError(source, 'replicas', `PBFT needs at least 4 replicas (n >= 3f+1 with f >= 1), got ${n}`)
  for (const [field, values] of [['publicKey', replicas.map(r => toHex(r.publicKey))], ['peerId', replicas.map(r => r.peerId)]] as const) {
    const dup = values.find((v, i) => values.indexOf(v) !== i)
    if (dup !== undefined) throw new GenesisError(source, `replicas[${values.lastIndexOf(dup)}].${field}`, `duplicates another replica's ${field}`)
  }
  const f = Math.floor((n - 1) / 3)
  if (g.f !== undefined && g.f !== f) throw new GenesisError(source, 'f', `must be floor((n-1)/3) = ${f} for n = ${n}, got ${JSON.stringify(g.f)}`)
  const accounts = arr(g.accounts ?? [], 'accounts', source).map((a, i) => {
    const o = obj(a, `accounts[${i}]`, source)
    const balance = str(o.balance, `accounts[${i}].balance`, source, 40)
    if (!/^\d+$/.test(balance)) throw new GenesisError(source, `accounts[${i}].balance`, `must be a non-negative integer string, got ${balance}`)
    return { publicKey: key(o.publicKey, `accounts[${i}].publicKey`, source), balance: BigInt(balance) }
  })
  const dupAcc = accounts.map(a => toHex(a.publicKey)).find((v, i, all) => all.indexOf(v) !== i)
  if (dupAcc !== undefined) throw new GenesisError(source, 'accounts', `account ${dupAcc} is listed twice`)
  const traitor = g.traitorModesEnabled ?? true
  if (typeof traitor !== 'boolean') throw new GenesisError(source, 'traitorModesEnabled', 'must be true or false')
  return { chainId, genesisTimeMs, replicas, f, params: parseParams(g.params, source), accounts, adminPublicKey: key(g.adminPublicKey, 'adminPublicKey', source), traitorModesEnabled: traitor }
}

export function loadGenesis (path: string): Genesis {
  let text: string
  try { text = readFileSync(path, 'utf8') } catch (err) { throw new GenesisError(path, '(file)', (err as Error).message) }
  let json: unknown
  try { json = JSON.parse(text) } catch (err) { throw new GenesisError(path, '(file)', `is not JSON: ${(err as Error).message}`) }
  return parseGenesis(json, path)
}

export function genesisToJson (g: Genesis): Json {
  return {
    chainId: g.chainId,
    genesisTimeMs: g.genesisTimeMs,
    f: g.f,
    replicas: g.replicas.map(r => ({ id: r.id, publicKey: toHex(r.publicKey), peerId: r.peerId, addrs: r.addrs, api: r.api })),
    params: g.params,
    accounts: g.accounts.map(a => ({ publicKey: toHex(a.publicKey), balance: a.balance.toString() })),
    adminPublicKey: toHex(g.adminPublicKey),
    traitorModesEnabled: g.traitorModesEnabled
  }
}

/** The height-0 header; its hash is block 1's prevHash. */
export function genesisHeader (g: Genesis, initialStateRoot: Uint8Array): BlockHeader {
  const empty = merkleRoot([])
  return {
    chainId: g.chainId, height: 0, view: 0, prevHash: new Uint8Array(32), txRoot: empty, stateRoot: initialStateRoot,
    resultsRoot: empty, timestampMs: g.genesisTimeMs, proposer: 0, evidenceRoot: empty, txCount: 0, evidenceCount: 0
  }
}

export function genesisHash (g: Genesis, initialStateRoot: Uint8Array): Uint8Array {
  return blockHash(genesisHeader(g, initialStateRoot))
}

export function quorumOf (g: Genesis): number {
  const n = g.replicas.length
  return Math.ceil((n + g.f + 1) / 2)
}
