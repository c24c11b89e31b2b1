// PBFT §4.2, the votes: which PRE-PREPARE, PREPARE and COMMIT messages a replica takes, how
// each refused one is counted (bad input from a peer is counted and dropped, never thrown:
// STYLE.md habit 4; the counters are the node's metrics), which votes count towards prepared
// and committed-local, and what the `execute` action carries. Replica 1 is a backup of view 0
// (primary 0) unless said otherwise; n = 4, f = 1, 2f+1 = 3.
import { describe, expect, it } from 'vitest'
import { encodeReplicaMessage } from '../../../src/codec/index.js'
import { evidenceProblem } from '../../../src/crypto/evidence.js'
import { config, tx } from '../helpers.js'
import { NOW, Probe, batch, commit, digestOf, newView, prePrepare, prepare, signAs, viewChange } from './forge.js'

const keys = config(4, 0).publicKeys
const a = batch(0, 1, [tx(1, 1)])
const d = digestOf(a)
const other = new Uint8Array(32).fill(7)

/** Replica 1 with the primary's PRE-PREPARE(0, 1, a) accepted (own PREPARE sent). */
function preprepared (): Probe {
  const p = new Probe(1)
  p.deliver(0, { type: 'pre-prepare', prePrepare: prePrepare(0, 1, a), batch: a })
  return p
}

/** Replica 1 prepared for (0, 1, a): the pre-prepare, its own PREPARE and replica 2's; own COMMIT sent. */
function prepared (): Probe {
  const p = preprepared()
  p.deliver(2, { type: 'prepare', prepare: prepare(0, 1, d, 2) })
  expect(p.commits()).toHaveLength(1)
  return p
}

describe('§4.2 every refused normal-case message is counted under its reason, and does not count as a vote', () => {
  it('PRE-PREPARE: not the primary\'s own (signed by the primary but naming another replica), another chain, a bad signature, outside the window, a second one, a bad batch, an invalid transaction', () => {
    const cases: Array<[string, (p: Probe) => void]> = [
      ['pre-prepare-not-from-primary', p => p.deliver(0, { type: 'pre-prepare', prePrepare: prePrepare(0, 1, a, 0, { replica: 2 }), batch: a })],
      ['wrong-chain', p => p.deliver(0, { type: 'pre-prepare', prePrepare: prePrepare(0, 1, a, 0, { chainId: 'other-chain' }), batch: a })],
      ['bad-signature', p => p.deliver(0, { type: 'pre-prepare', prePrepare: { ...prePrepare(0, 1, a), signature: new Uint8Array(64) }, batch: a })],
      ['outside-window', p => { const b = batch(0, 9, [tx(1, 1)]); p.deliver(0, { type: 'pre-prepare', prePrepare: prePrepare(0, 9, b), batch: b }) }],
      ['pre-prepare-rejected', p => { const b = batch(0, 1, [tx(1, 1)], { timestampMs: NOW + 120_000 }); p.deliver(0, { type: 'pre-prepare', prePrepare: prePrepare(0, 1, b), batch: b }) }],
      ['pre-prepare-invalid-transaction', p => { const b = batch(0, 1, [{ ...tx(1, 1), chainId: 'other-chain' }]); p.deliver(0, { type: 'pre-prepare', prePrepare: prePrepare(0, 1, b), batch: b }) }]
    ]
    for (const [reason, send] of cases) {
      const p = new Probe(1)
      send(p)
      expect(p.drops(), reason).toEqual({ [reason]: 1 })
      expect(p.prepares(), reason).toEqual([])
    }
    const p = preprepared()
    const b = batch(0, 1, [tx(1, 2)])
    p.deliver(0, { type: 'pre-prepare', prePrepare: prePrepare(0, 1, b), batch: b })
    expect(p.drops()).toEqual({ 'second-pre-prepare': 1 })
  })

  it('PREPARE: from the primary, naming another replica than its sender (though signed by the sender), of another chain (validly signed for it), badly signed', () => {
    const cases: Array<[string, number, ReturnType<typeof prepare>]> = [
      ['prepare-from-primary-or-impersonated', 0, prepare(0, 1, d, 0)],
      ['prepare-from-primary-or-impersonated', 3, signAs(3, 'prepare', { ...prepare(0, 1, d, 3), replica: 2 })],
      ['wrong-chain', 3, prepare(0, 1, d, 3, { chainId: 'other-chain' })],
      ['bad-signature', 3, { ...prepare(0, 1, d, 3), signature: new Uint8Array(64) }]
    ]
    for (const [reason, from, m] of cases) {
      const p = preprepared()
      p.deliver(from, { type: 'prepare', prepare: m })
      expect(p.drops(), reason).toEqual({ [reason]: 1 })
      expect(p.commits(), reason).toEqual([]) // own prepare only: not prepared
      expect(p.core.status().inFlight[0]!.prepares, reason).toEqual([1])
    }
  })

  it('the primary\'s own PREPAREs are dropped before anything else: two conflicting ones are not even evidence', () => {
    const p = preprepared()
    p.deliver(0, { type: 'prepare', prepare: prepare(0, 1, d, 0) })
    p.deliver(0, { type: 'prepare', prepare: prepare(0, 1, other, 0) })
    expect(p.evidence()).toEqual([])
    expect(p.drops()).toEqual({ 'prepare-from-primary-or-impersonated': 2 })
  })

  it('COMMIT: naming another replica than its sender (though signed by the sender), of another chain (validly signed for it), badly signed', () => {
    const cases: Array<[string, number, ReturnType<typeof commit>]> = [
      ['commit-impersonated', 3, signAs(3, 'commit', { ...commit(0, 1, d, 3), replica: 0 })],
      ['wrong-chain', 3, signAs(3, 'commit', { ...commit(0, 1, d, 3), chainId: 'other-chain' })],
      ['bad-signature', 3, { ...commit(0, 1, d, 3), signature: new Uint8Array(64) }]
    ]
    for (const [reason, from, m] of cases) {
      const p = prepared() // own commit
      p.deliver(2, { type: 'commit', commit: commit(0, 1, d, 2) }) // 2 of 2f+1
      p.deliver(from, { type: 'commit', commit: m })
      expect(p.drops(), reason).toEqual({ [reason]: 1 })
      expect(p.executes(), reason).toEqual([])
      expect(p.core.status().inFlight[0]!.commits, reason).toEqual([1, 2])
    }
  })

  it('votes of the current view for a seq whose slot committed in an older view are refused (a vote counts only in its pre-prepare\'s view)', () => {
    // Replica 2 commits seq 1 in view 0, then installs view 1 (primary 1) from a NEW-VIEW whose O is empty.
    const p = new Probe(2)
    p.deliver(0, { type: 'pre-prepare', prePrepare: prePrepare(0, 1, a), batch: a })
    p.deliver(1, { type: 'prepare', prepare: prepare(0, 1, d, 1) })
    for (const r of [0, 1]) p.deliver(r, { type: 'commit', commit: commit(0, 1, d, r) })
    expect(p.executes().map(e => e.seq)).toEqual([1])
    p.deliver(1, { type: 'new-view', newView: newView(1, [0, 1, 3].map(r => viewChange(1, r)), []), batches: [] })
    expect(p.core.status()).toMatchObject({ view: 1, viewChanging: false })
    p.deliver(3, { type: 'prepare', prepare: prepare(1, 1, d, 3) })
    p.deliver(3, { type: 'commit', commit: commit(1, 1, d, 3) })
    expect(p.drops()).toEqual({ 'prepare-other-view': 1, 'commit-other-view': 1 })
    expect(p.core.status().inFlight).toMatchObject([{ seq: 1, view: 0, prepares: [1, 2], commits: [0, 1, 2] }])
  })
})

