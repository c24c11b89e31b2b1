// The consensus write-ahead log on disk: the host's WalLog (src/host/wal.ts: compaction, one
// write per group commit) over one LevelDB under DATA/wal, each write one batch with
// sync: true (fsync).
import { ClassicLevel } from 'classic-level'
import { WalLog, type WalOp, type WalStoragePort } from '../host/wal.js'
import type { WalRecord } from '../protocol/types.js'
import { decodeWalRecord, encodeWalRecord } from '../host/wal-codec.js'

type Db = ClassicLevel<Uint8Array, Uint8Array>

function keyOf (n: number): Uint8Array {
  const k = new Uint8Array(8)
  new DataView(k.buffer).setBigUint64(0, BigInt(n))
  return k
}

/** LevelDB as the WAL's storage port. */
class LevelWalStorage implements WalStoragePort {
  constructor (readonly db: Db) {}

  async write (ops: WalOp[]): Promise<void> {
    await this.db.batch(ops.map(op => op.type === 'put'
      ? { type: 'put' as const, key: keyOf(op.key), value: encodeWalRecord(op.record) }
      : { type: 'del' as const, key: keyOf(op.key) }), { sync: true })
  }
}

export class WalStore {
  private constructor (private readonly storage: LevelWalStorage, private readonly log: WalLog) {}

  static async open (dir: string): Promise<{ wal: WalStore, records: WalRecord[] }> {
    const db: Db = new ClassicLevel(dir, { keyEncoding: 'view', valueEncoding: 'view' })
    await db.open()
    const stored: Array<{ key: number, record: WalRecord }> = []
    for await (const [key, value] of db.iterator()) {
      stored.push({ key: Number(new DataView(key.buffer, key.byteOffset, 8).getBigUint64(0)), record: decodeWalRecord(value) })
    }
    const storage = new LevelWalStorage(db)
    return { wal: new WalStore(storage, new WalLog(storage, stored)), records: stored.map(s => s.record) }
  }

  /** Appends records durably (fsync) in one batch; resolves when they are on disk. */
  async append (records: WalRecord[]): Promise<void> { await this.log.persist(records) }

  /** Number of records held (for metrics and tests of the bound). */
  size (): number { return this.log.size() }

  async close (): Promise<void> {
    await this.storage.db.close()
  }
}
