// PBFT §4.4, the NEW-VIEW message rule by rule: who may send it and when, what a backup checks
// before it accepts one (each refusal counted under its own reason), what it does when O is
// wrong or a batch of O is missing, and how the view is then installed. n = 4, f = 1, K = 4,
// L = 8. The view-change.test.ts file holds O's computation; this one the message around it.
import { describe, expect, it } from 'vitest'
import type { Batch, NewView, PreparedCert, ViewChange } from '../../../src/codec/index.js'
import { toHex } from '../../../src/crypto/hash.js'
import { tx } from '../helpers.js'
import { Probe, batch, checkpoint, commit, digestOf, hexOf, newView, nullBatch, prePrepare, prepare, preparedCert, signAs, viewChange } from './forge.js'

// Seq 1 prepared with batch A in view 1 and with batch B in view 2: O of view 3 re-proposes B.
const A = batch(1, 1, [tx(1, 1)])
const B = batch(2, 1, [tx(1, 2)])
const certA = (): PreparedCert => preparedCert(1, 1, A)
const certB = (): PreparedCert => preparedCert(2, 1, B)
const vcs = (): ViewChange[] => [viewChange(3, 1, [certA()]), viewChange(3, 2, [certB()]), viewChange(3, 3)]
const good = (): NewView => newView(3, vcs(), [prePrepare(3, 1, B)])

/** The views this replica asked for, in order. */
const viewChangesOf = (p: Probe): number[] => [...new Set(Probe.sent(p.all, 'view-change').map(m => m.viewChange.newView))]

/** Replica `id` (a backup of view 3 unless told) gets `nv` from `relayedBy`. */
function gets (nv: NewView, batches: Batch[] = [B], id = 0, relayedBy = 3): Probe {
  const p = new Probe(id)
  p.deliver(relayedBy, { type: 'new-view', newView: nv, batches })
  return p
}

/** Refused, counted under `reason` alone, no evidence, the view not entered. */
function refusedAs (p: Probe, reason: string): void {
  expect(p.drops()).toEqual({ [reason]: 1 })
  expect(p.core.status()).toMatchObject({ view: 0, viewChanging: false })
  expect(p.prepares()).toEqual([])
  expect(p.evidence()).toEqual([])
}

/** Refused as a NEW-VIEW whose O its own V contradicts: `bad-new-view` evidence against replica 3. */
function wrongO (p: Probe): void {
  expect(p.drops()).toEqual({ 'new-view-wrong-o': 1 })
  expect(p.core.status().view).toBe(0)
  expect(p.prepares()).toEqual([])
  expect(p.evidence().map(e => [e.accused, e.kind])).toEqual([[3, 'bad-new-view']])
}

describe('§4.4 "a backup accepts a new-view message for view v+1 if it is signed properly" by the primary of v+1', () => {
  it('the correct NEW-VIEW is accepted with nothing counted as dropped', () => {
    const p = gets(good())
    expect(p.core.status()).toMatchObject({ view: 3, viewChanging: false })
    expect(p.drops()).toEqual({})
  })

  it('a NEW-VIEW signed by a replica that is not the primary of its view is refused as such, and accuses no one', () => {
    refusedAs(gets(newView(3, vcs(), [prePrepare(3, 1, B)], 2), [B], 0, 2), 'new-view-not-from-primary')
  })

  it('the new primary\'s own NEW-VIEW, relayed back to it by a backup, is refused: it does not install its view as a backup would', () => {
    refusedAs(gets(good(), [B], 3, 0), 'new-view-not-from-primary')
  })

  it('a NEW-VIEW that comes in as if from the replica itself is refused (before onNewView: an unknown sender)', () => {
    refusedAs(gets(good(), [B], 0, 0), 'unknown-sender')
  })

  it('a NEW-VIEW of another chain, or badly signed, is refused as a bad signature', () => {
    refusedAs(gets(signAs(3, 'newView', { ...good(), chainId: 'other-chain' })), 'bad-signature')
    refusedAs(gets({ ...good(), signature: new Uint8Array(64) }), 'bad-signature')
  })
})

