import type { Block, PrunedBlock } from '../codec/index.js'
import type { BlockStore, Retained } from './types.js'

/** The reference block store: everything in memory. Used by the simulator and tests. */
export class MemoryBlockStore implements BlockStore {
  /** Index height - 1. Below `base` an entry holds header + certificate only. */
  private readonly blocks: Array<Block | PrunedBlock> = []
  private base = 1
  private kept: Retained | undefined
  /** Blocks 1..durableHead survive `powerCut`: a durable append, a prune or a truncation syncs. */
  private durableHead = 0

  /**
   * A store that starts pruned below `anchor.header.height + 1`, holding only the anchor's header
   * and the snapshot at its height (the offline verifier re-executes on top of it).
   */
  static startingAt (anchor: PrunedBlock, retained: Retained): MemoryBlockStore {
    const s = new MemoryBlockStore()
    s.blocks.length = anchor.header.height
    s.blocks[anchor.header.height - 1] = { header: anchor.header, cert: anchor.cert }
    s.base = anchor.header.height + 1
    s.kept = retained
    return s
  }

  head (): number { return this.blocks.length }
  prunedBelow (): number { return this.base }
  async get (height: number): Promise<Block | undefined> { return height >= this.base ? this.blocks[height - 1] as Block | undefined : undefined }
  async header (height: number): Promise<PrunedBlock | undefined> {
    const b = height >= 1 ? this.blocks[height - 1] : undefined
    return b === undefined ? undefined : { header: b.header, cert: b.cert }
  }

  async retained (): Promise<Retained | undefined> { return this.kept }

  async append (block: Block, durable = true): Promise<void> {
    if (block.header.height !== this.blocks.length + 1) throw new RangeError(`append of height ${block.header.height} after ${this.blocks.length}`)
    this.blocks.push(block)
    if (durable) this.durableHead = this.blocks.length
  }

  /** The highest block a power cut keeps. */
  durable (): number { return this.durableHead }

  /** The machine lost power (the simulator's crash): the blocks appended since the last sync are gone. */
  powerCut (): void { this.blocks.length = Math.max(this.durableHead, this.base - 1) }

  async prune (below: number, retained: Retained): Promise<void> {
    if (!Number.isInteger(below) || below <= this.base || below > this.blocks.length) throw new RangeError(`prune below ${below}: must be in ${this.base + 1}..${this.blocks.length}`)
    for (let h = this.base; h < below; h++) {
      const b = this.blocks[h - 1] as Block
      this.blocks[h - 1] = { header: b.header, cert: b.cert }
    }
    this.base = below
    this.kept = retained
    this.durableHead = this.blocks.length
  }

  async truncateFrom (height: number): Promise<void> {
    if (this.base > 1 && height < this.base) throw new RangeError(`truncate from ${height}: blocks below ${this.base} are pruned`)
    this.blocks.length = Math.max(0, Math.min(this.blocks.length, height - 1))
    this.durableHead = this.blocks.length
  }

  async txLocation (): Promise<undefined> { return undefined }
}
