// Storage faults (`pbft simulate --storage-faults`, issue #14): a replica's WAL disk
// (MemoryWalStorage, src/host/wal.ts) fails a write (the replica stops: fatal, as the node's
// `fatal` stops it, until the heal restarts it) or tears one (the process dies during the write;
// the whole records of a prefix of it reach the disk, and the replica restarts from them). Only
// in the fault phase, and, like crashes, only while fewer than f replicas are down. The decisions
// come from their own stream of the seed, so the same seed gives the same run.
import type { WalWriteFault } from '../host/wal.js'
import type { SimWorld } from './machine.js'
import type { Prng } from './prng.js'

/** Chance that one WAL write fails, and that one is torn. */
export const STORAGE_FAULT_RATES = { fail: 0.002, torn: 0.004 }

export class StorageFaults {
  constructor (private readonly prng: Prng, private readonly untilMs: number, private readonly f: number) {}

  /** The fault hook of one replica's disk. */
  hook (w: SimWorld): () => WalWriteFault | undefined {
    return () => {
      if (w.now >= this.untilMs || w.hosts.filter(h => !h.up).length >= this.f) return undefined
      const x = this.prng.float()
      if (x < STORAGE_FAULT_RATES.fail) return { kind: 'fail' }
      if (x < STORAGE_FAULT_RATES.fail + STORAGE_FAULT_RATES.torn) return { kind: 'torn', fraction: this.prng.float() }
      return undefined
    }
  }
}
