// PBFT §4.1 (the client's request at a replica) and the primary's batching (§5.1.4), rule by
// rule, beside client-table.test.ts: which requests a replica admits, relays and counts, and when
// the primary closes a batch. n = 4, f = 1; replica 0 is the primary of view 0.
import { describe, expect, it } from 'vitest'
import { pb, type Transaction } from '../../../src/codec/index.js'
import type { Action } from '../../../src/protocol/types.js'
import { tx } from '../helpers.js'
import { Probe, batch, checkpoint, commit, digestOf, prePrepare, prepare, preparedCert, viewChange } from './forge.js'

const relays = (actions: Action[]): Transaction[] => actions.flatMap(a => a.type === 'send' && a.to === 0 && a.message.type === 'request' ? [a.message.request] : [])
const rejects = (actions: Action[]): string[] => actions.flatMap(a => a.type === 'reject' ? [a.reason] : [])
const proposed = (p: Probe): number[][] => Probe.sent(p.all, 'pre-prepare').map(m => m.batch.txs.map(t => t.nonce))

/** A transaction whose signature nobody checks (probes built with `anyVerify`): cheap in bulk. */
const anyVerify = (): boolean => true
const signed = tx(1, 0)
const cheap = (nonce: number): Transaction => ({ ...signed, nonce, signature: new Uint8Array(64) })

describe('§4.1 a backup and the requests it receives', () => {
  it('"if the request has already been received [and not executed]" it is admitted once, but each client retransmission is relayed to the primary again (the primary may have lost it)', () => {
    const p = new Probe(1)
    const t = tx(1, 1)
    p.step({ type: 'request', tx: t })
    p.step({ type: 'request', tx: t })
    expect(relays(p.all)).toHaveLength(2)
    expect(p.core.status().pendingRequests).toBe(1)
  })

  it('a request already in a batch this backup accepted is not pending again and not relayed: the primary has it', () => {
    const p = new Probe(1)
    const t = tx(1, 1)
    const b = batch(0, 1, [t])
    p.deliver(0, { type: 'pre-prepare', prePrepare: prePrepare(0, 1, b), batch: b })
    const out = p.step({ type: 'request', tx: t })
    expect(relays(out)).toEqual([])
    expect(p.core.status().pendingRequests).toBe(0)
  })

  it('refused requests are counted under their reason, whether from a client or relayed', () => {
    const bad = tx(1, 1)
    bad.signature = new Uint8Array(64)
    const p = new Probe(1)
    p.step({ type: 'request', tx: bad })
    p.deliver(2, { type: 'request', request: { ...tx(1, 2), chainId: 'other-chain' } })
    expect(p.drops()).toEqual({ 'request-bad-signature': 1, 'request-bad-chain': 1 })
  })

  it('a client\'s executed requests free its pending places: at the per-client bound (1024), one executed request lets the next one in', () => {
    const p = new Probe(1, {}, undefined, undefined, anyVerify)
    for (let k = 1; k <= 1024; k++) p.step({ type: 'request', tx: cheap(k) })
    const refused = p.step({ type: 'request', tx: cheap(1025) })
    expect(rejects(refused)).toHaveLength(1)
    expect(relays(refused)).toEqual([]) // refused: not relayed to the primary either
    expect(p.drops()).toEqual({ 'pending-full': 1 })
    const b = batch(0, 1, [cheap(1)])
    p.deliver(0, { type: 'pre-prepare', prePrepare: prePrepare(0, 1, b), batch: b })
    p.deliver(2, { type: 'prepare', prepare: prepare(0, 1, digestOf(b), 2) })
    for (const r of [0, 2]) p.deliver(r, { type: 'commit', commit: commit(0, 1, digestOf(b), r) })
    p.step(p.executedEvent(1, new Uint8Array(32).fill(1)))
    expect(p.core.status().pendingRequests).toBe(1023)
    expect(rejects(p.step({ type: 'request', tx: cheap(1025) }))).toEqual([])
    expect(rejects(p.step({ type: 'request', tx: cheap(1026) }))).toHaveLength(1)
  })
})

describe('the bound on all pending requests (src/protocol/limits.ts PENDING_REQUESTS_MAX)', () => {
  it('at most 20,000 requests are pending at a replica over all clients; the next one is refused as overload and counted', () => {
    const p = new Probe(1, {}, undefined, undefined, anyVerify)
    const client = (c: number): Uint8Array => new Uint8Array(32).fill(c + 1)
    for (let c = 0; c < 20; c++) {
      for (let k = 1; k <= 1000; k++) p.core.step({ type: 'request', tx: { ...signed, client: client(c), nonce: k, signature: new Uint8Array(64) } })
    }
    expect(p.core.status().pendingRequests).toBe(20_000)
    const out = p.step({ type: 'request', tx: { ...signed, client: client(20), nonce: 1, signature: new Uint8Array(64) } })
    expect(rejects(out)).toEqual(['replica overloaded: too many pending requests'])
    expect(p.drops()).toEqual({ 'pending-full': 1 })
    expect(p.core.status().pendingRequests).toBe(20_000)
  })
})

