// The cluster's one ed25519 rule, proven on public vectors against every backend:
// Wycheproof's 151 (expected verdicts must hold) and the 12 ed25519-speccheck edge cases
// (verdicts derived in docs/crypto.md and pinned here).
import { readFileSync } from 'node:fs'
import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { backends, createSigner, signNoble, verify } from '../../src/crypto/ed25519.js'
import { fromHex } from '../../src/crypto/hash.js'

const shared = (name: string): string => readFileSync(new URL(`../../../shared/testdata/${name}`, import.meta.url), 'utf8')

interface WycheproofGroup { publicKey: { pk: string }, tests: Array<{ tcId: number, msg: string, sig: string, result: string }> }
const wycheproof = JSON.parse(shared('wycheproof-ed25519_test.json')) as { testGroups: WycheproofGroup[] }
const speccheck = JSON.parse(shared('ed25519-speccheck-cases.json')) as Array<{ message: string, pub_key: string, signature: string }>

/** Which of the 12 speccheck cases the rule accepts (see docs/crypto.md for why). */
const SPECCHECK_ACCEPTED = [false, false, false, true, false, false, false, false, false, false, false, false]

const hexOrEmpty = (s: string): Uint8Array => {
  try { return fromHex(s) } catch { return new Uint8Array(Buffer.from(s, 'hex')) }
}

describe('ed25519 verification rule', () => {
  const cases = wycheproof.testGroups.flatMap(g => g.tests.map(t => ({ ...t, pk: g.publicKey.pk })))

  it('covers all 151 Wycheproof vectors', () => { expect(cases).toHaveLength(151) })

  for (const [name, fn] of Object.entries(backends)) {
    it(`Wycheproof expected verdicts hold on the ${name} backend`, () => {
      const wrong = cases.filter(t => fn(hexOrEmpty(t.pk), hexOrEmpty(t.msg), hexOrEmpty(t.sig)) !== (t.result === 'valid')).map(t => t.tcId)
      expect(wrong).toEqual([])
    })
    it(`speccheck verdicts match the documented rule on the ${name} backend`, () => {
      const got = speccheck.map(c => fn(fromHex(c.pub_key), fromHex(c.message), fromHex(c.signature)))
      expect(got).toEqual(SPECCHECK_ACCEPTED)
    })
  }

  it('the node signer produces the same signatures as @noble/ed25519', () => {
    fc.assert(fc.property(fc.uint8Array({ minLength: 32, maxLength: 32 }), fc.uint8Array({ maxLength: 300 }), (seed, msg) => {
      expect(Buffer.from(createSigner(seed).sign(msg))).toEqual(Buffer.from(signNoble(seed, msg)))
    }), { numRuns: 100 })
  })

  it('both backends agree on random keys, messages and tampered signatures; valid ones verify', () => {
    const tamper = fc.record({ part: fc.constantFrom('none', 'r', 's', 'a', 'msg', 'random-sig', 'random-key'), bit: fc.nat(255) })
    fc.assert(fc.property(fc.uint8Array({ minLength: 32, maxLength: 32 }), fc.uint8Array({ maxLength: 200 }), tamper, fc.uint8Array({ minLength: 64, maxLength: 64 }),
      (seed, msg, t, random) => {
        const signer = createSigner(seed)
        let pub: Uint8Array = signer.publicKey
        let sig: Uint8Array = signer.sign(msg)
        let m: Uint8Array = msg
        const flip = (b: Uint8Array, off: number, bits: number): Uint8Array => {
          const c = new Uint8Array(b)
          const i = off + Math.floor((t.bit % bits) / 8)
          c[i] = (c[i] as number) ^ (1 << (t.bit % 8))
          return c
        }
        if (t.part === 'r') sig = flip(sig, 0, 256)
        if (t.part === 's') sig = flip(sig, 32, 256)
        if (t.part === 'a') pub = flip(pub, 0, 256)
        if (t.part === 'msg') m = m.byteLength > 0 ? flip(m, 0, m.byteLength * 8) : Uint8Array.of(1)
        if (t.part === 'random-sig') sig = random
        if (t.part === 'random-key') pub = random.subarray(0, 32)
        const a = backends.noble(pub, m, sig)
        const b = backends.node(pub, m, sig)
        expect(a).toBe(b)
        if (t.part === 'none') expect(verify(pub, m, sig)).toBe(true)
        else expect(a).toBe(false)
      }), { numRuns: 300 })
  })

  it('never throws on wrong lengths or non-bytes', () => {
    for (const fn of Object.values(backends)) {
      expect(fn(new Uint8Array(31), new Uint8Array(0), new Uint8Array(64))).toBe(false)
      expect(fn(new Uint8Array(32), new Uint8Array(0), new Uint8Array(63))).toBe(false)
      expect(fn('x' as unknown as Uint8Array, new Uint8Array(0), new Uint8Array(64))).toBe(false)
    }
  })
})
