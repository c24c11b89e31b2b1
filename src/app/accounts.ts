// The built-in accounts app: signed transfers between ed25519 accounts.
// - tx.client is the sending account; payload = pb.Transfer { to, amount }.
// - Nonces (src/app/nonces.ts): a transfer executes only if its nonce is above the account's
//   floor, not among its recent executed nonces, and at most NONCE_FUTURE_US ahead of the block's
//   proposer timestamp. Nonces may execute in any order within the account's last
//   RECENT_NONCES_MAX; each at most once. Once the nonce check passes the nonce is recorded, even
//   if the transfer then fails for funds, so no transaction can ever execute twice. A transfer
//   with a refused nonce or bad payload changes nothing.
// - Only existing accounts send: a transfer from an account that does not exist (never funded)
//   fails with UNFUNDED and changes nothing, not even a nonce record. Accounts are created by
//   genesis or by receiving a successful transfer (at least 1 unit).
// - Balances never go negative; the total supply never changes (asserted after every block).
// - State root: merkle tree (src/crypto/merkle.ts) over the accounts sorted by public key, each
//   leaf = pubkey(32) || balance (16 BE) || nonce (8 BE, highest executed) || floor (8 BE) ||
//   sha256(recent nonces as 8-byte BE, ascending) (32).
import { assertNever, decodeTransfer, type Transaction, type TxResult } from '../codec/index.js'
import { leafHash, merkleRootOfLeafHashes } from '../crypto/merkle.js'
import { bytesEqual, toHex } from '../crypto/hash.js'
import { highestNonce, nonceBoundUs, nonceProblem, recentDigest, recordNonce, type NonceProblem } from './nonces.js'
import { decodeSnapshot, encodeSnapshot, SnapshotError } from './snapshot.js'
import type { Application, BlockContext, CheckResult, PreparedBlock } from './types.js'

/** One account: its balance and the nonce state of src/app/nonces.ts. */
export interface Account { balance: bigint, floor: number, recent: number[] }
/** What `account()` returns: a copy, with the highest executed nonce (0 before the first). */
export type AccountView = Account & { nonce: number }

// 2 was STALE_NONCE (strictly increasing nonces); it is retired, not reused.
export const CODE = {
  OK: 0,
  BAD_PAYLOAD: 1,
  ZERO_AMOUNT: 3,
  INSUFFICIENT_FUNDS: 4,
  SELF_TRANSFER: 5,
  /** The nonce already executed for this account (a replay or a retransmission). */
  DUPLICATE_NONCE: 6,
  /** The nonce is at or below the account's floor: RECENT_NONCES_MAX later nonces executed. */
  NONCE_TOO_OLD: 7,
  /** The nonce is more than NONCE_FUTURE_US ahead of the block's timestamp (not consumed). */
  NONCE_TOO_FAR_AHEAD: 8,
  /** The sending account does not exist: nothing changes, nothing is recorded. */
  UNFUNDED: 9
} as const
const BALANCE_MAX = (1n << 128n) - 1n
const NONCE_CODE: Record<NonceProblem, number> = { 'too-old': CODE.NONCE_TOO_OLD, duplicate: CODE.DUPLICATE_NONCE, 'too-far-ahead': CODE.NONCE_TOO_FAR_AHEAD }

export class AppInvariantError extends Error {
  override readonly name = 'AppInvariantError'
}

function leafOf (key: string, a: Account): Uint8Array {
  const b = new Uint8Array(96)
  b.set(Buffer.from(key, 'hex'), 0)
  const v = new DataView(b.buffer)
  v.setBigUint64(32, a.balance >> 64n)
  v.setBigUint64(40, a.balance & 0xffffffffffffffffn)
  v.setBigUint64(48, BigInt(highestNonce(a)))
  v.setBigUint64(56, BigInt(a.floor))
  b.set(recentDigest(a.recent), 64)
  return leafHash(b)
}

function nonceLog (p: NonceProblem, nonce: number, a: Account, boundUs: number): string {
  switch (p) {
    case 'too-old': return `nonce too old: ${nonce} is at or below the account's floor ${a.floor}`
    case 'duplicate': return `duplicate nonce: ${nonce} already executed for this account`
    case 'too-far-ahead': return `nonce too far ahead: ${nonce} exceeds ${boundUs} (the time in µs + 60 s)`
    default: return assertNever(p)
  }
}

