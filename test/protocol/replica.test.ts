// The core's surface (src/protocol/replica.ts, types.ts ReplicaCore) and its execution events:
// time arrives in ticks and never goes back, state transfer resumes execution, the `executed`
// event must be the one the core asked for (a driver bug crashes, STYLE.md habit 4), replies are
// signed once per block that holds transactions, and the status the dashboard and the simulator
// read. n = 4, f = 1; replica 1 is a backup of view 0.
import { describe, expect, it } from 'vitest'
import type { Batch } from '../../src/codec/index.js'
import { createSigner, verify } from '../../src/crypto/ed25519.js'
import { toHex } from '../../src/crypto/hash.js'
import { Replica } from '../../src/protocol/replica.js'
import type { Action, ProtocolEvent } from '../../src/protocol/types.js'
import { config, headerOf, seedOf, tx } from './helpers.js'
import { NOW, Probe, batch, checkpoint, commit, digestOf, newView, prePrepare, prepare, preparedCert, viewChange } from './paper/forge.js'

const replies = (actions: Action[]): Array<Action & { type: 'reply' }> => actions.flatMap(a => a.type === 'reply' ? [a] : [])

/** The driver's `executed` event for batch b (all results ok; block hash = seq repeated). */
function executed (b: Batch): ProtocolEvent {
  const results = b.txs.map(() => ({ code: 0, log: 'ok' }))
  const seq = b.proposal.seq
  return { type: 'executed', seq, blockHash: new Uint8Array(32).fill(seq), header: headerOf(b, new Uint8Array(32), results), results }
}

/** Replica 1 commits (view, seq, b) with the votes of the primary and one more backup. */
function commitAt (p: Probe, view: number, seq: number, b: ReturnType<typeof batch>): void {
  const primary = view % 4
  const other = [0, 2, 3].find(r => r !== primary)!
  p.deliver(primary, { type: 'pre-prepare', prePrepare: prePrepare(view, seq, b), batch: b })
  p.deliver(other, { type: 'prepare', prepare: prepare(view, seq, digestOf(b), other) })
  for (const r of [primary, other]) p.deliver(r, { type: 'commit', commit: commit(view, seq, digestOf(b), r) })
}

describe('time and state transfer', () => {
  it('time never goes back: a tick older than the last one is ignored (a proposal is stamped with the latest time)', () => {
    const p = new Probe(0, {}, undefined, NOW)
    p.step({ type: 'tick', nowMs: NOW + 500 })
    p.step({ type: 'tick', nowMs: NOW - 500 })
    p.step({ type: 'request', tx: tx(1, 1) })
    expect(Probe.sent(p.all, 'pre-prepare').map(m => m.batch.proposal.timestampMs)).toEqual([NOW + 500])
  })

  it('a seq that committed while the replica fetched the state up to a stable checkpoint executes as soon as the transfer ends', () => {
    const p = new Probe(1)
    const h8 = new Uint8Array(32).fill(8)
    for (const r of [0, 2, 3]) p.deliver(r, { type: 'checkpoint', checkpoint: checkpoint(8, h8, r) })
    commitAt(p, 0, 9, batch(0, 9, [tx(1, 9)]))
    expect(p.executes()).toEqual([])
    const out = p.step({ type: 'state-transferred', seq: 8, blockHash: h8 })
    expect(p.executes(out).map(e => e.seq)).toEqual([9])
    expect(p.fetches().map(f => f.seq)).toEqual([8]) // asked once, not again at a later step
  })

  it('a replica restarted behind its own stable checkpoint asks, at its first step, for the state from the others that proved it', () => {
    const h4 = new Uint8Array(32).fill(4)
    const r = new Probe(1, {}, { records: [{ kind: 'stable-checkpoint', seq: 4, blockHash: h4, proof: [0, 1, 2].map(x => checkpoint(4, h4, x)) }], lastExecuted: { seq: 0, blockHash: new Uint8Array(32) } })
    const out = r.step({ type: 'tick', nowMs: NOW })
    expect(r.fetches(out).map(f => [f.seq, toHex(f.blockHash!), f.peers])).toEqual([[4, toHex(h4), [0, 2]]])
    expect(r.fetches(r.step({ type: 'tick', nowMs: NOW + 1 }))).toEqual([]) // once
  })
})

