// The built-in accounts app: signed transfers between ed25519 accounts.
// - tx.client is the sending account; payload = pb.Transfer { to, amount }.
// - Nonces: a transfer executes only if its nonce is above the account's last nonce (strictly
//   increasing, gaps allowed — PBFT's client timestamps). Once the nonce check passes the
//   nonce advances, even if the transfer then fails for funds, so no transaction can ever be
//   replayed. A transfer with a stale nonce or bad payload changes nothing.
// - Balances never go negative; the total supply never changes (asserted after every block).
// - State root: merkle tree (src/crypto/merkle.ts) over the accounts sorted by public key, each
//   leaf = pubkey(32) || balance (16 bytes big-endian) || nonce (8 bytes big-endian).
import { decodeTransfer, type Transaction, type TxResult } from '../codec/index.js'
import { leafHash, merkleRootOfLeafHashes } from '../crypto/merkle.js'
import { bytesEqual, toHex } from '../crypto/hash.js'
import { decodeSnapshot, encodeSnapshot, SnapshotError } from './snapshot.js'
import type { Application, CheckResult, PreparedBlock } from './types.js'

export interface Account { balance: bigint, nonce: number }

export const CODE = { OK: 0, BAD_PAYLOAD: 1, STALE_NONCE: 2, ZERO_AMOUNT: 3, INSUFFICIENT_FUNDS: 4, SELF_TRANSFER: 5 } as const
const BALANCE_MAX = (1n << 128n) - 1n

export class AppInvariantError extends Error {
  override readonly name = 'AppInvariantError'
}

function leafOf (key: string, a: Account): Uint8Array {
  const b = new Uint8Array(56)
  b.set(Buffer.from(key, 'hex'), 0)
  const v = new DataView(b.buffer)
  v.setBigUint64(32, a.balance >> 64n)
  v.setBigUint64(40, a.balance & 0xffffffffffffffffn)
  v.setBigUint64(48, BigInt(a.nonce))
  return leafHash(b)
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
      const acc = { balance: (this.accounts.get(key)?.balance ?? 0n) + a.balance, nonce: 0 }
      this.accounts.set(key, acc)
      total += a.balance
    }
    this.totalSupply = total
    this.sortedKeys = [...this.accounts.keys()].sort()
    for (const k of this.sortedKeys) this.leaves.set(k, leafOf(k, this.accounts.get(k) as Account))
  }

  account (publicKey: Uint8Array | string): Account | undefined {
    const a = this.accounts.get(typeof publicKey === 'string' ? publicKey.toLowerCase() : toHex(publicKey))
    return a === undefined ? undefined : { ...a }
  }

  accountCount (): number { return this.accounts.size }

  checkTx (tx: Transaction): CheckResult {
    const t = decodeTransfer(tx.payload)
    if (!t.ok) return { ok: false, code: CODE.BAD_PAYLOAD, log: `bad payload: ${t.error.message}` }
    if (t.value.amount <= 0n) return { ok: false, code: CODE.ZERO_AMOUNT, log: 'amount must be positive' }
    return { ok: true }
  }

  prepareBlock (_height: number, txs: Transaction[]): PreparedBlock {
    const overlay = new Map<string, Account>()
    const get = (k: string): Account | undefined => overlay.get(k) ?? this.accounts.get(k)
    const results: TxResult[] = txs.map(tx => this.executeOne(tx, get, overlay))
    const stateRoot = this.rootWith(overlay)
    return { results, stateRoot, commit: () => { this.apply(overlay) } }
  }

  private executeOne (tx: Transaction, get: (k: string) => Account | undefined, overlay: Map<string, Account>): TxResult {
    const check = this.checkTx(tx)
    if (!check.ok) return { code: check.code, log: check.log }
    const t = decodeTransfer(tx.payload)
    if (!t.ok) return { code: CODE.BAD_PAYLOAD, log: 'bad payload' }
    const from = toHex(tx.client)
    const to = toHex(t.value.to)
    const sender = get(from) ?? { balance: 0n, nonce: 0 }
    if (tx.nonce <= sender.nonce) return { code: CODE.STALE_NONCE, log: `stale nonce ${tx.nonce} (last ${sender.nonce})` }
    const s = { balance: sender.balance, nonce: tx.nonce }
    overlay.set(from, s)
    if (from === to) return { code: CODE.SELF_TRANSFER, log: 'transfer to self' }
    if (s.balance < t.value.amount) return { code: CODE.INSUFFICIENT_FUNDS, log: `insufficient funds: balance ${s.balance}, amount ${t.value.amount}` }
    const receiver = get(to) ?? { balance: 0n, nonce: 0 }
    if (receiver.balance + t.value.amount > BALANCE_MAX) return { code: CODE.INSUFFICIENT_FUNDS, log: 'receiver balance would overflow' }
    s.balance -= t.value.amount
    overlay.set(to, { balance: receiver.balance + t.value.amount, nonce: receiver.nonce })
    return { code: CODE.OK, log: 'ok' }
  }

  private rootWith (overlay: Map<string, Account>): Uint8Array {
    if (overlay.size === 0) return merkleRootOfLeafHashes(this.sortedKeys.map(k => this.leaves.get(k) as Uint8Array))
    const added = [...overlay.keys()].filter(k => !this.accounts.has(k))
    const keys = added.length === 0 ? this.sortedKeys : [...this.sortedKeys, ...added].sort()
    return merkleRootOfLeafHashes(keys.map(k => {
      const o = overlay.get(k)
      return o !== undefined ? leafOf(k, o) : this.leaves.get(k) as Uint8Array
    }))
  }

  private apply (overlay: Map<string, Account>): void {
    let added = false
    for (const [k, a] of overlay) {
      if (a.balance < 0n) throw new AppInvariantError(`negative balance for ${k}`)
      if (!this.accounts.has(k)) added = true
      this.accounts.set(k, a)
      this.leaves.set(k, leafOf(k, a))
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
      this.accounts.set(r.key, { balance: r.balance, nonce: r.nonce })
      this.leaves.set(r.key, leaves[i] as Uint8Array)
    })
    this.sortedKeys = records.map(r => r.key)
  }
}
