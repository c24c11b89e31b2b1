// PBFT §4.4 (view changes), rule by rule: VIEW-CHANGE content, the new primary's NEW-VIEW and
// its O, and the backups' validation of NEW-VIEW (they recompute O from V). n = 4, f = 1.
import { describe, expect, it } from 'vitest'
import type { Batch, NewView, PreparedCert, ViewChange } from '../../../src/codec/index.js'
import type { Action } from '../../../src/protocol/types.js'
import { evidenceProblem } from '../../../src/crypto/evidence.js'
import { toHex } from '../../../src/crypto/hash.js'
import { config, tx } from '../helpers.js'
import { Probe, batch, checkpoint, commit, digestOf, hexOf, newView, nullBatch, prePrepare, prepare, preparedCert, signAs, viewChange } from './forge.js'

const keys = config(4, 0).publicKeys

/** The views this replica asked for, in order. */
const viewChangesOf = (p: Probe): number[] => [...new Set(Probe.sent(p.all, 'view-change').map(m => m.viewChange.newView))]

// Seq 1 was prepared twice: batch A in view 1 (primary 1) by a quorum that then lost it, and
// batch B in view 2 (primary 2). A later view must re-propose B, the newer certificate.
const A = batch(1, 1, [tx(1, 1)])
const B = batch(2, 1, [tx(1, 2)])
const certA = (): PreparedCert => preparedCert(1, 1, A)
const certB = (): PreparedCert => preparedCert(2, 1, B)

/** Replica 3, primary of view 3, receives VIEW-CHANGE(3) from 0 and 1 (in that order) and sends NEW-VIEW. */
function newPrimaryGets (vc0: ViewChange, b0: Batch[], vc1: ViewChange, b1: Batch[]): { p: Probe, nv: NewView, batches: Batch[] } {
  const p = new Probe(3)
  p.deliver(0, { type: 'view-change', viewChange: vc0, batches: b0 })
  p.deliver(1, { type: 'view-change', viewChange: vc1, batches: b1 })
  const [m] = Probe.sent(p.all, 'new-view')
  expect(m).toBeDefined()
  return { p, nv: m!.newView, batches: m!.batches }
}

describe('§4.4 the new primary computes O from 2f+1 VIEW-CHANGEs', () => {
  it('two replicas prepared different batches for seq s in views v1 < v2: NEW-VIEW(v3)\'s O carries the v2 batch, whatever order V lists them in', () => {
    for (const order of ['v2 first', 'v1 first']) {
      const [first, second] = order === 'v2 first' ? [[certB(), B], [certA(), A]] as const : [[certA(), A], [certB(), B]] as const
      const { p, nv, batches } = newPrimaryGets(viewChange(3, 0, [first[0]]), [first[1]], viewChange(3, 1, [second[0]]), [second[1]])
      expect(nv.view).toBe(3)
      expect(nv.prePrepares.map(pp => [pp.view, pp.seq, pp.replica, toHex(pp.digest)])).toEqual([[3, 1, 3, hexOf(B)]])
      expect(batches.map(hexOf)).toEqual([hexOf(B)])
      expect(p.core.status()).toMatchObject({ view: 3, viewChanging: false })
      expect(p.core.status().inFlight.map(x => x.digest)).toEqual([hexOf(B)])
    }
  })

  it('"for each sequence number n between min-s and max-s": a gap with no prepared certificate gets a null request', () => {
    const C = batch(1, 3, [tx(1, 3)])
    const { nv, batches } = newPrimaryGets(viewChange(3, 0, [certA()]), [A], viewChange(3, 1, [preparedCert(1, 3, C)]), [C])
    expect(nv.prePrepares.map(pp => [pp.seq, toHex(pp.digest)])).toEqual([[1, hexOf(A)], [2, hexOf(nullBatch(3, 2))], [3, hexOf(C)]])
    expect(batches.map(hexOf)).toEqual([hexOf(A), hexOf(C)]) // the null batch is rebuilt, not sent
  })

  it('"min-s is the sequence number of the latest stable checkpoint in V": certificates at or below it are not re-proposed, and the checkpoint is adopted', () => {
    const h = new Uint8Array(32).fill(4)
    const proof = [0, 1, 2].map(r => checkpoint(4, h, r))
    const C = batch(1, 5, [tx(1, 5)])
    const { p, nv } = newPrimaryGets(viewChange(3, 0, [certA()]), [A], viewChange(3, 1, [preparedCert(1, 5, C)], 4, proof), [C])
    expect(nv.prePrepares.map(pp => pp.seq)).toEqual([5])
    expect(p.core.status().stableCheckpoint).toBe(4)
    expect(p.fetches().map(a => a.seq)).toEqual([4]) // it is behind: state transfer
  })

  it('min-s is the highest stable checkpoint in V wherever its VIEW-CHANGE comes in V', () => {
    const h = new Uint8Array(32).fill(4)
    const proof = [0, 1, 2].map(r => checkpoint(4, h, r))
    const C = batch(1, 5, [tx(1, 5)])
    const { nv } = newPrimaryGets(viewChange(3, 0, [preparedCert(1, 5, C)], 4, proof), [C], viewChange(3, 1, [certA()]), [A])
    expect(nv.prePrepares.map(pp => pp.seq)).toEqual([5])
  })

  it('with no prepared certificate at all, O is empty and the new view starts at once', () => {
    const { nv } = newPrimaryGets(viewChange(3, 0), [], viewChange(3, 1), [])
    expect(nv.prePrepares).toEqual([])
    expect(nv.viewChanges.map(vc => vc.replica).sort()).toEqual([0, 1, 3])
  })

  it('the new primary persists NEW-VIEW before it multicasts it, and sends no NEW-VIEW with fewer than 2f+1 VIEW-CHANGEs', () => {
    const p = new Probe(3)
    p.deliver(0, { type: 'view-change', viewChange: viewChange(3, 0), batches: [] })
    expect(Probe.sent(p.all, 'new-view')).toHaveLength(0)
    const out = p.deliver(1, { type: 'view-change', viewChange: viewChange(3, 1), batches: [] })
    const persistAt = out.findIndex(a => a.type === 'persist' && a.records.some(r => r.kind === 'new-view'))
    expect(persistAt).toBeGreaterThanOrEqual(0)
    expect(out.findIndex(a => a.type === 'broadcast' && a.message.type === 'new-view')).toBeGreaterThan(persistAt)
  })
})

