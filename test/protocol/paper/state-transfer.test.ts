// State transfer (PBFT §4.3 end: "a replica ... fetches the state" when a stable checkpoint is
// above what it executed; DESIGN.md §3, src/protocol/checkpoints.ts onStateTransferred): while a
// replica fetches up to a stable checkpoint it executes nothing and its request timer is off;
// once the node reports the blocks applied, execution and the timer resume above them, and the
// log, in-flight and pending requests at or below them are forgotten.
import { describe, expect, it } from 'vitest'
import { toHex } from '../../../src/crypto/hash.js'
import { tx } from '../helpers.js'
import { Probe, batch, checkpoint, commit, digestOf, newView, prePrepare, prepare, viewChange } from './forge.js'

const hash = (seq: number): Uint8Array => new Uint8Array(32).fill(seq)

/** Replica 1 (a backup) commits and executes seqs from..to of view 0. */
function executed (p: Probe, from: number, to: number): Probe {
  for (let seq = from; seq <= to; seq++) {
    committed(p, seq)
    p.step(p.executedEvent(seq, hash(seq), [{ code: 0, log: 'ok' }]))
  }
  return p
}

/** Replica 1 gets the pre-prepare, one more prepare and 2f commits for seq in view 0. */
function committed (p: Probe, seq: number): void {
  const b = batch(0, seq, [tx(1, seq)])
  p.deliver(0, { type: 'pre-prepare', prePrepare: prePrepare(0, seq, b), batch: b })
  p.deliver(2, { type: 'prepare', prepare: prepare(0, seq, digestOf(b), 2) })
  for (const r of [0, 2]) p.deliver(r, { type: 'commit', commit: commit(0, seq, digestOf(b), r) })
}

/** 2f+1 others prove a stable checkpoint at seq: replica 1 starts fetching up to it. */
function stableAbove (p: Probe, seq: number): void {
  for (const r of [0, 2, 3]) p.deliver(r, { type: 'checkpoint', checkpoint: checkpoint(seq, hash(seq), r) })
  expect(p.fetches().at(-1)).toMatchObject({ seq })
}

