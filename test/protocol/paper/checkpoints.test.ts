// PBFT §4.3 (garbage collection): checkpoints every K requests, a stable checkpoint with 2f+1
// matching CHECKPOINTs, the low and high watermarks, discarding the log at or below it, and
// state transfer when a stable checkpoint is above what a replica executed. K = 4, L = 8.
import { describe, expect, it } from 'vitest'
import { toHex } from '../../../src/crypto/hash.js'
import { tx } from '../helpers.js'
import { Probe, batch, checkpoint, commit, digestOf, prePrepare, prepare } from './forge.js'

const H4 = new Uint8Array(32).fill(4)

/** Replica 1 executes seqs 1..upTo, all committed in view 0; block hash of seq i is i repeated. */
function executed (upTo: number, p = new Probe(1)): Probe {
  executedRange(p, 1, upTo)
  return p
}

describe('§4.3 checkpoints', () => {
  it('"a replica produces a checkpoint ... when a request with a sequence number divisible by some constant is executed": persisted, then multicast', () => {
    const p = executed(3)
    expect(Probe.sent(p.all, 'checkpoint')).toHaveLength(0)
    const before = p.all.length
    executedNext(p, 4)
    const out = p.all.slice(before)
    const [m] = Probe.sent(out, 'checkpoint')
    expect(m!.checkpoint).toMatchObject({ seq: 4, replica: 1 })
    expect(toHex(m!.checkpoint.blockHash)).toBe(toHex(H4))
    const persistAt = out.findIndex(a => a.type === 'persist' && a.records.some(r => r.kind === 'checkpoint'))
    expect(persistAt).toBeGreaterThanOrEqual(0)
    expect(out.findIndex(a => a.type === 'broadcast' && a.message.type === 'checkpoint')).toBeGreaterThan(persistAt)
  })

  it('"a checkpoint with a proof becomes stable" with 2f+1 matching CHECKPOINTs (own included), not 2f', () => {
    const p = executed(4)
    p.deliver(2, { type: 'checkpoint', checkpoint: checkpoint(4, H4, 2) })
    expect(p.core.status().stableCheckpoint).toBe(0)
    const out = p.deliver(3, { type: 'checkpoint', checkpoint: checkpoint(4, H4, 3) })
    expect(p.core.status()).toMatchObject({ stableCheckpoint: 4, lowWatermark: 4, highWatermark: 12 })
    const rec = out.flatMap(a => a.type === 'persist' ? a.records : []).find(r => r.kind === 'stable-checkpoint')
    expect(rec?.kind === 'stable-checkpoint' && rec.proof.map(c => c.replica)).toEqual([1, 2, 3])
  })

  it('CHECKPOINTs that do not count: another block hash, the same replica twice, impersonated, badly signed, another chain, not at a multiple of K', () => {
    const p = executed(4)
    p.deliver(2, { type: 'checkpoint', checkpoint: checkpoint(4, new Uint8Array(32).fill(9), 2) })
    p.deliver(3, { type: 'checkpoint', checkpoint: checkpoint(4, new Uint8Array(32).fill(9), 3) })
    expect(p.core.status().stableCheckpoint).toBe(0) // own + 2 others, but 2 hashes: neither has 2f+1
    p.deliver(0, { type: 'checkpoint', checkpoint: checkpoint(4, H4, 0) })
    expect(p.core.status().stableCheckpoint).toBe(0) // 2 and 2
    const q = executed(4)
    q.deliver(2, { type: 'checkpoint', checkpoint: checkpoint(4, H4, 2) })
    q.deliver(2, { type: 'checkpoint', checkpoint: checkpoint(4, H4, 2) })
    q.deliver(0, { type: 'checkpoint', checkpoint: checkpoint(4, H4, 3) })
    q.deliver(3, { type: 'checkpoint', checkpoint: { ...checkpoint(4, H4, 3), signature: new Uint8Array(64) } })
    q.deliver(3, { type: 'checkpoint', checkpoint: { ...checkpoint(4, H4, 3), chainId: 'other-chain' } })
    q.deliver(3, { type: 'checkpoint', checkpoint: checkpoint(3, new Uint8Array(32).fill(3), 3) })
    expect(q.core.status().stableCheckpoint).toBe(0)
    q.deliver(3, { type: 'checkpoint', checkpoint: checkpoint(4, H4, 3) })
    expect(q.core.status().stableCheckpoint).toBe(4)
  })

  it('"discards all pre-prepare, prepare, and commit messages with sequence number less than or equal to n" and moves h: votes at or below it are then refused', () => {
    const p = executed(5)
    expect(p.core.status().inFlight).toEqual([])
    expect(p.core.sizes().slots).toBe(5)
    p.deliver(2, { type: 'checkpoint', checkpoint: checkpoint(4, H4, 2) })
    p.deliver(3, { type: 'checkpoint', checkpoint: checkpoint(4, H4, 3) })
    expect(p.core.sizes().slots).toBe(1)
    const b = batch(0, 4, [tx(1, 40)])
    p.deliver(3, { type: 'prepare', prepare: prepare(0, 4, digestOf(b), 3) })
    expect(p.drops()['outside-window']).toBe(1)
    // and the window now reaches H = h + L = 12
    const b12 = batch(0, 12, [tx(1, 12)])
    expect(p.prepares(p.deliver(0, { type: 'pre-prepare', prePrepare: prePrepare(0, 12, b12), batch: b12 }))).toHaveLength(1)
  })

  it('a CHECKPOINT at or below the stable checkpoint is dropped', () => {
    const p = executed(4)
    for (const r of [2, 3]) p.deliver(r, { type: 'checkpoint', checkpoint: checkpoint(4, H4, r) })
    p.deliver(0, { type: 'checkpoint', checkpoint: checkpoint(4, H4, 0) })
    expect(p.drops()['checkpoint-stale']).toBe(1)
  })

  it('a replica that learns a stable checkpoint above what it executed fetches the state from the replicas that proved it', () => {
    const p = new Probe(1)
    const h8 = new Uint8Array(32).fill(8)
    for (const r of [0, 2, 3]) p.deliver(r, { type: 'checkpoint', checkpoint: checkpoint(8, h8, r) })
    expect(p.core.status().stableCheckpoint).toBe(8)
    const [f] = p.fetches()
    expect(f).toMatchObject({ seq: 8 })
    expect(f!.peers.sort()).toEqual([0, 2, 3])
    expect(toHex(f!.blockHash!)).toBe(toHex(h8))
    // until the transfer is done nothing executes; afterwards the replica carries on from 8
    p.step({ type: 'state-transferred', seq: 8, blockHash: h8 })
    expect(p.core.status().lastExecuted).toBe(8)
  })

  it('the primary does not propose beyond H = h + L, and proposes again once a checkpoint moves h', () => {
    const p = new Probe(0, { batchTxsMax: 1 })
    for (let k = 1; k <= 9; k++) p.step({ type: 'request', tx: tx(1, k) })
    p.tick(10)
    expect(Probe.sent(p.all, 'pre-prepare').map(m => m.prePrepare.seq)).toEqual([1, 2, 3, 4, 5, 6, 7, 8])
    executedAsPrimary(p, 4)
    for (const r of [1, 2]) p.deliver(r, { type: 'checkpoint', checkpoint: checkpoint(4, H4, r) })
    p.tick(10)
    expect(Probe.sent(p.all, 'pre-prepare').map(m => m.prePrepare.seq)).toContain(9)
  })
})

