// Storage faults (`pbft simulate --storage-faults`, src/sim/storage-faults.ts): the simulated
// disk (MemoryWalStorage) tears or fails WAL writes. A torn write leaves only the whole records
// of the prefix that reached the disk, decoded from its bytes, and the replica restarts from
// them; a failed write stops the replica (counted as a crash). Either way the run stays clean.
import { describe, expect, it } from 'vitest'
import { MemoryWalStorage, WalLog, WalTornWrite, WalWriteFailed, type WalWriteFault } from '../../src/host/wal.js'
import type { WalRecord } from '../../src/protocol/types.js'
import { runSeed } from '../../src/sim/run.js'
import { tx } from '../protocol/helpers.js'
import { batch, digestOf, prePrepare, prepare } from '../protocol/paper/forge.js'

const slot = (seq: number): WalRecord[] => {
  const b = batch(0, seq, [tx(1, seq)])
  return [{ kind: 'pre-prepare', prePrepare: prePrepare(0, seq, b), batch: b }, { kind: 'prepare', prepare: prepare(0, seq, digestOf(b), 1) }]
}

/** A disk whose writes meet `faults` in turn (then none). */
function faultyDisk (faults: Array<WalWriteFault | undefined>): MemoryWalStorage {
  return new MemoryWalStorage(() => faults.shift())
}

describe('a torn WAL write at a crash', () => {
  it('leaves the earlier writes and only whole records of a prefix of the torn one, decoded from its bytes', () => {
    const torn = [...slot(2), ...slot(3)]
    const seen = new Set<number>()
    for (let i = 0; i < 50; i++) {
      const fraction = i / 50
      const disk = faultyDisk([undefined, { kind: 'torn', fraction }])
      const log = new WalLog(disk)
      void log.persist(slot(1))
      expect(() => log.persist(torn)).toThrow(WalTornWrite)
      const records = disk.stored().map(s => s.record)
      expect(records.slice(0, 2)).toEqual(slot(1))
      const kept = records.slice(2)
      expect(kept.length).toBeLessThan(torn.length)
      expect(kept).toEqual(torn.slice(0, kept.length))
      seen.add(kept.length)
    }
    expect([...seen].sort()).toEqual([0, 1, 2, 3])
  })

  it('a restart continues from what survived; a singleton whose delete was torn off goes with the next write', () => {
    // The second write is [put view 2, del view 1]: cut inside the delete (its frame is 13 bytes).
    const disk = faultyDisk([undefined, { kind: 'torn', fraction: 0.97 }])
    const log = new WalLog(disk)
    void log.persist([{ kind: 'view', view: 1 }])
    expect(() => log.persist([{ kind: 'view', view: 2 }])).toThrow(WalTornWrite)
    expect(disk.stored().map(s => s.record)).toEqual([{ kind: 'view', view: 1 }, { kind: 'view', view: 2 }])
    const again = new WalLog(disk, disk.stored())
    void again.persist(slot(4))
    expect(disk.stored().map(s => s.key)).toEqual([1, 2, 3])
    expect(again.size()).toBe(3)
  })
})

describe('a failed WAL write', () => {
  it('writes nothing and throws', () => {
    const disk = faultyDisk([undefined, { kind: 'fail' }])
    const log = new WalLog(disk)
    void log.persist(slot(1))
    expect(() => log.persist(slot(2))).toThrow(WalWriteFailed)
    expect(disk.stored().map(s => s.record)).toEqual(slot(1))
  })

  it('stops the replica in a run, counted as a crash; the run stays clean and replays the same', async () => {
    let found: Awaited<ReturnType<typeof runSeed>> | undefined
    for (let seed = 1; seed <= 40 && found === undefined; seed++) {
      const r = await runSeed(seed, { replicas: 4, txsPerClient: 4, storageFaults: true })
      expect(r.violations).toEqual([])
      if (r.faults.failedWrites > 0) found = r
    }
    expect(found).toBeDefined()
    const r = found!
    expect(r.faults.crashes).toBeGreaterThanOrEqual(r.faults.failedWrites + r.faults.tornWrites)
    const again = await runSeed(r.seed, { replicas: 4, txsPerClient: 4, storageFaults: true })
    expect(again.traceHash).toBe(r.traceHash)
  }, 120_000)
})
