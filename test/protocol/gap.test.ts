// Catching up below a gap (src/protocol/gap.ts) and the request timer while fetching.
import { describe, expect, it } from 'vitest'
import type { ProtocolConfig } from '../../src/protocol/types.js'
import { TestCluster, tx } from './helpers.js'
import { Probe, batch, checkpoint, commit, digestOf, prePrepare, prepare } from './paper/forge.js'

const fetches = (c: TestCluster, i: number) => c.other[i]!.filter(a => a.type === 'fetch-state')

describe('a replica that missed committed seqs', () => {
  it('fetches the blocks below the lowest seq it saw commit, after the gap lasted gapWaitMs, and executes on once they arrive', () => {
    const c = new TestCluster(4, { batchTxsMax: 1, checkpointInterval: 64, window: 128, viewChangeTimeoutMs: 1000 })
    c.tick(1)
    c.down.add(3)
    c.submit(0, tx(1, 1))
    c.submit(0, tx(1, 2))
    c.down.delete(3)
    c.submit(0, tx(1, 3))
    c.submit(0, tx(1, 4))
    expect(c.executed[3]).toEqual([]) // seqs 3 and 4 committed for it, 1 and 2 never will
    c.tick(50) // the first tick that sees the gap
    c.tick(60)
    expect(fetches(c, 3)).toEqual([]) // a gap this short may be reordering
    c.tick(50)
    expect(fetches(c, 3)).toEqual([expect.objectContaining({ seq: 2, blockHash: undefined, peers: [0, 1, 2] })])
    c.tick(100)
    expect(fetches(c, 3)).toHaveLength(1) // one fetch at a time
    // The node applied blocks 1..2 (their commit certificates prove them): execution goes on at 3.
    c.step(3, { type: 'state-transferred', seq: 2, blockHash: new Uint8Array(32).fill(7) })
    expect(c.executed[3]!.map(e => e.seq)).toEqual([3, 4])
    c.tick(200)
    expect(fetches(c, 3)).toHaveLength(1) // no gap left
  })

  it('does not fetch when nothing above the next seq committed (a primary that skipped a seq is deposed by the timer, not fetched around)', () => {
    const c = new TestCluster(4, { batchTxsMax: 1, viewChangeTimeoutMs: 1000 })
    c.tick(1)
    c.submit(0, tx(1, 1))
    for (let k = 0; k < 5; k++) c.tick(100)
    for (let i = 0; i < 4; i++) expect(fetches(c, i)).toEqual([])
  })

  it('a transfer that execution overtook changes nothing: the replica keeps its pending requests and timer', () => {
    const c = new TestCluster(4, { batchTxsMax: 1, viewChangeTimeoutMs: 1000 })
    c.tick(1)
    c.submit(0, tx(1, 1))
    c.submit(0, tx(1, 2))
    c.step(3, { type: 'request', tx: tx(2, 1) }) // pending at replica 3 (the primary never gets it)
    c.queue = []
    const before = c.replicas[3]!.status()
    expect(before.pendingRequests).toBe(1)
    c.step(3, { type: 'state-transferred', seq: 2, blockHash: new Uint8Array(32) })
    expect(c.replicas[3]!.status()).toEqual(before)
    expect(c.executed[3]!.map(e => e.seq)).toEqual([1, 2])
  })
})

describe('the request timer while fetching up to a stable checkpoint', () => {
  it('does not run: 2f+1 replicas proved they are ahead, so the wait is not the primary\'s fault', () => {
    const c = new TestCluster(4, { batchTxsMax: 1, checkpointInterval: 4, window: 8, viewChangeTimeoutMs: 1000 })
    c.tick(1)
    c.down.add(3)
    for (let k = 1; k <= 4; k++) c.submit(0, tx(1, k))
    c.down.delete(3)
    for (let k = 5; k <= 8; k++) c.submit(0, tx(1, k))
    expect(fetches(c, 3).some(a => a.seq === 8 && a.blockHash !== undefined)).toBe(true)
    c.step(3, { type: 'request', tx: tx(2, 1) }) // a client's request reaches the fetching replica
    for (let k = 0; k < 30; k++) c.tick(100) // three view-change timeouts
    expect(c.replicas[3]!.status().view).toBe(0)
    expect(c.replicas[3]!.status().viewChanging).toBe(false)
  })
})

