// Bad and early input at the core's boundary (DESIGN.md §8, PBFT §4.4 "messages for a later
// view are kept"): a message from no replica of the cluster is dropped and counted; normal-case
// messages of a view not yet installed wait, bounded per sender, and are processed once the view
// is; the replica's status reports what is in flight.
import { describe, expect, it } from 'vitest'
import { toHex } from '../../../src/crypto/hash.js'
import { tx } from '../helpers.js'
import { Probe, batch, digestOf, newView, prePrepare, prepare, viewChange } from './forge.js'

describe('input at the boundary of the core', () => {
  it('a message from an unknown replica id, or from itself, is dropped and counted', () => {
    const p = new Probe(1)
    const a = batch(0, 1, [tx(1, 1)])
    for (const from of [-1, 4, 1]) p.deliver(from, { type: 'prepare', prepare: prepare(0, 1, digestOf(a), 2) })
    expect(p.drops()['unknown-sender']).toBe(3)
    expect(p.core.sizes().slots).toBe(0)
  })

  it('messages of a view not yet installed wait (at most 512 per sender, the oldest dropped first) and are processed after its NEW-VIEW', () => {
    const p = new Probe(0)
    const b = batch(3, 1, [tx(1, 1)])
    p.deliver(3, { type: 'pre-prepare', prePrepare: prePrepare(3, 1, b), batch: b })
    // 511 more from sender 3 (whatever they are: they are checked only when processed): 512 wait
    for (let k = 0; k < 511; k++) p.deliver(3, { type: 'prepare', prepare: prepare(3, 2, new Uint8Array(32).fill(k % 200), 3) })
    expect(p.drops()['future-buffer-full']).toBeUndefined()
    p.deliver(3, { type: 'prepare', prepare: prepare(3, 2, new Uint8Array(32), 3) })
    expect(p.drops()['future-buffer-full']).toBe(1)
    expect(p.prepares()).toHaveLength(0)
    // the pre-prepare, the oldest, was dropped: after the NEW-VIEW nothing is prepared at seq 1
    p.deliver(3, { type: 'new-view', newView: newView(3, [viewChange(3, 1), viewChange(3, 2), viewChange(3, 3)], []), batches: [] })
    expect(p.prepares()).toHaveLength(0)
    const q = new Probe(0)
    q.deliver(3, { type: 'pre-prepare', prePrepare: prePrepare(3, 1, b), batch: b })
    q.deliver(3, { type: 'new-view', newView: newView(3, [viewChange(3, 1), viewChange(3, 2), viewChange(3, 3)], []), batches: [] })
    expect(q.prepares().map(x => [x.view, x.seq])).toEqual([[3, 1]])
  })

  it('messages buffered for a view that is skipped are discarded when a later view installs', () => {
    const p = new Probe(0)
    const b = batch(3, 1, [tx(1, 1)])
    p.deliver(3, { type: 'pre-prepare', prePrepare: prePrepare(3, 1, b), batch: b })
    p.deliver(1, { type: 'new-view', newView: newView(5, [viewChange(5, 1), viewChange(5, 2), viewChange(5, 3)], []), batches: [] })
    expect(p.core.status().view).toBe(5)
    expect(p.prepares()).toHaveLength(0)
  })

  it('status: view, primary, watermarks, and each in-flight seq with its phase and voters, in seq order', () => {
    const p = new Probe(1)
    const a = batch(0, 1, [tx(1, 1)])
    const c = batch(0, 2, [tx(1, 2)])
    p.deliver(0, { type: 'pre-prepare', prePrepare: prePrepare(0, 2, c), batch: c })
    p.deliver(0, { type: 'pre-prepare', prePrepare: prePrepare(0, 1, a), batch: a })
    p.deliver(3, { type: 'prepare', prepare: prepare(0, 1, digestOf(a), 3) })
    p.step({ type: 'request', tx: tx(2, 1) })
    expect(p.core.status()).toEqual({
      id: 1, view: 0, primary: 0, viewChanging: false, lastExecuted: 0, stableCheckpoint: 0, lowWatermark: 0, highWatermark: 8,
      pendingRequests: 1, viewChanges: 0,
      inFlight: [
        { seq: 1, view: 0, digest: toHex(digestOf(a)), phase: 'prepared', prepares: [1, 3], commits: [1] },
        { seq: 2, view: 0, digest: toHex(digestOf(c)), phase: 'pre-prepared', prepares: [1], commits: [] }
      ]
    })
    expect(p.core.sizes()).toEqual({ view: 0, pendingRequests: 1, slots: 2 })
  })
})
