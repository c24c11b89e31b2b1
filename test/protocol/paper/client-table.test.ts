// PBFT §4.1 (the client) and the client table behind exactly-once semantics: requests are
// checked, forwarded to the primary, proposed once, answered after execution with a signed
// reply, and a retransmission of an executed request gets the cached reply instead of a second
// execution. Requests of batches that do not survive a view change are proposed again.
import { describe, expect, it } from 'vitest'
import { pb, signingBytes } from '../../../src/codec/index.js'
import { txId } from '../../../src/crypto/digests.js'
import { verify } from '../../../src/crypto/ed25519.js'
import { toHex } from '../../../src/crypto/hash.js'
import type { Action } from '../../../src/protocol/types.js'
import { config, tx } from '../helpers.js'
import { Probe, batch, checkpoint, commit, digestOf, prePrepare, prepare, viewChange } from './forge.js'

const keys = config(4, 0).publicKeys
const replies = (actions: Action[]): Array<Action & { type: 'reply' }> => actions.flatMap(a => a.type === 'reply' ? [a] : [])
const rejects = (actions: Action[]): Array<Action & { type: 'reject' }> => actions.flatMap(a => a.type === 'reject' ? [a] : [])

/** Backup 1 orders and executes `b` at seq in view 0 with results `codes`. */
function execute (p: Probe, seq: number, b: ReturnType<typeof batch>, codes = b.txs.map(() => 0)): Action[] {
  const start = p.all.length
  p.deliver(0, { type: 'pre-prepare', prePrepare: prePrepare(0, seq, b), batch: b })
  p.deliver(2, { type: 'prepare', prepare: prepare(0, seq, digestOf(b), 2) })
  for (const r of [0, 2]) p.deliver(r, { type: 'commit', commit: commit(0, seq, digestOf(b), r) })
  expect(p.executes().map(e => e.seq)).toContain(seq)
  p.step(p.executedEvent(seq, new Uint8Array(32).fill(seq), codes.map(code => ({ code, log: code === 0 ? 'ok' : 'failed' }))))
  return p.all.slice(start)
}