describe('messages of a view that is not installed yet (PBFT §4.4)', () => {
  it('a backup changing to view v keeps view v\'s PRE-PREPARE until NEW-VIEW(v) is installed, then prepares it', () => {
    const p = new Probe(2)
    p.core.forceViewChange() // view 1 (primary 1), changing
    const b = batch(1, 1, [tx(1, 1)])
    p.deliver(1, { type: 'pre-prepare', prePrepare: prePrepare(1, 1, b), batch: b })
    expect(p.prepares()).toEqual([])
    p.deliver(1, { type: 'new-view', newView: newView(1, [0, 1, 3].map(r => viewChange(1, r)), []), batches: [] })
    expect(p.prepares().map(x => [x.view, x.seq])).toEqual([[1, 1]])
  })

  it('the new primary, too, processes the votes of its view that it received before it sent NEW-VIEW', () => {
    const p = new Probe(1) // primary of view 1
    const b = batch(0, 1, [tx(1, 1)])
    p.core.forceViewChange()
    for (const r of [2, 3]) p.deliver(r, { type: 'prepare', prepare: prepare(1, 1, digestOf(b), r) })
    expect(p.commits()).toEqual([])
    for (const r of [2, 3]) p.deliver(r, { type: 'view-change', viewChange: viewChange(1, r, [preparedCert(0, 1, b)]), batches: [b] })
    expect(Probe.sent(p.all, 'new-view')).toHaveLength(1)
    expect(p.commits().map(c => [c.view, c.seq])).toEqual([[1, 1]])
    // O's entry starts the new view uncommitted: it executes only with 2f+1 COMMITs of view 1
    expect(p.executes()).toEqual([])
    p.deliver(2, { type: 'commit', commit: commit(1, 1, digestOf(b), 2) })
    expect(p.executes()).toEqual([])
    p.deliver(3, { type: 'commit', commit: commit(1, 1, digestOf(b), 3) })
    expect(p.executes().map(e => [e.seq, e.view])).toEqual([[1, 1]])
  })
})

describe('the executed event is the block the core asked for', () => {
  it('an `executed` event for a seq other than the next one is a driver bug: the core throws AssertionError', () => {
    const p = new Probe(1)
    commitAt(p, 0, 1, batch(0, 1, [tx(1, 1)]))
    const e = p.executedEvent(1, new Uint8Array(32).fill(1))
    expect(() => p.step({ ...e, seq: 2 } as typeof e)).toThrow(expect.objectContaining({ name: 'AssertionError' }))
    // nor the same event twice (its replies would go out twice)
    const q = new Probe(1)
    commitAt(q, 0, 1, batch(0, 1, [tx(1, 1)]))
    q.step(q.executedEvent(1, new Uint8Array(32).fill(1)))
    expect(() => q.step(q.executedEvent(1, new Uint8Array(32).fill(1)))).toThrow(expect.objectContaining({ name: 'AssertionError' }))
  })

  it('a header of another height, or results that are not the batch\'s, are a driver bug too', () => {
    for (const broken of ['height', 'results', 'resultsRoot', 'txRoot'] as const) {
      const p = new Probe(1)
      commitAt(p, 0, 1, batch(0, 1, [tx(1, 1)]))
      const e = p.executedEvent(1, new Uint8Array(32).fill(1))
      if (e.type !== 'executed') throw new Error('unreachable')
      if (broken === 'height') e.header = { ...e.header, height: 2 }
      if (broken === 'results') e.results = [...e.results, { code: 0, log: 'ok' }]
      if (broken === 'resultsRoot') e.header = { ...e.header, resultsRoot: new Uint8Array(32) }
      if (broken === 'txRoot') e.header = { ...e.header, txRoot: new Uint8Array(32) }
      expect(() => p.step(e), broken).toThrow(expect.objectContaining({ name: 'AssertionError' }))
    }
  })

  it('a block without transactions (an empty batch, a null request) is answered to nobody and its attestation is not signed; a block with one is signed once', () => {
    let signs = 0
    const signer = createSigner(seedOf(1))
    const core = new Replica(config(4, 1), { sign: m => { signs++; return signer.sign(m) }, verify })
    const all: Action[] = []
    const step = (e: ProtocolEvent): Action[] => { const out = core.step(e); all.push(...out); return out }
    step({ type: 'tick', nowMs: NOW })
    const blocks = [batch(0, 1, []), batch(0, 2, [tx(1, 2)])]
    for (const b of blocks) {
      const seq = b.proposal.seq
      step({ type: 'message', from: 0, message: { type: 'pre-prepare', prePrepare: prePrepare(0, seq, b), batch: b } })
      step({ type: 'message', from: 2, message: { type: 'prepare', prepare: prepare(0, seq, digestOf(b), 2) } })
      for (const r of [0, 2]) step({ type: 'message', from: r, message: { type: 'commit', commit: commit(0, seq, digestOf(b), r) } })
    }
    expect(all.flatMap(a => a.type === 'execute' ? [a.seq] : [])).toEqual([1, 2])
    const before = signs
    expect(replies(step(executed(blocks[0]!)))).toEqual([])
    expect(signs).toBe(before)
    const [r] = replies(step(executed(blocks[1]!)))
    expect(signs).toBe(before + 1)
    expect(r!.reply.attestation).toMatchObject({ view: 0, height: 2, replica: 1 })
  })
})