describe('§4.4 a NEW-VIEW for a view already installed, or below the current one, is stale', () => {
  const nv2 = (): NewView => newView(2, [viewChange(2, 1), viewChange(2, 2), viewChange(2, 3)], [])

  it('once view 3 is installed, its NEW-VIEW again and a NEW-VIEW of view 2 are counted stale and change nothing', () => {
    const p = gets(good())
    expect(p.core.status()).toMatchObject({ view: 3, viewChanging: false })
    const prepares = p.prepares().length
    p.deliver(1, { type: 'new-view', newView: good(), batches: [B] })
    p.deliver(2, { type: 'new-view', newView: nv2(), batches: [] })
    expect(p.drops()).toEqual({ 'new-view-stale': 2 })
    expect(p.core.status()).toMatchObject({ view: 3, viewChanging: false })
    expect(p.prepares()).toHaveLength(prepares)
  })

  it('a replica changing to view v (v not installed yet) accepts the NEW-VIEW of v', () => {
    const p = new Probe(0)
    for (const r of [1, 2]) p.deliver(r, { type: 'view-change', viewChange: viewChange(3, r), batches: [] }) // f+1: joins view 3
    expect(p.core.status()).toMatchObject({ view: 3, viewChanging: true })
    p.deliver(3, { type: 'new-view', newView: good(), batches: [B] })
    expect(p.core.status()).toMatchObject({ view: 3, viewChanging: false })
    expect(p.drops()).toEqual({})
  })
})

describe('§4.4 "... if it contains a valid view-change message for view v+1 from 2f+1 different replicas"', () => {
  it('a VIEW-CHANGE for another view in V is refused', () => {
    const set = [viewChange(3, 1, [certA()]), viewChange(2, 2, [preparedCert(1, 1, A)]), viewChange(3, 3), viewChange(3, 0)]
    refusedAs(gets(newView(3, set, [prePrepare(3, 1, A)]), [A]), 'new-view-bad-view-changes')
  })

  it('two VIEW-CHANGEs of one replica in V are refused, even when the others make 2f+1 without them', () => {
    // Without the duplicate check, 1, 2 and 3 would be 2f+1 and O (B at seq 1) would match.
    const set = [viewChange(3, 1, [certA()]), viewChange(3, 2, [certB()]), viewChange(3, 2), viewChange(3, 3)]
    refusedAs(gets(newView(3, set, [prePrepare(3, 1, B)])), 'new-view-bad-view-changes')
  })

  it('a VIEW-CHANGE in V that is not correct (badly signed) is refused', () => {
    const set = [viewChange(3, 1, [certA()]), viewChange(3, 2, [certB()]), { ...viewChange(3, 3), signature: new Uint8Array(64) }]
    refusedAs(gets(newView(3, set, [prePrepare(3, 1, B)])), 'new-view-bad-view-changes')
  })

  it('2f VIEW-CHANGEs are too few; exactly 2f+1 are enough', () => {
    refusedAs(gets(newView(3, [viewChange(3, 2, [certB()]), viewChange(3, 3)], [prePrepare(3, 1, B)])), 'new-view-too-few-view-changes')
    expect(gets(good()).core.status().view).toBe(3)
  })
})

describe('§4.4 "... and if the set O is correct": every pre-prepare of O is the new primary\'s, of view v+1, validly signed', () => {
  it('a pre-prepare of O for another view, naming another replica, badly signed, or for another seq is a wrong O: evidence, not installed', () => {
    const cases = [
      prePrepare(3, 1, B, 3, { view: 4 }),
      prePrepare(3, 1, B, 3, { replica: 2 }), // signed by 3 all the same
      { ...prePrepare(3, 1, B), signature: new Uint8Array(64) },
      prePrepare(3, 2, B)
    ]
    for (const pp of cases) wrongO(gets(newView(3, vcs(), [pp])))
  })
})

describe('§4.4 a NEW-VIEW whose O its own V contradicts is evidence against the new primary', () => {
  it('once per (primary, view): the same bad NEW-VIEW again is not reported twice, a bad one of a later view of the same primary is', () => {
    const p = gets(newView(3, vcs(), [prePrepare(3, 1, A)]), [A, B])
    p.deliver(1, { type: 'new-view', newView: newView(3, vcs(), [prePrepare(3, 1, A)]), batches: [A, B] })
    const v7 = [viewChange(7, 1, [certA()]), viewChange(7, 2, [certB()]), viewChange(7, 3)]
    p.deliver(3, { type: 'new-view', newView: newView(7, v7, [prePrepare(7, 1, A)]), batches: [A, B] })
    expect(p.evidence().map(e => [e.accused, e.kind])).toEqual([[3, 'bad-new-view'], [3, 'bad-new-view']])
    expect(p.drops()).toEqual({ 'new-view-wrong-o': 3 })
  })
})