describe('§4.1 replies and the client table', () => {
  it('after executing, a replica sends each client a reply under one attestation it signed for the block: view, height, block hash; txId, index and result proven', () => {
    const p = new Probe(1)
    const t1 = tx(1, 1)
    const t2 = tx(2, 1)
    const out = execute(p, 1, batch(0, 1, [t1, t2]), [0, 5])
    const acts = replies(out)
    const rs = acts.map(a => a.reply)
    expect(rs.map(r => [r.attestation.view, r.header.height, r.proof.index, r.proof.result.code, r.attestation.replica])).toEqual([[0, 1, 0, 0, 1], [0, 1, 1, 5, 1]])
    expect(toHex(rs[0]!.txId)).toBe(toHex(txId(t1)))
    expect(toHex(acts[1]!.client)).toBe(toHex(t2.client))
    expect(toHex(rs[0]!.attestation.blockHash)).toBe(toHex(new Uint8Array(32).fill(1)))
    expect(rs[0]!.attestation).toEqual(rs[1]!.attestation) // one signature for the block
    for (const r of rs) expect(verify(keys[1]!, signingBytes('blockAttestation', r.attestation), r.attestation.signature)).toBe(true)
  })

  it('a retransmitted request that already executed is answered from the client table, not ordered again', () => {
    const p = new Probe(1)
    const t = tx(1, 1)
    const first = replies(execute(p, 1, batch(0, 1, [t])))
    const out = p.step({ type: 'request', tx: t })
    expect(replies(out).map(a => a.reply)).toEqual(first.map(a => a.reply))
    expect(Probe.sent(out, 'request')).toHaveLength(0) // not forwarded to the primary either
    expect(p.core.status().pendingRequests).toBe(0)
    p.tick(10_000)
    expect(Probe.sent(p.all, 'view-change')).toHaveLength(0) // and no timer waits for it
  })

  it('the primary answers a retransmission of an executed request from its table and does not propose it again', () => {
    const p = new Probe(0)
    const t = tx(1, 1)
    p.step({ type: 'request', tx: t })
    const [pp] = Probe.sent(p.all, 'pre-prepare')
    for (const r of [1, 2]) p.deliver(r, { type: 'prepare', prepare: prepare(0, 1, pp!.prePrepare.digest, r) })
    for (const r of [1, 2]) p.deliver(r, { type: 'commit', commit: commit(0, 1, pp!.prePrepare.digest, r) })
    p.step(p.executedEvent(1, new Uint8Array(32).fill(1), [{ code: 0, log: 'ok' }]))
    const out = p.step({ type: 'request', tx: t })
    p.tick(100)
    expect(replies(out)).toHaveLength(1)
    expect(Probe.sent(p.all, 'pre-prepare')).toHaveLength(1)
  })

  it('the cached reply is the first execution\'s: a replay ordered again (e.g. by a replica that lost its table) does not replace it', () => {
    const p = new Probe(1)
    const t = tx(1, 1)
    execute(p, 1, batch(0, 1, [t]), [0])
    execute(p, 2, batch(0, 2, [t]), [7]) // ordered again elsewhere, fails as a duplicate here
    const [r] = replies(p.step({ type: 'request', tx: t }))
    expect([r!.reply.header.height, r!.reply.proof.result.code]).toEqual([1, 0])
  })

  it('another transaction with an executed nonce is not answered with the first one\'s reply: it is ordered', () => {
    const p = new Probe(1)
    execute(p, 1, batch(0, 1, [tx(1, 1, 1n)]))
    const out = p.step({ type: 'request', tx: tx(1, 1, 2n) })
    expect(replies(out)).toHaveLength(0)
    expect(Probe.sent(out, 'request')).toHaveLength(1)
  })

  it('a request pending at the primary is proposed once, however often the client retransmits it', () => {
    const p = new Probe(0, { batchTimeoutMs: 5 })
    const t = tx(1, 1)
    for (let k = 0; k < 3; k++) { p.step({ type: 'request', tx: t }); p.tick(10) }
    p.deliver(1, { type: 'request', request: t })
    p.tick(10)
    expect(Probe.sent(p.all, 'pre-prepare').flatMap(m => m.batch.txs)).toHaveLength(1)
  })
})