describe('§4.4 a backup accepts NEW-VIEW only if O is what it computes from V', () => {
  const vcs = (): ViewChange[] => [viewChange(3, 1, [certA()]), viewChange(3, 2, [certB()]), viewChange(3, 3)]
  const good = (): NewView => newView(3, vcs(), [prePrepare(3, 1, B)])

  function backupGets (nv: NewView, batches: Batch[] = [A, B]): Probe {
    const p = new Probe(0)
    p.deliver(3, { type: 'new-view', newView: nv, batches })
    return p
  }

  it('accepts a correct NEW-VIEW: enters the view and sends PREPARE for every pre-prepare in O', () => {
    const p = backupGets(good())
    expect(p.core.status()).toMatchObject({ view: 3, viewChanging: false })
    expect(p.prepares().map(x => [x.view, x.seq, toHex(x.digest)])).toEqual([[3, 1, hexOf(B)]])
    expect(p.evidence()).toEqual([])
  })

  it('rejects a NEW-VIEW whose O re-proposes the older certificate\'s batch, and records it as evidence', () => {
    const p = backupGets(newView(3, vcs(), [prePrepare(3, 1, A)]))
    expect(p.core.status().view).toBe(0)
    expect(p.prepares()).toHaveLength(0)
    const ev = p.evidence()
    expect(ev.map(e => [e.accused, e.kind])).toEqual([[3, 'bad-new-view']])
    expect(evidenceProblem(keys, 'test-chain', ev[0]!)).toBeUndefined()
  })

  it('rejects a NEW-VIEW whose O leaves out a prepared seq, adds one, or puts a null request where a certificate is', () => {
    for (const pps of [[], [prePrepare(3, 1, B), prePrepare(3, 2, nullBatch(3, 2))], [prePrepare(3, 1, nullBatch(3, 1))]]) {
      const p = backupGets(newView(3, vcs(), pps))
      expect(p.core.status().view).toBe(0)
      expect(p.prepares()).toHaveLength(0)
      expect(p.evidence().map(e => e.kind)).toEqual(['bad-new-view'])
    }
  })

  it('rejects O pre-prepares of another view, another seq, or not signed by the new primary', () => {
    const wrong = [
      prePrepare(3, 1, B, 3, { view: 2 }),
      prePrepare(3, 1, B, 3, { seq: 2 }),
      prePrepare(3, 1, B, 2),
      { ...prePrepare(3, 1, B), signature: new Uint8Array(64) }
    ]
    for (const pp of wrong) {
      const p = backupGets(newView(3, vcs(), [pp]))
      expect(p.core.status().view).toBe(0)
      expect(p.prepares()).toHaveLength(0)
    }
  })

  it('rejects a NEW-VIEW with fewer than 2f+1 VIEW-CHANGEs, with two from one replica, or with one for another view', () => {
    const [v1, v2] = vcs()
    for (const set of [[v1!, v2!], [v1!, v2!, v2!], [v1!, v2!, viewChange(2, 3)]]) {
      const p = backupGets(newView(3, set, [prePrepare(3, 1, B)]))
      expect(p.core.status().view).toBe(0)
      expect(p.prepares()).toHaveLength(0)
    }
  })

  it('rejects a NEW-VIEW whose V holds a VIEW-CHANGE that is not correct (bad signature, or a prepared certificate with only f prepares)', () => {
    const [v1, v2, v3] = vcs()
    const badSig = { ...v3!, signature: new Uint8Array(64) }
    const thin = viewChange(3, 2, [preparedCert(2, 1, B, [0])])
    for (const set of [[v1!, v2!, badSig], [v1!, thin, v3!]]) {
      const p = backupGets(newView(3, set, [prePrepare(3, 1, B)]))
      expect(p.core.status().view).toBe(0)
      expect(p.prepares()).toHaveLength(0)
    }
  })

  it('rejects a NEW-VIEW not signed by the primary of its view, or badly signed', () => {
    const p = backupGets(newView(3, vcs(), [prePrepare(3, 1, B)], 2))
    expect(p.core.status().view).toBe(0)
    const q = backupGets({ ...good(), signature: new Uint8Array(64) })
    expect(q.core.status().view).toBe(0)
  })

  it('accepts a correct NEW-VIEW relayed by another backup (it is the new primary\'s signed message)', () => {
    const p = new Probe(0)
    p.deliver(1, { type: 'new-view', newView: good(), batches: [A, B] })
    expect(p.core.status().view).toBe(3)
  })

  it('a batch of O it cannot get is no lie: the backup does not install the view, and accuses no one', () => {
    const p = backupGets(good(), [A])
    expect(p.core.status().view).toBe(0)
    expect(p.evidence()).toEqual([])
  })
})

