import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { AccountsApp, CODE } from '../../src/app/accounts.js'
import type { BlockContext } from '../../src/app/types.js'
import { createSigner } from '../../src/crypto/ed25519.js'
import { accountSeed, transfer } from '../ledger/fixtures.js'

const keys = [0, 1, 2].map(i => createSigner(accountSeed(i)).publicKey)
const fresh = (): AccountsApp => new AccountsApp(keys.map(publicKey => ({ publicKey, balance: 1000n })))
/** A block at height 1 proposed at `timestampMs` (a time in 2023, as the ledger fixtures use). */
const T = 1_700_000_000_000
const at = (timestampMs = T, height = 1): BlockContext => ({ height, timestampMs })

describe('accounts app', () => {
  it('a transfer moves funds, records the nonce, and changes the state root', () => {
    const app = fresh()
    const before = app.stateRoot()
    const p = app.prepareBlock(at(), [transfer(0, 1, 1, 10n)])
    expect(p.results).toEqual([{ code: CODE.OK, log: 'ok' }])
    expect(app.account(keys[0]!)!.balance).toBe(1000n) // nothing applied before commit
    p.commit()
    expect(app.account(keys[0]!)).toEqual({ balance: 990n, nonce: 1, floor: 0, recent: [1] })
    expect(app.account(keys[1]!)!.balance).toBe(1010n)
    expect(app.stateRoot()).not.toEqual(before)
  })

  it('replays, overdrafts and bad payloads fail in the block without changing balances', () => {
    const app = fresh()
    const p = app.prepareBlock(at(), [transfer(0, 1, 5, 10n), transfer(0, 1, 5, 10n), transfer(1, 2, 1, 5000n)])
    expect(p.results.map(r => r.code)).toEqual([CODE.OK, CODE.DUPLICATE_NONCE, CODE.INSUFFICIENT_FUNDS])
    p.commit()
    // the overdraft consumed its nonce: it can never execute later
    expect(app.account(keys[1]!)).toEqual({ balance: 1010n, nonce: 1, floor: 0, recent: [1] })
  })

  it('two apps that execute the same blocks have the same state root', () => {
    const a = fresh(); const b = fresh()
    const txs = [transfer(0, 2, 1, 3n), transfer(2, 1, 1, 7n)]
    a.prepareBlock(at(), txs).commit()
    b.prepareBlock(at(), txs).commit()
    expect(a.stateRoot()).toEqual(b.stateRoot())
  })

  it('random transfers keep the total supply constant and balances non-negative (property)', () => {
    fc.assert(fc.property(fc.array(fc.record({ from: fc.nat(2), to: fc.nat(2), nonce: fc.nat(20), amount: fc.bigInt(0n, 1500n) }), { maxLength: 40 }), ops => {
      const app = fresh()
      app.prepareBlock(at(), ops.map(o => transfer(o.from, o.to, o.nonce, o.amount))).commit()
      let total = 0n
      for (const k of keys) {
        const bal = app.account(k)?.balance ?? 0n
        expect(bal >= 0n).toBe(true)
        total += bal
      }
      expect(total).toBe(3000n)
    }), { numRuns: 60 })
  })
})