describe('§4.1 requests', () => {
  it('a backup relays a client\'s request to the primary; a request relayed by a replica is not relayed again', () => {
    const p = new Probe(1)
    const out = p.step({ type: 'request', tx: tx(1, 1) })
    expect(out.filter(a => a.type === 'send' && a.to === 0 && a.message.type === 'request')).toHaveLength(1)
    const q = new Probe(1)
    expect(Probe.sent(q.deliver(2, { type: 'request', request: tx(1, 1) }), 'request')).toHaveLength(0)
  })

  it('a request with a bad client signature or of another chain is refused (the client is told), never relayed or proposed', () => {
    const bad = tx(1, 1)
    bad.signature = new Uint8Array(bad.signature); bad.signature[5]! ^= 1
    const p = new Probe(1)
    const out = p.step({ type: 'request', tx: bad })
    expect(rejects(out).map(a => a.reason)).toEqual(['invalid signature'])
    expect(Probe.sent(out, 'request')).toHaveLength(0)
    const other = { ...tx(1, 1), chainId: 'other-chain' }
    expect(rejects(p.step({ type: 'request', tx: other })).map(a => a.reason)).toEqual(['wrong chain id'])
    const primary = new Probe(0)
    primary.step({ type: 'request', tx: bad })
    primary.deliver(1, { type: 'request', request: bad }) // relayed: dropped without a reject to anyone
    primary.tick(10)
    expect(Probe.sent(primary.all, 'pre-prepare')).toHaveLength(0)
    expect(rejects(primary.all)).toHaveLength(1)
  })

  it('requests of a batch that did not survive a view change go back to the queue and the new primary proposes them', () => {
    const p = new Probe(1) // primary of view 1
    const t = tx(1, 1)
    p.step({ type: 'request', tx: t })
    const lost = batch(0, 1, [t])
    p.deliver(0, { type: 'pre-prepare', prePrepare: prePrepare(0, 1, lost), batch: lost }) // pre-prepared only: in no certificate
    p.core.forceViewChange()
    for (const r of [2, 3]) p.deliver(r, { type: 'view-change', viewChange: viewChange(1, r), batches: [] })
    expect(Probe.sent(p.all, 'new-view')).toHaveLength(1)
    p.tick(10)
    const proposed = Probe.sent(p.all, 'pre-prepare').filter(m => m.prePrepare.view === 1)
    expect(proposed.flatMap(m => m.batch.txs).map(x => toHex(txId(x)))).toEqual([toHex(txId(t))])
  })

  it('a request that already executed here is not proposed again after a view change, though a dropped older-view batch (a faulty primary\'s replay) carried it', () => {
    const p = new Probe(1) // primary of view 1
    const t = tx(1, 1)
    execute(p, 1, batch(0, 1, [t]))
    for (let seq = 2; seq <= 4; seq++) execute(p, seq, batch(0, seq, [tx(3, seq)]))
    for (const r of [0, 2]) p.deliver(r, { type: 'checkpoint', checkpoint: checkpoint(4, new Uint8Array(32).fill(4), r) })
    expect(p.core.status().stableCheckpoint).toBe(4) // seq 1 is below the stable checkpoint: in no O
    // primary 0 orders t again at seq 5 (a stale nonce is no fault of the batch): pre-prepared only
    const replay = batch(0, 5, [t])
    p.deliver(0, { type: 'pre-prepare', prePrepare: prePrepare(0, 5, replay), batch: replay })
    expect(p.prepares().filter(x => x.seq === 5)).toHaveLength(1)
    p.core.forceViewChange()
    for (const r of [2, 3]) p.deliver(r, { type: 'view-change', viewChange: viewChange(1, r), batches: [] })
    const [nv] = Probe.sent(p.all, 'new-view')
    expect(nv!.newView.prePrepares).toEqual([])
    p.step({ type: 'request', tx: tx(2, 1) })
    p.tick(10)
    // seq 5 of view 1 carries the new request only: t executed once, its reply is in the table
    const proposed = Probe.sent(p.all, 'pre-prepare').filter(m => m.prePrepare.view === 1)
    expect(proposed.map(m => [m.prePrepare.seq, m.batch.txs.map(x => toHex(txId(x)))])).toEqual([[5, [toHex(txId(tx(2, 1)))]]])
  })

  it('a request carried by a batch the NEW-VIEW re-proposes is not proposed a second time', () => {
    const p = new Probe(1)
    const t = tx(1, 1)
    p.step({ type: 'request', tx: t })
    const kept = batch(0, 1, [t])
    const cert = { prePrepare: prePrepare(0, 1, kept), prepares: [prepare(0, 1, digestOf(kept), 2), prepare(0, 1, digestOf(kept), 3)] }
    p.core.forceViewChange()
    p.deliver(2, { type: 'view-change', viewChange: viewChange(1, 2, [cert]), batches: [kept] })
    p.deliver(3, { type: 'view-change', viewChange: viewChange(1, 3), batches: [] })
    const [nv] = Probe.sent(p.all, 'new-view')
    expect(nv!.newView.prePrepares.map(x => toHex(x.digest))).toEqual([toHex(digestOf(kept))])
    p.tick(10)
    expect(Probe.sent(p.all, 'pre-prepare')).toHaveLength(0)
  })
})