/** Replica 1 (a backup) executes `seq`, the next one. */
function executedNext (p: Probe, seq: number): void {
  executedRange(p, seq, seq)
}

function executedRange (p: Probe, from: number, to: number): void {
  for (let seq = from; seq <= to; seq++) {
    const b = batch(0, seq, [tx(1, seq)])
    p.deliver(0, { type: 'pre-prepare', prePrepare: prePrepare(0, seq, b), batch: b })
    p.deliver(2, { type: 'prepare', prepare: prepare(0, seq, digestOf(b), 2) })
    p.deliver(0, { type: 'commit', commit: commit(0, seq, digestOf(b), 0) })
    p.deliver(2, { type: 'commit', commit: commit(0, seq, digestOf(b), 2) })
    p.step(p.executedEvent(seq, new Uint8Array(32).fill(seq), [{ code: 0, log: 'ok' }]))
  }
}

/** The primary (replica 0) gets 2f prepares and 2f commits for its own seqs 1..upTo and executes them. */
function executedAsPrimary (p: Probe, upTo: number): void {
  const pps = Probe.sent(p.all, 'pre-prepare')
  for (let seq = 1; seq <= upTo; seq++) {
    const d = pps.find(m => m.prePrepare.seq === seq)!.prePrepare.digest
    for (const r of [1, 2]) p.deliver(r, { type: 'prepare', prepare: prepare(0, seq, d, r) })
    for (const r of [1, 2]) p.deliver(r, { type: 'commit', commit: commit(0, seq, d, r) })
    const ex = p.executes().find(e => e.seq === seq)
    expect(ex).toBeDefined()
    p.step(p.executedEvent(seq, new Uint8Array(32).fill(seq), ex!.batch.txs.map(() => ({ code: 0, log: 'ok' }))))
  }
}
