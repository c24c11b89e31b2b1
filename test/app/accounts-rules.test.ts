// The accounts app's rules one at a time (src/app/accounts.ts): each outcome's code and log (both
// committed by the block's results root, so every replica must write the same), which refusals
// consume the nonce, the balance range, the state root of a block that creates accounts, and the
// refusals of restore. Genesis: accounts 0, 1, 2 with 1000 each; their keys sort 0 < 2 < 1, and
// account 3 (not in genesis) sorts before all of them, 7 between 2 and 1, 15 after all.
import { describe, expect, it } from 'vitest'
import { AccountsApp, CODE, snapshotStateRoot } from '../../src/app/accounts.js'
import { SnapshotError } from '../../src/app/snapshot.js'
import { decodeTransfer, type Transaction } from '../../src/codec/index.js'
import { createSigner } from '../../src/crypto/ed25519.js'
import { toHex } from '../../src/crypto/hash.js'
import { accountSeed, transfer } from '../ledger/fixtures.js'

const key = (i: number): Uint8Array => createSigner(accountSeed(i)).publicKey
const keys = [0, 1, 2].map(key)
const fresh = (): AccountsApp => new AccountsApp(keys.map(publicKey => ({ publicKey, balance: 1000n })))
const T = 1_700_000_000_000
const at = (height = 1): { height: number, timestampMs: number } => ({ height, timestampMs: T })
const BALANCE_MAX = (1n << 128n) - 1n
const badPayload = (tx: Transaction): Transaction => ({ ...tx, payload: Uint8Array.of(0xff, 0xff) })
/** The decoder's reason for a payload that does not decode (the log quotes it). */
function decodeError (payload: Uint8Array): string {
  const d = decodeTransfer(payload)
  if (d.ok) throw new Error('the payload decodes')
  return d.error.message
}

/** What `account()` shows of account i: balance and recent nonces. */
const shown = (app: AccountsApp, i: number): { balance: bigint, recent: number[] } | undefined => {
  const a = app.account(key(i))
  return a === undefined ? undefined : { balance: a.balance, recent: a.recent }
}

describe('results: each outcome has its code and its log', () => {
  it('one block with every outcome but the overflow: code and log of each, in order', () => {
    const app = fresh()
    app.prepareBlock(at(), [transfer(0, 1, 5, 1n)]).commit()
    const tx = badPayload(transfer(0, 1, 6, 1n))
    const p = app.prepareBlock(at(2), [
      transfer(0, 1, 7, 1n), tx, transfer(0, 1, 8, 0n), transfer(7, 0, 1, 1n), transfer(0, 1, 5, 1n),
      transfer(0, 0, 9, 1n), transfer(1, 2, 1, 5000n), transfer(2, 1, T * 1000 + 60_000_001, 1n)
    ])
    expect(p.results).toEqual([
      { code: CODE.OK, log: 'ok' },
      { code: CODE.BAD_PAYLOAD, log: `bad payload: ${decodeError(tx.payload)}` },
      { code: CODE.ZERO_AMOUNT, log: 'amount must be positive' },
      { code: CODE.UNFUNDED, log: 'unfunded: the sending account does not exist' },
      { code: CODE.DUPLICATE_NONCE, log: 'duplicate nonce: 5 already executed for this account' },
      { code: CODE.SELF_TRANSFER, log: 'transfer to self' },
      { code: CODE.INSUFFICIENT_FUNDS, log: 'insufficient funds: balance 1002, amount 5000' },
      { code: CODE.NONCE_TOO_FAR_AHEAD, log: `nonce too far ahead: ${T * 1000 + 60_000_001} exceeds ${T * 1000 + 60_000_000} (the time in µs + 60 s)` }
    ])
  })

  it('checkTx refuses a payload that does not decode and a zero amount, and accepts a positive one', () => {
    const app = fresh()
    const tx = badPayload(transfer(0, 1, 1, 1n))
    expect(app.checkTx(tx)).toEqual({ ok: false, code: CODE.BAD_PAYLOAD, log: `bad payload: ${decodeError(tx.payload)}` })
    expect(app.checkTx(transfer(0, 1, 1, 0n))).toEqual({ ok: false, code: CODE.ZERO_AMOUNT, log: 'amount must be positive' })
    expect(app.checkTx(transfer(0, 1, 1, 1n))).toEqual({ ok: true })
  })
})