describe('§4.2 a sender\'s vote that matches the pre-prepare counts, even after a conflicting one', () => {
  it('a backup that PREPAREs another digest and then the right one is counted for the right one (and its two PREPAREs are evidence)', () => {
    const p = preprepared()
    p.deliver(2, { type: 'prepare', prepare: prepare(0, 1, other, 2) })
    expect(p.commits()).toEqual([])
    p.deliver(2, { type: 'prepare', prepare: prepare(0, 1, d, 2) })
    expect(p.evidence().map(e => [e.accused, e.kind])).toEqual([[2, 'conflicting-prepare']])
    expect(p.commits()).toHaveLength(1) // own + 2's matching one: the 2f prepares of backups
  })

  it('a replica that COMMITs another digest and then the right one is counted for the right one', () => {
    const p = prepared()
    p.deliver(2, { type: 'commit', commit: commit(0, 1, other, 2) })
    p.deliver(3, { type: 'commit', commit: commit(0, 1, d, 3) })
    expect(p.executes()).toEqual([]) // own and 3's: 2 of 2f+1
    p.deliver(2, { type: 'commit', commit: commit(0, 1, d, 2) })
    expect(p.evidence().map(e => [e.accused, e.kind])).toEqual([[2, 'conflicting-commit']])
    expect(p.executes()).toHaveLength(1)
  })

  it('a conflicting PREPARE never replaces a matching one, even one that came before the PRE-PREPARE named the digest', () => {
    const p = new Probe(1)
    p.deliver(2, { type: 'prepare', prepare: prepare(0, 1, d, 2) })
    p.deliver(2, { type: 'prepare', prepare: prepare(0, 1, other, 2) })
    expect(p.evidence().map(e => [e.accused, e.kind])).toEqual([[2, 'conflicting-prepare']])
    p.deliver(0, { type: 'pre-prepare', prePrepare: prePrepare(0, 1, a), batch: a })
    expect(p.commits()).toHaveLength(1) // own + 2's first, matching one: the 2f prepares of backups
  })

  it('but a conflicting vote never replaces a matching one', () => {
    const p = prepared()
    p.deliver(2, { type: 'commit', commit: commit(0, 1, d, 2) })
    p.deliver(2, { type: 'commit', commit: commit(0, 1, other, 2) })
    p.deliver(3, { type: 'commit', commit: commit(0, 1, d, 3) })
    expect(p.executes()).toHaveLength(1)
  })
})

