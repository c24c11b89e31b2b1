// Replay protection of the accounts app (docs/ledger.md, Nonces). Per account: a `floor` and
// `recent`, the executed nonces above the floor (ascending, at most RECENT_NONCES_MAX). A
// transfer's nonce is acceptable iff floor < nonce, nonce is not in recent, and nonce is at most
// the block's proposer timestamp in µs plus NONCE_FUTURE_US. Executing records it in recent; when
// recent would exceed its maximum, its smallest entry is evicted and becomes the floor. So
// nonces may execute in any order within the last RECENT_NONCES_MAX of the account, each at most
// once, and no single nonce, however large, can move the floor past the others (it is refused
// when too far ahead, and the floor only ever rises to an evicted, executed nonce).
// Invariants (asserted on restore, kept by recordNonce): every entry of recent is > floor and
// <= Number.MAX_SAFE_INTEGER, strictly ascending; floor > 0 implies recent is full.
import { sha256 } from '../crypto/hash.js'

/** Executed nonces remembered above the floor, per account: how far a request may be overtaken. */
export const RECENT_NONCES_MAX = 1024
/** How far a nonce may be ahead of the block's proposer timestamp (60 s, in µs). */
export const NONCE_FUTURE_US = 60_000_000

export interface NonceState {
  /** Every nonce <= floor is refused (0: none executed yet, or none evicted). */
  floor: number
  /** Executed nonces above the floor, strictly ascending. */
  recent: number[]
}

export type NonceProblem = 'too-old' | 'duplicate' | 'too-far-ahead'

/** The largest acceptable nonce in a block proposed at `timestampMs` (or admitted at that time). */
export function nonceBoundUs (timestampMs: number): number {
  return Math.min(Number.MAX_SAFE_INTEGER, timestampMs * 1000 + NONCE_FUTURE_US)
}

/** Index of `nonce` in the ascending `recent`, or of where it would go (binary search). */
function position (recent: readonly number[], nonce: number): number {
  let lo = 0
  let hi = recent.length
  while (lo < hi) {
    const mid = (lo + hi) >>> 1
    if ((recent[mid] as number) < nonce) lo = mid + 1
    else hi = mid
  }
  return lo
}

export function nonceProblem (s: NonceState, nonce: number, boundUs: number): NonceProblem | undefined {
  if (nonce <= s.floor) return 'too-old'
  if (s.recent[position(s.recent, nonce)] === nonce) return 'duplicate'
  if (nonce > boundUs) return 'too-far-ahead'
  return undefined
}

/** The state after executing `nonce` (which must pass nonceProblem); `s` is not changed. */
export function recordNonce (s: NonceState, nonce: number): NonceState {
  const r = s.recent.slice()
  r.splice(position(r, nonce), 0, nonce)
  if (r.length <= RECENT_NONCES_MAX) return { floor: s.floor, recent: r }
  return { floor: r.shift() as number, recent: r }
}

/** The highest executed nonce: the last of recent, or the floor when recent is empty (then 0). */
export function highestNonce (s: NonceState): number {
  return s.recent[s.recent.length - 1] ?? s.floor
}

/** sha256 of recent as 8-byte big-endian integers, in order (the state-root leaf commits to it). */
export function recentDigest (recent: readonly number[]): Uint8Array {
  const b = new Uint8Array(recent.length * 8)
  const v = new DataView(b.buffer)
  recent.forEach((n, i) => { setUint64(v, i * 8, n) })
  return sha256(b)
}

/** Writes a safe integer as 8 bytes big-endian (without a BigInt per number). */
export function setUint64 (v: DataView, at: number, n: number): void {
  v.setUint32(at, Math.floor(n / 0x1_0000_0000))
  v.setUint32(at + 4, n >>> 0)
}

/** Why `s` could not have come from execution, or undefined (used on snapshots). */
export function nonceStateProblem (s: NonceState): string | undefined {
  if (!Number.isSafeInteger(s.floor) || s.floor < 0) return 'floor exceeds 2^53-1'
  if (s.recent.length > RECENT_NONCES_MAX) return `holds ${s.recent.length} recent nonces, more than ${RECENT_NONCES_MAX}`
  if (s.floor > 0 && s.recent.length !== RECENT_NONCES_MAX) return 'a floor above 0 requires a full recent set'
  let prev = s.floor
  for (const n of s.recent) {
    if (!Number.isSafeInteger(n) || n <= prev) return 'recent nonces must be above the floor, strictly ascending, at most 2^53-1'
    prev = n
  }
  return undefined
}
