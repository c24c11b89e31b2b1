// PBFT §4.2 (normal-case operation), rule by rule, as etcd's raft_paper_test.go: each test puts one
// replica into the situation a sentence of the paper describes, through `step` alone, and checks
// what it does. Replica 1 is a backup of view 0 (primary 0), n = 4, f = 1, 2f+1 = 3.
import { describe, expect, it } from 'vitest'
import { encodeReplicaMessage, type Batch, type Evidence } from '../../../src/codec/index.js'
import { evidenceProblem } from '../../../src/crypto/evidence.js'
import { toHex } from '../../../src/crypto/hash.js'
import { config, tx } from '../helpers.js'
import { NOW, Probe, batch, commit, digestOf, hexOf, prePrepare, prepare } from './forge.js'

const keys = config(4, 0).publicKeys

/** Evidence that replica 2 signed two prepares for (0, 1): valid proof a block may carry. */
function equivocationOf2 (): Evidence {
  const a = prepare(0, 1, new Uint8Array(32).fill(1), 2)
  const b = prepare(0, 1, new Uint8Array(32).fill(2), 2)
  return { accused: 2, kind: 'conflicting-prepare', messages: [encodeReplicaMessage({ type: 'prepare', prepare: a }), encodeReplicaMessage({ type: 'prepare', prepare: b })] }
}

/** Replica 1 receives PRE-PREPARE(0, seq, b) from replica 0 (fields overridable); returns its PREPAREs. */
function offer (b: Batch, over: Parameters<typeof prePrepare>[4] = {}, seq = b.proposal.seq, probe = new Probe(1, { timestampDriftMs: 500 })): { probe: Probe, prepared: boolean } {
  const out = probe.deliver(0, { type: 'pre-prepare', prePrepare: prePrepare(0, seq, b, 0, over), batch: b })
  return { probe, prepared: probe.prepares(out).length > 0 }
}

