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
  if (leaves.length === 0) return EMPTY_ROOT
  let level = leaves.map(leafHash)
  while (level.length > 1) level = nextLevel(level)
  return level[0] as Uint8Array
}

export function merkleProof (leaves: Uint8Array[], index: number): MerkleProof {
  if (!Number.isInteger(index) || index < 0 || index >= leaves.length) throw new RangeError(`leaf index ${index} out of range 0..${leaves.length - 1}`)
  const siblings: Uint8Array[] = []
  let level = leaves.map(leafHash)
  let i = index
  while (level.length > 1) {
    const sib = i % 2 === 0 ? i + 1 : i - 1
    if (sib < level.length) siblings.push(level[sib] as Uint8Array)
    level = nextLevel(level)
    i = Math.floor(i / 2)
  }
  return { index, count: leaves.length, siblings }
}

export function verifyMerkleProof (root: Uint8Array, leaf: Uint8Array, proof: MerkleProof): boolean {
  if (proof.index < 0 || proof.index >= proof.count) return false
  let h = leafHash(leaf)
  let i = proof.index
  let width = proof.count
  let s = 0
  while (width > 1) {
    const sib = i % 2 === 0 ? i + 1 : i - 1
    if (sib < width) {
      const other = proof.siblings[s++]
      if (other === undefined) return false
      h = i % 2 === 0 ? innerHash(h, other) : innerHash(other, h)
    }
    i = Math.floor(i / 2)
    width = Math.ceil(width / 2)
  }
  return s === proof.siblings.length && bytesEqual(h, root)
}

/** Root over leaves that are already leaf hashes (leafHash(data)), e.g. cached per account. */
export function merkleRootOfLeafHashes (hashes: Uint8Array[]): Uint8Array {
  if (hashes.length === 0) return EMPTY_ROOT
  let level = hashes
  while (level.length > 1) level = nextLevel(level)
  return level[0] as Uint8Array
}