describe('§4.4 VIEW-CHANGE', () => {
  /** Replica `id` (1 or 2) with seq 1 prepared (batch `a`) in view 0. */
  function preparedBackup (id = 1): { p: Probe, a: Batch } {
    const p = new Probe(id)
    const a = batch(0, 1, [tx(1, 1)])
    p.deliver(0, { type: 'pre-prepare', prePrepare: prePrepare(0, 1, a), batch: a })
    p.deliver(3 - id, { type: 'prepare', prepare: prepare(0, 1, digestOf(a), 3 - id) })
    return { p, a }
  }

  /** The VIEW-CHANGE messages of `actions` by receiver. */
  const viewChangesTo = (actions: Action[]): Map<number, { viewChange: ViewChange, batches: Batch[] }> =>
    new Map(actions.flatMap(x => x.type === 'send' && x.message.type === 'view-change' ? [[x.to, x.message] as const] : []))

  it('"a backup ... multicasts a VIEW-CHANGE message <v+1, n, C, P, i>" with P holding its prepared certificates, persisted first', () => {
    const { p, a } = preparedBackup(2)
    const out = p.core.forceViewChange()
    const sent = viewChangesTo(out)
    expect([...sent.keys()].sort()).toEqual([0, 1, 3])
    const m = sent.get(1)!
    expect(m.viewChange).toMatchObject({ newView: 1, stableSeq: 0, replica: 2 })
    const [pc] = m.viewChange.prepared
    expect(pc!.prePrepare.seq).toBe(1)
    expect(toHex(pc!.prePrepare.digest)).toBe(hexOf(a))
    expect(pc!.prepares.map(x => x.replica).sort()).toEqual([1, 2])
    for (const to of [0, 3]) expect(sent.get(to)!.viewChange).toEqual(m.viewChange) // one message to all
    const persistAt = out.findIndex(x => x.type === 'persist' && x.records.some(r => r.kind === 'view-change'))
    expect(out.findIndex(x => x.type === 'send' && x.message.type === 'view-change')).toBeGreaterThan(persistAt)
    expect(persistAt).toBeGreaterThanOrEqual(0)
  })

  it('the batches of P travel only to the new primary, the one replica that may re-propose them (the others get O\'s batches with NEW-VIEW)', () => {
    const { p, a } = preparedBackup(2)
    const sent = viewChangesTo(p.core.forceViewChange())
    expect(sent.get(1)!.batches.map(hexOf)).toEqual([hexOf(a)]) // replica 1 is the primary of view 1
    expect(sent.get(0)!.batches).toEqual([])
    expect(sent.get(3)!.batches).toEqual([])
    // ... and a backup that is not the new primary takes a VIEW-CHANGE without them: it joins on it
    const q = new Probe(3)
    q.deliver(2, { type: 'view-change', viewChange: sent.get(3)!.viewChange, batches: [] })
    expect(Object.keys(q.drops())).toEqual([])
    q.deliver(0, { type: 'view-change', viewChange: viewChange(1, 0), batches: [] })
    expect(q.core.status()).toMatchObject({ view: 1, viewChanging: true }) // f+1 = 2 asked for view 1
  })

  it('a replica that only pre-prepared (not prepared) a seq reports no certificate for it', () => {
    const p = new Probe(1)
    const a = batch(0, 1, [tx(1, 1)])
    p.deliver(0, { type: 'pre-prepare', prePrepare: prePrepare(0, 1, a), batch: a })
    const [m] = Probe.sent(p.core.forceViewChange(), 'view-change')
    expect(m!.viewChange.prepared).toEqual([])
  })

  it('"it stops accepting messages (other than checkpoint, view-change, and new-view messages)" of view v', () => {
    const { p, a } = preparedBackup()
    p.core.forceViewChange()
    p.deliver(3, { type: 'prepare', prepare: prepare(0, 1, digestOf(a), 3) })
    p.deliver(0, { type: 'commit', commit: commit(0, 1, digestOf(a), 0) })
    p.deliver(2, { type: 'commit', commit: commit(0, 1, digestOf(a), 2) })
    expect(p.executes()).toHaveLength(0)
    expect(p.drops()['old-view']).toBe(3)
  })

  it('a VIEW-CHANGE is refused when it is not correct: a certificate without its batch, from the wrong primary, for a view not below the new one, two for one seq, or a prepare of the primary in it', () => {
    const a = batch(0, 1, [tx(1, 1)])
    const good = preparedCert(0, 1, a)
    const fromWrongPrimary: PreparedCert = { prePrepare: prePrepare(0, 1, a, 1), prepares: [prepare(0, 1, digestOf(a), 2), prepare(0, 1, digestOf(a), 3)] }
    const a2 = batch(2, 1, [tx(1, 1)])
    const sameView = preparedCert(2, 1, a2)
    const withPrimary: PreparedCert = { prePrepare: prePrepare(0, 1, a), prepares: [prepare(0, 1, digestOf(a), 0), prepare(0, 1, digestOf(a), 2)] }
    const b = batch(0, 1, [tx(1, 2)])
    const cases: Array<[PreparedCert[], Batch[]]> = [
      [[good], []], [[fromWrongPrimary], [a]], [[sameView], [a2]], [[good, preparedCert(0, 1, b)], [a, b]], [[withPrimary], [a]]
    ]
    for (const [prepared, batches] of cases) {
      const p = new Probe(2) // primary of view 2: 2f+1 correct VIEW-CHANGEs would make it send NEW-VIEW
      p.deliver(1, { type: 'view-change', viewChange: viewChange(2, 1), batches: [] })
      p.deliver(3, { type: 'view-change', viewChange: viewChange(2, 3, prepared), batches })
      expect(Probe.sent(p.all, 'new-view')).toHaveLength(0)
      expect(Object.keys(p.drops()).some(k => k.startsWith('view-change-invalid'))).toBe(true)
    }
    // and the correct one is taken
    const p = new Probe(2)
    p.deliver(1, { type: 'view-change', viewChange: viewChange(2, 1), batches: [] })
    p.deliver(3, { type: 'view-change', viewChange: viewChange(2, 3, [good]), batches: [a] })
    expect(Probe.sent(p.all, 'new-view')).toHaveLength(1)
  })

  it('a certificate\'s batch the new primary holds itself need not travel, and a tampered copy never replaces its own', () => {
    const a = batch(0, 1, [tx(1, 1)])
    const tampered: Batch = { ...a, txs: [tx(1, 9)] } // same proposal (so same digest), other content
    for (const attached of [[], [tampered]]) {
      const p = new Probe(2)
      p.deliver(0, { type: 'pre-prepare', prePrepare: prePrepare(0, 1, a), batch: a }) // replica 2 holds a
      p.deliver(1, { type: 'view-change', viewChange: viewChange(2, 1), batches: [] })
      p.deliver(3, { type: 'view-change', viewChange: viewChange(2, 3, [preparedCert(0, 1, a)]), batches: attached })
      const [m] = Probe.sent(p.all, 'new-view')
      expect(m!.newView.prePrepares.map(pp => toHex(pp.digest))).toEqual([hexOf(a)])
      expect(m!.batches).toEqual([a])
    }
    // Without a batch of its own, the tampered copy is no batch at all: the VIEW-CHANGE is refused.
    const p = new Probe(2)
    p.deliver(1, { type: 'view-change', viewChange: viewChange(2, 1), batches: [] })
    p.deliver(3, { type: 'view-change', viewChange: viewChange(2, 3, [preparedCert(0, 1, a)]), batches: [tampered] })
    expect(Probe.sent(p.all, 'new-view')).toHaveLength(0)
    expect(p.drops()['view-change-invalid: prepared certificate without its batch']).toBe(1)
  })

  it('a VIEW-CHANGE whose checkpoint proof is not 2f+1 valid CHECKPOINTs is refused', () => {
    const h = new Uint8Array(32).fill(4)
    for (const proof of [[0, 1].map(r => checkpoint(4, h, r)), [0, 1, 1].map(r => checkpoint(4, h, r)), [checkpoint(4, h, 0), checkpoint(4, h, 1), checkpoint(4, new Uint8Array(32), 2)]]) {
      const p = new Probe(2)
      p.deliver(1, { type: 'view-change', viewChange: viewChange(2, 1), batches: [] })
      p.deliver(3, { type: 'view-change', viewChange: viewChange(2, 3, [], 4, proof), batches: [] })
      expect(Probe.sent(p.all, 'new-view')).toHaveLength(0)
    }
  })

  it('a backup accepts normal-case messages of the new view only after its NEW-VIEW', () => {
    const p = new Probe(0)
    const c = batch(3, 2, [tx(1, 4)])
    p.deliver(3, { type: 'pre-prepare', prePrepare: prePrepare(3, 2, c), batch: c }) // waits: view 3 not installed
    expect(p.prepares()).toHaveLength(0)
    p.deliver(3, { type: 'new-view', newView: newView(3, [viewChange(3, 1, [certA()]), viewChange(3, 2, [certB()]), viewChange(3, 3)], [prePrepare(3, 1, B)]), batches: [B] })
    expect(p.prepares().map(x => x.seq).sort()).toEqual([1, 2]) // O's seq 1, then the buffered seq 2
  })
})