// The same rule on one replica driven through `step` (test/protocol/paper/forge.ts): replica 1
// sees seqs above its next one commit (viewChangeTimeoutMs 1000: gapWaitMs = 100).
describe('gap fetch, one replica', () => {
  /** Replica 1 gets seqs `seqs` of view 0 committed (pre-prepare, one more prepare, 2f commits), none executed below them. */
  function committedAbove (seqs: number[], over: Partial<ProtocolConfig> = {}): Probe {
    const p = new Probe(1, over)
    for (const seq of seqs) {
      const b = batch(0, seq, [tx(1, seq)])
      p.deliver(0, { type: 'pre-prepare', prePrepare: prePrepare(0, seq, b), batch: b })
      p.deliver(2, { type: 'prepare', prepare: prepare(0, seq, digestOf(b), 2) })
      for (const r of [0, 2]) p.deliver(r, { type: 'commit', commit: commit(0, seq, digestOf(b), r) })
    }
    expect(p.executes()).toEqual([])
    return p
  }

  it('fetches up to the seq below the lowest committed one from every other replica, exactly gapWaitMs after the first tick that saw the gap', () => {
    const p = committedAbove([5, 3]) // the lowest committed seq above the gap is 3, whatever the order
    p.tick(1)
    expect(p.fetches(p.tick(99))).toEqual([])
    expect(p.fetches(p.tick(1))).toEqual([{ type: 'fetch-state', seq: 2, blockHash: undefined, peers: [0, 2, 3] }])
  })

  it('gapWaitMs is a tenth of the view-change timeout, at least 20 ms', () => {
    const p = committedAbove([3], { viewChangeTimeoutMs: 100 }) // a tenth is 10: 20
    p.tick(1)
    expect(p.fetches(p.tick(19))).toEqual([])
    expect(p.fetches(p.tick(1))).toHaveLength(1)
  })

  it('one fetch at a time: the same gap is fetched again only a view-change timeout later (at the primary, whose request timer does not run)', () => {
    const p = new Probe(0, { batchTxsMax: 1 })
    for (let k = 1; k <= 3; k++) p.step({ type: 'request', tx: tx(1, k) })
    const [, , pp3] = Probe.sent(p.all, 'pre-prepare')
    for (const r of [1, 2]) p.deliver(r, { type: 'prepare', prepare: prepare(0, 3, pp3!.prePrepare.digest, r) })
    for (const r of [1, 2]) p.deliver(r, { type: 'commit', commit: commit(0, 3, pp3!.prePrepare.digest, r) })
    p.tick(1)
    expect(p.fetches(p.tick(100))).toEqual([{ type: 'fetch-state', seq: 2, blockHash: undefined, peers: [1, 2, 3] }])
    expect(p.fetches(p.tick(999))).toEqual([])
    expect(p.fetches(p.tick(1))).toEqual([expect.objectContaining({ seq: 2 })])
    expect(p.core.status().viewChanging).toBe(false)
  })

  it('a new gap above a fetched one is fetched at once, without waiting for the first fetch\'s view-change timeout', () => {
    const p = committedAbove([3, 6])
    p.tick(1)
    expect(p.fetches(p.tick(100))).toEqual([expect.objectContaining({ seq: 2 })])
    p.step({ type: 'state-transferred', seq: 2, blockHash: new Uint8Array(32).fill(2) })
    expect(p.executes().map(e => e.seq)).toEqual([3])
    p.step(p.executedEvent(3, new Uint8Array(32).fill(3)))
    expect(p.fetches(p.tick(1))).toEqual([expect.objectContaining({ seq: 5 })]) // 4 and 5 are missing below 6
  })

  it('a gap that closed and opened again waits gapWaitMs anew', () => {
    const p = committedAbove([2])
    p.tick(1)
    p.tick(60)
    const b1 = batch(0, 1, [tx(1, 1)])
    p.deliver(0, { type: 'pre-prepare', prePrepare: prePrepare(0, 1, b1), batch: b1 })
    p.deliver(2, { type: 'prepare', prepare: prepare(0, 1, digestOf(b1), 2) })
    for (const r of [0, 2]) p.deliver(r, { type: 'commit', commit: commit(0, 1, digestOf(b1), r) })
    expect(p.executes().map(e => e.seq)).toEqual([1, 2])
    p.tick(1) // no gap: its start is forgotten
    const b4 = batch(0, 4, [tx(1, 4)])
    p.deliver(0, { type: 'pre-prepare', prePrepare: prePrepare(0, 4, b4), batch: b4 })
    p.deliver(2, { type: 'prepare', prepare: prepare(0, 4, digestOf(b4), 2) })
    for (const r of [0, 2]) p.deliver(r, { type: 'commit', commit: commit(0, 4, digestOf(b4), r) })
    p.tick(1) // the new gap (seq 3) starts here
    expect(p.fetches(p.tick(99))).toEqual([])
    expect(p.fetches(p.tick(1))).toEqual([expect.objectContaining({ seq: 3 })])
  })

  it('no gap fetch when it is turned off (gapFetch: false), during a view change, or while fetching up to a stable checkpoint', () => {
    const off = committedAbove([3], { gapFetch: false })
    const vc = committedAbove([3])
    vc.core.forceViewChange()
    const fetching = new Probe(1)
    for (const r of [0, 2, 3]) fetching.deliver(r, { type: 'checkpoint', checkpoint: checkpoint(8, new Uint8Array(32).fill(8), r) })
    const b10 = batch(0, 10, [tx(1, 10)]) // committed above a gap (9) while fetching up to 8
    fetching.deliver(0, { type: 'pre-prepare', prePrepare: prePrepare(0, 10, b10), batch: b10 })
    fetching.deliver(2, { type: 'prepare', prepare: prepare(0, 10, digestOf(b10), 2) })
    for (const r of [0, 2]) fetching.deliver(r, { type: 'commit', commit: commit(0, 10, digestOf(b10), r) })
    expect(fetching.core.status().inFlight.map(x => x.phase)).toEqual(['committed'])
    const before = fetching.fetches().length
    for (const p of [off, vc, fetching]) for (let k = 0; k < 5; k++) p.tick(100)
    expect(off.fetches()).toEqual([])
    expect(vc.fetches()).toEqual([])
    expect(fetching.fetches()).toHaveLength(before)
  })
})
