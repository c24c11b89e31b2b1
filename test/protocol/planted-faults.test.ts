// The planted faults (src/protocol/types.ts PlantedFault) do what they say: test/sim/planted.test.ts
// proves the simulator catches each of them, which only means something if the fault is really
// there. Each test puts one replica into the situation through `step` and checks the fault's
// effect against the honest replica's behaviour (n = 4, f = 1, 2f+1 = 3; replica 1 a backup).
import { describe, expect, it } from 'vitest'
import type { Action, PlantedFault } from '../../src/protocol/types.js'
import { tx } from './helpers.js'
import { Probe, batch, commit, digestOf, prePrepare, prepare } from './paper/forge.js'

const a = batch(0, 1, [tx(1, 1)])
const d = digestOf(a)
const probe = (...faults: PlantedFault[]): Probe => new Probe(1, { plantedFaults: faults })
const kinds = (out: Action[]): string[] => out.flatMap(x => x.type === 'persist' ? x.records.map(r => `persist ${r.kind}`) : x.type === 'broadcast' ? [`send ${x.message.type}`] : [])

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

describe('planted fault send-before-persist: votes go out before the records that justify them', () => {
  it('PREPARE is multicast before the pre-prepare and PREPARE are persisted, COMMIT before its record; the honest order is the reverse', () => {
    for (const [faults, order] of [
      [['send-before-persist'], ['send prepare', 'persist pre-prepare', 'persist prepare', 'send commit', 'persist commit']],
      [[], ['persist pre-prepare', 'persist prepare', 'send prepare', 'persist commit', 'send commit']]
    ] as const) {
      const p = probe(...faults)
      p.deliver(0, { type: 'pre-prepare', prePrepare: prePrepare(0, 1, a), batch: a })
      p.deliver(2, { type: 'prepare', prepare: prepare(0, 1, d, 2) })
      expect(kinds(p.all)).toEqual(order)
    }
  })
})

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