describe('nonces: which refusals consume the nonce', () => {
  it('a payload that does not decode or a zero amount consumes nothing: the same nonce executes afterwards', () => {
    const app = fresh()
    const root = app.stateRoot()
    const p = app.prepareBlock(at(), [badPayload(transfer(0, 1, 1, 1n)), transfer(0, 1, 2, 0n)])
    expect(p.results.map(r => r.code)).toEqual([CODE.BAD_PAYLOAD, CODE.ZERO_AMOUNT])
    expect(p.stateRoot).toEqual(root)
    p.commit()
    expect(shown(app, 0)).toEqual({ balance: 1000n, recent: [] })
    expect(app.prepareBlock(at(2), [transfer(0, 1, 1, 1n), transfer(0, 1, 2, 1n)]).results.map(r => r.code)).toEqual([CODE.OK, CODE.OK])
  })

  it('a transfer to self fails as SELF_TRANSFER, moves nothing, and consumes its nonce', () => {
    const app = fresh()
    const p = app.prepareBlock(at(), [transfer(0, 0, 1, 10n)])
    expect(p.results).toEqual([{ code: CODE.SELF_TRANSFER, log: 'transfer to self' }])
    p.commit()
    expect(shown(app, 0)).toEqual({ balance: 1000n, recent: [1] })
    expect(app.prepareBlock(at(2), [transfer(0, 1, 1, 10n)]).results[0]!.code).toBe(CODE.DUPLICATE_NONCE)
  })
})

describe('balances: 0 to 2^128 - 1', () => {
  it('genesis balances must lie in 0..2^128-1: both ends accepted, -1 and 2^128 refused with a RangeError naming the account', () => {
    const app = new AccountsApp([{ publicKey: keys[0]!, balance: 0n }, { publicKey: keys[1]!, balance: BALANCE_MAX }])
    expect([shown(app, 0)?.balance, shown(app, 1)?.balance]).toEqual([0n, BALANCE_MAX])
    for (const balance of [-1n, BALANCE_MAX + 1n]) {
      expect(() => new AccountsApp([{ publicKey: keys[2]!, balance }])).toThrow(new RangeError(`balance of ${toHex(keys[2]!)} out of range`))
    }
  })

  it('a receiver may reach 2^128 - 1 but not pass it: the transfer that would overflow fails as INSUFFICIENT_FUNDS and consumes its nonce', () => {
    const app = new AccountsApp([{ publicKey: keys[0]!, balance: BALANCE_MAX - 1n }, { publicKey: keys[1]!, balance: 3n }])
    const p = app.prepareBlock(at(), [transfer(1, 0, 1, 1n), transfer(1, 0, 2, 1n)])
    expect(p.results).toEqual([{ code: CODE.OK, log: 'ok' }, { code: CODE.INSUFFICIENT_FUNDS, log: 'receiver balance would overflow' }])
    p.commit()
    expect([shown(app, 0), shown(app, 1)]).toEqual([{ balance: BALANCE_MAX, recent: [] }, { balance: 2n, recent: [1, 2] }])
  })
})

