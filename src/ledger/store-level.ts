// Blocks on disk: one LevelDB per replica (DATA/blocks). Keys: 'b' + height (8 bytes BE) ->
// encoded block; 't' + tx id -> height (8) + index (4); after pruning (docs/ledger.md,
// Retention): 'h' + height -> encoded PrunedBlock (header + certificate) for heights below the
// prune base, and 'p' -> PruneRecord (prune base, application snapshot at base - 1, checkpoint).
// Appends and prune steps are one batch each; prune steps and durable appends are synced (fsync).
// On open the tail is re-checked (decodes, heights, hash links); a torn or corrupt tail is cut
// off and reported, so the replica refetches it from peers instead of trusting or crash-looping.
import { ClassicLevel } from 'classic-level'
import { decodeBlock, decodePrunedBlock, decodePruneRecord, encodeBlock, encodePrunedBlock, encodePruneRecord, type Block, type PrunedBlock } from '../codec/index.js'
import { blockHash, txId } from '../crypto/digests.js'
import { bytesEqual } from '../crypto/hash.js'
import { PRUNE_BATCH_BLOCKS_MAX, type BlockStore, type Retained } from './types.js'

type Db = ClassicLevel<Uint8Array, Uint8Array>
type Op = { type: 'put', key: Uint8Array, value: Uint8Array } | { type: 'del', key: Uint8Array }
export const TAIL_CHECK_BLOCKS = 16

function heightKey (prefix: number, h: number): Uint8Array {
  const k = new Uint8Array(9)
  k[0] = prefix
  new DataView(k.buffer).setBigUint64(1, BigInt(h))
  return k
}
const blockKey = (h: number): Uint8Array => heightKey(0x62, h)
const prunedKey = (h: number): Uint8Array => heightKey(0x68, h)
const PRUNE_KEY = new Uint8Array([0x70])
function txKey (id: Uint8Array): Uint8Array {
  const k = new Uint8Array(33)
  k[0] = 0x74
  k.set(id, 1)
  return k
}

/** The store's own bytes are inconsistent (a pruned record missing or not decoding). */
export class StoreCorruptError extends Error {
  override readonly name = 'StoreCorruptError'
  constructor (readonly height: number, readonly reason: string) {
    super(`block store, height ${height}: ${reason}`)
  }
}

export interface OpenReport { head: number, truncatedFrom?: number, reason?: string }

export class LevelBlockStore implements BlockStore {
  private height = 0
  private base = 1

  private constructor (private readonly db: Db) {}

  /** `check: false` opens without checking or repairing the tail (offline verification reads as is). */
  static async open (dir: string, opts: { check?: boolean } = {}): Promise<{ store: LevelBlockStore, report: OpenReport }> {
    const db: Db = new ClassicLevel(dir, { keyEncoding: 'view', valueEncoding: 'view', createIfMissing: opts.check !== false })
    await db.open()
    const store = new LevelBlockStore(db)
    try {
      const meta = await store.pruneRecord()
      if (meta !== undefined) store.base = meta.prunedBelow
    } catch (err) {
      await db.close() // release the LOCK: a caller may report the error and open again
      throw err
    }
    store.height = store.base - 1
    for await (const key of db.keys({ gte: blockKey(0), lte: blockKey(Number.MAX_SAFE_INTEGER), reverse: true, limit: 1 })) {
      store.height = Math.max(store.height, Number(new DataView(key.buffer, key.byteOffset + 1, 8).getBigUint64(0)))
    }
    const report = opts.check === false ? { head: store.height } : await store.checkTail()
    return { store, report }
  }

  private async checkTail (): Promise<OpenReport> {
    const from = Math.max(this.base, this.height - TAIL_CHECK_BLOCKS + 1)
    let prev = from > 1 ? await this.header(from - 1) : undefined
    for (let h = from; h <= this.height; h++) {
      const b = await this.getRaw(h)
      const problem = b === undefined ? 'block missing or does not decode'
        : b.header.height !== h ? `stored under height ${h} but says ${b.header.height}`
          : prev !== undefined && !bytesEqual(b.header.prevHash, blockHash(prev.header)) ? 'prevHash does not link to the block below' : undefined
      if (problem !== undefined) {
        await this.truncateFrom(h)
        return { head: this.height, truncatedFrom: h, reason: problem }
      }
      prev = b
    }
    return { head: this.height }
  }

  head (): number { return this.height }
  prunedBelow (): number { return this.base }

  private async getRaw (height: number): Promise<Block | undefined> {
    const bytes = await this.db.get(blockKey(height))
    if (bytes === undefined) return undefined
    const d = decodeBlock(bytes)
    return d.ok ? d.value : undefined
  }

