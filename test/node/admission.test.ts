// Admission before verify (src/node/admission.ts): bounds, copies, forgeries and reply routes.
import { describe, expect, it } from 'vitest'
import { ADMITTED_MIN, ADMITTED_PER_CLIENT_MAX, Admission, BUSY_RETRY_MAX_MS, BUSY_RETRY_MIN_MS, ROUTES_PER_CLIENT_MAX } from '../../src/node/admission.js'

const sig = (b: number): Uint8Array => new Uint8Array(64).fill(b)

describe('admission', () => {
  it('admits up to the limit, then answers busy with a bounded retry-after, and admits again once answered', () => {
    const a = new Admission()
    for (let i = 0; i < ADMITTED_MIN; i++) {
      expect(a.decide(`tx${i}`, `c${i % 16}`, sig(1), 0, 10).kind).toBe('new')
      a.admit(`tx${i}`, `c${i % 16}`, sig(1), 0, () => {})
    }
    const v = a.decide('one-more', 'c0', sig(1), 0, 10)
    expect(v.kind).toBe('busy')
    if (v.kind === 'busy') {
      expect(v.retryAfterMs).toBeGreaterThanOrEqual(BUSY_RETRY_MIN_MS)
      expect(v.retryAfterMs).toBeLessThanOrEqual(BUSY_RETRY_MAX_MS)
    }
    a.done('tx0')
    expect(a.decide('one-more', 'c0', sig(1), 0, 10).kind).toBe('new')
    expect(a.stats.busy).toBe(1)
  })

  it('bounds one client and the request queue', () => {
    const a = new Admission()
    for (let i = 0; i < ADMITTED_PER_CLIENT_MAX; i++) a.admit(`tx${i}`, 'greedy', sig(1), 0, () => {})
    expect(a.decide('next', 'greedy', sig(1), 0, 10).kind).toBe('busy')
    expect(a.decide('other', 'modest', sig(1), 0, 10).kind).toBe('new')
    expect(a.decide('other', 'modest', sig(1), 10, 10).kind).toBe('busy')
  })

  it('the limit grows with the execution rate', () => {
    const a = new Admission()
    expect(a.limit()).toBe(ADMITTED_MIN)
    for (let t = 0; t <= 3000; t += 100) a.onExecuted(500, t) // 5,000 tx/s
    expect(a.limit()).toBeGreaterThan(ADMITTED_MIN)
  })

  it('the same signed copy is a copy (no second verify); other signature bytes under the same id are a forgery', () => {
    const a = new Admission()
    a.admit('tx', 'victim', sig(1), 0, () => {})
    expect(a.decide('tx', 'victim', sig(1), 0, 10).kind).toBe('copy')
    expect(a.decide('tx', 'victim', sig(2), 0, 10).kind).toBe('forged')
  })

  it('replies go only to routes added for verified transactions, at most ROUTES_PER_CLIENT_MAX of them', () => {
    const a = new Admission()
    const got: number[] = []
    expect(a.deliver('victim', new Uint8Array(1))).toBe(false)
    for (let r = 0; r < ROUTES_PER_CLIENT_MAX + 2; r++) a.addRoute('victim', () => { got.push(r) })
    a.deliver('victim', new Uint8Array(1))
    expect(got).toEqual([...Array(ROUTES_PER_CLIENT_MAX).keys()].map(i => i + 2))
  })

  it('forgets admitted transactions after the TTL', () => {
    const a = new Admission()
    a.admit('old', 'c', sig(1), 0, () => {})
    a.admit('new', 'c', sig(1), 29_000, () => {})
    a.expire(30_000)
    expect(a.size()).toBe(1)
    expect(a.stats.expired).toBe(1)
  })
})
