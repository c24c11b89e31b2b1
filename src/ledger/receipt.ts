// Receipts (docs/receipts.md): offline proof, with genesis alone, that a transaction was executed
// at a height with a given result. A receipt holds the signed transaction, the header of its
// block, its Merkle proof against that header, and attestations of the header's hash signed by
// at least f+1 distinct genesis replicas: at most f replicas lie, so at least one of them is
// honest, and an honest replica attests only a block it executed after it was committed.
// Every failure names the part of the receipt it is in: tx, header, proof or attestations[i].
import { DecodeError, decodeReceipt, encodeReceipt, signingBytes, type BlockAttestation, type Receipt, type Transaction, type TxReply } from '../codec/index.js'
import { txId } from '../crypto/digests.js'
import { verify as defaultVerify } from '../crypto/ed25519.js'
import { bytesEqual, toHex } from '../crypto/hash.js'
import { attestationProblem, headerProblem, txProofProblem } from '../crypto/tx-proof.js'
import type { Genesis } from './genesis.js'

type Verify = (pub: Uint8Array, msg: Uint8Array, sig: Uint8Array) => boolean

export type ReceiptReport =
  | { ok: true, txId: string, height: number, index: number, code: number, log: string, blockHash: string, signers: number[] }
  | { ok: false, part: string, reason: string }

class Refused extends Error {
  constructor (readonly part: string, readonly reason: string) { super(`${part}: ${reason}`) }
}

function fail (part: string, reason: string): never {
  throw new Refused(part, reason)
}

/** Attestations: each valid, distinct replicas, all for one (height, block hash), at least f+1. */
function checkAttestations (g: Genesis, list: BlockAttestation[], v: Verify): BlockAttestation {
  const keys = g.replicas.map(r => r.publicKey)
  const seen = new Set<number>()
  list.forEach((a, i) => {
    const part = `attestations[${i}]`
    const p = attestationProblem(keys, g.chainId, a, v)
    if (p !== undefined) fail(`${part}.${p[0]}`, p[1])
    if (seen.has(a.replica)) fail(`${part}.replica`, `replica ${a.replica} attests twice`)
    seen.add(a.replica)
    const first = list[0] as BlockAttestation
    if (a.height !== first.height || !bytesEqual(a.blockHash, first.blockHash)) {
      fail(part, `replica ${a.replica} attests block ${toHex(a.blockHash).slice(0, 16)}… at height ${a.height}, attestations[0] block ${toHex(first.blockHash).slice(0, 16)}… at height ${first.height}`)
    }
  })
  if (seen.size < g.f + 1) fail('attestations', `${seen.size} from distinct replicas; a receipt needs f+1 = ${g.f + 1}`)
  return list[0] as BlockAttestation
}

function check (g: Genesis, r: Receipt, v: Verify): ReceiptReport {
  const a = checkAttestations(g, r.attestations, v)
  const h = headerProblem(r.header, a)
  if (h !== undefined) fail(h[0] === '(hash)' ? 'header' : `header.${h[0]}`, h[1])
  if (r.tx.chainId !== g.chainId) fail('tx.chainId', `is ${JSON.stringify(r.tx.chainId)}, genesis says ${JSON.stringify(g.chainId)}`)
  if (!v(r.tx.client, signingBytes('transaction', r.tx), r.tx.signature)) fail('tx.signature', 'the client\'s signature does not verify (the transaction was altered)')
  const p = txProofProblem(r.header, r.tx, r.proof)
  if (p !== undefined) fail(p[0], p[1])
  return {
    ok: true, txId: toHex(txId(r.tx)), height: r.header.height, index: r.proof.index, code: r.proof.result.code, log: r.proof.result.log,
    blockHash: toHex(a.blockHash), signers: r.attestations.map(x => x.replica).sort((x, y) => x - y)
  }
}

/**
 * Verifies a receipt (its bytes, or the object the SDK returned) with genesis alone: the
 * replicas' public keys, f and the chain id. Never throws on bad input; a failure names the part.
 */
export function verifyReceipt (receipt: Receipt | Uint8Array, genesis: Genesis, opts: { verify?: Verify } = {}): ReceiptReport {
  // One path for both: an object is checked exactly as its bytes would be.
  let bytes: Uint8Array
  try {
    bytes = receipt instanceof Uint8Array ? receipt : encodeReceipt(receipt)
  } catch (err) {
    return { ok: false, part: '(receipt)', reason: `does not encode: ${err instanceof Error ? err.message : String(err)}` }
  }
  const d = decodeReceipt(bytes)
  if (!d.ok) return d.error instanceof DecodeError ? { ok: false, part: d.error.field, reason: d.error.reason } : { ok: false, part: '(receipt)', reason: d.error.message }
  try {
    return check(genesis, d.value, opts.verify ?? defaultVerify)
  } catch (err) {
    if (err instanceof Refused) return { ok: false, part: err.part, reason: err.reason }
    throw err
  }
}

/**
 * The receipt of matching replies a client accepted (each checked with txReplyProblem, one
 * block hash and index): the transaction, the header and proof they share, their attestations.
 */
export function receiptOf (tx: Transaction, replies: TxReply[]): Receipt {
  const first = replies[0]
  if (first === undefined) throw new RangeError('a receipt needs at least one reply')
  return { tx, header: first.header, proof: first.proof, attestations: replies.map(r => r.attestation).sort((a, b) => a.replica - b.replica) }
}

/** One line: `OK tx=… height=… …` or `FAIL <part>: <reason>`. */
export function formatReceiptReport (r: ReceiptReport): string {
  return r.ok
    ? `OK tx=${r.txId} height=${r.height} index=${r.index} code=${r.code} log=${JSON.stringify(r.log)} block=${r.blockHash} signers=${r.signers.join(',')}`
    : `FAIL ${r.part}: ${r.reason}`
}
