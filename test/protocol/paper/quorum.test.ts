// PBFT §2 / §4 (system model): n = 3f+1 replicas tolerate f faults with quorums of 2f+1; with more
// replicas than 3f+1, q = ceil((n+f+1)/2) keeps any two quorums intersecting in f+1. The primary
// of view v is v mod n. A replica refuses a configuration it cannot run correctly.
import { describe, expect, it } from 'vitest'
import { primaryOf, quorum } from '../../../src/protocol/quorum.js'
import { Replica } from '../../../src/protocol/replica.js'
import { config, crypto } from '../helpers.js'

describe('quorums', () => {
  it('n = 3f+1 gives q = 2f+1; other n give the smallest q whose quorums intersect in f+1', () => {
    expect([4, 5, 6, 7, 10, 13].map(n => quorum(n))).toEqual([
      { n: 4, f: 1, q: 3 }, { n: 5, f: 1, q: 4 }, { n: 6, f: 1, q: 4 }, { n: 7, f: 2, q: 5 }, { n: 10, f: 3, q: 7 }, { n: 13, f: 4, q: 9 }
    ])
    for (let n = 4; n <= 40; n++) {
      const { f, q } = quorum(n)
      expect(n).toBeGreaterThanOrEqual(3 * f + 1)
      expect(2 * q - n).toBeGreaterThanOrEqual(f + 1) // two quorums share an honest replica
      expect(q).toBeLessThanOrEqual(n - f) // a quorum exists without the f faulty ones
    }
  })

  it('fewer than 4 replicas, or a fractional number, is refused with a RangeError', () => {
    for (const n of [3, 0, -1, 4.5, Number.NaN]) expect(() => quorum(n)).toThrow(RangeError)
  })

  it('the primary of view v is v mod n', () => {
    expect([0, 1, 3, 4, 9].map(v => primaryOf(v, 4))).toEqual([0, 1, 3, 0, 1])
  })

  it('a replica refuses an id outside 0..n-1 and a window that is not a positive multiple of the checkpoint interval', () => {
    expect(() => new Replica(config(4, 4), crypto(0))).toThrow(expect.objectContaining({ name: 'AssertionError' }))
    expect(() => new Replica(config(4, -1), crypto(0))).toThrow(expect.objectContaining({ name: 'AssertionError' }))
    expect(() => new Replica(config(4, 0, { window: 6, checkpointInterval: 4 }), crypto(0))).toThrow(expect.objectContaining({ name: 'AssertionError' }))
    expect(() => new Replica(config(4, 0, { window: 0, checkpointInterval: 4 }), crypto(0))).toThrow(expect.objectContaining({ name: 'AssertionError' }))
    expect(() => new Replica(config(4, 3), crypto(3))).not.toThrow()
  })
})
