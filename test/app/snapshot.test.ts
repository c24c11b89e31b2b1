// The accounts app's snapshot: canonical bytes (sorted records, each with its floor and recent
// nonces), restored only when its root is the expected header stateRoot and its supply is
// genesis supply.
import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { AccountsApp, CODE } from '../../src/app/accounts.js'
import { RECENT_NONCES_MAX } from '../../src/app/nonces.js'
import { decodeSnapshot, encodeSnapshot, SNAPSHOT_BYTES_MAX, SNAPSHOT_RECORD_FIXED_BYTES, SNAPSHOT_VERSION, SnapshotError, type SnapshotAccount } from '../../src/app/snapshot.js'
import { createSigner } from '../../src/crypto/ed25519.js'
import { accountSeed, transfer } from '../ledger/fixtures.js'

const keys = [0, 1, 2].map(i => createSigner(accountSeed(i)).publicKey)
const fresh = (): AccountsApp => new AccountsApp(keys.map(publicKey => ({ publicKey, balance: 100_000n })))
const stranger = createSigner(new Uint8Array(32).fill(7)).publicKey
const T = 1_700_000_000_000

/** Account 0 holds nonces 3 and 9, account 2 a full recent set above a floor, account 1 none. */
function advanced (): AccountsApp {
  const app = fresh()
  const full = Array.from({ length: RECENT_NONCES_MAX + 5 }, (_, i) => transfer(2, 1, 100 + i, 1n))
  const p = app.prepareBlock({ height: 1, timestampMs: T }, [transfer(0, 1, 9, 10n), transfer(0, 1, 3, 10n), ...full])
  expect(p.results.every(r => r.code === CODE.OK)).toBe(true)
  p.commit()
  return app
}

function field (bytes: Uint8Array, root: Uint8Array, app = fresh()): string {
  try { app.restore(bytes, root); return 'accepted' } catch (e) { return (e as SnapshotError).field }
}

