// Evidence (src/crypto/evidence.ts) is proof to anyone holding the replicas' public keys, check by
// check: each way a record can fail is refused with its own field and reason, and each refusal
// is shown next to the valid record it differs from in one thing. n = 4 (primary of view v is
// v mod 4). The protocol's own reports are checked against it in test/protocol/paper.
import { describe, expect, it } from 'vitest'
import { encodeReplicaMessage, pb, signingBytes, type Batch, type Evidence, type NewView, type PrePrepare, type ReplicaMessage } from '../../src/codec/index.js'
import { evidenceProblem, newViewContradicts } from '../../src/crypto/evidence.js'
import { createSigner } from '../../src/crypto/ed25519.js'
import { CHAIN, clientSeed, config, tx } from '../protocol/helpers.js'
import { batch, checkpoint, commit, digestOf, newView, nullBatch, prePrepare, prepare, preparedCert, viewChange } from '../protocol/paper/forge.js'

const keys = config(4, 0).publicKeys
const problem = (e: Evidence): [string, string] | undefined => evidenceProblem(keys, CHAIN, e)
const enc = (m: ReplicaMessage): Uint8Array => encodeReplicaMessage(m)
const a = batch(0, 1, [tx(1, 1)])
const b = batch(0, 1, [tx(1, 2)])
const ppOf = (x: Batch, over: Partial<PrePrepare> = {}, from = 0): Uint8Array => enc({ type: 'pre-prepare', prePrepare: prePrepare(0, 1, x, from, over), batch: x })
const record = (kind: string, messages: Uint8Array[], accused = 0): Evidence => ({ accused, kind, messages })

describe('every message of a record: decodable, signed by the accused, of this chain, validly signed', () => {
  it('a record against a replica that does not exist', () => {
    expect(problem(record('conflicting-pre-prepare', [ppOf(a), ppOf(b)], 4))).toEqual(['accused', 'no replica 4'])
  })

  it('a message that does not decode, naming its index', () => {
    const p = problem(record('conflicting-pre-prepare', [ppOf(a), new Uint8Array([0xff, 0xff, 0xff])]))
    expect(p?.[0]).toBe('messages[1]')
  })

  it('a message another replica signed (validly)', () => {
    expect(problem(record('conflicting-pre-prepare', [ppOf(a), ppOf(b, {}, 1)]))).toEqual(['messages[1]', 'not signed by the accused replica'])
  })

  it('a message of another chain (validly signed by the accused)', () => {
    expect(problem(record('conflicting-pre-prepare', [ppOf(a, { chainId: 'other-chain' }), ppOf(b)]))).toEqual(['messages[0]', 'wrong chain'])
  })

  it('a message whose signature fails', () => {
    const bad = enc({ type: 'pre-prepare', prePrepare: { ...prePrepare(0, 1, b), signature: new Uint8Array(64) }, batch: b })
    expect(problem(record('conflicting-pre-prepare', [ppOf(a), bad]))).toEqual(['messages[1].signature', 'invalid signature'])
  })
})

describe('conflicting-<kind>: two signed messages of one kind, view and seq with different digests', () => {
  const d = (x: Batch): Uint8Array => digestOf(x)
  it('two pre-prepares, two prepares, two commits, two checkpoints that conflict are valid proof', () => {
    expect(problem(record('conflicting-pre-prepare', [ppOf(a), ppOf(b)]))).toBeUndefined()
    expect(problem(record('conflicting-prepare', [enc({ type: 'prepare', prepare: prepare(0, 1, d(a), 2) }), enc({ type: 'prepare', prepare: prepare(0, 1, d(b), 2) })], 2))).toBeUndefined()
    expect(problem(record('conflicting-commit', [enc({ type: 'commit', commit: commit(0, 1, d(a), 2) }), enc({ type: 'commit', commit: commit(0, 1, d(b), 2) })], 2))).toBeUndefined()
    const cp = (h: number): Uint8Array => enc({ type: 'checkpoint', checkpoint: checkpoint(4, new Uint8Array(32).fill(h), 2) })
    expect(problem(record('conflicting-checkpoint', [cp(1), cp(2)], 2))).toBeUndefined()
  })

  it('one message, or three, is not a conflict', () => {
    const needs = ['messages', 'conflicting evidence needs two messages']
    expect(problem(record('conflicting-pre-prepare', []))).toEqual(needs)
    expect(problem(record('conflicting-pre-prepare', [ppOf(a)]))).toEqual(needs)
    expect(problem(record('conflicting-pre-prepare', [ppOf(a), ppOf(b), ppOf(batch(0, 1, [tx(1, 3)]))]))).toEqual(needs)
  })

  it('messages of two kinds, two views, two seqs, or one digest do not conflict', () => {
    const no = ['messages', 'the two messages do not conflict']
    const prep = (view: number, seq: number, x: Batch): Uint8Array => enc({ type: 'prepare', prepare: prepare(view, seq, d(x), 2) })
    const com = enc({ type: 'commit', commit: commit(0, 1, d(b), 2) })
    expect(problem(record('conflicting-prepare', [prep(0, 1, a), com], 2))).toEqual(no)
    expect(problem(record('conflicting-prepare', [prep(0, 1, a), prep(1, 1, b)], 2))).toEqual(no)
    expect(problem(record('conflicting-prepare', [prep(0, 1, a), prep(0, 2, b)], 2))).toEqual(no)
    expect(problem(record('conflicting-prepare', [prep(0, 1, a), prep(0, 1, a)], 2))).toEqual(no)
  })
})