export class AccountsApp implements Application {
  private readonly accounts = new Map<string, Account>()
  private readonly leaves = new Map<string, Uint8Array>()
  private sortedKeys: string[] = []
  readonly totalSupply: bigint

  constructor (initial: Array<{ publicKey: Uint8Array, balance: bigint }>) {
    let total = 0n
    for (const a of initial) {
      const key = toHex(a.publicKey)
      if (a.balance < 0n || a.balance > BALANCE_MAX) throw new RangeError(`balance of ${key} out of range`)
      this.accounts.set(key, { balance: (this.accounts.get(key)?.balance ?? 0n) + a.balance, floor: 0, recent: [] })
      total += a.balance
    }
    this.totalSupply = total
    this.sortedKeys = [...this.accounts.keys()].sort()
    for (const k of this.sortedKeys) this.leaves.set(k, leafOf(k, this.accounts.get(k) as Account))
  }

  account (publicKey: Uint8Array | string): AccountView | undefined {
    const a = this.accounts.get(typeof publicKey === 'string' ? publicKey.toLowerCase() : toHex(publicKey))
    return a === undefined ? undefined : { balance: a.balance, nonce: highestNonce(a), floor: a.floor, recent: [...a.recent] }
  }

  checkTx (tx: Transaction): CheckResult {
    const t = decodeTransfer(tx.payload)
    if (!t.ok) return { ok: false, code: CODE.BAD_PAYLOAD, log: `bad payload: ${t.error.message}` }
    if (t.value.amount <= 0n) return { ok: false, code: CODE.ZERO_AMOUNT, log: 'amount must be positive' }
    return { ok: true }
  }

  /**
   * Why a replica should refuse `tx` before ordering it, against the committed state and the
   * replica's clock `nowMs`; undefined when it may be ordered. Cheap: decodes the payload and
   * looks up one account; no signature check (the caller verifies after admission). The reason
   * starts with a stable phrase: 'bad payload', 'amount must be positive', 'unfunded',
   * 'nonce too old', 'duplicate nonce', 'nonce too far ahead'. Passing it does not mean the
   * transfer will succeed (the state may change before it executes), and failing it means only
   * that it would fail if executed now.
   */
  admissionProblem (tx: Transaction, nowMs: number): string | undefined {
    const t = decodeTransfer(tx.payload)
    if (!t.ok) return `bad payload: ${t.error.message}`
    if (t.value.amount <= 0n) return 'amount must be positive'
    const a = this.accounts.get(toHex(tx.client))
    if (a === undefined) return 'unfunded: the sending account does not exist'
    if (a.balance < t.value.amount) return `unfunded: balance ${a.balance} is below the amount ${t.value.amount}`
    const boundUs = nonceBoundUs(nowMs)
    const p = nonceProblem(a, tx.nonce, boundUs)
    return p === undefined ? undefined : nonceLog(p, tx.nonce, a, boundUs)
  }

  prepareBlock (block: BlockContext, txs: Transaction[]): PreparedBlock {
    const overlay = new Map<string, Account>()
    const get = (k: string): Account | undefined => overlay.get(k) ?? this.accounts.get(k)
    const boundUs = nonceBoundUs(block.timestampMs)
    const results: TxResult[] = txs.map(tx => this.executeOne(tx, boundUs, get, overlay))
    const leaves = new Map<string, Uint8Array>()
    for (const [k, a] of overlay) leaves.set(k, leafOf(k, a))
    const stateRoot = this.rootWith(leaves)
    return { results, stateRoot, commit: () => { this.apply(overlay, leaves) } }
  }