describe('§4.2 committed-local and execution', () => {
  it('"committed-local(m, v, n, i) is true if and only if prepared(m, v, n, i) is true": 2f+1 COMMITs from the others do not commit a replica that has not prepared', () => {
    const p = preprepared()
    for (const r of [0, 2, 3]) p.deliver(r, { type: 'commit', commit: commit(0, 1, d, r) })
    expect(p.executes()).toEqual([])
    expect(p.core.status().inFlight[0]!.phase).toBe('pre-prepared')
    p.deliver(2, { type: 'prepare', prepare: prepare(0, 1, d, 2) })
    expect(p.executes().map(e => e.seq)).toEqual([1])
  })

  it('the `execute` action carries exactly 2f+1 matching COMMITs, ordered by replica, even when all n arrived before it could execute', () => {
    const p = new Probe(1)
    const b2 = batch(0, 2, [tx(1, 2)])
    const d2 = digestOf(b2)
    p.deliver(0, { type: 'pre-prepare', prePrepare: prePrepare(0, 2, b2), batch: b2 })
    p.deliver(2, { type: 'prepare', prepare: prepare(0, 2, d2, 2) })
    for (const r of [3, 2, 0]) p.deliver(r, { type: 'commit', commit: commit(0, 2, d2, r) })
    expect(p.executes()).toEqual([]) // seq 2 committed, seq 1 not
    p.deliver(0, { type: 'pre-prepare', prePrepare: prePrepare(0, 1, a), batch: a })
    p.deliver(2, { type: 'prepare', prepare: prepare(0, 1, d, 2) })
    for (const r of [0, 2]) p.deliver(r, { type: 'commit', commit: commit(0, 1, d, r) })
    const [e1, e2] = p.executes()
    expect(e1!.cert.map(c => c.replica)).toEqual([0, 1, 2])
    // own commit first, then 3 and 2 in arrival order: the first 2f+1, sorted
    expect(e2!.cert.map(c => c.replica)).toEqual([1, 2, 3])
  })

  it('a seq a backup already executed and a NEW-VIEW re-proposes is voted on again, but its requests are not outstanding again: no request timer, no view change', () => {
    // Replica 2 executes seq 1 in view 0; view 1's O carries the same batch again (§4.4: every replica votes on O).
    const p = new Probe(2)
    p.deliver(0, { type: 'pre-prepare', prePrepare: prePrepare(0, 1, a), batch: a })
    p.deliver(1, { type: 'prepare', prepare: prepare(0, 1, d, 1) })
    for (const r of [0, 1]) p.deliver(r, { type: 'commit', commit: commit(0, 1, d, r) })
    p.step(p.executedEvent(1, new Uint8Array(32).fill(1)))
    const cert = { prePrepare: prePrepare(0, 1, a), prepares: [prepare(0, 1, d, 1), prepare(0, 1, d, 2)] }
    const vcs = [viewChange(1, 0, [cert]), viewChange(1, 1, [cert]), viewChange(1, 3)]
    p.deliver(1, { type: 'new-view', newView: newView(1, vcs, [prePrepare(1, 1, a)]), batches: [a] })
    expect(p.prepares().map(x => [x.view, x.seq])).toEqual([[0, 1], [1, 1]])
    p.tick(100 * 1000) // a hundred view-change timeouts
    expect(Probe.sent(p.all, 'view-change')).toEqual([])
    expect(p.core.status()).toMatchObject({ view: 1, viewChanging: false })
  })

  it('an invalid transaction is reported once per pre-prepare: one evidence record for each (view, seq), none for a retransmission', () => {
    const p = new Probe(1)
    const bad = { ...tx(1, 1), chainId: 'other-chain' }
    const b1 = batch(0, 1, [bad])
    const b2 = batch(0, 2, [bad])
    p.deliver(0, { type: 'pre-prepare', prePrepare: prePrepare(0, 1, b1), batch: b1 })
    p.deliver(0, { type: 'pre-prepare', prePrepare: prePrepare(0, 1, b1), batch: b1 })
    p.deliver(0, { type: 'pre-prepare', prePrepare: prePrepare(0, 2, b2), batch: b2 })
    const ev = p.evidence()
    expect(ev.map(e => [e.accused, e.kind])).toEqual([[0, 'invalid-transaction'], [0, 'invalid-transaction']])
    expect(ev.map(e => e.messages[0])).toEqual([b1, b2].map((b, i) => encodeReplicaMessage({ type: 'pre-prepare', prePrepare: prePrepare(0, i + 1, b), batch: b })))
    for (const e of ev) expect(evidenceProblem(keys, 'test-chain', e)).toBeUndefined()
  })
})