describe('§5.1.4 the primary batches requests', () => {
  it('while a batch is in flight, the queue closes a batch as soon as it holds batchTxsMax requests, without waiting for the timeout', () => {
    const p = new Probe(0, { batchTxsMax: 3, batchTimeoutMs: 1_000_000 }, undefined, undefined, anyVerify)
    for (let k = 1; k <= 3; k++) p.step({ type: 'request', tx: cheap(k) })
    expect(proposed(p)).toEqual([[1]]) // the first at once: nothing was in flight
    p.step({ type: 'request', tx: cheap(4) })
    expect(proposed(p)).toEqual([[1], [2, 3, 4]])
  })

  it('a request larger than batchBytesMax is proposed alone, not left in the queue', () => {
    const p = new Probe(0, { batchBytesMax: 10 }, undefined, undefined, anyVerify)
    p.step({ type: 'request', tx: cheap(1) })
    p.step({ type: 'request', tx: cheap(2) })
    p.tick(10)
    expect(proposed(p)).toEqual([[1], [2]])
  })

  it('requests put back in the queue by a view change count once towards batchBytesMax (the new primary\'s byte count is not inflated)', () => {
    const size = pb.Transaction.encode(cheap(1)).byteLength
    const p = new Probe(1, { batchBytesMax: 2 * size, batchTimeoutMs: 1_000_000 }, undefined, undefined, anyVerify) // primary of view 1
    p.step({ type: 'request', tx: cheap(1) }) // queued at the backup, relayed to primary 0
    p.core.forceViewChange()
    for (const r of [2, 3]) p.deliver(r, { type: 'view-change', viewChange: viewChange(1, r), batches: [] })
    expect(proposed(p)).toEqual([[1]]) // the new view's pipeline is idle: proposed at once
    p.step({ type: 'request', tx: cheap(2) })
    expect(proposed(p)).toEqual([[1]]) // one request's bytes: the batch is not full
    p.step({ type: 'request', tx: cheap(3) })
    expect(proposed(p)).toEqual([[1], [2, 3]])
  })

  it('a new primary that finds more requests queued than one batch holds splits them at batchTxsMax and at batchBytesMax', () => {
    const size = pb.Transaction.encode(cheap(1)).byteLength
    for (const [bounds, batches] of [
      [{ batchTxsMax: 2 }, [[1, 2], [3, 4], [5]]],
      [{ batchBytesMax: 2 * size + 1 }, [[1, 2], [3, 4], [5]]]
    ] as const) {
      const p = new Probe(1, { ...bounds, batchTimeoutMs: 1_000_000 }, undefined, undefined, anyVerify)
      for (let k = 1; k <= 5; k++) p.step({ type: 'request', tx: cheap(k) }) // queued at a backup
      p.core.forceViewChange()
      for (const r of [2, 3]) p.deliver(r, { type: 'view-change', viewChange: viewChange(1, r), batches: [] })
      p.tick(1) // the first batch went out at once; the rest are full batches or wait for the timeout
      expect(proposed(p).slice(0, 2), JSON.stringify(bounds)).toEqual(batches.slice(0, 2))
    }
  })

  it('a request whose batch a NEW-VIEW re-proposes and that already committed here (its execution under way) is not proposed again by the new primary', () => {
    const p = new Probe(2) // primary of view 2
    const t = tx(1, 1)
    const b = batch(0, 1, [t])
    p.step({ type: 'request', tx: t })
    p.deliver(0, { type: 'pre-prepare', prePrepare: prePrepare(0, 1, b), batch: b })
    p.deliver(1, { type: 'prepare', prepare: prepare(0, 1, digestOf(b), 1) })
    for (const r of [0, 1]) p.deliver(r, { type: 'commit', commit: commit(0, 1, digestOf(b), r) })
    expect(p.executes().map(e => e.seq)).toEqual([1]) // no `executed` event yet
    const cert = preparedCert(0, 1, b)
    for (const r of [0, 1]) p.deliver(r, { type: 'view-change', viewChange: viewChange(2, r, [cert]), batches: [b] })
    const [nv] = Probe.sent(p.all, 'new-view')
    expect(nv!.newView.prePrepares.map(x => [x.seq, x.view])).toEqual([[1, 2]])
    p.tick(10)
    expect(Probe.sent(p.all, 'pre-prepare')).toEqual([])
  })

  it('a primary that is behind a stable checkpoint proposes nothing while it fetches the state; after the transfer it proposes from h + 1', () => {
    const p = new Probe(0)
    const h8 = new Uint8Array(32).fill(8)
    for (const r of [1, 2, 3]) p.deliver(r, { type: 'checkpoint', checkpoint: checkpoint(8, h8, r) })
    expect(p.fetches().map(f => f.seq)).toEqual([8])
    p.step({ type: 'request', tx: tx(1, 1) })
    p.tick(100)
    expect(Probe.sent(p.all, 'pre-prepare')).toEqual([])
    p.step({ type: 'state-transferred', seq: 8, blockHash: h8 })
    p.step({ type: 'request', tx: tx(1, 2) })
    expect(Probe.sent(p.all, 'pre-prepare').map(m => [m.prePrepare.seq, m.batch.txs.map(t => t.nonce)])).toEqual([[9, [2]]])
  })
})
