// One signed reply per block (docs/receipts.md). A replica signs a BlockAttestation once per
// executed block: (chain id, view, height, block hash). The block hash commits to the header,
// and the header to header.txRoot (over pb.Transaction.encode of each transaction, signatures
// included) and header.resultsRoot (over pb.TxResult.encode of each result). A TxProof shows,
// for one transaction, that it is leaf `index` of the first tree and its result leaf `index` of
// the second; both trees have header.txCount leaves, so the tree shape comes from the header,
// never from the prover. Building the proofs of a block costs the two trees (about 4 hashes per
// transaction); checking one costs 2 log2(n) hashes.
import { pb, signingBytes, type BlockAttestation, type BlockHeader, type Transaction, type TxProof, type TxReply, type TxResult } from '../codec/index.js'
import { blockHash } from './digests.js'
import { bytesEqual, toHex } from './hash.js'
import { merkleLevels, siblingsOf, verifyMerkleProof } from './merkle.js'

/** [part, reason]: which part of a reply or receipt is wrong, and how. */
export type ProofProblem = [part: string, reason: string]

/** Verdicts on attestation signatures remembered by the SDK (one verify per replica and block). */
export const ATTESTATION_MEMO_MAX = 4096

export interface BlockProofs {
  txRoot: Uint8Array
  resultsRoot: Uint8Array
  /** The proof of transaction `index` (log n sibling references, no hashing). */
  proof: (index: number) => TxProof
}

/** The two trees of a block, once; then each transaction's proof is a walk up them. */
export function blockProofs (txs: Transaction[], results: TxResult[]): BlockProofs {
  if (txs.length !== results.length) throw new RangeError(`${txs.length} transactions but ${results.length} results`)
  const txLevels = merkleLevels(txs.map(tx => pb.Transaction.encode(tx)))
  const resultLevels = merkleLevels(results.map(r => pb.TxResult.encode(r)))
  const top = (levels: Uint8Array[][]): Uint8Array => (levels[levels.length - 1] as Uint8Array[])[0] as Uint8Array
  return {
    txRoot: top(txLevels),
    resultsRoot: top(resultLevels),
    proof: index => ({ index, result: results[index] as TxResult, txSiblings: siblingsOf(txLevels, index), resultSiblings: siblingsOf(resultLevels, index) })
  }
}

const describe = (r: TxResult): string => `{code ${r.code}, log ${JSON.stringify(r.log.slice(0, 40))}}`

/** Why `proof` does not show that `tx` got `proof.result` in the block of `header`; undefined when it does. */
export function txProofProblem (header: BlockHeader, tx: Transaction, proof: TxProof): ProofProblem | undefined {
  const { index } = proof
  if (index >= header.txCount) return ['proof.index', `is ${index}, but the block holds ${header.txCount} transactions`]
  const txOk = verifyMerkleProof(header.txRoot, pb.Transaction.encode(tx), { index, count: header.txCount, siblings: proof.txSiblings })
  const resultOk = verifyMerkleProof(header.resultsRoot, pb.TxResult.encode(proof.result), { index, count: header.txCount, siblings: proof.resultSiblings })
  if (!txOk && !resultOk) return ['proof.index', `neither the transaction nor the result is leaf ${index} of the block (proof.index, or both proofs, altered)`]
  if (!txOk) return ['proof.txSiblings', `do not lead from the transaction at index ${index} to header.txRoot (the transaction or proof.txSiblings altered)`]
  if (!resultOk) return ['proof.result', `${describe(proof.result)} at index ${index} with proof.resultSiblings does not lead to header.resultsRoot (the result or proof.resultSiblings altered)`]
  return undefined
}

type Verify = (pub: Uint8Array, msg: Uint8Array, sig: Uint8Array) => boolean

/** Why an attestation is not a valid signed statement of a genesis replica; fields relative to it. */
export function attestationProblem (publicKeys: Uint8Array[], chainId: string, a: BlockAttestation, verify: Verify): ProofProblem | undefined {
  if (a.chainId !== chainId) return ['chainId', `is ${JSON.stringify(a.chainId)}, the cluster's is ${JSON.stringify(chainId)}`]
  const key = publicKeys[a.replica]
  if (key === undefined) return ['replica', `no replica ${a.replica} in genesis (ids 0..${publicKeys.length - 1})`]
  if (!verify(key, signingBytes('blockAttestation', a), a.signature)) return ['signature', `invalid signature of replica ${a.replica}`]
  return undefined
}

/** Why `header` is not the header an attestation names (fields relative to the header). */
export function headerProblem (header: BlockHeader, a: BlockAttestation): ProofProblem | undefined {
  if (header.height !== a.height) return ['height', `is ${header.height}, the attestations are for height ${a.height}`]
  if (header.chainId !== a.chainId) return ['chainId', `is ${JSON.stringify(header.chainId)}, the attestations' is ${JSON.stringify(a.chainId)}`]
  if (!bytesEqual(blockHash(header), a.blockHash)) return ['(hash)', `does not hash to the block hash the replicas signed (${toHex(a.blockHash).slice(0, 16)}…)`]
  return undefined
}

/**
 * Attestation verdicts, remembered: a block's many replies cost one signature verify per
 * replica. Keyed by every signed field and the signature, so a verdict is reused only for the
 * very same bytes. Bounded (oldest forgotten first).
 */
export class AttestationMemo {
  private readonly verdicts = new Map<string, boolean>()
  verifies = 0

  constructor (private readonly publicKeys: Uint8Array[], private readonly chainId: string, private readonly verify: Verify) {}

  valid (a: BlockAttestation): boolean {
    const key = `${a.replica}/${a.height}/${a.view}/${toHex(a.blockHash)}/${toHex(a.signature)}/${a.chainId}`
    let v = this.verdicts.get(key)
    if (v === undefined) {
      this.verifies++
      v = attestationProblem(this.publicKeys, this.chainId, a, this.verify) === undefined
      if (this.verdicts.size >= ATTESTATION_MEMO_MAX) this.verdicts.delete(this.verdicts.keys().next().value as string)
      this.verdicts.set(key, v)
    }
    return v
  }
}

/**
 * Why a reply from replica `from` does not prove what transaction `tx` (id `id`) did; undefined
 * when it does: the attestation is from `from` and valid, the header is the one it names, and
 * the proof shows this transaction with this result at this index.
 */
export function txReplyProblem (memo: AttestationMemo, from: number, tx: Transaction, id: Uint8Array, r: TxReply): string | undefined {
  if (!bytesEqual(r.txId, id)) return 'txId: another transaction'
  if (r.attestation.replica !== from) return `attestation.replica: is ${r.attestation.replica}, the reply came from replica ${from}`
  if (!memo.valid(r.attestation)) return 'attestation: not validly signed by its replica for this chain'
  const h = headerProblem(r.header, r.attestation)
  if (h !== undefined) return `header.${h[0]}: ${h[1]}`
  const p = txProofProblem(r.header, tx, r.proof)
  return p === undefined ? undefined : `${p[0]}: ${p[1]}`
}