describe('§4.4 requests of a batch that does not survive the view change', () => {
  it('the new primary proposes the requests of an older view\'s pre-prepared batch that O drops, without waiting for the client to re-send them', () => {
    const p = new Probe(1) // primary of view 1
    const b = batch(0, 1, [tx(1, 1), tx(2, 1)])
    p.deliver(0, { type: 'pre-prepare', prePrepare: prePrepare(0, 1, b), batch: b }) // pre-prepared, never prepared
    for (const r of [2, 3]) p.deliver(r, { type: 'view-change', viewChange: viewChange(1, r), batches: [] })
    const [nv] = Probe.sent(p.all, 'new-view')
    expect(nv!.newView.prePrepares.map(pp => pp.seq)).toEqual([]) // O is empty: nothing prepared
    p.tick(10)
    const proposed = Probe.sent(p.all, 'pre-prepare').filter(m => m.prePrepare.view === 1).flatMap(m => m.batch.txs)
    expect(proposed.map(t => t.nonce).sort()).toEqual([1, 1])
    expect(new Set(proposed.map(t => toHex(t.client))).size).toBe(2)
  })

  it('a backup keeps them pending too: its request timer then waits for them in the new view', () => {
    const p = new Probe(2) // a backup of views 0 and 1
    const b = batch(0, 1, [tx(1, 1)])
    p.deliver(0, { type: 'pre-prepare', prePrepare: prePrepare(0, 1, b), batch: b })
    expect(p.core.status().pendingRequests).toBe(0) // learned from a pre-prepare only
    for (const r of [0, 3]) p.deliver(r, { type: 'view-change', viewChange: viewChange(1, r), batches: [] }) // f+1: it joins
    const own = Probe.sent(p.all, 'view-change').find(m => m.viewChange.replica === 2)!.viewChange
    const vcs = [viewChange(1, 0), own, viewChange(1, 3)]
    p.deliver(1, { type: 'new-view', newView: newView(1, vcs, []), batches: [] })
    expect(p.core.status()).toMatchObject({ view: 1, viewChanging: false, pendingRequests: 1 })
  })
})