describe('state transfer up to a stable checkpoint', () => {
  it('execution waits for the transfer, and resumes above the transferred seq once it is reported', () => {
    const p = new Probe(1)
    stableAbove(p, 8)
    committed(p, 9)
    expect(p.executes()).toEqual([])
    const out = p.step({ type: 'state-transferred', seq: 8, blockHash: hash(8) })
    expect(p.executes(out).map(e => e.seq)).toEqual([9])
    expect(p.core.status().lastExecuted).toBe(8)
  })

  it('a primary behind a stable checkpoint proposes nothing until the transfer is reported, then numbers its batch after it', () => {
    // (a bound on batches in progress above the window, so that bound alone would not hold it)
    const p = new Probe(0, { proposalsInProgressMax: 16 })
    for (const r of [1, 2, 3]) p.deliver(r, { type: 'checkpoint', checkpoint: checkpoint(8, hash(8), r) })
    expect(p.fetches().at(-1)).toMatchObject({ seq: 8 })
    p.step({ type: 'request', tx: tx(1, 1) })
    p.tick(10)
    expect(Probe.sent(p.all, 'pre-prepare')).toEqual([])
    p.step({ type: 'state-transferred', seq: 8, blockHash: hash(8) })
    p.step({ type: 'request', tx: tx(1, 1) }) // the transfer forgot what was pending: the client re-sends
    p.tick(10)
    expect(Probe.sent(p.all, 'pre-prepare').map(m => m.prePrepare.seq)).toEqual([9])
  })

  it('a primary whose transfer went past the stable checkpoint numbers its next batch after the last transferred block', () => {
    const p = new Probe(0, { proposalsInProgressMax: 16 })
    for (const r of [1, 2, 3]) p.deliver(r, { type: 'checkpoint', checkpoint: checkpoint(8, hash(8), r) })
    p.step({ type: 'state-transferred', seq: 9, blockHash: hash(9) }) // the peers had block 9 as well
    expect(p.core.status().lastExecuted).toBe(9)
    p.step({ type: 'request', tx: tx(1, 1) })
    p.tick(10)
    expect(Probe.sent(p.all, 'pre-prepare').map(m => m.prePrepare.seq)).toEqual([10])
  })

  it('a transfer reported below what was executed moves nothing back', () => {
    const p = executed(new Probe(1), 1, 2)
    stableAbove(p, 8)
    p.step({ type: 'state-transferred', seq: 1, blockHash: hash(1) })
    expect(p.core.status().lastExecuted).toBe(2)
  })

  it('while fetching, a transfer that covers seqs already handed to execution counts: the next execution report follows it', () => {
    const p = new Probe(1)
    for (let seq = 1; seq <= 3; seq++) committed(p, seq)
    expect(p.executes().map(e => e.seq)).toEqual([1, 2, 3])
    p.step(p.executedEvent(1, hash(1)))
    stableAbove(p, 8)
    p.step({ type: 'state-transferred', seq: 2, blockHash: hash(2) }) // the ledger got block 2 by transfer
    expect(p.core.status().lastExecuted).toBe(2)
    const out = p.step(p.executedEvent(3, hash(3)))
    expect(p.core.status().lastExecuted).toBe(3)
    // and its client is answered: the batch of seq 3 was kept for its report, though the stable
    // checkpoint collected its slot and the transfer stopped below it
    expect(out.flatMap(a => a.type === 'reply' ? [a.client] : [])).toEqual([tx(1, 3).client])
  })

  it('a transfer that stops short of the stable checkpoint keeps the replica fetching: its request timer stays off', () => {
    const p = new Probe(1)
    stableAbove(p, 8)
    p.step({ type: 'state-transferred', seq: 4, blockHash: hash(4) })
    p.step({ type: 'request', tx: tx(2, 1) })
    for (let k = 0; k < 3; k++) p.tick(1000)
    expect(p.core.status()).toMatchObject({ view: 0, viewChanging: false, lastExecuted: 4 })
    // the rest of the transfer ends the fetch: the timer runs again (§4.4) and deposes the primary
    p.step({ type: 'state-transferred', seq: 8, blockHash: hash(8) })
    p.step({ type: 'request', tx: tx(2, 2) })
    for (let k = 0; k < 2; k++) p.tick(1000)
    expect(p.core.status()).toMatchObject({ view: 1, viewChanging: true })
  })

  it('a replica that learns a stable checkpoint from a NEW-VIEW fetches it from the signers of its proof, never from itself', () => {
    const p = new Probe(2)
    const proof = [0, 1, 2].map(r => checkpoint(4, hash(4), r)) // its own CHECKPOINT among them (it lost its ledger)
    const vcs = [0, 1, 3].map(r => viewChange(1, r, [], 4, proof))
    p.deliver(1, { type: 'new-view', newView: newView(1, vcs, []), batches: [] })
    expect(p.core.status()).toMatchObject({ view: 1, viewChanging: false, stableCheckpoint: 4 })
    const [f] = p.fetches()
    expect(f).toMatchObject({ seq: 4, peers: [0, 1] })
    expect(toHex(f!.blockHash!)).toBe(toHex(hash(4)))
  })
})

describe('a gap transfer (src/protocol/gap.ts) at the primary', () => {
  it('the transferred blocks leave the log, the committed seqs above them execute, and the primary numbers its next batch after what it proposed', () => {
    const p = new Probe(0, { batchTxsMax: 1 })
    for (let k = 1; k <= 4; k++) p.step({ type: 'request', tx: tx(1, k) })
    const pps = Probe.sent(p.all, 'pre-prepare')
    expect(pps.map(m => m.prePrepare.seq)).toEqual([1, 2, 3, 4])
    for (const m of pps.slice(2)) {
      const { seq, digest } = m.prePrepare
      for (const r of [1, 2]) p.deliver(r, { type: 'prepare', prepare: prepare(0, seq, digest, r) })
      for (const r of [1, 2]) p.deliver(r, { type: 'commit', commit: commit(0, seq, digest, r) })
    }
    expect(p.executes()).toEqual([]) // 1 and 2 never commit here
    const out = p.step({ type: 'state-transferred', seq: 2, blockHash: hash(2) })
    expect(p.executes(out).map(e => e.seq)).toEqual([3, 4])
    expect(p.core.sizes().slots).toBe(2)
    p.step({ type: 'request', tx: tx(1, 5) })
    expect(Probe.sent(p.all, 'pre-prepare').slice(4).map(m => m.prePrepare.seq)).toEqual([5])
    expect(p.drops()).toEqual({})
  })
})
