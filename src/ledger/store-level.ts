// Blocks on disk: one LevelDB per replica (DATA/blocks). Keys: 'b' + height (8 bytes BE) ->
// encoded block; 't' + tx id -> height (8) + index (4). Appends are one synced batch (fsync).
// On open the tail is re-checked (decodes, heights, hash links); a torn or corrupt tail is cut
// off and reported, so the replica refetches it from peers instead of trusting or crash-looping.
import { ClassicLevel } from 'classic-level'
import { decodeBlock, encodeBlock, type Block } from '../codec/index.js'
import { blockHash, txId } from '../crypto/digests.js'
import { bytesEqual } from '../crypto/hash.js'
import type { BlockStore } from './types.js'

type Db = ClassicLevel<Uint8Array, Uint8Array>
export const TAIL_CHECK_BLOCKS = 16

function blockKey (h: number): Uint8Array {
  const k = new Uint8Array(9)
  k[0] = 0x62
  new DataView(k.buffer).setBigUint64(1, BigInt(h))
  return k
}
function txKey (id: Uint8Array): Uint8Array {
  const k = new Uint8Array(33)
  k[0] = 0x74
  k.set(id, 1)
  return k
}

export interface OpenReport { head: number, truncatedFrom?: number, reason?: string }

export class LevelBlockStore implements BlockStore {
  private height = 0

  private constructor (private readonly db: Db) {}

  /** `check: false` opens without checking or repairing the tail (offline verification reads as is). */
  static async open (dir: string, opts: { check?: boolean } = {}): Promise<{ store: LevelBlockStore, report: OpenReport }> {
    const db: Db = new ClassicLevel(dir, { keyEncoding: 'view', valueEncoding: 'view', createIfMissing: opts.check !== false })
    await db.open()
    const store = new LevelBlockStore(db)
    for await (const key of db.keys({ gte: blockKey(0), lte: blockKey(Number.MAX_SAFE_INTEGER), reverse: true, limit: 1 })) {
      store.height = Number(new DataView(key.buffer, key.byteOffset + 1, 8).getBigUint64(0))
    }
    const report = opts.check === false ? { head: store.height } : await store.checkTail()
    return { store, report }
  }

  private async checkTail (): Promise<OpenReport> {
    const from = Math.max(1, this.height - TAIL_CHECK_BLOCKS + 1)
    let prev: Block | undefined = from > 1 ? await this.getRaw(from - 1) : undefined
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

  private async getRaw (height: number): Promise<Block | undefined> {
    const bytes = await this.db.get(blockKey(height))
    if (bytes === undefined) return undefined
    const d = decodeBlock(bytes)
    return d.ok ? d.value : undefined
  }

  async get (height: number): Promise<Block | undefined> {
    if (height < 1 || height > this.height) return undefined
    return await this.getRaw(height)
  }

  async append (block: Block): Promise<void> {
    if (block.header.height !== this.height + 1) throw new RangeError(`append of height ${block.header.height} after ${this.height}`)
    const ops: Array<{ type: 'put', key: Uint8Array, value: Uint8Array }> = [{ type: 'put', key: blockKey(block.header.height), value: encodeBlock(block) }]
    block.txs.forEach((tx, i) => {
      const loc = new Uint8Array(12)
      const v = new DataView(loc.buffer)
      v.setBigUint64(0, BigInt(block.header.height))
      v.setUint32(8, i)
      ops.push({ type: 'put', key: txKey(txId(tx)), value: loc })
    })
    await this.db.batch(ops, { sync: true })
    this.height = block.header.height
  }

  async truncateFrom (height: number): Promise<void> {
    const dels: Array<{ type: 'del', key: Uint8Array }> = []
    for (let h = Math.max(1, height); h <= this.height; h++) dels.push({ type: 'del', key: blockKey(h) })
    if (dels.length > 0) await this.db.batch(dels, { sync: true })
    this.height = Math.min(this.height, Math.max(0, height - 1))
  }

  async txLocation (id: Uint8Array): Promise<{ height: number, index: number } | undefined> {
    const v = await this.db.get(txKey(id))
    if (v === undefined || v.byteLength !== 12) return undefined
    const dv = new DataView(v.buffer, v.byteOffset, 12)
    const height = Number(dv.getBigUint64(0))
    return height <= this.height ? { height, index: dv.getUint32(8) } : undefined
  }

  async close (): Promise<void> { await this.db.close() }
}
