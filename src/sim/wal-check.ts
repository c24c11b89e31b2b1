// The WAL's durability check (issue #14): after a crash, the disk must still hold every record
// of the replica's completed writes for a seq above the stable checkpoint the disk holds. Those
// are the prepared certificates, votes and checkpoint votes a restart restores from (restore.ts):
// compaction (src/host/wal.ts) may delete a seq's records only once a stable checkpoint at or
// above it is on disk. The planted fault `compact-too-much` breaks this; a torn write may lose
// only records of the write it tore (never acknowledged, so never counted here).
import type { WalRecord } from '../protocol/types.js'
import { seqOf } from '../host/wal.js'
import { persistedKeyOf } from './invariants.js'

export class WalDurability {
  /** Per seq, the keys of the records whose write completed. */
  private readonly bySeq = new Map<number, Set<string>>()

  /** A write of `records` completed: they are durable. */
  written (records: WalRecord[]): void {
    for (const r of records) {
      const seq = seqOf(r)
      const key = persistedKeyOf(r)
      if (seq === undefined || key === undefined) continue
      const keys = this.bySeq.get(seq) ?? new Set()
      keys.add(key)
      this.bySeq.set(seq, keys)
    }
  }

  /** What a crash left on disk: the first record still needed and missing, if any. */
  lost (stored: WalRecord[]): string | undefined {
    let stable = 0
    const held = new Set<string>()
    for (const r of stored) {
      if (r.kind === 'stable-checkpoint') stable = Math.max(stable, r.seq)
      const key = persistedKeyOf(r)
      if (key !== undefined) held.add(key)
    }
    for (const [seq, keys] of this.bySeq) {
      if (seq <= stable) { this.bySeq.delete(seq); continue }
      for (const key of keys) if (!held.has(key)) return `${key} (seq ${seq}, above the stable checkpoint ${stable} on disk)`
    }
    return undefined
  }
}
