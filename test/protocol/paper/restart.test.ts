// Durability (PBFT TOCS §4.7 / DESIGN.md §3): a replica persists what it signs before it sends
// it, and after a crash it restarts from those records and what its ledger executed. It must
// never sign a message that conflicts with one it signed before the crash, and it must resume
// where it was: its view (or view change), its stable checkpoint, its prepared certificates.
import { describe, expect, it } from 'vitest'
import { toHex } from '../../../src/crypto/hash.js'
import { tx } from '../helpers.js'
import { Probe, batch, checkpoint, commit, digestOf, hexOf, newView, nullBatch, prePrepare, prepare, preparedCert, viewChange } from './forge.js'

describe('restart from the write-ahead log', () => {
  it('a backup that prepared (v, n, d) before the crash does not prepare another digest for (v, n) after it, and reports its certificate in a view change', () => {
    const p = new Probe(1)
    const a = batch(0, 1, [tx(1, 1)])
    p.deliver(0, { type: 'pre-prepare', prePrepare: prePrepare(0, 1, a), batch: a })
    p.deliver(2, { type: 'prepare', prepare: prepare(0, 1, digestOf(a), 2) })
    expect(p.commits()).toHaveLength(1)
    const r = p.restart()
    const b = batch(0, 1, [tx(1, 2)])
    r.deliver(0, { type: 'pre-prepare', prePrepare: prePrepare(0, 1, b), batch: b })
    expect(r.prepares()).toHaveLength(0)
    const out = r.core.forceViewChange()
    const [vc] = Probe.sent(out, 'view-change')
    expect(vc!.viewChange.prepared.map(pc => [pc.prePrepare.seq, toHex(pc.prePrepare.digest)])).toEqual([[1, toHex(digestOf(a))]])
    // the batch is kept with it (replica 1 is view 1's primary: it re-proposes it from there)
    const kept = out.flatMap(x => x.type === 'persist' ? x.records : []).find(x => x.kind === 'view-change')
    expect(kept?.kind === 'view-change' ? kept.batches.map(x => toHex(digestOf(x))) : []).toEqual([toHex(digestOf(a))])
  })

  it('a restarted backup still holds its accepted pre-prepare and its own PREPARE: one more prepare from a backup completes it, as before the crash', () => {
    const p = new Probe(1)
    const a = batch(0, 1, [tx(1, 1)])
    p.deliver(0, { type: 'pre-prepare', prePrepare: prePrepare(0, 1, a), batch: a })
    const r = p.restart()
    r.step({ type: 'tick', nowMs: r.nowMs })
    r.deliver(2, { type: 'prepare', prepare: prepare(0, 1, digestOf(a), 2) })
    expect(r.commits().map(c => [c.view, c.seq, toHex(c.digest)])).toEqual([[0, 1, toHex(digestOf(a))]])
  })

  it('a restarted replica retransmits the votes it signed before the crash (others may have lost them)', () => {
    const p = new Probe(1)
    const a = batch(0, 1, [tx(1, 1)])
    p.deliver(0, { type: 'pre-prepare', prePrepare: prePrepare(0, 1, a), batch: a })
    p.deliver(2, { type: 'prepare', prepare: prepare(0, 1, digestOf(a), 2) })
    const [own] = p.prepares()
    const [ownCommit] = p.commits()
    const r = p.restart()
    const out = r.step({ type: 'tick', nowMs: r.nowMs })
    expect(r.prepares(out).map(x => toHex(x.signature))).toEqual([toHex(own!.signature)])
    expect(r.commits(out).map(x => toHex(x.signature))).toEqual([toHex(ownCommit!.signature)])
    // and its own commit counts: two more commits execute seq 1
    for (const x of [0, 2]) r.deliver(x, { type: 'commit', commit: commit(0, 1, digestOf(a), x) })
    expect(r.executes().map(e => e.seq)).toEqual([1])
  })

  it('a restarted primary numbers its next batch after the last one it proposed, and never re-proposes a seq', () => {
    const p = new Probe(0, { batchTxsMax: 1 })
    p.step({ type: 'request', tx: tx(1, 1) })
    p.step({ type: 'request', tx: tx(1, 2) })
    p.tick(10)
    expect(Probe.sent(p.all, 'pre-prepare').map(m => m.prePrepare.seq)).toEqual([1, 2])
    const r = p.restart()
    r.step({ type: 'tick', nowMs: r.nowMs })
    r.step({ type: 'request', tx: tx(1, 3) })
    r.tick(10)
    const digests = new Map(Probe.sent(p.all, 'pre-prepare').map(m => [m.prePrepare.seq, toHex(m.prePrepare.digest)]))
    const after = Probe.sent(r.all, 'pre-prepare')
    // seqs 1 and 2 may be retransmitted, with the digests proposed before the crash; tx(1, 3) goes to seq 3
    for (const m of after) if (m.prePrepare.seq <= 2) expect(toHex(m.prePrepare.digest)).toBe(digests.get(m.prePrepare.seq))
    expect(after.filter(m => m.prePrepare.seq > 2).map(m => [m.prePrepare.seq, m.batch.txs.map(t => t.nonce)])).toEqual([[3, [3]]])
  })

  it('a replica that crashed in the middle of a view change resumes it: it is in the new view, waiting for its NEW-VIEW', () => {
    const p = new Probe(2)
    p.step({ type: 'request', tx: tx(1, 1) })
    p.tick(1000)
    const [before] = Probe.sent(p.all, 'view-change')
    expect(before!.viewChange.newView).toBe(1)
    const r = p.restart()
    expect(r.core.status()).toMatchObject({ view: 1, viewChanging: true })
    // the NEW-VIEW of view 1 installs; normal-case messages of view 0 are refused
    r.deliver(1, { type: 'new-view', newView: newView(1, [viewChange(1, 1), viewChange(1, 2), viewChange(1, 3)], []), batches: [] })
    expect(r.core.status()).toMatchObject({ view: 1, viewChanging: false })
    const q = p.restart()
    const b = batch(0, 1, [tx(1, 1)])
    expect(q.prepares(q.deliver(0, { type: 'pre-prepare', prePrepare: prePrepare(0, 1, b), batch: b }))).toHaveLength(0)
  })

  it('a backup that installed a view resumes it: it takes that view\'s pre-prepares at once', () => {
    const p = new Probe(0)
    p.deliver(3, { type: 'new-view', newView: newView(3, [viewChange(3, 1), viewChange(3, 2), viewChange(3, 3)], []), batches: [] })
    expect(p.core.status()).toMatchObject({ view: 3, viewChanging: false })
    const r = p.restart()
    expect(r.core.status()).toMatchObject({ view: 3, viewChanging: false })
    const b = batch(3, 1, [tx(1, 1)])
    expect(r.prepares(r.deliver(3, { type: 'pre-prepare', prePrepare: prePrepare(3, 1, b), batch: b }))).toHaveLength(1)
  })

  it('a new primary restarted after sending NEW-VIEW never proposes another batch at a seq of its O, and numbers new batches after O', () => {
    const p = new Probe(1, { batchTxsMax: 1 })
    const a = batch(0, 1, [tx(1, 1)])
    const cert = { prePrepare: prePrepare(0, 1, a), prepares: [prepare(0, 1, digestOf(a), 2), prepare(0, 1, digestOf(a), 3)] }
    p.core.forceViewChange()
    p.deliver(2, { type: 'view-change', viewChange: viewChange(1, 2, [cert]), batches: [a] })
    p.deliver(3, { type: 'view-change', viewChange: viewChange(1, 3), batches: [] })
    expect(Probe.sent(p.all, 'new-view')).toHaveLength(1)
    const r = p.restart()
    r.step({ type: 'tick', nowMs: r.nowMs })
    expect(r.core.status()).toMatchObject({ view: 1, viewChanging: false, primary: 1 })
    expect(r.core.status().inFlight.map(x => [x.seq, x.digest])).toEqual([[1, toHex(digestOf(a))]])
    r.step({ type: 'request', tx: tx(1, 9) })
    r.tick(10)
    const sent = Probe.sent(r.all, 'pre-prepare')
    for (const m of sent) if (m.prePrepare.seq === 1) expect(toHex(m.prePrepare.digest)).toBe(toHex(digestOf(a))) // O retransmitted
    expect(sent.filter(m => m.prePrepare.seq !== 1).map(m => [m.prePrepare.view, m.prePrepare.seq])).toEqual([[1, 2]])
  })

  it('a replica restores its stable checkpoint (low watermark), and fetches the state when its ledger is behind it', () => {
    const p = new Probe(1)
    const h8 = new Uint8Array(32).fill(8)
    for (const r of [0, 2, 3]) p.deliver(r, { type: 'checkpoint', checkpoint: checkpoint(8, h8, r) })
    expect(p.core.status().stableCheckpoint).toBe(8)
    const r = p.restart() // the transfer never finished: the ledger is still at 0
    expect(r.core.status()).toMatchObject({ stableCheckpoint: 8, lowWatermark: 8 })
    const out = r.step({ type: 'tick', nowMs: r.nowMs })
    expect(r.fetches(out).map(f => [f.seq, toHex(f.blockHash!)])).toEqual([[8, toHex(h8)]])
    const done = p.restart({ seq: 8, blockHash: h8 })
    expect(done.fetches(done.step({ type: 'tick', nowMs: done.nowMs }))).toEqual([])
  })

  it('a restarted replica does not sign a second checkpoint with another block hash at a seq it checkpointed', () => {
    const p = new Probe(1)
    for (let seq = 1; seq <= 4; seq++) {
      const b = batch(0, seq, [tx(1, seq)])
      p.deliver(0, { type: 'pre-prepare', prePrepare: prePrepare(0, seq, b), batch: b })
      p.deliver(2, { type: 'prepare', prepare: prepare(0, seq, digestOf(b), 2) })
      for (const r of [0, 2]) p.deliver(r, { type: 'commit', commit: commit(0, seq, digestOf(b), r) })
      p.step(p.executedEvent(seq, new Uint8Array(32).fill(seq), [{ code: 0, log: 'ok' }]))
    }
    expect(Probe.sent(p.all, 'checkpoint').map(m => m.checkpoint.seq)).toEqual([4])
    // its ledger lost block 4 (not synced): it executes seq 4 again, and (a bug elsewhere) gets another hash
    const r = p.restart({ seq: 3, blockHash: new Uint8Array(32).fill(3) })
    const d4 = digestOf(batch(0, 4, [tx(1, 4)]))
    r.deliver(2, { type: 'prepare', prepare: prepare(0, 4, d4, 2) })
    for (const x of [0, 2]) r.deliver(x, { type: 'commit', commit: commit(0, 4, d4, x) })
    expect(r.executes().map(e => e.seq)).toEqual([4])
    r.step(r.executedEvent(4, new Uint8Array(32).fill(44), [{ code: 0, log: 'ok' }]))
    expect(Probe.sent(r.all, 'checkpoint')).toEqual([])
    expect(r.drops()['would-equivocate']).toBe(1)
  })
  it('a restarted primary does not propose again a request that is in one of its pre-prepares above what executed (the client retransmits it)', () => {
    const p = new Probe(0, { batchTxsMax: 1 })
    p.step({ type: 'request', tx: tx(1, 1) })
    expect(Probe.sent(p.all, 'pre-prepare').map(m => m.prePrepare.seq)).toEqual([1])
    const r = p.restart()
    r.step({ type: 'request', tx: tx(1, 1) })
    r.tick(10)
    expect(Probe.sent(r.all, 'pre-prepare').filter(m => m.prePrepare.seq !== 1)).toEqual([])
  })

  it('a new primary restarted after its NEW-VIEW holds O as sent (a null batch where no certificate was) and re-sends that NEW-VIEW to a replica still asking for the view', () => {
    const p = new Probe(1, { batchTxsMax: 1 })
    const a = batch(0, 2, [tx(1, 1)])
    p.core.forceViewChange()
    p.deliver(2, { type: 'view-change', viewChange: viewChange(1, 2, [preparedCert(0, 2, a)]), batches: [a] })
    p.deliver(3, { type: 'view-change', viewChange: viewChange(1, 3), batches: [] })
    const [sent] = Probe.sent(p.all, 'new-view')
    expect(sent!.newView.prePrepares.map(pp => pp.seq)).toEqual([1, 2])
    const r = p.restart()
    expect(r.core.status().inFlight.map(x => [x.seq, x.view, x.digest])).toEqual([[1, 1, hexOf(nullBatch(1, 1))], [2, 1, hexOf(a)]])
    const out = r.deliver(0, { type: 'view-change', viewChange: viewChange(1, 0), batches: [] })
    const again = out.flatMap(x => x.type === 'send' && x.to === 0 && x.message.type === 'new-view' ? [x.message.newView] : [])
    expect(again.map(nv => toHex(nv.signature))).toEqual([toHex(sent!.newView.signature)])
  })

  it('votes at or below the restored stable checkpoint are not restored (the log starts above h), those above it are', () => {
    const p = new Probe(1)
    for (let seq = 1; seq <= 5; seq++) {
      const b = batch(0, seq, [tx(1, seq)])
      p.deliver(0, { type: 'pre-prepare', prePrepare: prePrepare(0, seq, b), batch: b })
      p.deliver(2, { type: 'prepare', prepare: prepare(0, seq, digestOf(b), 2) })
      if (seq === 5) break
      for (const x of [0, 2]) p.deliver(x, { type: 'commit', commit: commit(0, seq, digestOf(b), x) })
      p.step(p.executedEvent(seq, new Uint8Array(32).fill(seq), [{ code: 0, log: 'ok' }]))
    }
    for (const x of [0, 2]) p.deliver(x, { type: 'checkpoint', checkpoint: checkpoint(4, new Uint8Array(32).fill(4), x) })
    expect(p.core.status().stableCheckpoint).toBe(4)
    const r = p.restart({ seq: 4, blockHash: new Uint8Array(32).fill(4) })
    expect(r.core.sizes().slots).toBe(1)
    expect(r.core.status().inFlight.map(x => [x.seq, x.phase, x.prepares, x.commits])).toEqual([[5, 'prepared', [1], [1]]])
    const [vc] = Probe.sent(r.core.forceViewChange(), 'view-change')
    expect(vc!.viewChange.prepared.map(pc => pc.prePrepare.seq)).toEqual([5])
  })
  it('requests of pre-prepares the ledger already executed are not in flight after a restart: they never start the request timer', () => {
    const p = new Probe(1)
    const a = batch(0, 1, [tx(1, 1)])
    p.deliver(0, { type: 'pre-prepare', prePrepare: prePrepare(0, 1, a), batch: a })
    p.deliver(2, { type: 'prepare', prepare: prepare(0, 1, digestOf(a), 2) })
    for (const x of [0, 2]) p.deliver(x, { type: 'commit', commit: commit(0, 1, digestOf(a), x) })
    p.step(p.executedEvent(1, new Uint8Array(32).fill(1)))
    const r = p.restart({ seq: 1, blockHash: new Uint8Array(32).fill(1) })
    // seq 2 is ordered and executed after the restart: nothing is left outstanding
    const b = batch(0, 2, [tx(1, 2)])
    r.deliver(0, { type: 'pre-prepare', prePrepare: prePrepare(0, 2, b), batch: b })
    r.deliver(2, { type: 'prepare', prepare: prepare(0, 2, digestOf(b), 2) })
    for (const x of [0, 2]) r.deliver(x, { type: 'commit', commit: commit(0, 2, digestOf(b), x) })
    r.step(r.executedEvent(2, new Uint8Array(32).fill(2)))
    for (let k = 0; k < 3; k++) r.tick(1000)
    expect(r.core.status()).toMatchObject({ view: 0, viewChanging: false })
  })

  it('a replica restarted in the middle of a view change re-sends the VIEW-CHANGE it signed before the crash (a clock that starts at 0, as the simulator\'s, so its view-change timer has not expired yet)', () => {
    const p = new Probe(2)
    const [vc] = Probe.sent(p.step({ type: 'request', tx: tx(1, 1) }).concat(p.tick(1000)), 'view-change')
    expect(vc!.viewChange.newView).toBe(1)
    const r = new Probe(2, {}, { records: p.wal(), lastExecuted: { seq: 0, blockHash: new Uint8Array(32) } }, 0)
    const out = r.tick(600)
    expect(r.core.status()).toMatchObject({ view: 1, viewChanging: true })
    expect([...new Set(Probe.sent(out, 'view-change').map(m => toHex(m.viewChange.signature)))]).toEqual([toHex(vc!.viewChange.signature)])
  })

  it('a primary restarted from its ledger alone (no write-ahead records) numbers its next batch after the last executed seq', () => {
    const p = new Probe(0, { batchTxsMax: 1 })
    const r = p.restart({ seq: 3, blockHash: new Uint8Array(32).fill(3) })
    r.step({ type: 'tick', nowMs: r.nowMs })
    r.step({ type: 'request', tx: tx(1, 9) })
    expect(Probe.sent(r.all, 'pre-prepare').map(m => m.prePrepare.seq)).toEqual([4])
  })
  it('a backup that sent VIEW-CHANGE(v) and then installed NEW-VIEW(v) restarts in view v, not waiting for it again', () => {
    const p = new Probe(2)
    p.step({ type: 'request', tx: tx(1, 1) })
    expect(new Set(Probe.sent(p.tick(1000), 'view-change').map(m => m.viewChange.newView))).toEqual(new Set([1]))
    p.deliver(1, { type: 'new-view', newView: newView(1, [viewChange(1, 1), viewChange(1, 2), viewChange(1, 3)], []), batches: [] })
    expect(p.core.status()).toMatchObject({ view: 1, viewChanging: false })
    const r = p.restart()
    expect(r.core.status()).toMatchObject({ view: 1, viewChanging: false })
  })

  it('a new primary restarted numbers its batches as before the crash: a seq that only had an older view\'s pre-prepare (not in O) is proposed again', () => {
    const p = new Probe(1, { batchTxsMax: 1 })
    const a = batch(0, 1, [tx(1, 1)])
    p.deliver(0, { type: 'pre-prepare', prePrepare: prePrepare(0, 1, a), batch: a }) // accepted, never prepared
    p.all.push(...p.core.forceViewChange())
    for (const r of [2, 3]) p.deliver(r, { type: 'view-change', viewChange: viewChange(1, r), batches: [] })
    const [nv] = Probe.sent(p.all, 'new-view')
    expect(nv!.newView.prePrepares).toEqual([]) // O is empty
    const r = p.restart()
    r.step({ type: 'tick', nowMs: r.nowMs })
    r.step({ type: 'request', tx: tx(1, 9) })
    // seq 1 holds the dropped batch's request, which the new primary adopted and proposed again
    // at NEW-VIEW (new-view.ts); the restarted primary numbers the next request after it
    const sent = Probe.sent([...p.all, ...r.all], 'pre-prepare').filter(m => m.prePrepare.view === 1)
    expect(sent.map(m => m.prePrepare.seq).at(-1)).toBe(2)
    expect(new Set(sent.filter(m => m.prePrepare.seq === 1).map(m => toHex(m.prePrepare.digest))).size).toBe(1)
  })
  it('a replica restarted in the middle of a view change takes no pre-prepare of the new view before its NEW-VIEW (§4.4: it waits for NEW-VIEW)', () => {
    const p = new Probe(2)
    p.step({ type: 'request', tx: tx(1, 1) })
    p.tick(1000)
    const r = p.restart()
    expect(r.core.status()).toMatchObject({ view: 1, viewChanging: true })
    const b = batch(1, 1, [tx(1, 1)])
    expect(r.prepares(r.deliver(1, { type: 'pre-prepare', prePrepare: prePrepare(1, 1, b), batch: b }))).toHaveLength(0)
  })
})