describe('§4.4 a VIEW-CHANGE is "correct" only if every part checks out: each refused one is counted under its reason', () => {
  const a = batch(0, 1, [tx(1, 1)])
  const d = digestOf(a)
  const cert = (prepares = [prepare(0, 1, d, 2), prepare(0, 1, d, 3)], pp = prePrepare(0, 1, a)): PreparedCert => ({ prePrepare: pp, prepares })
  const h4 = new Uint8Array(32).fill(4)
  const proof4 = [0, 1, 2].map(r => checkpoint(4, h4, r))
  const at = (seq: number): [PreparedCert, Batch] => { const b = batch(0, seq, [tx(1, seq)]); return [preparedCert(0, seq, b), b] }

  /** Replica 2, primary of view 2, has VIEW-CHANGE(2) from 1; replica 3's VIEW-CHANGE would complete 2f+1. */
  function primaryOf2Gets (vc: ViewChange, batches: Batch[]): Probe {
    const p = new Probe(2)
    p.deliver(1, { type: 'view-change', viewChange: viewChange(2, 1), batches: [] })
    p.deliver(3, { type: 'view-change', viewChange: vc, batches })
    return p
  }
  function refusedAs (vc: ViewChange, batches: Batch[], reason: string): void {
    const p = primaryOf2Gets(vc, batches)
    expect(Probe.sent(p.all, 'new-view')).toHaveLength(0)
    expect(p.drops()).toEqual({ [`view-change-invalid: ${reason}`]: 1 })
  }

  it('the VIEW-CHANGE itself: of this chain, signed by the replica it names', () => {
    refusedAs(signAs(3, 'viewChange', { ...viewChange(2, 3), chainId: 'other-chain' }), [], 'wrong chain')
    refusedAs({ ...viewChange(2, 3), signature: new Uint8Array(64) }, [], 'bad signature')
    refusedAs(viewChange(2, 3, [cert(), preparedCert(0, 1, batch(0, 1, [tx(1, 2)]))]), [a, batch(0, 1, [tx(1, 2)])], 'two prepared certificates for one seq')
  })

  it('"P contains a set Pm for each request m that prepared at i with a sequence number higher than n" (the VIEW-CHANGE\'s stable checkpoint) and within its window: seq h and h + L + 1 are refused, h + L is taken', () => {
    const [c4, b4] = at(4)
    refusedAs(viewChange(2, 3, [c4], 4, proof4), [b4], 'prepared certificate outside the window')
    const [c13, b13] = at(13)
    refusedAs(viewChange(2, 3, [c13], 4, proof4), [b13], 'prepared certificate outside the window')
    const [c12, b12] = at(12)
    const p = primaryOf2Gets(viewChange(2, 3, [c12], 4, proof4), [b12])
    expect(Probe.sent(p.all, 'new-view').map(m => m.newView.prePrepares.map(pp => pp.seq))).toEqual([[5, 6, 7, 8, 9, 10, 11, 12]])
  })

  it('a prepared certificate\'s pre-prepare is the primary\'s of its view, of this chain, validly signed', () => {
    refusedAs(viewChange(2, 3, [cert(undefined, prePrepare(0, 1, a, 0, { chainId: 'other-chain' }))]), [a], 'prepared certificate from a wrong view or primary')
    refusedAs(viewChange(2, 3, [cert(undefined, { ...prePrepare(0, 1, a), signature: new Uint8Array(64) })]), [a], 'prepared certificate with a bad pre-prepare signature')
  })

  it('"2f matching prepares" (same view, seq and digest, this chain, from 2f distinct backups, validly signed), each mismatch refused', () => {
    const mismatched = [
      prepare(1, 1, d, 3), prepare(0, 2, d, 3), prepare(0, 1, digestOf(batch(0, 1, [tx(1, 2)])), 3),
      prepare(0, 1, d, 3, { chainId: 'other-chain' }), prepare(0, 1, d, 0)
    ]
    for (const p3 of mismatched) refusedAs(viewChange(2, 3, [cert([prepare(0, 1, d, 2), p3])]), [a], 'prepared certificate with a mismatched prepare')
    refusedAs(viewChange(2, 3, [cert([prepare(0, 1, d, 2), prepare(0, 1, d, 2), prepare(0, 1, d, 3)])]), [a], 'prepared certificate with a bad prepare')
    refusedAs(viewChange(2, 3, [cert([prepare(0, 1, d, 2), { ...prepare(0, 1, d, 3), signature: new Uint8Array(64) }])]), [a], 'prepared certificate with a bad prepare')
    refusedAs(viewChange(2, 3, [cert([prepare(0, 1, d, 2)])]), [a], 'prepared certificate with too few prepares')
  })

  it('a VIEW-CHANGE relayed by another replica than its signer is refused, and does not count toward the f+1 join rule', () => {
    const p = new Probe(1)
    p.deliver(2, { type: 'view-change', viewChange: viewChange(2, 3), batches: [] })
    p.deliver(3, { type: 'view-change', viewChange: viewChange(2, 3), batches: [] })
    expect(p.drops()).toEqual({ 'view-change-impersonated': 1 })
    expect(p.core.status()).toMatchObject({ view: 0, viewChanging: false })
  })

  it('a VIEW-CHANGE for the view already installed, or for a view below the one it is changing to, is stale (counted, not stored)', () => {
    const p = new Probe(1)
    p.deliver(2, { type: 'view-change', viewChange: viewChange(0, 2), batches: [] })
    expect(p.drops()).toEqual({ 'view-change-stale': 1 })
    const q = new Probe(3)
    for (const r of [0, 1]) q.deliver(r, { type: 'view-change', viewChange: viewChange(2, r), batches: [] }) // f+1: joins view 2
    expect(q.core.status()).toMatchObject({ view: 2, viewChanging: true })
    q.deliver(2, { type: 'view-change', viewChange: viewChange(1, 2), batches: [] })
    expect(q.drops()).toEqual({ 'view-change-stale': 1 })
  })
})

