import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { AccountsApp, CODE } from '../../src/app/accounts.js'
import { createSigner } from '../../src/crypto/ed25519.js'
import { accountSeed, transfer } from '../ledger/fixtures.js'

const keys = [0, 1, 2].map(i => createSigner(accountSeed(i)).publicKey)
const fresh = (): AccountsApp => new AccountsApp(keys.map(publicKey => ({ publicKey, balance: 1000n })))

describe('accounts app', () => {
  it('a transfer moves funds, advances the nonce, and changes the state root', () => {
    const app = fresh()
    const before = app.stateRoot()
    const p = app.prepareBlock(1, [transfer(0, 1, 1, 10n)])
    expect(p.results).toEqual([{ code: CODE.OK, log: 'ok' }])
    expect(app.account(keys[0]!)!.balance).toBe(1000n) // nothing applied before commit
    p.commit()
    expect(app.account(keys[0]!)).toEqual({ balance: 990n, nonce: 1 })
    expect(app.account(keys[1]!)!.balance).toBe(1010n)
    expect(app.stateRoot()).not.toEqual(before)
  })

  it('replays, overdrafts and bad payloads fail in the block without changing balances', () => {
    const app = fresh()
    const p = app.prepareBlock(1, [transfer(0, 1, 5, 10n), transfer(0, 1, 5, 10n), transfer(1, 2, 1, 5000n)])
    expect(p.results.map(r => r.code)).toEqual([CODE.OK, CODE.STALE_NONCE, CODE.INSUFFICIENT_FUNDS])
    p.commit()
    expect(app.account(keys[1]!)).toEqual({ balance: 1010n, nonce: 1 })
  })

  it('two apps that execute the same blocks have the same state root', () => {
    const a = fresh(); const b = fresh()
    const txs = [transfer(0, 2, 1, 3n), transfer(2, 1, 1, 7n)]
    a.prepareBlock(1, txs).commit()
    b.prepareBlock(1, txs).commit()
    expect(a.stateRoot()).toEqual(b.stateRoot())
  })

  it('random transfers keep the total supply constant and balances non-negative (property)', () => {
    fc.assert(fc.property(fc.array(fc.record({ from: fc.nat(2), to: fc.nat(2), nonce: fc.nat(20), amount: fc.bigInt(0n, 1500n) }), { maxLength: 40 }), ops => {
      const app = fresh()
      app.prepareBlock(1, ops.map(o => transfer(o.from, o.to, o.nonce, o.amount))).commit()
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
