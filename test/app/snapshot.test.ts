// The accounts app's snapshot: canonical bytes (sorted, fixed records), restored only when its
// root is the expected header stateRoot and its supply is genesis supply.
import { describe, expect, it } from 'vitest'
import { AccountsApp } from '../../src/app/accounts.js'
import { SnapshotError, SNAPSHOT_RECORD_BYTES } from '../../src/app/snapshot.js'
import { createSigner } from '../../src/crypto/ed25519.js'
import { accountSeed, transfer } from '../ledger/fixtures.js'

const keys = [0, 1, 2].map(i => createSigner(accountSeed(i)).publicKey)
const fresh = (): AccountsApp => new AccountsApp(keys.map(publicKey => ({ publicKey, balance: 1000n })))
const stranger = createSigner(new Uint8Array(32).fill(7)).publicKey

function advanced (): AccountsApp {
  const app = fresh()
  app.prepareBlock(1, [transfer(0, 1, 3, 10n), transfer(2, 1, 9, 1n)]).commit()
  return app
}

describe('accounts snapshot', () => {
  it('restores the same balances, nonces and state root, and the same bytes again', () => {
    const src = advanced()
    const bytes = src.snapshot()
    expect(bytes.byteLength).toBe(5 + 3 * SNAPSHOT_RECORD_BYTES)
    const dst = fresh()
    dst.restore(bytes, src.stateRoot())
    expect(dst.stateRoot()).toEqual(src.stateRoot())
    for (const k of keys) expect(dst.account(k)).toEqual(src.account(k))
    expect(dst.snapshot()).toEqual(bytes)
    // and it executes on: same next block, same root
    const next = [transfer(1, 0, 4, 7n)]
    expect(dst.prepareBlock(2, next).stateRoot).toEqual(src.prepareBlock(2, next).stateRoot)
  })

  it('is refused, leaving the state unchanged, when its root is not the expected one', () => {
    const src = advanced()
    const dst = fresh()
    const before = dst.stateRoot()
    expect(() => { dst.restore(src.snapshot(), before) }).toThrow(SnapshotError)
    expect(dst.stateRoot()).toEqual(before)
    try { dst.restore(src.snapshot(), before) } catch (e) { expect((e as SnapshotError).field).toBe('snapshot.stateRoot') }
  })

  it('names the field of a malformed snapshot: version, count, order, supply', () => {
    const src = advanced()
    const field = (bytes: Uint8Array, app = fresh(), root = src.stateRoot()): string => {
      try { app.restore(bytes, root); return 'accepted' } catch (e) { return (e as SnapshotError).field }
    }
    const b = src.snapshot()
    expect(field(b)).toBe('accepted')
    expect(field(Uint8Array.of(2, ...b.subarray(1)))).toBe('snapshot.version')
    expect(field(b.subarray(0, b.byteLength - 1))).toBe('snapshot.count')
    const swapped = new Uint8Array(b)
    swapped.set(b.subarray(5, 5 + SNAPSHOT_RECORD_BYTES), 5 + SNAPSHOT_RECORD_BYTES)
    swapped.set(b.subarray(5 + SNAPSHOT_RECORD_BYTES, 5 + 2 * SNAPSHOT_RECORD_BYTES), 5)
    expect(field(swapped)).toBe('snapshot.accounts[1].publicKey')
    // a consistent snapshot with a different supply: its own root, but not genesis supply
    const richer = new AccountsApp([...keys.map(publicKey => ({ publicKey, balance: 1000n })), { publicKey: stranger, balance: 5n }])
    expect(field(richer.snapshot(), fresh(), richer.stateRoot())).toBe('snapshot.totalSupply')
  })
})