describe('§4.4 VIEW-CHANGE content and the f+1 join rule (§4.5.2), in detail', () => {
  it('P lists the prepared certificates in seq order, whatever the order they prepared in', () => {
    const p = new Probe(1)
    const [b1, b2] = [batch(0, 1, [tx(1, 1)]), batch(0, 2, [tx(1, 2)])]
    for (const [seq, b] of [[2, b2], [1, b1]] as const) {
      p.deliver(0, { type: 'pre-prepare', prePrepare: prePrepare(0, seq, b), batch: b })
      p.deliver(2, { type: 'prepare', prepare: prepare(0, seq, digestOf(b), 2) })
    }
    const out = p.core.forceViewChange()
    const [m] = Probe.sent(out, 'view-change')
    expect(m!.viewChange.prepared.map(pc => pc.prePrepare.seq)).toEqual([1, 2])
    // replica 1 is view 1's primary: its batches stay with it, in the same order (the WAL record)
    const kept = out.flatMap(x => x.type === 'persist' ? x.records : []).find(x => x.kind === 'view-change')
    expect(kept?.kind === 'view-change' ? kept.batches.map(hexOf) : []).toEqual([hexOf(b1), hexOf(b2)])
  })

  it('a replica\'s VIEW-CHANGE for a higher view replaces its older one: the join goes to the smallest view each replica asks for now', () => {
    const p = new Probe(1)
    p.deliver(2, { type: 'view-change', viewChange: viewChange(2, 2), batches: [] })
    p.deliver(2, { type: 'view-change', viewChange: viewChange(3, 2), batches: [] }) // 2 moved on to view 3
    p.deliver(3, { type: 'view-change', viewChange: viewChange(3, 3), batches: [] })
    expect(viewChangesOf(p)).toEqual([3])
  })

  it('"sends a VIEW-CHANGE message for the smallest view in the set": a replica that asked for v+3 and then v+2 counts with v+2', () => {
    const p = new Probe(1)
    p.deliver(2, { type: 'view-change', viewChange: viewChange(3, 2), batches: [] })
    p.deliver(2, { type: 'view-change', viewChange: viewChange(2, 2), batches: [] })
    p.deliver(3, { type: 'view-change', viewChange: viewChange(3, 3), batches: [] })
    expect(viewChangesOf(p)).toEqual([2])
    // Its VIEW-CHANGE(v+3) still stands: with 3's and its own, 2f+1 ask for view 3, so the NEW-VIEW
    // timer of view 3 runs (2T, then 4T: 1 moves on to 4).
    p.tick(2000)
    expect(viewChangesOf(p)).toEqual([2, 3])
    p.tick(4000)
    expect(viewChangesOf(p)).toEqual([2, 3, 4])
  })

  it('replicas that ask only for the view it is changing to are not among the f+1 of a higher view: the join is to the smallest view above its own', () => {
    const p = new Probe(3)
    p.step({ type: 'request', tx: tx(1, 1) })
    p.tick(1000) // asks for view 1
    p.deliver(2, { type: 'view-change', viewChange: viewChange(1, 2), batches: [] })
    for (const r of [0, 1]) p.deliver(r, { type: 'view-change', viewChange: viewChange(2, r), batches: [] })
    expect(viewChangesOf(p)).toEqual([1, 2])
    expect(p.core.status().viewChangeCause).toBe('joined: replicas 0, 1 asked for higher views')
  })

  it('the cause names the replicas that made it join, in id order whatever order they asked in', () => {
    const p = new Probe(1)
    p.deliver(3, { type: 'view-change', viewChange: viewChange(2, 3), batches: [] })
    p.deliver(2, { type: 'view-change', viewChange: viewChange(2, 2), batches: [] })
    expect(p.core.status().viewChangeCause).toBe('joined: replicas 2, 3 asked for higher views')
  })

  it('§4.5.2: the NEW-VIEW timer starts only when 2f+1 replicas ask for this view or a higher one; a VIEW-CHANGE for a lower view, kept from before, does not count', () => {
    const p = new Probe(0)
    p.deliver(2, { type: 'view-change', viewChange: viewChange(1, 2), batches: [] }) // kept: 2 asks for view 1
    p.deliver(2, { type: 'new-view', newView: newView(2, [viewChange(2, 1), viewChange(2, 2), viewChange(2, 3)], []), batches: [] })
    expect(p.core.status()).toMatchObject({ view: 2, viewChanging: false })
    p.step({ type: 'request', tx: tx(1, 1) })
    p.tick(1000) // asks for view 3
    p.deliver(1, { type: 'view-change', viewChange: viewChange(3, 1), batches: [] }) // 2 of 2f+1 for view 3
    p.tick(20_000)
    expect(p.core.status()).toMatchObject({ view: 3, viewChanging: true })
  })

  it('a backup that is not the new primary never sends a NEW-VIEW, even with 2f+1 VIEW-CHANGEs for the view in hand', () => {
    const p = new Probe(3)
    for (const r of [0, 2]) p.deliver(r, { type: 'view-change', viewChange: viewChange(1, r), batches: [] })
    expect(p.core.status()).toMatchObject({ view: 1, viewChanging: true })
    expect(Probe.sent(p.all, 'new-view')).toEqual([])
  })
})

