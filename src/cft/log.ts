// The replicated log: entries 1..lastIndex, each with its chained digest
//   digest(0) = 32 zero bytes, digest(i) = sha256(digest(i-1) || proposalDigest(entry i))
// so one digest names a whole prefix (what an acknowledgement signs, docs/cft.md).
import { proposalDigest } from '../crypto/digests.js'
import { sha256 } from '../crypto/hash.js'
import type { Entry } from './types.js'

export const GENESIS_DIGEST = new Uint8Array(32)
const encoder = new TextEncoder()

/** The bytes of ack(chainId, term, index, digest): a replica holds the log prefix `digest` names, in `term`. */
export function ackBytes (chainId: string, term: number, index: number, digest: Uint8Array): Uint8Array {
  const head = encoder.encode(`pbft-ledger/cft-ack/v1\n${chainId}\n${term}\n${index}\n`)
  const out = new Uint8Array(head.length + digest.length)
  out.set(head)
  out.set(digest, head.length)
  return out
}

export function chainDigest (prev: Uint8Array, entry: Entry): Uint8Array {
  return sha256(prev, proposalDigest(entry.batch.proposal))
}

export class RaftLog {
  private readonly entries: Entry[] = []
  private readonly digests: Uint8Array[] = []

  get lastIndex (): number { return this.entries.length }
  get lastTerm (): number { return this.termAt(this.lastIndex) ?? 0 }

  /** The term of entry `index` (0 for index 0), undefined past the end. */
  termAt (index: number): number | undefined {
    if (index === 0) return 0
    return this.entries[index - 1]?.term
  }

  entryAt (index: number): Entry | undefined { return this.entries[index - 1] }

  digestAt (index: number): Uint8Array {
    if (index === 0) return GENESIS_DIGEST
    const d = this.digests[index - 1]
    if (d === undefined) throw new RangeError(`no entry ${index} (last ${this.lastIndex})`)
    return d
  }

  /** §5.3: this log holds an entry at `index` whose term is `term` (index 0 always matches term 0). */
  matches (index: number, term: number): boolean {
    return this.termAt(index) === term
  }

  /** Entries from..to inclusive (clamped to the log). */
  slice (from: number, to: number): Entry[] {
    return this.entries.slice(Math.max(0, from - 1), Math.max(0, to))
  }

  /** Drops entries from `index` on. */
  truncateFrom (index: number): void {
    this.entries.length = Math.max(0, index - 1)
    this.digests.length = this.entries.length
  }

  append (entry: Entry): void {
    this.digests.push(chainDigest(this.digestAt(this.lastIndex), entry))
    this.entries.push(entry)
  }

  /** §5.4.1: a log ending (lastLogIndex, lastLogTerm) is at least as up-to-date as this one. */
  isUpToDate (lastLogIndex: number, lastLogTerm: number): boolean {
    return lastLogTerm > this.lastTerm || (lastLogTerm === this.lastTerm && lastLogIndex >= this.lastIndex)
  }
}