describe('accounts app: replay protection tolerates reordering, exactly once', () => {
  it('nonce 5 executes after 6, in a later block, and succeeds', () => {
    const app = fresh()
    app.prepareBlock(at(T, 1), [transfer(0, 1, 6, 10n)]).commit()
    const p = app.prepareBlock(at(T + 1, 2), [transfer(0, 1, 5, 10n)])
    expect(p.results).toEqual([{ code: CODE.OK, log: 'ok' }])
    p.commit()
    expect(app.account(keys[0]!)).toEqual({ balance: 980n, nonce: 6, floor: 0, recent: [5, 6] })
  })

  it('a duplicate nonce is refused in a later block and changes nothing, whatever its payload', () => {
    const app = fresh()
    app.prepareBlock(at(T, 1), [transfer(0, 1, 5, 10n), transfer(0, 1, 3, 1n)]).commit()
    const root = app.stateRoot()
    const p = app.prepareBlock(at(T + 1, 2), [transfer(0, 1, 5, 10n), transfer(0, 2, 3, 7n)])
    expect(p.results.map(r => r.code)).toEqual([CODE.DUPLICATE_NONCE, CODE.DUPLICATE_NONCE])
    expect(p.results[0]!.log).toMatch(/^duplicate nonce: 5/)
    expect(p.stateRoot).toEqual(root)
  })

  it('a nonce far ahead of the block time is refused, consumes nothing, and does not brick the account', () => {
    const app = fresh()
    const root = app.stateRoot()
    const p = app.prepareBlock(at(T), [transfer(0, 1, Number.MAX_SAFE_INTEGER, 10n)])
    expect(p.results[0]!.code).toBe(CODE.NONCE_TOO_FAR_AHEAD)
    expect(p.stateRoot).toEqual(root)
    p.commit()
    // the account's ordinary writers go on
    const q = app.prepareBlock(at(T + 1, 2), [transfer(0, 1, 1, 10n), transfer(0, 1, T * 1000, 1n)])
    expect(q.results.map(r => r.code)).toEqual([CODE.OK, CODE.OK])
  })

  it('the bound is the block timestamp in µs + 60 s: exact at the bound, and a later block accepts what an earlier one refused', () => {
    const app = fresh()
    const bound = T * 1000 + 60_000_000
    const p = app.prepareBlock(at(T), [transfer(0, 1, bound, 1n), transfer(0, 1, bound + 1, 1n)])
    expect(p.results.map(r => r.code)).toEqual([CODE.OK, CODE.NONCE_TOO_FAR_AHEAD])
    p.commit()
    expect(app.prepareBlock(at(T + 1, 2), [transfer(0, 1, bound + 1, 1n)]).results[0]!.code).toBe(CODE.OK)
  })

  it('two writers of one account interleave: one clock 20 s fast, the other not, every transfer executes', () => {
    const app = fresh()
    const fast = (k: number): number => (T + 20_000) * 1000 + k
    const slow = (k: number): number => T * 1000 + k
    const blocks = [[fast(1), slow(1)], [slow(2), fast(2)], [fast(3)], [slow(3), slow(4)]]
    blocks.forEach((nonces, h) => {
      const p = app.prepareBlock(at(T + h, h + 1), nonces.map(n => transfer(0, 1, n, 1n)))
      expect(p.results.map(r => r.code)).toEqual(nonces.map(() => CODE.OK))
      p.commit()
    })
    expect(app.account(keys[0]!)).toMatchObject({ balance: 993n, nonce: fast(3), floor: 0 })
  })

  it('past RECENT_NONCES_MAX executed nonces, the smallest becomes the floor, and older nonces are refused as too old', () => {
    const app = new AccountsApp(keys.map(publicKey => ({ publicKey, balance: 1_000_000n })))
    const nonces = Array.from({ length: 1025 }, (_, i) => i + 2) // 2..1026
    const p = app.prepareBlock(at(), nonces.map(n => transfer(0, 1, n, 1n)))
    expect(p.results.every(r => r.code === CODE.OK)).toBe(true)
    p.commit()
    const a = app.account(keys[0]!)!
    expect({ floor: a.floor, size: a.recent.length, first: a.recent[0], nonce: a.nonce }).toEqual({ floor: 2, size: 1024, first: 3, nonce: 1026 })
    const q = app.prepareBlock(at(T, 2), [transfer(0, 1, 1, 1n), transfer(0, 1, 2, 1n), transfer(0, 1, 3, 1n), transfer(0, 1, 2000, 1n)])
    expect(q.results.map(r => r.code)).toEqual([CODE.NONCE_TOO_OLD, CODE.NONCE_TOO_OLD, CODE.DUPLICATE_NONCE, CODE.OK])
  })

  it('the state root commits to the recent set, not only to the highest nonce', () => {
    const a = fresh(); const b = fresh()
    a.prepareBlock(at(), [transfer(0, 1, 3, 1n), transfer(0, 1, 5, 1n)]).commit()
    b.prepareBlock(at(), [transfer(0, 1, 4, 1n), transfer(0, 1, 5, 1n)]).commit()
    expect(a.account(keys[0]!)!.nonce).toBe(b.account(keys[0]!)!.nonce)
    expect(a.account(keys[0]!)!.balance).toBe(b.account(keys[0]!)!.balance)
    expect(a.stateRoot()).not.toEqual(b.stateRoot())
  })

  it('each (account, nonce) executes at most once over many blocks in any order (property)', () => {
    fc.assert(fc.property(fc.array(fc.array(fc.record({ from: fc.nat(1), nonce: fc.integer({ min: 1, max: 12 }) }), { maxLength: 8 }), { maxLength: 6 }), blocks => {
      const app = fresh()
      const consumed = new Set<string>()
      blocks.forEach((ops, h) => {
        const p = app.prepareBlock(at(T + h, h + 1), ops.map(o => transfer(o.from, 2, o.nonce, 1n)))
        ops.forEach((o, i) => {
          const key = `${o.from}/${o.nonce}`
          expect(p.results[i]!.code).toBe(consumed.has(key) ? CODE.DUPLICATE_NONCE : CODE.OK)
          consumed.add(key)
        })
        p.commit()
      })
    }), { numRuns: 40 })
  })
})