describe('§4.4 answering a replica that still waits for an installed view\'s NEW-VIEW', () => {
  it('a former primary sends the NEW-VIEW of the view it is in now, not the older one it signed itself', () => {
    const p = new Probe(1)
    for (const r of [2, 3]) p.deliver(r, { type: 'view-change', viewChange: viewChange(1, r), batches: [] })
    expect(Probe.sent(p.all, 'new-view').map(m => m.newView.view)).toEqual([1]) // its own NEW-VIEW(1)
    const nv2 = newView(2, [viewChange(2, 0), viewChange(2, 2), viewChange(2, 3)], [])
    p.deliver(2, { type: 'new-view', newView: nv2, batches: [] })
    expect(p.core.status()).toMatchObject({ view: 2, viewChanging: false })
    const out = p.deliver(0, { type: 'view-change', viewChange: viewChange(2, 0), batches: [] })
    expect(out.flatMap(x => x.type === 'send' && x.message.type === 'new-view' ? [[x.to, x.message.newView.view]] : [])).toEqual([[0, 2]])
  })

  it('a laggard\'s repeated VIEW-CHANGE within the retransmit interval is answered once, and neither is counted as stale', () => {
    const p = new Probe(0)
    p.deliver(1, { type: 'new-view', newView: newView(1, [viewChange(1, 1), viewChange(1, 2), viewChange(1, 3)], []), batches: [] })
    expect(p.core.status()).toMatchObject({ view: 1, viewChanging: false })
    p.deliver(2, { type: 'view-change', viewChange: viewChange(1, 2), batches: [] })
    p.deliver(2, { type: 'view-change', viewChange: viewChange(1, 2), batches: [] })
    expect(Probe.sent(p.all, 'new-view')).toHaveLength(1)
    expect(p.drops()).toEqual({})
  })
})