  private executeOne (tx: Transaction, boundUs: number, get: (k: string) => Account | undefined, overlay: Map<string, Account>): TxResult {
    const check = this.checkTx(tx)
    if (!check.ok) return { code: check.code, log: check.log }
    const t = decodeTransfer(tx.payload)
    if (!t.ok) return { code: CODE.BAD_PAYLOAD, log: 'bad payload' }
    const from = toHex(tx.client)
    const to = toHex(t.value.to)
    const sender = get(from)
    if (sender === undefined) return { code: CODE.UNFUNDED, log: 'unfunded: the sending account does not exist' }
    const p = nonceProblem(sender, tx.nonce, boundUs)
    if (p !== undefined) return { code: NONCE_CODE[p], log: nonceLog(p, tx.nonce, sender, boundUs) }
    const s: Account = { balance: sender.balance, ...recordNonce(sender, tx.nonce) }
    overlay.set(from, s)
    if (from === to) return { code: CODE.SELF_TRANSFER, log: 'transfer to self' }
    if (s.balance < t.value.amount) return { code: CODE.INSUFFICIENT_FUNDS, log: `insufficient funds: balance ${s.balance}, amount ${t.value.amount}` }
    const receiver = get(to) ?? { balance: 0n, floor: 0, recent: [] }
    if (receiver.balance + t.value.amount > BALANCE_MAX) return { code: CODE.INSUFFICIENT_FUNDS, log: 'receiver balance would overflow' }
    s.balance -= t.value.amount
    overlay.set(to, { ...receiver, balance: receiver.balance + t.value.amount })
    return { code: CODE.OK, log: 'ok' }
  }

  /** The root with `changed` leaves (by key) in place of the current ones. */
  private rootWith (changed: Map<string, Uint8Array>): Uint8Array {
    if (changed.size === 0) return merkleRootOfLeafHashes(this.sortedKeys.map(k => this.leaves.get(k) as Uint8Array))
    const added = [...changed.keys()].filter(k => !this.accounts.has(k))
    const keys = added.length === 0 ? this.sortedKeys : [...this.sortedKeys, ...added].sort()
    return merkleRootOfLeafHashes(keys.map(k => changed.get(k) ?? this.leaves.get(k) as Uint8Array))
  }

  private apply (overlay: Map<string, Account>, leaves: Map<string, Uint8Array>): void {
    let added = false
    for (const [k, a] of overlay) {
      if (a.balance < 0n) throw new AppInvariantError(`negative balance for ${k}`)
      if (!this.accounts.has(k)) added = true
      this.accounts.set(k, a)
      this.leaves.set(k, leaves.get(k) as Uint8Array)
    }
    if (added) this.sortedKeys = [...this.accounts.keys()].sort()
    if (overlay.size > 0) {
      let total = 0n
      for (const a of this.accounts.values()) total += a.balance
      if (total !== this.totalSupply) throw new AppInvariantError(`total supply changed: ${this.totalSupply} -> ${total}`)
    }
  }

  stateRoot (): Uint8Array { return this.rootWith(new Map()) }

  /** The whole state as canonical bytes (src/app/snapshot.ts). */
  snapshot (): Uint8Array {
    return encodeSnapshot(this.sortedKeys.map(key => ({ key, ...(this.accounts.get(key) as Account) })))
  }

  /**
   * Replaces the state with a snapshot, only if its recomputed root is `expectedStateRoot` and its
   * total supply is this app's (genesis) supply; otherwise throws SnapshotError and changes nothing.
   */
  restore (bytes: Uint8Array, expectedStateRoot: Uint8Array): void {
    const records = decodeSnapshot(bytes)
    const leaves = records.map(r => leafOf(r.key, r))
    if (!bytesEqual(merkleRootOfLeafHashes(leaves), expectedStateRoot)) throw new SnapshotError('snapshot.stateRoot', 'the snapshot\'s state root differs from the header\'s')
    let total = 0n
    for (const r of records) total += r.balance
    if (total !== this.totalSupply) throw new SnapshotError('snapshot.totalSupply', `is ${total}, genesis supply is ${this.totalSupply}`)
    this.accounts.clear()
    this.leaves.clear()
    records.forEach((r, i) => {
      this.accounts.set(r.key, { balance: r.balance, floor: r.floor, recent: r.recent })
      this.leaves.set(r.key, leaves[i] as Uint8Array)
    })
    this.sortedKeys = records.map(r => r.key)
  }
}

/** The state root of a snapshot's state (throws SnapshotError when it does not decode). */
export function snapshotStateRoot (bytes: Uint8Array): Uint8Array {
  return merkleRootOfLeafHashes(decodeSnapshot(bytes).map(r => leafOf(r.key, r)))
}