describe('accounts app: unfunded senders', () => {
  const stranger = 7 // accountSeed(7) is not in genesis

  it('a transfer from an account that does not exist fails and creates nothing', () => {
    const app = fresh()
    const root = app.stateRoot()
    const p = app.prepareBlock(at(), [transfer(stranger, 0, 1, 1n), transfer(stranger, 8, 2, 1n)])
    expect(p.results.map(r => r.code)).toEqual([CODE.UNFUNDED, CODE.UNFUNDED])
    expect(p.stateRoot).toEqual(root)
    p.commit()
    for (const nobody of [stranger, 8]) expect(app.account(createSigner(accountSeed(nobody)).publicKey)).toBeUndefined()
    expect(app.stateRoot()).toEqual(root)
  })

  it('a funded transfer creates its receiver, which can then send', () => {
    const app = fresh()
    app.prepareBlock(at(), [transfer(0, stranger, 1, 5n)]).commit()
    expect(app.account(createSigner(accountSeed(stranger)).publicKey)).toEqual({ balance: 5n, nonce: 0, floor: 0, recent: [] })
    expect(app.prepareBlock(at(T, 2), [transfer(stranger, 0, 1, 5n)]).results[0]!.code).toBe(CODE.OK)
  })
})

describe('accounts app: admission before ordering (no signature check)', () => {
  const now = T
  let app: AccountsApp | undefined
  /** Account 0 executed nonce 5 (balance 990); account 1 executed 10..1034, so its floor is 10. */
  function admitted (): AccountsApp {
    if (app !== undefined) return app
    app = new AccountsApp(keys.map((publicKey, i) => ({ publicKey, balance: i === 1 ? 1_000_000n : 1000n })))
    app.prepareBlock(at(), [transfer(0, 1, 5, 10n), ...Array.from({ length: 1025 }, (_, i) => transfer(1, 2, i + 10, 1n))]).commit()
    expect(app.account(keys[1]!)!.floor).toBe(10)
    return app
  }

  it('admits a transfer that would execute now', () => {
    expect(admitted().admissionProblem(transfer(0, 1, 4, 990n), now)).toBeUndefined()
    expect(admitted().admissionProblem(transfer(0, 1, now * 1000 + 60_000_000, 1n), now)).toBeUndefined()
  })

  it.each([
    ['an unknown sender', transfer(7, 0, 1, 1n), /^unfunded: the sending account does not exist/],
    ['a balance below the amount', transfer(0, 1, 6, 991n), /^unfunded: balance 990 is below the amount 991/],
    ['an executed nonce', transfer(0, 1, 5, 1n), /^duplicate nonce: 5/],
    ['a nonce at the floor', transfer(1, 2, 10, 1n), /^nonce too old: 10 is at or below the account's floor 10/],
    ['a nonce below the floor', transfer(1, 2, 3, 1n), /^nonce too old/],
    ['a nonce more than 60 s ahead', transfer(0, 1, now * 1000 + 60_000_001, 1n), /^nonce too far ahead/],
    ['a zero amount', transfer(0, 1, 6, 0n), /^amount must be positive/]
  ])('refuses %s', (_name, tx, reason) => {
    expect(admitted().admissionProblem(tx, now)).toMatch(reason)
  })

  it('refuses a payload that does not decode', () => {
    const tx = transfer(0, 1, 6, 1n)
    tx.payload = Uint8Array.of(0xff, 0xff)
    expect(admitted().admissionProblem(tx, now)).toMatch(/^bad payload/)
  })

  it('ignores the signature (the caller verifies after admission)', () => {
    const tx = transfer(0, 1, 6, 1n)
    tx.signature = new Uint8Array(64)
    expect(admitted().admissionProblem(tx, now)).toBeUndefined()
  })
})
