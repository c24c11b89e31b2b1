// The accounts app's state as canonical bytes (docs/ledger.md, Retention). Layout:
//   version (1 byte, = 2) || count (4 bytes BE) || count × record
//   record = pubkey (32) || balance (16 BE) || floor (8 BE) || k (2 BE) || k × recent nonce (8 BE)
// Records are sorted strictly ascending by public key and each recent list strictly ascending, so
// one state has exactly one encoding; every leaf of the state root (accounts.ts) is recomputable
// from its record (the highest nonce is the last recent nonce, or the floor when there is none).
// Version 1 (fixed 56-byte records with one strictly increasing nonce) is no longer read.
import { limits } from '../codec/index.js'
import { nonceStateProblem, RECENT_NONCES_MAX, setUint64 } from './nonces.js'

export const SNAPSHOT_VERSION = 2
const HEADER_BYTES = 5
/** A record without recent nonces; each recent nonce adds 8 bytes. */
export const SNAPSHOT_RECORD_FIXED_BYTES = 58
export const SNAPSHOT_RECORD_BYTES_MAX = SNAPSHOT_RECORD_FIXED_BYTES + 8 * RECENT_NONCES_MAX
/** Room in a prune record beside the snapshot: prune base and a stable checkpoint of q signatures. */
const PRUNE_RECORD_OVERHEAD_BYTES = 64 * 1024
/**
 * At most this many bytes in one snapshot (what a prune record holds beside its checkpoint):
 * about 1.15 million accounts without recent nonces, or 8,100 with full recent sets. A bigger
 * state cannot be pruned (encodeSnapshot throws SnapshotError field 'snapshot.bytes').
 */
export const SNAPSHOT_BYTES_MAX = limits.PRUNE_RECORD_BYTES_MAX - PRUNE_RECORD_OVERHEAD_BYTES
if (RECENT_NONCES_MAX > 0xffff) throw new Error('RECENT_NONCES_MAX does not fit the 2-byte count of a snapshot record')
if (HEADER_BYTES + SNAPSHOT_RECORD_BYTES_MAX > SNAPSHOT_BYTES_MAX) throw new Error('one full account does not fit a snapshot')

export interface SnapshotAccount { key: string, balance: bigint, floor: number, recent: number[] }

/** A snapshot is malformed or does not match the state it claims; `field` says where. */
export class SnapshotError extends Error {
  override readonly name = 'SnapshotError'
  constructor (readonly field: string, readonly reason: string) {
    super(`${field}: ${reason}`)
  }
}

/** `accounts` must be sorted by key (lower-case hex), as the app keeps them. */
export function encodeSnapshot (accounts: SnapshotAccount[]): Uint8Array {
  let size = HEADER_BYTES
  for (const a of accounts) size += SNAPSHOT_RECORD_FIXED_BYTES + 8 * a.recent.length
  if (size > SNAPSHOT_BYTES_MAX) throw new SnapshotError('snapshot.bytes', `${accounts.length} accounts need ${size} bytes, more than the limit of ${SNAPSHOT_BYTES_MAX}`)
  const out = new Uint8Array(size)
  const v = new DataView(out.buffer)
  out[0] = SNAPSHOT_VERSION
  v.setUint32(1, accounts.length)
  let at = HEADER_BYTES
  for (const a of accounts) {
    out.set(Buffer.from(a.key, 'hex'), at)
    v.setBigUint64(at + 32, a.balance >> 64n)
    v.setBigUint64(at + 40, a.balance & 0xffffffffffffffffn)
    v.setBigUint64(at + 48, BigInt(a.floor))
    v.setUint16(at + 56, a.recent.length)
    at += SNAPSHOT_RECORD_FIXED_BYTES
    for (const n of a.recent) { setUint64(v, at, n); at += 8 }
  }
  return out
}

/** Parses and checks the structure (version, lengths, strict orders, nonce ranges); throws SnapshotError. */
export function decodeSnapshot (bytes: Uint8Array): SnapshotAccount[] {
  if (bytes.byteLength < HEADER_BYTES) throw new SnapshotError('snapshot', `has ${bytes.byteLength} bytes, too short`)
  if (bytes[0] !== SNAPSHOT_VERSION) throw new SnapshotError('snapshot.version', `is ${bytes[0] ?? '?'}, expected ${SNAPSHOT_VERSION}`)
  if (bytes.byteLength > SNAPSHOT_BYTES_MAX) throw new SnapshotError('snapshot.bytes', `${bytes.byteLength} bytes exceed the limit of ${SNAPSHOT_BYTES_MAX}`)
  const v = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength)
  const count = v.getUint32(1)
  if (HEADER_BYTES + count * SNAPSHOT_RECORD_FIXED_BYTES > bytes.byteLength) throw new SnapshotError('snapshot.count', `says ${count} accounts, the snapshot has ${bytes.byteLength} bytes`)
  const out: SnapshotAccount[] = []
  let at = HEADER_BYTES
  for (let i = 0; i < count; i++) {
    const field = `snapshot.accounts[${i}]`
    if (at + SNAPSHOT_RECORD_FIXED_BYTES > bytes.byteLength) throw new SnapshotError('snapshot.count', `says ${count} accounts, the bytes end in account ${i}`)
    const key = Buffer.from(bytes.subarray(at, at + 32)).toString('hex')
    const prev = out[i - 1]
    if (prev !== undefined && prev.key >= key) throw new SnapshotError(`${field}.publicKey`, 'accounts must be sorted strictly ascending')
    const balance = (v.getBigUint64(at + 32) << 64n) | v.getBigUint64(at + 40)
    const floor = v.getBigUint64(at + 48)
    if (floor > BigInt(Number.MAX_SAFE_INTEGER)) throw new SnapshotError(`${field}.floor`, 'exceeds 2^53-1')
    const k = v.getUint16(at + 56)
    at += SNAPSHOT_RECORD_FIXED_BYTES
    if (k > RECENT_NONCES_MAX) throw new SnapshotError(`${field}.recent`, `holds ${k} nonces, more than ${RECENT_NONCES_MAX}`)
    if (at + 8 * k > bytes.byteLength) throw new SnapshotError('snapshot.count', `says ${count} accounts, the bytes end in account ${i}`)
    const recent: number[] = []
    for (let j = 0; j < k; j++, at += 8) {
      const hi = v.getUint32(at)
      recent.push(hi > 0x1f_ffff ? Number.POSITIVE_INFINITY : hi * 0x1_0000_0000 + v.getUint32(at + 4)) // above 2^53 - 1: refused below
    }
    const a = { key, balance, floor: Number(floor), recent }
    const problem = nonceStateProblem(a)
    if (problem !== undefined) throw new SnapshotError(`${field}.recent`, problem)
    out.push(a)
  }
  if (at !== bytes.byteLength) throw new SnapshotError('snapshot.count', `says ${count} accounts, ${bytes.byteLength - at} bytes follow them`)
  return out
}
