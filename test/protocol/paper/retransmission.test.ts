// Retransmission (the channels PBFT assumes are built from retransmits, TOCS §5.2): a replica that
// made no progress for retransmitMs (half the view-change timeout, at least 50 ms) re-sends what
// it signed for seqs above its stable checkpoint in its current view, and its own checkpoints; in
// a view change it re-sends its VIEW-CHANGE. A replica that installed a view relays that view's
// NEW-VIEW to one still asking for it or for a lower view, at most once per interval.
import { describe, expect, it } from 'vitest'
import { toHex } from '../../../src/crypto/hash.js'
import { tx } from '../helpers.js'
import { Probe, batch, checkpoint, commit, digestOf, newView, prePrepare, prepare, viewChange } from './forge.js'

const EVERY = 500 // viewChangeTimeoutMs 1000 / 2

describe('retransmission', () => {
  it('without progress for retransmitMs a backup re-sends its PREPARE and COMMIT of the current view, not before', () => {
    const p = new Probe(1)
    const a = batch(0, 1, [tx(1, 1)])
    p.deliver(0, { type: 'pre-prepare', prePrepare: prePrepare(0, 1, a), batch: a })
    p.deliver(2, { type: 'prepare', prepare: prepare(0, 1, digestOf(a), 2) })
    // the probe's first tick (at creation) was a retransmission round: the next is EVERY later
    const t1 = p.tick(EVERY - 1)
    expect(p.prepares(t1)).toHaveLength(0)
    const t2 = p.tick(1)
    expect(p.prepares(t2).map(x => x.replica)).toEqual([1])
    expect(p.commits(t2).map(x => x.replica)).toEqual([1])
    expect(Probe.sent(t2, 'pre-prepare')).toHaveLength(0) // not its to send
  })

  it('the primary re-sends its PRE-PREPAREs with their batches', () => {
    const p = new Probe(0)
    p.step({ type: 'request', tx: tx(1, 1) })
    const [pp] = Probe.sent(p.all, 'pre-prepare')
    const again = Probe.sent(p.tick(EVERY), 'pre-prepare')
    expect(again.map(m => toHex(m.prePrepare.signature))).toEqual([toHex(pp!.prePrepare.signature)])
    expect(again[0]!.batch.txs).toHaveLength(1)
  })

  it('progress (an execution) postpones the next retransmission by a full interval', () => {
    const p = new Probe(1)
    const a = batch(0, 1, [tx(1, 1)])
    const b = batch(0, 2, [tx(1, 2)])
    for (const [seq, x] of [[1, a], [2, b]] as const) {
      p.deliver(0, { type: 'pre-prepare', prePrepare: prePrepare(0, seq, x), batch: x })
      p.deliver(2, { type: 'prepare', prepare: prepare(0, seq, digestOf(x), 2) })
    }
    p.tick(EVERY)
    p.tick(EVERY - 100)
    for (const r of [0, 2]) p.deliver(r, { type: 'commit', commit: commit(0, 1, digestOf(a), r) })
    p.step(p.executedEvent(1, new Uint8Array(32).fill(1), [{ code: 0, log: 'ok' }]))
    expect(p.prepares(p.tick(100))).toHaveLength(0)
    expect(p.prepares(p.tick(EVERY - 100)).map(x => x.seq)).toEqual([1, 2]) // executed seqs too, up to a stable checkpoint
  })

  it('votes of an older view and seqs at or below the stable checkpoint are not re-sent', () => {
    const p = new Probe(1)
    const a = batch(0, 1, [tx(1, 1)])
    p.deliver(0, { type: 'pre-prepare', prePrepare: prePrepare(0, 1, a), batch: a })
    p.deliver(3, { type: 'new-view', newView: newView(3, [viewChange(3, 0), viewChange(3, 2), viewChange(3, 3)], []), batches: [] })
    p.tick(EVERY)
    expect(p.prepares(p.tick(EVERY))).toHaveLength(0)
  })

  it('a replica re-sends its own CHECKPOINTs above the stable checkpoint', () => {
    const p = new Probe(1, { checkpointInterval: 1, window: 4 })
    const a = batch(0, 1, [tx(1, 1)])
    p.deliver(0, { type: 'pre-prepare', prePrepare: prePrepare(0, 1, a), batch: a })
    p.deliver(2, { type: 'prepare', prepare: prepare(0, 1, digestOf(a), 2) })
    for (const r of [0, 2]) p.deliver(r, { type: 'commit', commit: commit(0, 1, digestOf(a), r) })
    p.step(p.executedEvent(1, new Uint8Array(32).fill(1), [{ code: 0, log: 'ok' }]))
    const [own] = Probe.sent(p.all, 'checkpoint')
    p.tick(EVERY)
    const again = Probe.sent(p.tick(EVERY), 'checkpoint')
    expect(again.map(m => toHex(m.checkpoint.signature))).toEqual([toHex(own!.checkpoint.signature)])
    // once it is stable, no more
    for (const r of [0, 2]) p.deliver(r, { type: 'checkpoint', checkpoint: checkpoint(1, new Uint8Array(32).fill(1), r) })
    expect(p.core.status().stableCheckpoint).toBe(1)
    expect(Probe.sent(p.tick(EVERY), 'checkpoint')).toHaveLength(0)
  })

  it('during a view change a replica re-sends its VIEW-CHANGE, and nothing of the old view', () => {
    const p = new Probe(1)
    const a = batch(0, 1, [tx(1, 1)])
    p.deliver(0, { type: 'pre-prepare', prePrepare: prePrepare(0, 1, a), batch: a })
    const [vc] = Probe.sent(p.core.forceViewChange(), 'view-change')
    p.tick(EVERY)
    const out = p.tick(EVERY)
    // to each other replica once, the same signed VIEW-CHANGE
    expect(out.flatMap(a => a.type === 'send' && a.message.type === 'view-change' ? [[a.to, toHex(a.message.viewChange.signature)]] : [])).toEqual([0, 2, 3].map(to => [to, toHex(vc!.viewChange.signature)]))
    expect(p.prepares(out)).toHaveLength(0)
  })

  it('a view change, started or installed, counts as progress: nothing is re-sent for a full interval after it, however long the replica was idle before', () => {
    const p = new Probe(2)
    p.tick(3 * EVERY + EVERY / 2) // idle: the last progress is long past, the last (empty) re-send round EVERY / 2 ago
    const [vc] = Probe.sent(p.core.forceViewChange(), 'view-change')
    expect(Probe.sent(p.tick(EVERY - 1), 'view-change')).toHaveLength(0)
    expect([...new Set(Probe.sent(p.tick(1), 'view-change').map(m => toHex(m.viewChange.signature)))]).toEqual([toHex(vc!.viewChange.signature)])
    // the new primary of view 1 sends NEW-VIEW with a re-proposed batch; its pre-prepare is not re-sent at once
    const q = new Probe(1)
    const a = batch(0, 1, [tx(1, 1)])
    q.deliver(0, { type: 'pre-prepare', prePrepare: prePrepare(0, 1, a), batch: a })
    q.deliver(2, { type: 'prepare', prepare: prepare(0, 1, digestOf(a), 2) })
    q.tick(EVERY + 100) // idle past a retransmit round, below the request timeout
    q.core.forceViewChange()
    q.tick(EVERY / 2)
    const out = [...q.deliver(2, { type: 'view-change', viewChange: viewChange(1, 2), batches: [] }), ...q.deliver(3, { type: 'view-change', viewChange: viewChange(1, 3), batches: [] })]
    expect(Probe.sent(out, 'new-view')).toHaveLength(1)
    expect(Probe.sent(q.tick(EVERY - 1), 'pre-prepare')).toHaveLength(0)
    expect(Probe.sent(q.tick(1), 'pre-prepare').map(m => m.prePrepare.seq)).toEqual([1])
  })

  it('a backup that installed a view relays its NEW-VIEW to a replica still asking for that view, at most once per interval', () => {
    const p = new Probe(0)
    const nv = newView(3, [viewChange(3, 1), viewChange(3, 2), viewChange(3, 3)], [])
    p.deliver(3, { type: 'new-view', newView: nv, batches: [] })
    const out = p.deliver(2, { type: 'view-change', viewChange: viewChange(3, 2), batches: [] })
    const relayed = out.filter(a => a.type === 'send' && a.to === 2 && a.message.type === 'new-view')
    expect(relayed).toHaveLength(1)
    expect(p.deliver(2, { type: 'view-change', viewChange: viewChange(3, 2), batches: [] }).filter(a => a.type === 'send')).toHaveLength(0)
    p.tick(EVERY)
    expect(p.deliver(2, { type: 'view-change', viewChange: viewChange(3, 2), batches: [] }).filter(a => a.type === 'send')).toHaveLength(1)
  })

  it('the new primary re-sends its NEW-VIEW to a replica that asks again for the view it installed', () => {
    const p = new Probe(3)
    for (const r of [0, 1]) p.deliver(r, { type: 'view-change', viewChange: viewChange(3, r), batches: [] })
    const [sent] = Probe.sent(p.all, 'new-view')
    const out = p.deliver(2, { type: 'view-change', viewChange: viewChange(3, 2), batches: [] })
    const again = out.flatMap(a => a.type === 'send' && a.to === 2 && a.message.type === 'new-view' ? [a.message.newView] : [])
    expect(again.map(x => toHex(x.signature))).toEqual([toHex(sent!.newView.signature)])
  })

  // Castro's thesis §5.2: a replica that learns another is in a lower view sends it the NEW-VIEW
  // of its own view. Seed 277 (n = 10): replicas 4 and 5 missed the NEW-VIEWs and kept asking
  // for view 1 while the others had installed view 2; their VIEW-CHANGE(1) was dropped as stale,
  // the replicas of view 2 no longer re-sent theirs, so 4 and 5 never saw f+1 ask for higher
  // views, and every later view lacked their votes (7 of 10 needed, 7 honest): no commit, ever.
  it('a replica that installed view v answers a VIEW-CHANGE for a lower view with its NEW-VIEW(v); the laggard installs v', () => {
    const p = new Probe(0) // a backup that installed view 2
    const nv = newView(2, [viewChange(2, 1), viewChange(2, 2), viewChange(2, 3)], [])
    p.deliver(2, { type: 'new-view', newView: nv, batches: [] })
    expect(p.core.status()).toMatchObject({ view: 2, viewChanging: false })
    const lag = new Probe(3) // missed every NEW-VIEW: still asking for view 1
    const [vc1] = Probe.sent(lag.core.forceViewChange(), 'view-change')
    expect(vc1!.viewChange.newView).toBe(1)
    const out = p.deliver(3, vc1!)
    const relayed = out.flatMap(a => a.type === 'send' && a.to === 3 && a.message.type === 'new-view' ? [a.message] : [])
    expect(relayed.map(m => toHex(m.newView.signature))).toEqual([toHex(nv.signature)])
    expect(p.drops()['view-change-stale']).toBeUndefined()
    lag.deliver(0, relayed[0]!)
    expect(lag.core.status()).toMatchObject({ view: 2, viewChanging: false })
    // at most once per interval, as for a VIEW-CHANGE of the installed view
    expect(p.deliver(3, vc1!).filter(a => a.type === 'send')).toHaveLength(0)
    p.tick(EVERY)
    expect(p.deliver(3, vc1!).filter(a => a.type === 'send')).toHaveLength(1)
  })

  it('a replica that installed view v answers the old primary\'s votes of view v-1 with NEW-VIEW(v): the old primary, which runs no request timer and never asked for a view change, installs v (sim seed 852)', () => {
    const p = new Probe(2) // a backup that installed view 1
    const nv = newView(1, [viewChange(1, 1), viewChange(1, 2), viewChange(1, 3)], [])
    p.deliver(1, { type: 'new-view', newView: nv, batches: [] })
    expect(p.core.status()).toMatchObject({ view: 1, viewChanging: false })
    const old = new Probe(0) // primary of view 0, missed the view change
    const b = batch(0, 1, [tx(1, 1)])
    const pp = prePrepare(0, 1, b)
    const out = p.deliver(0, { type: 'pre-prepare', prePrepare: pp, batch: b }) // its retransmission
    const relayed = out.flatMap(a => a.type === 'send' && a.to === 0 && a.message.type === 'new-view' ? [a.message] : [])
    expect(relayed.map(m => toHex(m.newView.signature))).toEqual([toHex(nv.signature)])
    expect(p.drops()['old-view']).toBe(1)
    old.deliver(2, relayed[0]!)
    expect(old.core.status()).toMatchObject({ view: 1, viewChanging: false })
    // at most once per interval
    expect(p.deliver(0, { type: 'prepare', prepare: prepare(0, 1, digestOf(b), 0) }).filter(a => a.type === 'send')).toHaveLength(0)
  })

  it('a replica changing to view v+1 answers a VIEW-CHANGE for a view up to v, the last it installed, with NEW-VIEW(v)', () => {
    const p = new Probe(0)
    const nv = newView(2, [viewChange(2, 1), viewChange(2, 2), viewChange(2, 3)], [])
    p.deliver(2, { type: 'new-view', newView: nv, batches: [] })
    p.core.forceViewChange() // view 3, not installed: view 2's NEW-VIEW is still the latest it has
    expect(p.core.status()).toMatchObject({ view: 3, viewChanging: true })
    const out = p.deliver(1, { type: 'view-change', viewChange: viewChange(1, 1), batches: [] })
    const relayed = out.flatMap(a => a.type === 'send' && a.to === 1 && a.message.type === 'new-view' ? [a.message.newView] : [])
    expect(relayed.map(x => toHex(x.signature))).toEqual([toHex(nv.signature)])
  })

  it('votes are re-sent in seq order, whatever order the pre-prepares came in (lower seqs execute first)', () => {
    const p = new Probe(1)
    const a = batch(0, 1, [tx(1, 1)])
    const b = batch(0, 2, [tx(1, 2)])
    for (const [seq, x] of [[2, b], [1, a]] as const) p.deliver(0, { type: 'pre-prepare', prePrepare: prePrepare(0, seq, x), batch: x })
    expect(p.prepares(p.tick(EVERY)).map(x => x.seq)).toEqual([1, 2])
  })

  it('votes for a seq committed in an older view are not re-sent after a NEW-VIEW (the slot is kept until it is executed and stable)', () => {
    const p = new Probe(1)
    const a = batch(0, 1, [tx(1, 1)])
    p.deliver(0, { type: 'pre-prepare', prePrepare: prePrepare(0, 1, a), batch: a })
    p.deliver(2, { type: 'prepare', prepare: prepare(0, 1, digestOf(a), 2) })
    for (const r of [0, 2]) p.deliver(r, { type: 'commit', commit: commit(0, 1, digestOf(a), r) })
    expect(p.executes().map(e => e.seq)).toEqual([1])
    p.deliver(3, { type: 'new-view', newView: newView(3, [viewChange(3, 0), viewChange(3, 2), viewChange(3, 3)], []), batches: [] })
    expect(p.core.status()).toMatchObject({ view: 3, viewChanging: false })
    const out = [...p.tick(EVERY), ...p.tick(EVERY)]
    expect(p.prepares(out)).toEqual([])
    expect(p.commits(out)).toEqual([])
  })

  it('a CHECKPOINT a replica signs for a seq that is already stable (others proved it first) is not re-sent', () => {
    const p = new Probe(1)
    const h4 = new Uint8Array(32).fill(4)
    for (let seq = 1; seq <= 4; seq++) {
      const b = batch(0, seq, [tx(1, seq)])
      p.deliver(0, { type: 'pre-prepare', prePrepare: prePrepare(0, seq, b), batch: b })
      p.deliver(2, { type: 'prepare', prepare: prepare(0, seq, digestOf(b), 2) })
      for (const r of [0, 2]) p.deliver(r, { type: 'commit', commit: commit(0, seq, digestOf(b), r) })
      if (seq < 4) p.step(p.executedEvent(seq, new Uint8Array(32).fill(seq), [{ code: 0, log: 'ok' }]))
    }
    for (const r of [0, 2, 3]) p.deliver(r, { type: 'checkpoint', checkpoint: checkpoint(4, h4, r) })
    expect(p.core.status().stableCheckpoint).toBe(4)
    p.step(p.executedEvent(4, h4, [{ code: 0, log: 'ok' }]))
    expect(Probe.sent(p.all, 'checkpoint').map(m => m.checkpoint.seq)).toEqual([4]) // signed once, as it executed
    expect(Probe.sent([...p.tick(EVERY), ...p.tick(EVERY)], 'checkpoint')).toEqual([])
  })
})