describe('state', () => {
  it('account() finds an account by its key as bytes or as hex of either case; an unknown key finds none', () => {
    const app = fresh()
    const hex = toHex(keys[0]!)
    expect(hex).toMatch(/[a-f]/)
    for (const k of [keys[0]!, hex, hex.toUpperCase()]) expect(app.account(k)).toEqual({ balance: 1000n, nonce: 0, floor: 0, recent: [] })
    expect(app.account(key(7))).toBeUndefined()
  })

  it('a prepared block changes nothing until commit: dropped, it leaves balances, nonces and root as they were', () => {
    const app = fresh()
    const root = app.stateRoot()
    const p = app.prepareBlock(at(), [transfer(0, 1, 1, 10n), transfer(0, 7, 2, 10n)])
    expect(p.results.map(r => r.code)).toEqual([CODE.OK, CODE.OK])
    expect([shown(app, 0), shown(app, 1), shown(app, 7)]).toEqual([{ balance: 1000n, recent: [] }, { balance: 1000n, recent: [] }, undefined])
    expect(app.stateRoot()).toEqual(root)
    // the same transactions prepared again are not replays of the dropped ones
    expect(app.prepareBlock(at(), [transfer(0, 1, 1, 10n)]).results[0]!.code).toBe(CODE.OK)
  })

  it.each([
    ['first', [3]], ['between two', [7]], ['last', [15]], ['first, between and last at once', [15, 7, 3]]
  ])('a block that creates accounts whose keys sort %s announces the root it commits, and its snapshot restores to it', (_where, created) => {
    const app = fresh()
    const p = app.prepareBlock(at(), created.map((to, i) => transfer(0, to, i + 1, 5n)))
    expect(p.results.every(r => r.code === CODE.OK)).toBe(true)
    p.commit()
    for (const to of created) expect(shown(app, to)).toEqual({ balance: 5n, recent: [] })
    expect(app.stateRoot()).toEqual(p.stateRoot)
    expect(snapshotStateRoot(app.snapshot())).toEqual(p.stateRoot)
    const copy = fresh()
    copy.restore(app.snapshot(), p.stateRoot)
    expect(copy.stateRoot()).toEqual(p.stateRoot)
    // and the next block's root, prepared on either, is the same
    const next = [transfer(created[0]!, 1, 1, 1n)]
    expect(copy.prepareBlock(at(2), next).stateRoot).toEqual(app.prepareBlock(at(2), next).stateRoot)
  })

  it('the state root does not depend on the order of genesis accounts', () => {
    const reversed = new AccountsApp([...keys].reverse().map(publicKey => ({ publicKey, balance: 1000n })))
    expect(reversed.stateRoot()).toEqual(fresh().stateRoot())
    expect(reversed.snapshot()).toEqual(fresh().snapshot())
  })
})

describe('restore: only the state the header names, with genesis supply', () => {
  /** The SnapshotError restore throws, as [field, reason], and whether the state was left as it was. */
  function refusal (app: AccountsApp, bytes: Uint8Array, root: Uint8Array): [string, string, boolean] {
    const before = app.snapshot()
    try { app.restore(bytes, root) } catch (e) {
      if (e instanceof SnapshotError) return [e.field, e.reason, bytesEqual(app.snapshot(), before)]
      throw e
    }
    return ['accepted', '', bytesEqual(app.snapshot(), before)]
  }
  const bytesEqual = (a: Uint8Array, b: Uint8Array): boolean => toHex(a) === toHex(b)

  it('a snapshot whose recomputed root is not the expected one is refused, and the state is left unchanged', () => {
    const src = fresh()
    src.prepareBlock(at(), [transfer(0, 1, 1, 10n)]).commit()
    const dst = fresh()
    expect(refusal(dst, src.snapshot(), dst.stateRoot())).toEqual(['snapshot.stateRoot', 'the snapshot\'s state root differs from the header\'s', true])
    expect(refusal(dst, src.snapshot(), src.stateRoot())).toEqual(['accepted', '', false])
  })

  it('a consistent snapshot of another supply is refused, naming both supplies', () => {
    const richer = new AccountsApp([...keys.map(publicKey => ({ publicKey, balance: 1000n })), { publicKey: key(7), balance: 5n }])
    expect(refusal(fresh(), richer.snapshot(), richer.stateRoot())).toEqual(['snapshot.totalSupply', 'is 3005, genesis supply is 3000', true])
  })
})
