// The accounts app's state as canonical bytes (docs/ledger.md, Retention). Layout:
//   version (1 byte, = 1) || count (4 bytes BE) || count × [pubkey (32) || balance (16 BE) || nonce (8 BE)]
// Records are sorted strictly ascending by public key, so one state has exactly one encoding;
// each record is the state-root leaf's preimage (accounts.ts), so the root is recomputable.
import { limits } from '../codec/index.js'

export const SNAPSHOT_VERSION = 1
export const SNAPSHOT_RECORD_BYTES = 56
const HEADER_BYTES = 5
/** At most this many accounts in one snapshot (56 MiB); a bigger state cannot be pruned. */
export const SNAPSHOT_ACCOUNTS_MAX = 1_000_000
/** Room in a prune record beside the snapshot: prune base and a stable checkpoint of q signatures. */
const PRUNE_RECORD_OVERHEAD_BYTES = 64 * 1024
if (HEADER_BYTES + SNAPSHOT_ACCOUNTS_MAX * SNAPSHOT_RECORD_BYTES + PRUNE_RECORD_OVERHEAD_BYTES > limits.PRUNE_RECORD_BYTES_MAX) {
  throw new Error('the largest snapshot does not fit a prune record (codec PRUNE_RECORD_BYTES_MAX)')
}

export interface SnapshotAccount { key: string, balance: bigint, nonce: number }

/** A snapshot is malformed or does not match the state it claims; `field` says where. */
export class SnapshotError extends Error {
  override readonly name = 'SnapshotError'
  constructor (readonly field: string, readonly reason: string) {
    super(`${field}: ${reason}`)
  }
}

/** `accounts` must be sorted by key (lower-case hex), as the app keeps them. */
export function encodeSnapshot (accounts: SnapshotAccount[]): Uint8Array {
  if (accounts.length > SNAPSHOT_ACCOUNTS_MAX) throw new SnapshotError('snapshot.count', `${accounts.length} accounts exceed the limit of ${SNAPSHOT_ACCOUNTS_MAX}`)
  const out = new Uint8Array(HEADER_BYTES + accounts.length * SNAPSHOT_RECORD_BYTES)
  const v = new DataView(out.buffer)
  out[0] = SNAPSHOT_VERSION
  v.setUint32(1, accounts.length)
  accounts.forEach((a, i) => {
    const at = HEADER_BYTES + i * SNAPSHOT_RECORD_BYTES
    out.set(Buffer.from(a.key, 'hex'), at)
    v.setBigUint64(at + 32, a.balance >> 64n)
    v.setBigUint64(at + 40, a.balance & 0xffffffffffffffffn)
    v.setBigUint64(at + 48, BigInt(a.nonce))
  })
  return out
}

/** Parses and checks the structure (version, length, strict order, nonce range); throws SnapshotError. */
export function decodeSnapshot (bytes: Uint8Array): SnapshotAccount[] {
  if (bytes.byteLength < HEADER_BYTES) throw new SnapshotError('snapshot', `has ${bytes.byteLength} bytes, too short`)
  if (bytes[0] !== SNAPSHOT_VERSION) throw new SnapshotError('snapshot.version', `is ${bytes[0] ?? '?'}, expected ${SNAPSHOT_VERSION}`)
  const v = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength)
  const count = v.getUint32(1)
  if (count > SNAPSHOT_ACCOUNTS_MAX) throw new SnapshotError('snapshot.count', `${count} exceeds the limit of ${SNAPSHOT_ACCOUNTS_MAX}`)
  if (bytes.byteLength !== HEADER_BYTES + count * SNAPSHOT_RECORD_BYTES) throw new SnapshotError('snapshot.count', `says ${count} accounts, the snapshot has ${bytes.byteLength} bytes`)
  const out: SnapshotAccount[] = []
  for (let i = 0; i < count; i++) {
    const at = HEADER_BYTES + i * SNAPSHOT_RECORD_BYTES
    const key = Buffer.from(bytes.subarray(at, at + 32)).toString('hex')
    const prev = out[i - 1]
    if (prev !== undefined && prev.key >= key) throw new SnapshotError(`snapshot.accounts[${i}].publicKey`, 'accounts must be sorted strictly ascending')
    const balance = (v.getBigUint64(at + 32) << 64n) | v.getBigUint64(at + 40)
    const nonce = v.getBigUint64(at + 48)
    if (nonce > BigInt(Number.MAX_SAFE_INTEGER)) throw new SnapshotError(`snapshot.accounts[${i}].nonce`, 'exceeds 2^53-1')
    out.push({ key, balance, nonce: Number(nonce) })
  }
  return out
}