describe('one-message kinds and unknown kinds', () => {
  it('invalid-transaction and bad-new-view hold exactly one message', () => {
    for (const kind of ['invalid-transaction', 'bad-new-view']) {
      expect(problem(record(kind, []))).toEqual(['messages', `${kind} evidence holds one signed message`])
      expect(problem(record(kind, [ppOf(a), ppOf(b)]))).toEqual(['messages', `${kind} evidence holds one signed message`])
    }
  })

  it('a kind no check knows is refused, named', () => {
    expect(problem(record('slow-primary', [ppOf(a)]))).toEqual(['kind', 'unknown evidence kind "slow-primary"'])
    expect(problem(record('slow-primary', [ppOf(a), ppOf(b)]))).toEqual(['kind', 'unknown evidence kind "slow-primary"'])
  })
})

describe('invalid-transaction: the accused primary\'s pre-prepare with its own batch, holding a transaction that fails', () => {
  const forged = { ...tx(1, 2), signature: new Uint8Array(64).fill(7) }
  const unsigned = { ...tx(1, 3), chainId: 'other-chain', signature: new Uint8Array(0) }
  const foreign = { ...unsigned, signature: createSigner(clientSeed(1)).sign(signingBytes('transaction', unsigned)) } // validly signed, another chain
  const with_ = (txs = [tx(1, 1), forged]): Batch => batch(0, 1, txs)
  const one = (m: Uint8Array): [string, string] | undefined => problem(record('invalid-transaction', [m]))

  it('a badly signed transaction, or one of another chain, in the signed batch is valid proof', () => {
    expect(one(ppOf(with_()))).toBeUndefined()
    expect(one(ppOf(with_([tx(1, 1), foreign])))).toBeUndefined()
  })

  it('the message must be a pre-prepare carrying its batch', () => {
    expect(one(enc({ type: 'prepare', prepare: prepare(0, 1, digestOf(with_()), 0) }))).toEqual(['messages[0]', 'invalid-transaction evidence is a pre-prepare with its batch'])
    // a backup's PREPARE, even sent in a frame with the batch it names, is no proposal of a primary
    const x = with_()
    expect(one(pb.ReplicaFrame.encode({ prepare: prepare(0, 1, digestOf(x), 0), batches: [x] }))).toEqual(['messages[0]', 'invalid-transaction evidence is a pre-prepare with its batch'])
    const bare = pb.ReplicaFrame.encode({ prePrepare: prePrepare(0, 1, with_()), batches: [] }) // a pre-prepare frame without its batch
    expect(one(bare)).toEqual(['messages[0]', 'invalid-transaction evidence is a pre-prepare with its batch'])
  })

  it('the batch must be the one the pre-prepare signs: same proposal digest, its transactions under the proposal\'s root and count', () => {
    const not = ['messages[0].batch', 'the batch is not the one the pre-prepare signs']
    const x = with_()
    const pp = prePrepare(0, 1, x)
    expect(one(enc({ type: 'pre-prepare', prePrepare: pp, batch: with_([forged]) }))).toEqual(not) // another proposal
    expect(one(enc({ type: 'pre-prepare', prePrepare: pp, batch: { ...x, txs: [forged, tx(1, 1)] } }))).toEqual(not) // same proposal, txs reordered: another root
    // a proposal whose txRoot is right but whose txCount lies (the pre-prepare signs that proposal)
    const lying = { ...x, proposal: { ...x.proposal, txCount: 3 } }
    expect(one(enc({ type: 'pre-prepare', prePrepare: prePrepare(0, 1, lying), batch: lying }))).toEqual(not)
  })
})

