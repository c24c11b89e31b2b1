// The consensus write-ahead log: what the core asked to persist before it sends, kept bounded
// over a storage port. One group commit is one atomic, durable write. Records for seqs at or
// below the stable checkpoint are deleted with it, and only the latest view, stable-checkpoint,
// view-change and new-view records are kept: after a crash the core restores (restore.ts) from
// what is left. The node's storage is LevelDB (src/node/wal-store.ts); the simulator's is
// MemoryWalStorage below, so the sweep runs this compaction and restarts from what it kept,
// and with the simulator's storage faults also from failed and torn writes (docs/host.md).
import { assertNever } from '../codec/index.js'
import type { PlantedFault, WalRecord } from '../protocol/types.js'
import type { MaybePromise, WalPort } from './ports.js'
import { decodeWalRecord, encodeWalRecord } from './wal-codec.js'

/** One change of a write: records are numbered in the order they were appended. */
export type WalOp = { type: 'put', key: number, record: WalRecord } | { type: 'del', key: number }

export interface WalStoragePort {
  /** Applies `ops` atomically; durable (fsynced) when it returns or resolves. */
  write: (ops: WalOp[]) => MaybePromise<void>
}

const SINGLETON_KINDS = new Set<WalRecord['kind']>(['view', 'stable-checkpoint', 'view-change', 'new-view'])

/** The seq a record belongs to; undefined for the singletons (kept latest-only). */
export function seqOf (r: WalRecord): number | undefined {
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

export interface WalLogOptions {
  /**
   * Test-only planted faults (ProtocolConfig.plantedFaults): the log honours `compact-too-much`,
   * which deletes at each stable checkpoint the records ABOVE it too (the prepared certificates
   * and votes of the window), as if compaction cleared the log at the checkpoint.
   */
  plantedFaults?: readonly PlantedFault[]
}

export class WalLog implements WalPort {
  private next = 0
  private readonly bySeq = new Map<number, number[]>()
  private readonly singletons = new Map<string, number>()
  /** Superseded singletons found at start (a torn write kept the new one, not its delete): deleted with the next write. */
  private orphans: number[] = []
  private readonly compactTooMuch: boolean

  /** `stored`: what the storage holds, in key order (read back at start). */
  constructor (private readonly storage: WalStoragePort, stored: Iterable<{ key: number, record: WalRecord }> = [], options: WalLogOptions = {}) {
    for (const { key, record } of stored) {
      const replaced = this.index(key, record)
      if (replaced !== undefined) this.orphans.push(replaced)
      this.next = key + 1
    }
    this.compactTooMuch = options.plantedFaults?.includes('compact-too-much') === true
  }

  /** Appends `records` in one atomic durable write, with the deletions compaction allows. */
  persist (records: WalRecord[]): MaybePromise<void> {
    if (records.length === 0) return
    const ops: WalOp[] = this.orphans.map(key => ({ type: 'del', key }))
    this.orphans = []
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
        if (seq > stableSeq && !this.compactTooMuch) continue
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
 * What a storage fault does to one write (the simulator's `--storage-faults`): `fail`, the disk
 * refuses the write (nothing of it is written, the write throws WalWriteFailed); `torn`, the
 * process dies during the write and only the first `fraction` of the written bytes reach the
 * disk (the write throws WalTornWrite; a restart reads back the whole records in that prefix).
 */
export type WalWriteFault = { kind: 'fail' } | { kind: 'torn', fraction: number }

/** A write the storage refused: fatal for the replica (the node's `fatal` stops it). */
export class WalWriteFailed extends Error {
  override readonly name = 'WalWriteFailed'
}

/** The process died during a write: a prefix of it is on disk. */
export class WalTornWrite extends Error {
  override readonly name = 'WalTornWrite'
}

/** One op as bytes on disk: type (1), key (8), record length (4), record. */
const OP_HEADER = 13

function encodeOps (ops: WalOp[]): Uint8Array {
  const frames = ops.map(op => {
    const body = op.type === 'put' ? encodeWalRecord(op.record) : new Uint8Array(0)
    const frame = new Uint8Array(OP_HEADER + body.byteLength)
    const dv = new DataView(frame.buffer)
    dv.setUint8(0, op.type === 'put' ? 1 : 2)
    dv.setBigUint64(1, BigInt(op.key))
    dv.setUint32(9, body.byteLength)
    frame.set(body, OP_HEADER)
    return frame
  })
  const out = new Uint8Array(frames.reduce((a, f) => a + f.byteLength, 0))
  let at = 0
  for (const f of frames) { out.set(f, at); at += f.byteLength }
  return out
}

/** The whole ops in `bytes` (a prefix of encodeOps' output): a partial last op is not there. */
export function decodeOpsPrefix (bytes: Uint8Array): WalOp[] {
  const ops: WalOp[] = []
  const dv = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength)
  for (let at = 0; at + OP_HEADER <= bytes.byteLength;) {
    const len = dv.getUint32(at + 9)
    if (at + OP_HEADER + len > bytes.byteLength) break
    const key = Number(dv.getBigUint64(at + 1))
    ops.push(dv.getUint8(at) === 1 ? { type: 'put', key, record: decodeWalRecord(bytes.subarray(at + OP_HEADER, at + OP_HEADER + len)) } : { type: 'del', key })
    at += OP_HEADER + len
  }
  return ops
}

/**
 * The in-memory reference storage (the simulator's disk). A write is atomic and durable, as one
 * LevelDB batch with sync: true is; `stored` is what a restart reads back. With `fault` (the
 * simulator's storage faults), a write may fail or be torn (WalWriteFault).
 */
export class MemoryWalStorage implements WalStoragePort {
  private readonly held = new Map<number, WalRecord>()

  constructor (private readonly fault: () => WalWriteFault | undefined = () => undefined) {}

  write (ops: WalOp[]): void {
    const fault = this.fault()
    if (fault === undefined) { this.apply(ops); return }
    switch (fault.kind) {
      case 'fail': throw new WalWriteFailed(`write of ${ops.length} WAL ops refused by the disk`)
      case 'torn': {
        const bytes = encodeOps(ops)
        const kept = decodeOpsPrefix(bytes.subarray(0, Math.floor(bytes.byteLength * fault.fraction)))
        this.apply(kept)
        throw new WalTornWrite(`crashed during a write: ${kept.length} of ${ops.length} WAL ops reached the disk`)
      }
      default: assertNever(fault)
    }
  }

  private apply (ops: WalOp[]): void {
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