describe('§4.4 after a NEW-VIEW it refuses, a backup moves on to the next view at once (§4.5.2: the primary of v+1 is faulty)', () => {
  it('while changing to view v: a wrong O, then the next tick asks for v+1 (not after the NEW-VIEW timer)', () => {
    const p = new Probe(0)
    for (const r of [1, 2]) p.deliver(r, { type: 'view-change', viewChange: viewChange(3, r), batches: [] })
    p.deliver(3, { type: 'new-view', newView: newView(3, vcs(), [prePrepare(3, 1, A)]), batches: [A, B] })
    expect(p.drops()).toEqual({ 'new-view-wrong-o': 1 })
    p.tick(1)
    expect(viewChangesOf(p)).toEqual([3, 4])
  })

  it('while in view v - 1 (its request timer not running): a wrong O, then the next tick asks for view v', () => {
    const p = gets(newView(3, vcs(), [prePrepare(3, 1, A)]), [A, B], 1)
    expect(p.drops()).toEqual({ 'new-view-wrong-o': 1 })
    expect(viewChangesOf(p)).toEqual([])
    p.tick(1)
    expect(viewChangesOf(p)).toEqual([1])
  })

  it('a batch of O it cannot get: counted as missing (not as a lie), and it moves on at the next tick as well', () => {
    const p = new Probe(0)
    for (const r of [1, 2]) p.deliver(r, { type: 'view-change', viewChange: viewChange(3, r), batches: [] })
    p.deliver(3, { type: 'new-view', newView: good(), batches: [] })
    expect(p.drops()).toEqual({ 'new-view-missing-batch': 1 })
    expect(p.evidence()).toEqual([])
    p.tick(1)
    expect(viewChangesOf(p)).toEqual([3, 4])
  })

  it('O is compared seq by seq also when a missing batch comes before one it has: no evidence', () => {
    const C = batch(2, 2, [tx(1, 3)])
    const set = [viewChange(3, 1, [certA()]), viewChange(3, 2, [certB(), preparedCert(2, 2, C)]), viewChange(3, 3)]
    const p = gets(newView(3, set, [prePrepare(3, 1, B), prePrepare(3, 2, C)]), [C]) // B is missing
    expect(p.drops()).toEqual({ 'new-view-missing-batch': 1 })
    expect(p.evidence()).toEqual([])
  })
})

describe('§4.4 the new primary "multicasts a NEW-VIEW message <v+1, V, O>"', () => {
  it('V is deterministic: its own VIEW-CHANGE first, then the others in replica order, whatever order they came in', () => {
    const p = new Probe(3)
    p.deliver(1, { type: 'view-change', viewChange: viewChange(3, 1), batches: [] })
    p.deliver(0, { type: 'view-change', viewChange: viewChange(3, 0), batches: [] })
    const [m] = Probe.sent(p.all, 'new-view')
    expect(m!.newView.viewChanges.map(vc => vc.replica)).toEqual([3, 0, 1])
    // ... also when its own VIEW-CHANGE came first (its request timer), the others after it
    const q = new Probe(1)
    q.step({ type: 'request', tx: tx(1, 1) })
    q.tick(1000)
    expect(viewChangesOf(q)).toEqual([1])
    q.deliver(3, { type: 'view-change', viewChange: viewChange(1, 3), batches: [] })
    q.deliver(0, { type: 'view-change', viewChange: viewChange(1, 0), batches: [] })
    const [n] = Probe.sent(q.all, 'new-view')
    expect(n!.newView.viewChanges.map(vc => vc.replica)).toEqual([1, 0, 3])
  })
})