describe('bad-new-view: a NEW-VIEW of the primary of its view that contradicts its own V', () => {
  // V of view 1: seq 1 prepared with A in view 0 (replica 2's certificate)
  const A = batch(0, 1, [tx(1, 1)])
  const vcs = [viewChange(1, 1), viewChange(1, 2, [preparedCert(0, 1, A)]), viewChange(1, 3)]
  const pp = (seq: number, x: Batch, over: Partial<PrePrepare> = {}, view = 1): PrePrepare => prePrepare(view, seq, x, view % 4, over)
  const ev = (nv: NewView): Evidence => record('bad-new-view', [enc({ type: 'new-view', newView: nv, batches: [] })], nv.replica)
  const honest = 'the NEW-VIEW re-issues exactly what its view-changes prove: no contradiction'

  it('the honest NEW-VIEW is no proof; each field of its one pre-prepare changed is', () => {
    expect(problem(ev(newView(1, vcs, [pp(1, A)])))).toEqual(['messages[0]', honest])
    for (const bad of [pp(1, A, { seq: 2 }), pp(1, A, { view: 2 }), pp(1, A, { replica: 2 }), pp(1, batch(0, 1, [tx(1, 9)])), { ...pp(1, A), signature: new Uint8Array(64) }]) {
      expect(problem(ev(newView(1, vcs, [bad])))).toBeUndefined()
    }
  })

  it('the one message must be a NEW-VIEW', () => {
    expect(problem(record('bad-new-view', [ppOf(a)]))).toEqual(['messages[0]', 'bad-new-view evidence is a NEW-VIEW signed by the primary of its view'])
  })

  it('"the highest-view certificate per seq": the NEW-VIEW that re-issues the newer one is honest, whatever the order of V', () => {
    const B = batch(2, 1, [tx(1, 2)])
    for (const order of [0, 1]) {
      const certs = [viewChange(3, 1, [preparedCert(0, 1, A)]), viewChange(3, 2, [preparedCert(2, 1, B)])]
      const v = order === 0 ? [...certs, viewChange(3, 3)] : [certs[1]!, certs[0]!, viewChange(3, 3)]
      expect(problem(ev(newView(3, v, [pp(1, B, {}, 3)])))?.[1]).toBe(honest)
      expect(problem(ev(newView(3, v, [pp(1, A, {}, 3)])))).toBeUndefined()
    }
  })

  it('"above the highest stable checkpoint in V, null requests in the gaps": a certificate at or below min-s is not re-issued', () => {
    const h4 = new Uint8Array(32).fill(4)
    const proof = [0, 1, 2].map(r => checkpoint(4, h4, r))
    const C = batch(0, 6, [tx(1, 6)])
    const v = [viewChange(1, 1, [], 4, proof), viewChange(1, 2, [preparedCert(0, 4, batch(0, 4, [tx(1, 4)])), preparedCert(0, 6, C)]), viewChange(1, 3)]
    const nul = (seq: number): PrePrepare => pp(seq, nullBatch(1, seq))
    expect(problem(ev(newView(1, v, [nul(5), pp(6, C)])))?.[1]).toBe(honest)
    expect(problem(ev(newView(1, v, [pp(4, batch(0, 4, [tx(1, 4)])), nul(5), pp(6, C)])))).toBeUndefined()
    expect(problem(ev(newView(1, v, [pp(6, C)])))).toBeUndefined()
    expect(problem(ev(newView(1, v, [nul(5), pp(6, batch(0, 6, [tx(1, 7)]))])))).toBeUndefined() // the second of two wrong
  })

  it('newViewContradicts checks the pre-prepares\' signatures with the verifier it is given', () => {
    const nv = newView(1, vcs, [pp(1, A)])
    expect(newViewContradicts(keys, nv)).toBe(false)
    expect(newViewContradicts(keys, nv, () => false)).toBe(true)
  })
})
