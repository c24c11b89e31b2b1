// The consensus write-ahead log: what the core asked to persist before it sends, kept bounded
// over a storage port. One group commit is one atomic, durable write. Records for seqs at or
// below the stable checkpoint are deleted with it, and only the latest view, stable-checkpoint,
// view-change and new-view records are kept: after a crash the core restores (restore.ts) from
// what is left. The node's storage is LevelDB (src/node/wal-store.ts); the simulator's is
// MemoryWalStorage below, so the sweep runs this compaction and restarts from what it kept.
import { assertNever } from '../codec/index.js'
import type { WalRecord } from '../protocol/types.js'
import type { MaybePromise, WalPort } from './ports.js'

/** One change of a write: records are numbered in the order they were appended. */
export type WalOp = { type: 'put', key: number, record: WalRecord } | { type: 'del', key: number }

export interface WalStoragePort {
  /** Applies `ops` atomically; durable (fsynced) when it returns or resolves. */
  write: (ops: WalOp[]) => MaybePromise<void>
}

const SINGLETON_KINDS = new Set<WalRecord['kind']>(['view', 'stable-checkpoint', 'view-change', 'new-view'])

function seqOf (r: WalRecord): number | undefined {
  switch (r.kind) {
    case 'pre-prepare': return r.prePrepare.seq
    case 'prepare': return r.prepare.seq
    case 'commit': return r.commit.seq
    case 'checkpoint': return r.checkpoint.seq
    case 'view':
    case 'stable-checkpoint':
    case 'view-change':
    case 'new-view': return undefined
    default: return assertNever(r)
  }
}

export class WalLog implements WalPort {
  private next = 0
  private readonly bySeq = new Map<number, number[]>()
  private readonly singletons = new Map<string, number>()

  /** `stored`: what the storage holds, in key order (read back at start). */
  constructor (private readonly storage: WalStoragePort, stored: Iterable<{ key: number, record: WalRecord }> = []) {
    for (const { key, record } of stored) {
      this.index(key, record)
      this.next = key + 1
    }
  }

  /** Appends `records` in one atomic durable write, with the deletions compaction allows. */
  persist (records: WalRecord[]): MaybePromise<void> {
    if (records.length === 0) return
    const ops: WalOp[] = []
    let stableSeq: number | undefined
    for (const record of records) {
      const key = this.next++
      ops.push({ type: 'put', key, record })
      const replaced = this.index(key, record)
      if (replaced !== undefined) ops.push({ type: 'del', key: replaced })
      if (record.kind === 'stable-checkpoint') stableSeq = record.seq
    }
    if (stableSeq !== undefined) {
      for (const [seq, keys] of this.bySeq) {
        if (seq > stableSeq) continue
        for (const key of keys) ops.push({ type: 'del', key })
        this.bySeq.delete(seq)
      }
    }
    return this.storage.write(ops)
  }

  /** Number of records held (for metrics and tests of the bound). */
  size (): number {
    let n = this.singletons.size
    for (const keys of this.bySeq.values()) n += keys.length
    return n
  }

  /** Indexes a record; returns the key of the singleton it replaces, if any. */
  private index (key: number, r: WalRecord): number | undefined {
    const seq = seqOf(r)
    if (seq !== undefined) {
      const keys = this.bySeq.get(seq) ?? []
      keys.push(key)
      this.bySeq.set(seq, keys)
    }
    if (!SINGLETON_KINDS.has(r.kind)) return undefined
    const prev = this.singletons.get(r.kind)
    this.singletons.set(r.kind, key)
    return prev
  }
}

/**
 * The in-memory reference storage (the simulator's disk). A write is atomic and durable, as one
 * LevelDB batch with sync: true is; `records` is what a restart reads back.
 */
export class MemoryWalStorage implements WalStoragePort {
  private readonly held = new Map<number, WalRecord>()

  write (ops: WalOp[]): void {
    for (const op of ops) {
      if (op.type === 'put') this.held.set(op.key, op.record)
      else this.held.delete(op.key)
    }
  }

  /** What survives a crash, in key order. */
  stored (): Array<{ key: number, record: WalRecord }> {
    return [...this.held].sort(([a], [b]) => a - b).map(([key, record]) => ({ key, record }))
  }
}