  async get (height: number): Promise<Block | undefined> {
    if (height < this.base || height > this.height) return undefined
    return await this.getRaw(height)
  }

  async header (height: number): Promise<PrunedBlock | undefined> {
    if (height < 1 || height > this.height) return undefined
    if (height >= this.base) {
      const b = await this.getRaw(height)
      return b === undefined ? undefined : { header: b.header, cert: b.cert }
    }
    const bytes = await this.db.get(prunedKey(height))
    if (bytes === undefined) return undefined
    const d = decodePrunedBlock(bytes)
    return d.ok ? d.value : undefined
  }

  private async pruneRecord (): Promise<{ prunedBelow: number, retained: Retained } | undefined> {
    const bytes = await this.db.get(PRUNE_KEY)
    if (bytes === undefined) return undefined
    const d = decodePruneRecord(bytes)
    if (!d.ok || d.value.prunedBelow < 2) throw new StoreCorruptError(0, `the prune record (key 'p') does not decode: ${d.ok ? 'prunedBelow < 2' : d.error.message}`)
    const { prunedBelow, snapshot, checkpoint } = d.value
    return { prunedBelow, retained: checkpoint === undefined ? { snapshot } : { snapshot, checkpoint } }
  }

  async retained (): Promise<Retained | undefined> {
    return this.base === 1 ? undefined : (await this.pruneRecord())?.retained
  }

  async append (block: Block, durable = true): Promise<void> {
    if (block.header.height !== this.height + 1) throw new RangeError(`append of height ${block.header.height} after ${this.height}`)
    const ops: Op[] = [{ type: 'put', key: blockKey(block.header.height), value: encodeBlock(block) }]
    block.txs.forEach((tx, i) => {
      const loc = new Uint8Array(12)
      const v = new DataView(loc.buffer)
      v.setBigUint64(0, BigInt(block.header.height))
      v.setUint32(8, i)
      ops.push({ type: 'put', key: txKey(txId(tx)), value: loc })
    })
    // Without sync LevelDB still writes its log before the batch resolves: a killed process
    // loses nothing, a power cut loses the writes since the last synced one.
    await this.db.batch(ops, { sync: durable })
    this.height = block.header.height
  }

  async prune (below: number, retained: Retained): Promise<void> {
    if (!Number.isInteger(below) || below <= this.base || below > this.height) throw new RangeError(`prune below ${below}: must be in ${this.base + 1}..${this.height}`)
    if (below - this.base > PRUNE_BATCH_BLOCKS_MAX) throw new RangeError(`prune of ${below - this.base} blocks in one batch exceeds ${PRUNE_BATCH_BLOCKS_MAX}`)
    const ops: Op[] = []
    const txKeys: Array<{ key: Uint8Array, height: number }> = []
    for (let h = this.base; h < below; h++) {
      const b = await this.getRaw(h)
      if (b === undefined) throw new StoreCorruptError(h, 'block missing or does not decode')
      ops.push({ type: 'put', key: prunedKey(h), value: encodePrunedBlock({ header: b.header, cert: b.cert }) }, { type: 'del', key: blockKey(h) })
      for (const tx of b.txs) txKeys.push({ key: txKey(txId(tx)), height: h })
    }
    const locs = await this.db.getMany(txKeys.map(t => t.key))
    txKeys.forEach(({ key, height }, i) => {
      const loc = locs[i]
      // a later block may hold the same transaction (re-proposed, stale nonce): keep its entry
      if (loc?.byteLength === 12 && Number(new DataView(loc.buffer, loc.byteOffset, 8).getBigUint64(0)) === height) ops.push({ type: 'del', key })
    })
    ops.push({ type: 'put', key: PRUNE_KEY, value: encodePruneRecord({ prunedBelow: below, ...retained }) })
    await this.db.batch(ops, { sync: true })
    this.base = below
  }

  async truncateFrom (height: number): Promise<void> {
    if (this.base > 1 && height < this.base) throw new RangeError(`truncate from ${height}: blocks below ${this.base} are pruned and cannot be refetched`)
    const dels: Op[] = []
    for (let h = Math.max(1, height); h <= this.height; h++) dels.push({ type: 'del', key: blockKey(h) })
    if (dels.length > 0) await this.db.batch(dels, { sync: true })
    this.height = Math.min(this.height, Math.max(0, height - 1))
  }

  async txLocation (id: Uint8Array): Promise<{ height: number, index: number } | undefined> {
    const v = await this.db.get(txKey(id))
    if (v === undefined || v.byteLength !== 12) return undefined
    const dv = new DataView(v.buffer, v.byteOffset, 12)
    const height = Number(dv.getBigUint64(0))
    return height <= this.height && height >= this.base ? { height, index: dv.getUint32(8) } : undefined
  }

  async close (): Promise<void> { await this.db.close() }
}
