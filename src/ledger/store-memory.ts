import type { Block } from '../codec/index.js'
import type { BlockStore } from './types.js'

/** The reference block store: everything in memory. Used by the simulator and tests. */
export class MemoryBlockStore implements BlockStore {
  private readonly blocks: Block[] = []
  head (): number { return this.blocks.length }
  async get (height: number): Promise<Block | undefined> { return this.blocks[height - 1] }
  async append (block: Block): Promise<void> {
    if (block.header.height !== this.blocks.length + 1) throw new RangeError(`append of height ${block.header.height} after ${this.blocks.length}`)
    this.blocks.push(block)
  }
  async truncateFrom (height: number): Promise<void> { this.blocks.length = Math.max(0, Math.min(this.blocks.length, height - 1)) }
  async txLocation (): Promise<undefined> { return undefined }
}
