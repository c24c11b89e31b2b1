// Merkle tree over byte strings (transactions, evidence, results, accounts).
//   leaf  = sha256(0x00 || data)
//   inner = sha256(0x01 || left || right)
//   empty = sha256(0x02)
// Odd-node rule: the last node of a level with an odd count is promoted unchanged to the next
// level (never duplicated: duplication lets two different lists share a root, CVE-2012-2459).
import { bytesEqual, sha256 } from './hash.js'

const LEAF = Uint8Array.of(0)
const INNER = Uint8Array.of(1)
export const EMPTY_ROOT = sha256(Uint8Array.of(2))

export interface MerkleProof {
  index: number
  count: number
  /** Sibling hashes from the leaf level up; a promoted node has no sibling at that level. */
  siblings: Uint8Array[]
}

export function leafHash (data: Uint8Array): Uint8Array {
  return sha256(LEAF, data)
}

function innerHash (l: Uint8Array, r: Uint8Array): Uint8Array {
  return sha256(INNER, l, r)
}

function nextLevel (level: Uint8Array[]): Uint8Array[] {
  const up: Uint8Array[] = []
  for (let i = 0; i + 1 < level.length; i += 2) up.push(innerHash(level[i] as Uint8Array, level[i + 1] as Uint8Array))
  if (level.length % 2 === 1) up.push(level[level.length - 1] as Uint8Array)
  return up
}

export function merkleRoot (leaves: Uint8Array[]): Uint8Array {
  const levels = merkleLevels(leaves)
  return (levels[levels.length - 1] as Uint8Array[])[0] as Uint8Array
}

/** Every level of the tree over `leaves`, leaf hashes first and the root last. */
export function merkleLevels (leaves: Uint8Array[]): Uint8Array[][] {
  if (leaves.length === 0) return [[EMPTY_ROOT]]
  const levels = [leaves.map(leafHash)]
  while ((levels[levels.length - 1] as Uint8Array[]).length > 1) levels.push(nextLevel(levels[levels.length - 1] as Uint8Array[]))
  return levels
}

/** The sibling hashes of leaf `index`, from levels built by merkleLevels (log n, no hashing). */
export function siblingsOf (levels: Uint8Array[][], index: number): Uint8Array[] {
  const count = (levels[0] as Uint8Array[]).length
  if (!Number.isInteger(index) || index < 0 || index >= count) throw new RangeError(`leaf index ${index} out of range 0..${count - 1}`)
  const siblings: Uint8Array[] = []
  let i = index
  for (let l = 0; l < levels.length - 1; l++) {
    const level = levels[l] as Uint8Array[]
    const sib = i % 2 === 0 ? i + 1 : i - 1
    if (sib < level.length) siblings.push(level[sib] as Uint8Array)
    i = Math.floor(i / 2)
  }
  return siblings
}

/**
 * The root that `leaf` at `proof.index` of `proof.count` leaves and the proof's siblings lead
 * to; undefined when the proof has the wrong number of siblings for that shape.
 */
export function merkleRootFromProof (leaf: Uint8Array, proof: MerkleProof): Uint8Array | undefined {
  if (!Number.isInteger(proof.index) || proof.index < 0 || proof.index >= proof.count) return undefined
  let h = leafHash(leaf)
  let i = proof.index
  let width = proof.count
  let s = 0
  while (width > 1) {
    const sib = i % 2 === 0 ? i + 1 : i - 1
    if (sib < width) {
      const other = proof.siblings[s++]
      if (other === undefined) return undefined
      h = i % 2 === 0 ? innerHash(h, other) : innerHash(other, h)
    }
    i = Math.floor(i / 2)
    width = Math.ceil(width / 2)
  }
  return s === proof.siblings.length ? h : undefined
}

/**
 * True when `leaf` is leaf `proof.index` of a tree of `proof.count` leaves with this root. The
 * count fixes the tree's shape, so a verifier must take it from what the root commits to (a
 * header's tx_count), never from the prover: with the odd-node rule, leaf 2 of 3 also proves
 * as leaf 1 of 2.
 */
export function verifyMerkleProof (root: Uint8Array, leaf: Uint8Array, proof: MerkleProof): boolean {
  const h = merkleRootFromProof(leaf, proof)
  return h !== undefined && bytesEqual(h, root)
}

/** Root over leaves that are already leaf hashes (leafHash(data)), e.g. cached per account. */
export function merkleRootOfLeafHashes (hashes: Uint8Array[]): Uint8Array {
  if (hashes.length === 0) return EMPTY_ROOT
  let level = hashes
  while (level.length > 1) level = nextLevel(level)
  return level[0] as Uint8Array
}