describe('§4.2 a backup accepts a PRE-PREPARE only if every field it carries checks out', () => {
  it('accepts a correct one: persists the pre-prepare and its PREPARE, then multicasts PREPARE(v, n, d, i)', () => {
    const b = batch(0, 1, [tx(1, 1)])
    const p = new Probe(1)
    const out = p.deliver(0, { type: 'pre-prepare', prePrepare: prePrepare(0, 1, b), batch: b })
    const persistAt = out.findIndex(a => a.type === 'persist' && a.records.some(r => r.kind === 'prepare'))
    const sendAt = out.findIndex(a => a.type === 'broadcast' && a.message.type === 'prepare')
    expect(persistAt).toBeGreaterThanOrEqual(0)
    expect(sendAt).toBeGreaterThan(persistAt)
    const [pr] = p.prepares(out)
    expect(pr).toMatchObject({ view: 0, seq: 1, replica: 1 })
    expect(toHex(pr!.digest)).toBe(hexOf(b))
    const rec = out.find(a => a.type === 'persist')
    expect(rec?.type === 'persist' && rec.records.map(r => r.kind)).toEqual(['pre-prepare', 'prepare'])
  })

  it('"the signatures in the request and the pre-prepare message are correct": a pre-prepare with a bad signature is ignored', () => {
    const b = batch(0, 1, [tx(1, 1)])
    const pp = prePrepare(0, 1, b)
    pp.signature = new Uint8Array(pp.signature); pp.signature[3]! ^= 1
    const p = new Probe(1)
    expect(p.prepares(p.deliver(0, { type: 'pre-prepare', prePrepare: pp, batch: b }))).toHaveLength(0)
  })

  it('only the primary of the view may send a pre-prepare (sender, signer and primary of v must agree)', () => {
    const b = batch(0, 1, [tx(1, 1)])
    // signed by replica 2, which is not the primary of view 0
    const p = new Probe(1)
    expect(p.prepares(p.deliver(2, { type: 'pre-prepare', prePrepare: prePrepare(0, 1, b, 2), batch: b }))).toHaveLength(0)
    // the primary's signed pre-prepare relayed by another replica: the sender is not its author
    const q = new Probe(1)
    expect(q.prepares(q.deliver(2, { type: 'pre-prepare', prePrepare: prePrepare(0, 1, b), batch: b }))).toHaveLength(0)
    // a pre-prepare naming replica 2 as author, delivered by the primary
    const r = new Probe(1)
    expect(r.prepares(r.deliver(0, { type: 'pre-prepare', prePrepare: prePrepare(0, 1, b, 2), batch: b }))).toHaveLength(0)
  })

  it('a pre-prepare of another chain is ignored', () => {
    expect(offer(batch(0, 1, [tx(1, 1)]), { chainId: 'other-chain' }).prepared).toBe(false)
  })

  it('"it is in view v": a pre-prepare of an older view is dropped, one of a newer view waits for that view', () => {
    const b = batch(0, 1, [tx(1, 1)])
    const p = new Probe(1)
    p.core.forceViewChange() // now in view 1, changing
    expect(p.prepares(p.deliver(0, { type: 'pre-prepare', prePrepare: prePrepare(0, 1, b), batch: b }))).toHaveLength(0)
    expect(p.drops()['old-view']).toBe(1)
    const q = new Probe(1)
    const b5 = batch(5, 1, [tx(1, 1)])
    expect(q.prepares(q.deliver(1, { type: 'pre-prepare', prePrepare: prePrepare(5, 1, b5), batch: b5 }))).toHaveLength(0)
    expect(q.core.status().inFlight).toEqual([])
  })

  it('"the sequence number is between a low water mark h and a high water mark H": n = h and n = h + L + 1 are refused, h + 1 and h + L accepted', () => {
    // window L = 8, h = 0
    expect(offer(batch(0, 0, [tx(1, 1)])).prepared).toBe(false)
    expect(offer(batch(0, 9, [tx(1, 1)])).prepared).toBe(false)
    expect(offer(batch(0, 1, [tx(1, 1)])).prepared).toBe(true)
    expect(offer(batch(0, 8, [tx(1, 1)])).prepared).toBe(true)
  })

  it('"it has not accepted a pre-prepare for view v and sequence number n containing a different digest": the second is refused and is evidence', () => {
    const p = new Probe(1)
    const a = batch(0, 1, [tx(1, 1)])
    const b = batch(0, 1, [tx(1, 2)])
    expect(p.prepares(p.deliver(0, { type: 'pre-prepare', prePrepare: prePrepare(0, 1, a), batch: a }))).toHaveLength(1)
    const out = p.deliver(0, { type: 'pre-prepare', prePrepare: prePrepare(0, 1, b), batch: b })
    expect(p.prepares(out)).toHaveLength(0)
    const ev = p.evidence(out)
    expect(ev.map(e => [e.accused, e.kind])).toEqual([[0, 'conflicting-pre-prepare']])
    expect(evidenceProblem(keys, 'test-chain', ev[0]!)).toBeUndefined()
    expect(p.core.status().inFlight[0]!.digest).toBe(hexOf(a))
  })

  it('a retransmission of the same pre-prepare is neither prepared twice nor evidence', () => {
    const p = new Probe(1)
    const a = batch(0, 1, [tx(1, 1)])
    const pp = prePrepare(0, 1, a)
    p.deliver(0, { type: 'pre-prepare', prePrepare: pp, batch: a })
    const out = p.deliver(0, { type: 'pre-prepare', prePrepare: pp, batch: a })
    expect(p.prepares(out)).toHaveLength(0)
    expect(p.evidence()).toHaveLength(0)
  })

  describe('the batch must be the one the digest names, proposed for this (v, n) by this primary', () => {
    const good = (): Batch => batch(0, 1, [tx(1, 1)])
    it('proposal.seq differs from the pre-prepare\'s n', () => {
      expect(offer(batch(0, 2, [tx(1, 1)]), {}, 1).prepared).toBe(false)
    })
    it('proposal.chainId is another chain', () => {
      expect(offer(batch(0, 1, [tx(1, 1)], { chainId: 'other-chain' })).prepared).toBe(false)
    })
    it('the digest is not the batch\'s', () => {
      expect(offer(good(), { digest: digestOf(batch(0, 1, [tx(1, 2)])) }).prepared).toBe(false)
    })
    it('proposal.view is another view', () => {
      const b = good(); b.proposal.view = 1
      expect(offer(b).prepared).toBe(false)
    })
    it('proposal.proposer is not the primary of v', () => {
      expect(offer(batch(0, 1, [tx(1, 1)], { proposer: 2 })).prepared).toBe(false)
    })
    it('the transactions are not the ones the tx root commits to', () => {
      const b = good(); b.txs = [tx(1, 2)]
      expect(offer(b).prepared).toBe(false)
    })
    it('the evidence is not what the evidence root commits to', () => {
      const b = good(); b.evidence = [equivocationOf2()]
      expect(offer(b).prepared).toBe(false)
    })
    it('txCount is not the number of transactions (a block whose header no verifier accepts)', () => {
      const b = good(); b.proposal.txCount = 2
      expect(offer(b).prepared).toBe(false)
    })
    it('evidenceCount is not the number of evidence records', () => {
      const b = good(); b.proposal.evidenceCount = 1
      expect(offer(b).prepared).toBe(false)
    })
    it('the timestamp is further from the backup\'s clock than the allowed drift (500 ms here), either way', () => {
      expect(offer(batch(0, 1, [tx(1, 1)], { timestampMs: NOW + 500 })).prepared).toBe(true)
      expect(offer(batch(0, 1, [tx(1, 1)], { timestampMs: NOW - 500 })).prepared).toBe(true)
      expect(offer(batch(0, 1, [tx(1, 1)], { timestampMs: NOW + 501 })).prepared).toBe(false)
      expect(offer(batch(0, 1, [tx(1, 1)], { timestampMs: NOW - 501 })).prepared).toBe(false)
    })
    it('valid evidence in the batch is accepted; evidence a third party would refuse is not', () => {
      expect(offer(batch(0, 1, [tx(1, 1)], { evidence: [equivocationOf2()] })).prepared).toBe(true)
      const bad = equivocationOf2()
      bad.accused = 3 // the messages are replica 2's
      expect(offer(batch(0, 1, [tx(1, 1)], { evidence: [bad] })).prepared).toBe(false)
    })
    it('one transaction twice in the batch', () => {
      const t = tx(1, 1)
      expect(offer(batch(0, 1, [t, t])).prepared).toBe(false)
    })
    it('a transaction of another chain', () => {
      const t = { ...tx(1, 1), chainId: 'other-chain' }
      const { probe, prepared } = offer(batch(0, 1, [t]))
      expect(prepared).toBe(false)
      expect(probe.drops()['pre-prepare-invalid-transaction']).toBe(1)
    })
    it('a stale transaction (its reply is cached) does not make the batch invalid: it commits as a failed no-op', () => {
      const p = new Probe(1, { timestampDriftMs: 500 })
      const t = tx(1, 1)
      const a = batch(0, 1, [t])
      p.deliver(0, { type: 'pre-prepare', prePrepare: prePrepare(0, 1, a), batch: a })
      for (const r of [0, 2]) p.deliver(r, { type: 'commit', commit: commit(0, 1, digestOf(a), r) })
      p.deliver(2, { type: 'prepare', prepare: prepare(0, 1, digestOf(a), 2) })
      p.deliver(3, { type: 'prepare', prepare: prepare(0, 1, digestOf(a), 3) })
      expect(p.executes()).toHaveLength(1)
      p.step(p.executedEvent(1, new Uint8Array(32).fill(9), [{ code: 0, log: 'ok' }]))
      expect(offer(batch(0, 2, [t]), {}, 2, p).prepared).toBe(true)
    })
  })

  it('a batch holding one badly signed transaction: an honest backup does not prepare it, records evidence against the primary, and moves to the next view', () => {
    const bad = tx(1, 2)
    bad.signature = new Uint8Array(bad.signature); bad.signature[0]! ^= 1
    const b = batch(0, 1, [tx(1, 1), bad, tx(1, 3)])
    const p = new Probe(1)
    const out = p.deliver(0, { type: 'pre-prepare', prePrepare: prePrepare(0, 1, b), batch: b })
    expect(p.prepares(out)).toHaveLength(0)
    expect(p.core.status().inFlight.every(x => x.digest === '')).toBe(true)
    const ev = p.evidence(out)
    expect(ev.map(e => [e.accused, e.kind])).toEqual([[0, 'invalid-transaction']])
    expect(evidenceProblem(keys, 'test-chain', ev[0]!)).toBeUndefined()
    // a provably faulty primary: the view changes at the next tick, not after the timeout
    const vcs = Probe.sent(p.tick(1), 'view-change')
    expect([...new Set(vcs.map(m => m.viewChange.newView))]).toEqual([1])
  })
})

