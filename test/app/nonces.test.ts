// The nonce window of src/app/nonces.ts on its own: the order of nonceProblem's refusals,
// recordNonce (eviction into the floor, and the state it is given left alone), and
// nonceStateProblem, which decides whether a snapshot's (floor, recent) could have come from
// execution: each of its reasons beside the valid state it differs from.
import { describe, expect, it } from 'vitest'
import { highestNonce, nonceProblem, nonceStateProblem, recordNonce, RECENT_NONCES_MAX, type NonceState } from '../../src/app/nonces.js'

/** A full recent set above `floor`: floor+1 .. floor+RECENT_NONCES_MAX. */
const full = (floor: number): NonceState => ({ floor, recent: Array.from({ length: RECENT_NONCES_MAX }, (_, i) => floor + 1 + i) })

describe('nonceProblem: too old before duplicate before too far ahead', () => {
  it('at or below the floor is too old, even when also beyond the bound; an executed one is a duplicate, even when beyond the bound', () => {
    const s = { floor: 10, recent: [12, 20] }
    expect([10, 9, 12, 20, 11, 21].map(n => nonceProblem(s, n, 15))).toEqual(['too-old', 'too-old', 'duplicate', 'duplicate', undefined, 'too-far-ahead'])
    expect(nonceProblem(s, 10, 5)).toBe('too-old')
  })
})

describe('recordNonce', () => {
  it('inserts in order and leaves the state it is given unchanged', () => {
    const s = { floor: 0, recent: [3, 9] }
    expect(recordNonce(s, 5)).toEqual({ floor: 0, recent: [3, 5, 9] })
    expect(s).toEqual({ floor: 0, recent: [3, 9] })
  })

  it('up to RECENT_NONCES_MAX are kept; past it the smallest is evicted into the floor, and the highest nonce is kept', () => {
    const s = full(0)
    expect(recordNonce({ floor: 0, recent: s.recent.slice(1) }, 1)).toEqual(s)
    const next = recordNonce(s, RECENT_NONCES_MAX + 7)
    expect({ floor: next.floor, size: next.recent.length, first: next.recent[0], highest: highestNonce(next) }).toEqual({ floor: 1, size: RECENT_NONCES_MAX, first: 2, highest: RECENT_NONCES_MAX + 7 })
    expect(s.recent.length).toBe(RECENT_NONCES_MAX)
    expect(nonceStateProblem(next)).toBeUndefined()
  })
})

describe('nonceStateProblem: a state execution could reach, or why not', () => {
  it('accepts the states execution reaches: none executed, a partial set, a full set above a floor', () => {
    for (const s of [{ floor: 0, recent: [] }, { floor: 0, recent: [1, 5, Number.MAX_SAFE_INTEGER] }, full(0), full(77)]) expect(nonceStateProblem(s)).toBeUndefined()
  })

  it('a floor must be a safe integer and not negative', () => {
    expect(nonceStateProblem({ ...full(0), floor: 2 ** 53 })).toBe('floor exceeds 2^53-1')
    expect(nonceStateProblem({ floor: 0.5, recent: [1] })).toBe('floor exceeds 2^53-1')
    expect(nonceStateProblem({ floor: -1, recent: [] })).toBeDefined()
  })

  it('at most RECENT_NONCES_MAX recent nonces, whatever the floor', () => {
    const over = { floor: 0, recent: [...full(0).recent, RECENT_NONCES_MAX + 1] }
    expect(nonceStateProblem(over)).toBe(`holds ${RECENT_NONCES_MAX + 1} recent nonces, more than ${RECENT_NONCES_MAX}`)
  })

  it('a floor above 0 requires a full recent set (the floor is only ever an evicted nonce)', () => {
    const s = full(5)
    expect(nonceStateProblem({ floor: 5, recent: s.recent.slice(1) })).toBe('a floor above 0 requires a full recent set')
  })

  it.each([
    ['not above the floor', { ...full(5), recent: [5, ...full(5).recent.slice(1)] }],
    ['descending', { floor: 0, recent: [9, 3] }],
    ['repeated', { floor: 0, recent: [3, 3] }],
    ['above 2^53 - 1', { floor: 0, recent: [3, 2 ** 53] }],
    ['not an integer', { floor: 0, recent: [1.5] }]
  ])('recent nonces %s are refused', (_name, s) => {
    expect(nonceStateProblem(s)).toBe('recent nonces must be above the floor, strictly ascending, at most 2^53-1')
  })
})