describe('§4.4 installing the new view: "replicas ... insert all the messages in O in their log"', () => {
  it('a backup whose stable checkpoint is above V\'s min-s votes only on O\'s seqs above its own stable checkpoint', () => {
    const p = new Probe(0)
    const h4 = new Uint8Array(32).fill(4)
    for (const r of [1, 2, 3]) p.deliver(r, { type: 'checkpoint', checkpoint: checkpoint(4, h4, r) })
    expect(p.core.status().stableCheckpoint).toBe(4)
    p.step({ type: 'state-transferred', seq: 4, blockHash: h4 })
    const C = batch(1, 5, [tx(1, 5)])
    const set = [viewChange(3, 1, [preparedCert(1, 5, C)]), viewChange(3, 2), viewChange(3, 3)] // min-s 0
    const pps = [1, 2, 3, 4].map(seq => prePrepare(3, seq, nullBatch(3, seq))).concat([prePrepare(3, 5, C)])
    p.deliver(3, { type: 'new-view', newView: newView(3, set, pps), batches: [C] })
    expect(p.core.status()).toMatchObject({ view: 3, viewChanging: false, stableCheckpoint: 4 })
    expect(p.prepares().map(x => [x.view, x.seq])).toEqual([[3, 5]])
  })

  it('the new primary takes O as its own pre-prepares: it sends no PREPARE for them, and proposes next at the seq after O', () => {
    const p = new Probe(3)
    p.deliver(1, { type: 'view-change', viewChange: vcs()[0]!, batches: [A] })
    p.deliver(2, { type: 'view-change', viewChange: vcs()[1]!, batches: [B] })
    expect(Probe.sent(p.all, 'new-view')).toHaveLength(1)
    expect(p.prepares()).toEqual([])
    p.step({ type: 'request', tx: tx(2, 1) })
    p.tick(10)
    expect(Probe.sent(p.all, 'pre-prepare').map(m => [m.prePrepare.view, m.prePrepare.seq])).toEqual([[3, 2]])
  })

  it('a seq of O it executed already is no outstanding work, as new primary or as backup: no request timer runs for it', () => {
    // Replica 1 executes seq 1 (batch b) in view 0, sends NEW-VIEW(1) re-proposing it (V holds
    // its certificate), then installs NEW-VIEW(2) that re-proposes it again, as a backup.
    const p = new Probe(1)
    const b = batch(0, 1, [tx(1, 1)])
    p.deliver(0, { type: 'pre-prepare', prePrepare: prePrepare(0, 1, b), batch: b })
    p.deliver(2, { type: 'prepare', prepare: prepare(0, 1, digestOf(b), 2) })
    for (const r of [0, 2]) p.deliver(r, { type: 'commit', commit: commit(0, 1, digestOf(b), r) })
    p.step(p.executedEvent(1, new Uint8Array(32).fill(1)))
    expect(p.core.status()).toMatchObject({ lastExecuted: 1, pendingRequests: 0 })
    for (const r of [2, 3]) p.deliver(r, { type: 'view-change', viewChange: viewChange(1, r, [preparedCert(0, 1, b)]), batches: [b] })
    const [nv1] = Probe.sent(p.all, 'new-view')
    expect(nv1!.newView.prePrepares.map(pp => [pp.view, pp.seq, toHex(pp.digest)])).toEqual([[1, 1, hexOf(b)]])
    const v2 = [viewChange(2, 0, [preparedCert(0, 1, b)]), viewChange(2, 2), viewChange(2, 3)]
    p.deliver(2, { type: 'new-view', newView: newView(2, v2, [prePrepare(2, 1, b)]), batches: [b] })
    expect(p.core.status()).toMatchObject({ view: 2, viewChanging: false })
    p.tick(5000)
    expect(viewChangesOf(p)).toEqual([1])
  })

  it('an older view\'s pre-prepared, uncommitted slot that O leaves out is discarded from the log', () => {
    const p = new Probe(2)
    const b = batch(0, 1, [tx(1, 1)])
    p.deliver(0, { type: 'pre-prepare', prePrepare: prePrepare(0, 1, b), batch: b })
    expect(p.core.status().inFlight.map(x => [x.seq, x.view])).toEqual([[1, 0]])
    p.deliver(1, { type: 'new-view', newView: newView(1, [viewChange(1, 0), viewChange(1, 1), viewChange(1, 3)], []), batches: [] })
    expect(p.core.status()).toMatchObject({ view: 1, viewChanging: false, inFlight: [] })
    expect(p.core.sizes().slots).toBe(0)
  })

  it('a committed slot of an older view stays in the log (it executes in order; O re-proposes its seq only if V has its certificate)', () => {
    const p = new Probe(2)
    const [b1, b2] = [batch(0, 1, [tx(1, 1)]), batch(0, 2, [tx(1, 2)])]
    p.deliver(0, { type: 'pre-prepare', prePrepare: prePrepare(0, 2, b2), batch: b2 })
    p.deliver(1, { type: 'prepare', prepare: prepare(0, 2, digestOf(b2), 1) })
    for (const r of [0, 1]) p.deliver(r, { type: 'commit', commit: commit(0, 2, digestOf(b2), r) })
    expect(p.core.status().inFlight.map(x => [x.seq, x.phase])).toEqual([[2, 'committed']]) // waits for seq 1
    const set = [viewChange(1, 0, [preparedCert(0, 1, b1)]), viewChange(1, 1), viewChange(1, 3)]
    p.deliver(1, { type: 'new-view', newView: newView(1, set, [prePrepare(1, 1, b1)]), batches: [b1] })
    expect(p.core.status().inFlight.map(x => [x.seq, x.view, x.phase])).toEqual([[1, 1, 'pre-prepared'], [2, 0, 'committed']])
    // ... and its requests are not taken back as pending: the committed batch still executes them
    expect(p.core.status().pendingRequests).toBe(0)
  })
})
