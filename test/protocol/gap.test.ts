// Catching up below a gap (src/protocol/gap.ts) and the request timer while fetching.
import { describe, expect, it } from 'vitest'
import { TestCluster, tx } from './helpers.js'

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