describe('accounts snapshot', () => {
  it('restores the same balances, floors, recent nonces and state root, and the same bytes again', () => {
    const src = advanced()
    const bytes = src.snapshot()
    expect(bytes[0]).toBe(SNAPSHOT_VERSION)
    expect(bytes.byteLength).toBe(5 + 3 * SNAPSHOT_RECORD_FIXED_BYTES + 8 * (2 + RECENT_NONCES_MAX))
    expect(src.account(keys[2]!)).toMatchObject({ floor: 104, nonce: 100 + RECENT_NONCES_MAX + 4 })
    const dst = fresh()
    dst.restore(bytes, src.stateRoot())
    expect(dst.stateRoot()).toEqual(src.stateRoot())
    for (const k of keys) expect(dst.account(k)).toEqual(src.account(k))
    expect(dst.account(keys[0]!)!.recent).toEqual([3, 9])
    expect(dst.snapshot()).toEqual(bytes)
    // and it executes on with the same replay protection: same results, same root
    const next = [transfer(0, 1, 3, 7n), transfer(0, 1, 5, 7n), transfer(2, 0, 104, 1n), transfer(2, 0, 105, 1n), transfer(2, 0, 99_999, 1n)]
    const a = dst.prepareBlock({ height: 2, timestampMs: T }, next)
    const b = src.prepareBlock({ height: 2, timestampMs: T }, next)
    expect(a.results.map(r => r.code)).toEqual([CODE.DUPLICATE_NONCE, CODE.OK, CODE.NONCE_TOO_OLD, CODE.DUPLICATE_NONCE, CODE.OK])
    expect(a.results).toEqual(b.results)
    expect(a.stateRoot).toEqual(b.stateRoot)
  })

  it('is refused, leaving the state unchanged, when its root is not the expected one', () => {
    const src = advanced()
    const dst = fresh()
    const before = dst.stateRoot()
    expect(() => { dst.restore(src.snapshot(), before) }).toThrow(SnapshotError)
    expect(dst.stateRoot()).toEqual(before)
    expect(field(src.snapshot(), before, dst)).toBe('snapshot.stateRoot')
  })

  it('a recent set changed in the snapshot changes its root (the leaf commits to it)', () => {
    const src = advanced()
    const records = decodeSnapshot(src.snapshot())
    const two = records.findIndex(r => r.recent.length === 2)
    expect(records[two]!.recent).toEqual([3, 9])
    records[two]!.recent = [4, 9]
    expect(field(encodeSnapshot(records), src.stateRoot())).toBe('snapshot.stateRoot')
  })

  it('names the field of a malformed snapshot: version, count, order, recent nonces, supply', () => {
    const src = advanced()
    const root = src.stateRoot()
    const b = src.snapshot()
    expect(field(b, root)).toBe('accepted')
    expect(field(Uint8Array.of(1, ...b.subarray(1)), root)).toBe('snapshot.version')
    expect(field(b.subarray(0, b.byteLength - 1), root)).toBe('snapshot.count')
    expect(field(Uint8Array.of(...b, 0), root)).toBe('snapshot.count')
    const records = decodeSnapshot(b)
    const two = records.findIndex(r => r.recent.length === 2) // account 0: nonces 3 and 9
    const full = records.findIndex(r => r.recent.length === RECENT_NONCES_MAX)
    const withRecords = (change: (r: SnapshotAccount[]) => void): Uint8Array => {
      const copy = records.map(r => ({ ...r, recent: [...r.recent] }))
      change(copy)
      return encodeSnapshot(copy)
    }
    expect(field(withRecords(r => { [r[0], r[1]] = [r[1]!, r[0]!] }), root)).toBe('snapshot.accounts[1].publicKey')
    expect(field(withRecords(r => { r[two]!.recent = [9, 3] }), root)).toBe(`snapshot.accounts[${two}].recent`)
    expect(field(withRecords(r => { r[two]!.recent = [3, 3, 9] }), root)).toBe(`snapshot.accounts[${two}].recent`)
    expect(field(withRecords(r => { r[full]!.floor = r[full]!.recent[0]! }), root)).toBe(`snapshot.accounts[${full}].recent`) // not above the floor
    expect(field(withRecords(r => { r[two]!.floor = 1 }), root)).toBe(`snapshot.accounts[${two}].recent`) // a floor needs a full set
    expect(field(withRecords(r => { r[two]!.recent = [3, 2 ** 53] }), root)).toBe(`snapshot.accounts[${two}].recent`)
    expect(field(withRecords(r => { r[full]!.recent.push(1e9) }), root)).toBe(`snapshot.accounts[${full}].recent`) // too many
    // a consistent snapshot with a different supply: its own root, but not genesis supply
    const richer = new AccountsApp([...keys.map(publicKey => ({ publicKey, balance: 100_000n })), { publicKey: stranger, balance: 5n }])
    expect(field(richer.snapshot(), richer.stateRoot())).toBe('snapshot.totalSupply')
  })

  it('writes recent nonces as 8-byte big-endian integers, exact up to 2^53 - 1 (property)', () => {
    fc.assert(fc.property(fc.uniqueArray(fc.integer({ min: 1, max: Number.MAX_SAFE_INTEGER }), { maxLength: 20 }), nonces => {
      const recent = [...nonces].sort((a, b) => a - b)
      const bytes = encodeSnapshot([{ key: '00'.repeat(32), balance: 0n, floor: 0, recent }])
      const v = new DataView(bytes.buffer)
      recent.forEach((n, i) => { expect(v.getBigUint64(5 + SNAPSHOT_RECORD_FIXED_BYTES + 8 * i)).toBe(BigInt(n)) })
      expect(decodeSnapshot(bytes)[0]!.recent).toEqual(recent)
    }), { numRuns: 200 })
  })

  it('the size bound is in bytes: a state that does not fit a prune record cannot be snapshotted', () => {
    const recent = Array.from({ length: RECENT_NONCES_MAX }, (_, i) => i + 2)
    const one: SnapshotAccount = { key: '', balance: 1n, floor: 1, recent }
    const fit = Math.floor((SNAPSHOT_BYTES_MAX - 5) / (SNAPSHOT_RECORD_FIXED_BYTES + 8 * RECENT_NONCES_MAX))
    const accounts = (k: number): SnapshotAccount[] => Array.from({ length: k }, (_, i) => ({ ...one, key: i.toString(16).padStart(64, '0') }))
    expect(encodeSnapshot(accounts(fit)).byteLength).toBeLessThanOrEqual(SNAPSHOT_BYTES_MAX)
    expect(() => encodeSnapshot(accounts(fit + 1))).toThrow(expect.objectContaining({ field: 'snapshot.bytes' }))
  })
})
