// The write-ahead log (src/host/wal.ts) over its in-memory reference storage, the simulator's
// disk: one atomic write per group commit, bounded by compaction at the stable checkpoint
// (PBFT §4.3: messages at or below it are discarded), and a restart reads back what it kept.
import { describe, expect, it } from 'vitest'
import { MemoryWalStorage, WalLog, type WalOp } from '../../src/host/wal.js'
import type { WalRecord } from '../../src/protocol/types.js'
import { tx } from '../protocol/helpers.js'
import { batch, checkpoint, digestOf, prePrepare, prepare } from '../protocol/paper/forge.js'

const slot = (seq: number): WalRecord[] => {
  const b = batch(0, seq, [tx(1, seq)])
  return [{ kind: 'pre-prepare', prePrepare: prePrepare(0, seq, b), batch: b }, { kind: 'prepare', prepare: prepare(0, seq, digestOf(b), 1) }]
}
const stable = (seq: number): WalRecord => {
  const h = new Uint8Array(32).fill(seq)
  return { kind: 'stable-checkpoint', seq, blockHash: h, proof: [0, 1, 2].map(r => checkpoint(seq, h, r)) }
}
const kinds = (s: MemoryWalStorage): string[] => s.stored().map(({ record: r }) => r.kind === 'pre-prepare' ? `pp${r.prePrepare.seq}` : r.kind === 'prepare' ? `p${r.prepare.seq}` : r.kind === 'view' ? `view${r.view}` : r.kind)

describe('WalLog: one write per group commit, compacted at the stable checkpoint', () => {
  it('a round\'s records go to the storage in one write', () => {
    const writes: WalOp[][] = []
    const log = new WalLog({ write: ops => { writes.push(ops) } })
    void log.persist([...slot(1), ...slot(2)])
    expect(writes.map(w => w.map(op => `${op.type} ${op.key}`))).toEqual([['put 0', 'put 1', 'put 2', 'put 3']])
  })

  it('a stable checkpoint deletes the records of the seqs at or below it, in the same write; later seqs stay', () => {
    const disk = new MemoryWalStorage()
    const log = new WalLog(disk)
    void log.persist([...slot(1), ...slot(2), ...slot(3)])
    void log.persist([stable(2)])
    expect(kinds(disk)).toEqual(['pp3', 'p3', 'stable-checkpoint'])
    expect(log.size()).toBe(3)
  })

  it('only the latest view and stable checkpoint are kept', () => {
    const disk = new MemoryWalStorage()
    const log = new WalLog(disk)
    void log.persist([{ kind: 'view', view: 1 }, stable(2)])
    void log.persist([{ kind: 'view', view: 2 }, stable(4)])
    expect(kinds(disk)).toEqual(['view2', 'stable-checkpoint'])
    expect(disk.stored().map(s => s.record.kind === 'stable-checkpoint' ? s.record.seq : undefined)[1]).toBe(4)
  })

  it('after a crash, a log over the same disk continues it: new keys follow the old, and compaction still reaches the old records', () => {
    const disk = new MemoryWalStorage()
    void new WalLog(disk).persist([...slot(1), { kind: 'view', view: 1 }])
    const again = new WalLog(disk, disk.stored())
    void again.persist([...slot(2), { kind: 'view', view: 2 }])
    expect(disk.stored().map(s => s.key)).toEqual([0, 1, 3, 4, 5])
    void again.persist([stable(1)])
    expect(kinds(disk)).toEqual(['pp2', 'p2', 'view2', 'stable-checkpoint'])
  })

  it('planted fault compact-too-much: a stable checkpoint deletes the records above it too; the honest log keeps them', () => {
    for (const [plantedFaults, left] of [[['compact-too-much'], ['stable-checkpoint']], [[], ['pp3', 'p3', 'stable-checkpoint']]] as const) {
      const disk = new MemoryWalStorage()
      const log = new WalLog(disk, [], { plantedFaults })
      void log.persist([...slot(1), ...slot(2), ...slot(3)])
      void log.persist([stable(2)])
      expect(kinds(disk)).toEqual(left)
    }
  })
})