describe('§4.4 a certificate\'s batch the receiver holds itself (batchFor, ownBatch)', () => {
  it('a batch the new primary holds for the seq under another digest (an equivocating old primary\'s) is not the certificate\'s: O carries the attached one', () => {
    const a = batch(0, 1, [tx(1, 1)])
    const b = batch(0, 1, [tx(1, 2)])
    const p = new Probe(2)
    p.deliver(0, { type: 'pre-prepare', prePrepare: prePrepare(0, 1, b), batch: b }) // replica 2 holds b
    p.deliver(1, { type: 'view-change', viewChange: viewChange(2, 1), batches: [] })
    p.deliver(3, { type: 'view-change', viewChange: viewChange(2, 3, [preparedCert(0, 1, a)]), batches: [a] })
    const [m] = Probe.sent(p.all, 'new-view')
    expect(m!.newView.prePrepares.map(pp => toHex(pp.digest))).toEqual([hexOf(a)])
    expect(m!.batches).toEqual([a])
  })

  it('a new primary that took a VIEW-CHANGE without the batch it held, then lost that batch to a stable checkpoint, still sends a NEW-VIEW the backups accept (the stored VIEW-CHANGE keeps the batch its certificate resolved to)', () => {
    // Replica 1, primary of view 1, pre-prepared seq 1 (batch a) in view 0 and asks for view 1
    // (request timer): its own VIEW-CHANGE(1) says stable checkpoint 0, no certificate.
    const p = new Probe(1, { checkpointInterval: 1 })
    const a = batch(0, 1, [tx(1, 1)])
    p.deliver(0, { type: 'pre-prepare', prePrepare: prePrepare(0, 1, a), batch: a })
    p.tick(1000)
    expect(p.core.status()).toMatchObject({ view: 1, viewChanging: true })
    // Replica 2 prepared seq 1; its VIEW-CHANGE leaves the batch out (replica 1 holds it).
    p.deliver(2, { type: 'view-change', viewChange: viewChange(1, 2, [preparedCert(0, 1, a)]), batches: [] })
    // The others executed seq 1: its stable checkpoint discards the slot (replica 1 fetches the block).
    const h = new Uint8Array(32).fill(1)
    for (const r of [0, 2, 3]) p.deliver(r, { type: 'checkpoint', checkpoint: checkpoint(1, h, r) })
    expect(p.core.status().stableCheckpoint).toBe(1)
    p.deliver(3, { type: 'view-change', viewChange: viewChange(1, 3), batches: [] })
    const [m] = Probe.sent(p.all, 'new-view')
    expect(m).toBeDefined()
    // V holds replica 2's certificate for seq 1 above V's min-s (0): every backup recomputes O
    // with seq 1 in it, so a NEW-VIEW without seq 1 is taken as the primary's lie.
    const backup = new Probe(0, { checkpointInterval: 1 })
    backup.deliver(1, { type: 'new-view', newView: m!.newView, batches: m!.batches })
    expect(backup.evidence()).toEqual([])
    expect(m!.newView.prePrepares.map(pp => pp.seq)).toEqual([1])
  })
})
