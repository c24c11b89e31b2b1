// The planted faults (src/protocol/types.ts PlantedFault) do what they say: test/sim/planted.test.ts
// proves the simulator catches each of them, which only means something if the fault is really
// there. Each test puts one replica into the situation through `step` and checks the fault's
// effect against the honest replica's behaviour (n = 4, f = 1, 2f+1 = 3; replica 1 a backup,
// replica 0 for trust-new-view).
import { describe, expect, it } from 'vitest'
import type { PlantedFault } from '../../src/protocol/types.js'
import { toHex } from '../../src/crypto/hash.js'
import { tx } from './helpers.js'
import { Probe, batch, checkpoint, commit, digestOf, newView, nullBatch, prePrepare, prepare, preparedCert, viewChange } from './paper/forge.js'

const a = batch(0, 1, [tx(1, 1)])
const d = digestOf(a)
const probe = (...faults: PlantedFault[]): Probe => new Probe(1, { plantedFaults: faults })

describe('planted fault weak-quorum: prepared with 2f-1 matching PREPAREs, committed-local with 2f COMMITs', () => {
  it('a backup prepares on its own PREPARE alone and executes with one other COMMIT; the honest one waits', () => {
    for (const [faults, commitsAfterPrePrepare, executesAfterOneCommit] of [[['weak-quorum'], 1, 1], [[], 0, 0]] as const) {
      const p = probe(...faults)
      p.deliver(0, { type: 'pre-prepare', prePrepare: prePrepare(0, 1, a), batch: a })
      expect(p.commits()).toHaveLength(commitsAfterPrePrepare)
      p.deliver(2, { type: 'prepare', prepare: prepare(0, 1, d, 2) })
      p.deliver(2, { type: 'commit', commit: commit(0, 1, d, 2) })
      expect(p.executes()).toHaveLength(executesAfterOneCommit)
    }
  })

  it('its `execute` still carries at most 2f+1 COMMITs, and as many as it has up to that', () => {
    const p = probe('weak-quorum')
    const b2 = batch(0, 2, [tx(1, 2)])
    p.deliver(0, { type: 'pre-prepare', prePrepare: prePrepare(0, 2, b2), batch: b2 })
    for (const r of [0, 2, 3]) p.deliver(r, { type: 'commit', commit: commit(0, 2, digestOf(b2), r) }) // seq 2 waits for seq 1
    p.deliver(0, { type: 'pre-prepare', prePrepare: prePrepare(0, 1, a), batch: a })
    p.deliver(2, { type: 'commit', commit: commit(0, 1, d, 2) })
    expect(p.executes().map(e => [e.seq, e.cert.map(c => c.replica)])).toEqual([[1, [1, 2]], [2, [0, 1, 2]]])
  })
})

// send-before-persist is the host's (src/host/host.ts), not the core's: test/host/host.test.ts.

describe('planted fault accept-second-pre-prepare: no guard against a second digest for (v, n)', () => {
  it('a backup PREPAREs both digests the primary pre-prepared for (0, 1); the honest one only the first', () => {
    const b = batch(0, 1, [tx(1, 2)])
    for (const [faults, digests] of [[['accept-second-pre-prepare'], [d, digestOf(b)]], [[], [d]]] as const) {
      const p = probe(...faults)
      p.deliver(0, { type: 'pre-prepare', prePrepare: prePrepare(0, 1, a), batch: a })
      p.deliver(0, { type: 'pre-prepare', prePrepare: prePrepare(0, 1, b), batch: b })
      expect(p.prepares().map(x => x.digest)).toEqual(digests)
    }
  })
})

describe('planted fault accept-old-view: messages of an older view are taken as current', () => {
  it('a replica in view 1 PREPAREs a pre-prepare of view 0; the honest one drops it as old', () => {
    for (const [faults, prepares, drops] of [[['accept-old-view'], [[0, 1]], {}], [[], [], { 'old-view': 1 }]] as const) {
      const p = probe(...faults)
      p.core.forceViewChange()
      p.deliver(0, { type: 'pre-prepare', prePrepare: prePrepare(0, 1, a), batch: a })
      expect(p.prepares().map(x => [x.view, x.seq])).toEqual(prepares)
      expect(p.drops()).toEqual(drops)
    }
  })
})

describe('planted fault trust-new-view: a backup takes O as the NEW-VIEW states it, without recomputing it from V', () => {
  const h4 = new Uint8Array(32).fill(4)
  const proof4 = [0, 1, 2].map(r => checkpoint(4, h4, r))
  const c = batch(1, 5, [tx(1, 5)]) // the batch V's certificate names for seq 5
  const lie = batch(3, 5, [tx(2, 5)])
  // V: the replica with the stable checkpoint neither first nor last, so "the first" or "the last" is not it
  const v = [viewChange(3, 2, [preparedCert(1, 5, c)]), viewChange(3, 1, [], 4, proof4), viewChange(3, 3)]
  const lying = [prePrepare(3, 5, lie), prePrepare(3, 6, nullBatch(3, 6))]

  it('it installs a lying O (a batch no certificate in V names) and adopts V\'s highest stable checkpoint; the honest one refuses the NEW-VIEW', () => {
    for (const [faults, view, prepares, stable, fetched, drops] of [
      [['trust-new-view'], 3, [[5, toHex(digestOf(lie))], [6, toHex(digestOf(nullBatch(3, 6)))]], 4, [[4, toHex(h4), [1, 2]]], {}],
      [[], 0, [], 0, [], { 'new-view-wrong-o': 1 }]
    ] as const) {
      const p = new Probe(0, { plantedFaults: [...faults] })
      p.deliver(3, { type: 'new-view', newView: newView(3, v, lying), batches: [lie] })
      expect(p.core.status()).toMatchObject({ view, stableCheckpoint: stable })
      expect(p.prepares().map(x => [x.seq, toHex(x.digest)])).toEqual(prepares)
      expect(p.fetches().map(f => [f.seq, toHex(f.blockHash ?? new Uint8Array(0)), f.peers])).toEqual(fetched)
      expect(p.drops()).toEqual(drops)
    }
  })

  it('it still refuses an O with a pre-prepare whose batch did not travel (not the null batch), or one at or below min-s', () => {
    const unknown = batch(3, 7, [tx(2, 7)])
    const below = batch(3, 4, [tx(2, 4)])
    for (const [pps, batches] of [[[...lying, prePrepare(3, 7, unknown)], [lie]], [[prePrepare(3, 4, below), ...lying], [below, lie]]] as const) {
      const p = new Probe(0, { plantedFaults: ['trust-new-view'] })
      p.deliver(3, { type: 'new-view', newView: newView(3, v, [...pps]), batches: [...batches] })
      expect(p.core.status()).toMatchObject({ view: 0, stableCheckpoint: 0 })
      expect(p.drops()).toEqual({ 'new-view-wrong-o': 1 })
    }
  })
})