describe('§4.2 prepared and committed', () => {
  const a = batch(0, 1, [tx(1, 1)])
  const d = digestOf(a)
  function preprepared (): Probe {
    const p = new Probe(1)
    p.deliver(0, { type: 'pre-prepare', prePrepare: prePrepare(0, 1, a), batch: a })
    return p
  }

  it('"prepared(m, v, n, i)": the pre-prepare and 2f PREPAREs from different backups (own included) that match it; then COMMIT is persisted and multicast', () => {
    const p = preprepared()
    expect(p.commits()).toHaveLength(0) // own prepare only: 1 of 2f
    const out = p.deliver(2, { type: 'prepare', prepare: prepare(0, 1, d, 2) })
    const [c] = p.commits(out)
    expect(c).toMatchObject({ view: 0, seq: 1, replica: 1 })
    expect(toHex(c!.digest)).toBe(toHex(d))
    const persistAt = out.findIndex(x => x.type === 'persist' && x.records.some(r => r.kind === 'commit'))
    expect(persistAt).toBeGreaterThanOrEqual(0)
    expect(out.findIndex(x => x.type === 'broadcast' && x.message.type === 'commit')).toBeGreaterThan(persistAt)
  })

  it('prepares that do not count: the primary\'s, another digest\'s, another view\'s, a replica\'s second one, an impersonated one, a badly signed one', () => {
    const p = preprepared()
    p.deliver(0, { type: 'prepare', prepare: prepare(0, 1, d, 0) })
    p.deliver(2, { type: 'prepare', prepare: prepare(0, 1, new Uint8Array(32).fill(7), 2) })
    p.deliver(3, { type: 'prepare', prepare: prepare(0, 1, d, 2) })
    const badSig = prepare(0, 1, d, 3); badSig.signature = new Uint8Array(64)
    p.deliver(3, { type: 'prepare', prepare: badSig })
    p.deliver(2, { type: 'prepare', prepare: prepare(0, 1, new Uint8Array(32).fill(7), 2) })
    p.deliver(3, { type: 'prepare', prepare: { ...prepare(0, 1, d, 3), chainId: 'other-chain' } })
    expect(p.commits()).toHaveLength(0)
    expect(p.core.status().inFlight[0]!.phase).toBe('pre-prepared')
    // and one that counts
    p.deliver(3, { type: 'prepare', prepare: prepare(0, 1, d, 3) })
    expect(p.commits()).toHaveLength(1)
  })

  it('prepares that arrive before the pre-prepare count once it arrives', () => {
    const p = new Probe(1)
    p.deliver(2, { type: 'prepare', prepare: prepare(0, 1, d, 2) })
    expect(p.commits()).toHaveLength(0)
    p.deliver(0, { type: 'pre-prepare', prePrepare: prePrepare(0, 1, a), batch: a })
    expect(p.commits()).toHaveLength(1)
  })

  it('"committed-local(m, v, n, i)": prepared and 2f+1 matching COMMITs (own included) from different replicas; then the request executes', () => {
    const p = preprepared()
    p.deliver(2, { type: 'prepare', prepare: prepare(0, 1, d, 2) })
    p.deliver(2, { type: 'commit', commit: commit(0, 1, d, 2) })
    p.deliver(2, { type: 'commit', commit: commit(0, 1, d, 2) }) // a duplicate does not count twice
    p.deliver(3, { type: 'commit', commit: commit(0, 1, new Uint8Array(32).fill(7), 3) }) // another digest
    p.deliver(3, { type: 'commit', commit: commit(0, 1, d, 2) }) // impersonated
    expect(p.executes()).toHaveLength(0)
    const out = p.deliver(0, { type: 'commit', commit: commit(0, 1, d, 0) })
    const [e] = p.executes(out)
    expect(e).toMatchObject({ seq: 1, view: 0 })
    expect(e!.cert.map(c => c.replica)).toEqual([0, 1, 2])
    expect(e!.cert.every(c => toHex(c.digest) === toHex(d))).toBe(true)
  })

  it('commits that arrive before prepared are kept, and count once the replica prepares', () => {
    const p = preprepared()
    p.deliver(0, { type: 'commit', commit: commit(0, 1, d, 0) })
    p.deliver(2, { type: 'commit', commit: commit(0, 1, d, 2) })
    expect(p.executes()).toHaveLength(0)
    p.deliver(3, { type: 'prepare', prepare: prepare(0, 1, d, 3) })
    expect(p.executes()).toHaveLength(1)
  })

  it('"replica i executes the operation requested by m after committed-local(m, v, n, i) is true and i\'s state reflects the sequential execution of all requests with lower sequence numbers"', () => {
    const p = new Probe(1)
    const b2 = batch(0, 2, [tx(1, 2)])
    for (const [seq, b] of [[2, b2], [1, a]] as const) {
      p.deliver(0, { type: 'pre-prepare', prePrepare: prePrepare(0, seq, b), batch: b })
      p.deliver(2, { type: 'prepare', prepare: prepare(0, seq, digestOf(b), 2) })
      p.deliver(0, { type: 'commit', commit: commit(0, seq, digestOf(b), 0) })
      if (seq === 2) {
        p.deliver(2, { type: 'commit', commit: commit(0, 2, digestOf(b2), 2) })
        expect(p.executes()).toHaveLength(0) // seq 2 committed, seq 1 not yet
      }
    }
    expect(p.executes()).toHaveLength(0)
    p.deliver(2, { type: 'commit', commit: commit(0, 1, d, 2) })
    expect(p.executes().map(e => e.seq)).toEqual([1, 2])
  })

  it('votes outside the watermarks are ignored', () => {
    const p = preprepared()
    const b9 = batch(0, 9, [tx(1, 9)])
    p.deliver(2, { type: 'prepare', prepare: prepare(0, 9, digestOf(b9), 2) })
    p.deliver(2, { type: 'commit', commit: commit(0, 9, digestOf(b9), 2) })
    expect(p.core.sizes().slots).toBe(1)
    expect(p.drops()['outside-window']).toBe(2)
  })
})

