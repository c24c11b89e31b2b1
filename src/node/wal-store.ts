// The consensus write-ahead log on disk: what the core asked to persist before it sends.
// One LevelDB under DATA/wal. Appends are one batch with sync: true (fsync) per group commit.
// Bounded: records for seqs at or below the stable checkpoint are deleted, and only the latest
// view, stable-checkpoint, view-change and new-view records are kept.
import { ClassicLevel } from 'classic-level'
import { assertNever } from '../codec/index.js'
import type { WalRecord } from '../protocol/types.js'
import { decodeWalRecord, encodeWalRecord } from './wal-codec.js'

type Db = ClassicLevel<Uint8Array, Uint8Array>

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

function keyOf (n: number): Uint8Array {
  const k = new Uint8Array(8)
  new DataView(k.buffer).setBigUint64(0, BigInt(n))
  return k
}

export class WalStore {
  private next = 0
  private readonly bySeq = new Map<number, number[]>()
  private readonly singletons = new Map<string, number>()

  private constructor (private readonly db: Db) {}

  static async open (dir: string): Promise<{ wal: WalStore, records: WalRecord[] }> {
    const db: Db = new ClassicLevel(dir, { keyEncoding: 'view', valueEncoding: 'view' })
    await db.open()
    const wal = new WalStore(db)
    const records: WalRecord[] = []
    for await (const [key, value] of db.iterator()) {
      const n = Number(new DataView(key.buffer, key.byteOffset, 8).getBigUint64(0))
      const r = decodeWalRecord(value)
      wal.index(n, r)
      records.push(r)
      wal.next = n + 1
    }
    return { wal, records }
  }

  private index (n: number, r: WalRecord): number | undefined {
    const seq = seqOf(r)
    if (seq !== undefined) {
      const keys = this.bySeq.get(seq) ?? []
      keys.push(n)
      this.bySeq.set(seq, keys)
    }
    if (SINGLETON_KINDS.has(r.kind)) {
      const prev = this.singletons.get(r.kind)
      this.singletons.set(r.kind, n)
      return prev
    }
    return undefined
  }

  /** Appends records durably (fsync) in one batch; resolves when they are on disk. */
  async append (records: WalRecord[]): Promise<void> {
    if (records.length === 0) return
    const ops: Array<{ type: 'put', key: Uint8Array, value: Uint8Array } | { type: 'del', key: Uint8Array }> = []
    let stableSeq: number | undefined
    for (const r of records) {
      const n = this.next++
      ops.push({ type: 'put', key: keyOf(n), value: encodeWalRecord(r) })
      const replaced = this.index(n, r)
      if (replaced !== undefined) ops.push({ type: 'del', key: keyOf(replaced) })
      if (r.kind === 'stable-checkpoint') stableSeq = r.seq
    }
    if (stableSeq !== undefined) {
      for (const [seq, keys] of this.bySeq) {
        if (seq > stableSeq) continue
        for (const k of keys) ops.push({ type: 'del', key: keyOf(k) })
        this.bySeq.delete(seq)
      }
    }
    await this.db.batch(ops, { sync: true })
  }

  /** Number of records held (for metrics and tests of the bound). */
  size (): number {
    let n = this.singletons.size
    for (const keys of this.bySeq.values()) n += keys.length
    return n
  }

  async close (): Promise<void> {
    await this.db.close()
  }
}
