// PBFT §4.2 normal-case operation, driven through `step` on 4 replicas.
import { describe, expect, it } from 'vitest'
import { PROPOSALS_IN_PROGRESS_MAX } from '../../src/protocol/limits.js'
import { TestCluster, tx } from './helpers.js'

describe('§4.2 normal case', () => {
  it('a request is pre-prepared, prepared, committed and executed by every replica in order', () => {
    const c = new TestCluster(4)
    c.tick(1)
    c.submit(0, tx(1, 1))
    c.tick(10) // batch timeout closes the batch
    for (let i = 0; i < 4; i++) expect(c.executed[i]).toEqual([{ seq: 1, digest: c.executed[0]![0]!.digest, txs: 1 }])
    expect(c.replies.every(r => r.length === 1)).toBe(true)
  })

  it('a batch closes at batchTxsMax without waiting for the timeout while a batch is in flight', () => {
    const c = new TestCluster(4, { batchTxsMax: 3, batchTimeoutMs: 1_000_000 })
    c.tick(1)
    c.filter = e => e.message.type !== 'commit' // seq 1 stays in flight: the pipeline is busy
    c.submit(0, tx(1, 1))
    for (let k = 2; k <= 3; k++) c.submit(0, tx(1, k))
    expect(c.replicas[0]!.status().inFlight.map(x => x.seq)).toEqual([1]) // 2 waiting, not full
    c.submit(0, tx(1, 4))
    expect(c.replicas[0]!.status().inFlight.map(x => x.seq)).toEqual([1, 2])
  })

  it('a lone request is proposed at once when the pipeline is idle (no batch timeout, no tick)', () => {
    const c = new TestCluster(4, { batchTimeoutMs: 1_000_000 })
    c.tick(1)
    c.submit(0, tx(1, 1))
    for (let i = 0; i < 4; i++) expect(c.executed[i]!.map(e => e.txs)).toEqual([1])
  })

  it('several sequence numbers are in flight at once (pipelining inside the window)', () => {
    const c = new TestCluster(4, { batchTxsMax: 1, proposalsInProgressMax: 8 })
    c.tick(1)
    c.filter = e => e.message.type !== 'commit' // hold commits: nothing can execute
    for (let k = 1; k <= 5; k++) c.submit(0, tx(1, k))
    const inFlight = c.replicas[0]!.status().inFlight
    expect(inFlight.map(x => x.seq)).toEqual([1, 2, 3, 4, 5])
    expect(inFlight.every(x => x.phase === 'prepared')).toBe(true)
  })

  it(`the primary proposes at most PROPOSALS_IN_PROGRESS_MAX (${PROPOSALS_IN_PROGRESS_MAX}) batches beyond what it executed; one more as each executes`, () => {
    const c = new TestCluster(4, { batchTxsMax: 1 })
    c.tick(1)
    c.filter = e => e.message.type !== 'commit'
    for (let k = 1; k <= PROPOSALS_IN_PROGRESS_MAX + 3; k++) c.submit(0, tx(1, k))
    const seqs = (): number[] => c.replicas[0]!.status().inFlight.map(x => x.seq)
    expect(seqs()).toEqual([...Array(PROPOSALS_IN_PROGRESS_MAX).keys()].map(i => i + 1))
    c.filter = () => true // commits flow again (retransmitted): 1..4 execute, then the rest are proposed
    c.tick(2000)
    expect(c.replicas[0]!.status().view).toBe(0)
    expect(c.replicas.every(r => r.status().lastExecuted === PROPOSALS_IN_PROGRESS_MAX + 3)).toBe(true)
  })

  it('the primary does not propose beyond the high watermark h + L', () => {
    const c = new TestCluster(4, { batchTxsMax: 1, window: 4, checkpointInterval: 4 })
    c.tick(1)
    c.filter = e => e.message.type !== 'commit'
    for (let k = 1; k <= 7; k++) c.submit(0, tx(1, k))
    expect(Math.max(...c.replicas[0]!.status().inFlight.map(x => x.seq))).toBe(4)
  })

  it('a backup rejects a pre-prepare whose batch holds a forged client signature, and reports evidence', () => {
    const c = new TestCluster(4)
    c.tick(1)
    const bad = tx(1, 1)
    bad.signature = new Uint8Array(bad.signature)
    bad.signature[0]! ^= 1
    // the honest primary refuses it as a request
    c.submit(0, bad)
    c.tick(10)
    expect(c.executed[1]).toEqual([])
    expect(c.other[0]!.some(a => a.type === 'reject')).toBe(true)
  })

  it('a duplicate request executes once and the cached reply is sent again (§4.1)', () => {
    const c = new TestCluster(4)
    c.tick(1)
    const t = tx(1, 1)
    c.submit(0, t)
    c.tick(10)
    const before = c.replies[0]!.length
    c.submit(0, t)
    c.tick(10)
    expect(c.executed[0]!.length).toBe(1)
    expect(c.replies[0]!.length).toBe(before + 1)
  })

  it('a request whose nonce is below an executed nonce of its client is ordered, not refused as stale', () => {
    // Nonces may execute in any order; the application decides at execution (src/app/nonces.ts).
    const c = new TestCluster(4)
    c.tick(1)
    c.submit(0, tx(1, 6))
    c.tick(10)
    c.submit(0, tx(1, 5))
    c.tick(10)
    expect(c.executed[0]!.map(e => e.txs)).toEqual([1, 1])
    expect(c.other[0]!.some(a => a.type === 'reject')).toBe(false)
  })

  it('a different transaction with an executed nonce is ordered, not answered with the other one\'s cached reply', () => {
    const c = new TestCluster(4)
    c.tick(1)
    c.submit(0, tx(1, 1, 1n))
    c.tick(10)
    const before = c.replies[0]!.length
    c.submit(0, tx(1, 1, 2n)) // same client and nonce, another transfer: the app refuses it as a duplicate
    c.tick(10)
    expect(c.executed[0]!.length).toBe(2)
    expect(c.replies[0]!.length).toBe(before + 1)
  })

  it('after a duplicate execution, a retransmission is answered with the first execution\'s reply', () => {
    const c = new TestCluster(4)
    c.tick(1)
    const t = tx(1, 1)
    c.submit(0, t)
    c.tick(10)
    c.restart(0) // the primary's client table is gone: it orders the retransmission again
    c.tick(1)
    c.submit(0, t)
    c.tick(10)
    expect(c.executed[1]!.length).toBe(2)
    const heights = (i: number): number[] => c.replies[i]!.map(a => a.type === 'reply' ? a.reply.attestation.height : -1)
    expect(heights(1)).toEqual([1, 2])
    c.submit(1, t)
    expect(heights(1)).toEqual([1, 2, 1])
  })

  it('a backup forwards a client request to the primary (§4.4)', () => {
    const c = new TestCluster(4)
    c.tick(1)
    c.submit(2, tx(1, 1))
    c.tick(10)
    expect(c.executed[0]!.length).toBe(1)
  })
})