describe('§4.2 the primary', () => {
  it('assigns consecutive sequence numbers, persists each pre-prepare before multicasting it, and sends no PREPARE itself', () => {
    const p = new Probe(0, { batchTxsMax: 1 })
    const out = [...p.step({ type: 'request', tx: tx(1, 1) }), ...p.step({ type: 'request', tx: tx(1, 2) })]
    p.tick(10)
    const pps = Probe.sent(p.all, 'pre-prepare')
    expect(pps.map(m => [m.prePrepare.view, m.prePrepare.seq, m.batch.proposal.seq, m.batch.proposal.proposer])).toEqual([[0, 1, 1, 0], [0, 2, 2, 0]])
    const persistAt = out.findIndex(x => x.type === 'persist' && x.records.some(r => r.kind === 'pre-prepare'))
    expect(out.findIndex(x => x.type === 'broadcast' && x.message.type === 'pre-prepare')).toBeGreaterThan(persistAt)
    expect(persistAt).toBeGreaterThanOrEqual(0)
    expect(p.prepares()).toHaveLength(0)
  })

  it('a primary reaches prepared with 2f PREPAREs from backups and no PREPARE of its own', () => {
    const p = new Probe(0)
    p.step({ type: 'request', tx: tx(1, 1) })
    const [m] = Probe.sent(p.all, 'pre-prepare')
    const d = m!.prePrepare.digest
    p.deliver(1, { type: 'prepare', prepare: prepare(0, 1, d, 1) })
    expect(p.commits()).toHaveLength(0)
    p.deliver(2, { type: 'prepare', prepare: prepare(0, 1, d, 2) })
    expect(p.commits()).toHaveLength(1)
  })
})