describe('the executed event after a stable checkpoint moved past its seq', () => {
  // Found by the mutation work of issue #17: the node's driver executes asynchronously
  // (src/host/host.ts pipelined execute: the `executed` event is queued when the ledger append finishes),
  // so 2f+1 CHECKPOINTs of the others for seq n can be stepped between the `execute` action for n
  // and its `executed` event. becomeStable deleted the slots up to n, and onExecuted, finding no
  // batch for n, skipped its replies: n's transactions stayed pending and in flight for good, and
  // the request timer started a view change nobody needed. The core now keeps the batches handed
  // to execution until their executed event (state.ts executing).
  it('a replica that learns the stable checkpoint n while its block n executes still replies to n\'s transactions, and nothing stays outstanding', () => {
    const p = new Probe(1)
    const bs = [1, 2, 3, 4].map(seq => batch(0, seq, [tx(1, seq)]))
    for (const b of bs) {
      p.step({ type: 'request', tx: b.txs[0]! })
      commitAt(p, 0, b.proposal.seq, b)
    }
    expect(p.executes().map(e => e.seq)).toEqual([1, 2, 3, 4])
    for (const seq of [1, 2, 3]) p.step(p.executedEvent(seq, new Uint8Array(32).fill(seq)))
    const h4 = new Uint8Array(32).fill(4)
    for (const r of [0, 2, 3]) p.deliver(r, { type: 'checkpoint', checkpoint: checkpoint(4, h4, r) })
    expect(p.core.status().stableCheckpoint).toBe(4)
    const out = p.step(p.executedEvent(4, h4)) // the driver's event for the execute emitted before
    expect(replies(out).map(r => r.reply.header.height)).toEqual([4])
    expect(p.core.status().pendingRequests).toBe(0)
    p.tick(10 * 1000)
    expect(Probe.sent(p.all, 'view-change')).toEqual([])
  })
})

describe('restart (PBFT TOCS §4.7): the slot and the signatures of the latest view come back', () => {
  it('a backup that prepared seq 1 in view 0 and again in view 1 (from NEW-VIEW) restarts into view 1\'s slot: one more PREPARE of view 1 completes it', () => {
    const p = new Probe(2)
    const a = batch(0, 1, [tx(1, 1)])
    const d = digestOf(a)
    p.deliver(0, { type: 'pre-prepare', prePrepare: prePrepare(0, 1, a), batch: a })
    const cert = preparedCert(0, 1, a)
    p.deliver(1, { type: 'new-view', newView: newView(1, [viewChange(1, 0, [cert]), viewChange(1, 1, [cert]), viewChange(1, 3)], [prePrepare(1, 1, a)]), batches: [a] })
    expect(p.prepares().map(x => [x.view, x.seq])).toEqual([[0, 1], [1, 1]])
    const r = p.restart()
    r.step({ type: 'tick', nowMs: r.nowMs })
    r.deliver(3, { type: 'prepare', prepare: prepare(1, 1, d, 3) })
    expect(r.commits().map(c => [c.view, c.seq, toHex(c.digest)])).toEqual([[1, 1, toHex(d)]])
  })

  it('a replica that signed CHECKPOINT(4, H) before a crash signs it again after re-executing seq 4 to H, but never CHECKPOINT(4, H\') for another hash', () => {
    const H = new Uint8Array(32).fill(4)
    for (const [hash, sent] of [[H, [toHex(H)]], [new Uint8Array(32).fill(5), []]] as const) {
      const r = new Probe(1, {}, { records: [{ kind: 'checkpoint', checkpoint: checkpoint(4, H, 1) }], lastExecuted: { seq: 3, blockHash: new Uint8Array(32).fill(3) } })
      r.step({ type: 'tick', nowMs: NOW })
      commitAt(r, 0, 4, batch(0, 4, [tx(1, 4)]))
      r.step(r.executedEvent(4, hash))
      expect(Probe.sent(r.all, 'checkpoint').map(m => toHex(m.checkpoint.blockHash))).toEqual(sent)
      expect(r.drops()['would-equivocate'] ?? 0).toBe(sent.length === 0 ? 1 : 0)
    }
  })
})

describe('the status the dashboard and the simulator read', () => {
  it('executed seqs leave inFlight', () => {
    const p = new Probe(1)
    commitAt(p, 0, 1, batch(0, 1, [tx(1, 1)]))
    expect(p.core.status().inFlight.map(x => [x.seq, x.phase])).toEqual([[1, 'committed']])
    p.step(p.executedEvent(1, new Uint8Array(32).fill(7)))
    expect(p.core.status()).toMatchObject({ lastExecuted: 1, inFlight: [] })
  })

  it('viewChanges counts the view changes this replica started, and viewChangeCause says why the last one started', () => {
    const p = new Probe(1)
    expect(p.core.status()).toMatchObject({ viewChanges: 0, viewChangeCause: undefined })
    p.core.forceViewChange()
    expect(p.core.status()).toMatchObject({ view: 1, viewChanging: true, viewChanges: 1, viewChangeCause: 'forced (test hook)' })
    for (const r of [2, 3]) p.deliver(r, { type: 'view-change', viewChange: viewChange(2, r), batches: [] })
    expect(p.core.status()).toMatchObject({ view: 2, viewChanges: 2 })
    expect(p.core.status().viewChangeCause).not.toBe('forced (test hook)')
  })
})