describe('bounds of the client table and the request queue (src/protocol/limits.ts)', () => {
  const anyVerify = (): boolean => true
  const clients = new Map<number, Uint8Array>()
  /** A transaction whose signature nobody checks here (the probes verify nothing): cheap in bulk. */
  function cheap (client: number, nonce: number): ReturnType<typeof tx> {
    let key = clients.get(client)
    if (key === undefined) { key = tx(client, 0).client; clients.set(client, key) }
    return { ...tx(client, 0), client: key, nonce, signature: new Uint8Array(64) }
  }

  it(`one client has at most ${1024} requests pending at a replica; the next is refused as overload, other clients are still admitted`, () => {
    const p = new Probe(1, {}, undefined, undefined, anyVerify)
    for (let k = 1; k <= 1024; k++) p.step({ type: 'request', tx: cheap(1, k) })
    expect(p.core.status().pendingRequests).toBe(1024)
    const out = p.step({ type: 'request', tx: cheap(1, 1025) })
    expect(rejects(out).map(a => a.reason)).toEqual(['replica overloaded: too many pending requests'])
    expect(p.core.status().pendingRequests).toBe(1024)
    expect(rejects(p.step({ type: 'request', tx: cheap(2, 1) }))).toEqual([])
    expect(p.core.status().pendingRequests).toBe(1025)
  })

  it('a request pending at the new primary that a dropped older-view batch also carried counts once against the client\'s 1,024', () => {
    const p = new Probe(1, {}, undefined, undefined, anyVerify) // primary of view 1
    const t = cheap(1, 1)
    p.step({ type: 'request', tx: t }) // from the client
    const lost = batch(0, 1, [t])
    p.deliver(0, { type: 'pre-prepare', prePrepare: prePrepare(0, 1, lost), batch: lost }) // pre-prepared only: in no certificate
    p.core.forceViewChange()
    for (const r of [2, 3]) p.deliver(r, { type: 'view-change', viewChange: viewChange(1, r), batches: [] })
    expect(Probe.sent(p.all, 'new-view')).toHaveLength(1)
    expect(p.core.status().pendingRequests).toBe(1)
    for (let k = 2; k <= 1024; k++) p.step({ type: 'request', tx: cheap(1, k) })
    expect(rejects(p.all)).toEqual([])
    expect(p.core.status().pendingRequests).toBe(1024)
    expect(rejects(p.step({ type: 'request', tx: cheap(1, 1025) }))).toHaveLength(1)
  })

  it('the replies of a client\'s 256 most recently executed nonces are cached; an older one is ordered again on retransmission', () => {
    const p = new Probe(1, { batchTxsMax: 300 }, undefined, undefined, anyVerify)
    const txs = [...Array(257).keys()].map(k => cheap(1, k + 1))
    execute(p, 1, batch(0, 1, txs))
    const first = p.step({ type: 'request', tx: txs[0]! })
    expect(replies(first)).toHaveLength(0)
    expect(Probe.sent(first, 'request')).toHaveLength(1) // relayed to the primary: to be ordered
    const second = p.step({ type: 'request', tx: txs[1]! })
    expect(replies(second).map(a => toHex(a.reply.txId))).toEqual([toHex(txId(txs[1]!))])
  })

  it('a batch closes at batchBytesMax: the primary splits the queue into batches under the byte bound', () => {
    const size = pb.Transaction.encode(cheap(1, 1)).byteLength
    const p = new Probe(0, { batchBytesMax: 2 * size, batchTimeoutMs: 1_000_000 }, undefined, undefined, anyVerify)
    p.step({ type: 'request', tx: cheap(1, 1) }) // proposed at once: the pipeline was idle
    for (let k = 2; k <= 7; k++) p.step({ type: 'request', tx: cheap(1, k) })
    expect(Probe.sent(p.all, 'pre-prepare').map(m => m.batch.txs.map(t => t.nonce))).toEqual([[1], [2, 3], [4, 5], [6, 7]])
  })

  it('while a batch is in flight, requests wait for a full batch or batchTimeoutMs', () => {
    const p = new Probe(0, { batchTimeoutMs: 50 }, undefined, undefined, anyVerify)
    p.step({ type: 'request', tx: cheap(1, 1) })
    p.step({ type: 'request', tx: cheap(1, 2) })
    expect(Probe.sent(p.all, 'pre-prepare')).toHaveLength(1)
    p.tick(49)
    expect(Probe.sent(p.all, 'pre-prepare')).toHaveLength(1)
    p.tick(1)
    expect(Probe.sent(p.all, 'pre-prepare').map(m => m.prePrepare.seq)).toEqual([1, 2])
  })
})
