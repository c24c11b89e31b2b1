// Decoding a receipt so that every problem names the part it is in (docs/receipts.md).
// A receipt has one canonical form: tx (field 1), header (2), proof (3), then one or more
// attestations (4), each length-delimited, in that order and nothing else. The top level is
// walked here by hand; each part is decoded and validated on its own and must re-encode to
// exactly its bytes. So a changed byte either is refused here, naming its part, or changes a
// decoded value, which the verifier (src/ledger/receipt.ts) catches naming the part.
import { DecodeError, FrameTooLargeError, type Decoded } from './errors.js'
import * as L from './limits.js'
import type { Receipt, TxProof } from './messages.js'
import * as pb from './pb/messages.js'
import * as V from './validate.js'

interface PartCodec<T> {
  decode: (buf: Uint8Array, opts?: { limits?: any }) => T
  encode: (m: T) => Uint8Array
}

const FIXED = [
  { field: 1, part: 'tx' },
  { field: 2, part: 'header' },
  { field: 3, part: 'proof' }
] as const

/** Part k of a canonical receipt: tx, header, proof, attestations[0], attestations[1], … */
export function receiptPartName (k: number): string {
  return FIXED[k]?.part ?? `attestations[${k - FIXED.length}]`
}

function fail (part: string, reason: string): { ok: false, error: DecodeError } {
  return { ok: false, error: new DecodeError('Receipt', part, reason) }
}

/** Reads a varint of at most 4 bytes (all a receipt needs) at `pos`; undefined when cut off or longer. */
function varint (b: Uint8Array, pos: number): { value: number, next: number } | undefined {
  let value = 0
  for (let i = 0; i < 4 && pos + i < b.byteLength; i++) {
    const byte = b[pos + i] as number
    value += (byte & 0x7f) * 2 ** (7 * i)
    if ((byte & 0x80) === 0) return i > 0 && byte === 0 ? undefined : { value, next: pos + i + 1 }
  }
  return undefined
}

/** Decodes, validates and checks the canonical bytes of one part. */
function part<T> (name: string, codec: PartCodec<T>, body: Uint8Array, limits: object | undefined, validate: (m: T) => V.Problem): Decoded<T> {
  let value: T
  try {
    value = codec.decode(body, limits === undefined ? undefined : { limits })
  } catch (err) {
    return fail(name, `does not decode: ${err instanceof Error ? err.message : String(err)}`)
  }
  let problem: V.Problem
  try { problem = validate(value) } catch (err) { problem = [name, err instanceof Error ? err.message : String(err)] }
  if (problem !== undefined) return { ok: false, error: new DecodeError('Receipt', problem[0], problem[1]) }
  if (Buffer.compare(codec.encode(value), body) !== 0) return fail(name, 'is not canonically encoded (its bytes are not the encoding of what they decode to)')
  return { ok: true, value }
}

interface Span { field: number, body: Uint8Array }

/** The top-level walk: each field in its canonical place, its length within the receipt. */
function walk (bytes: Uint8Array): Span[] | { ok: false, error: DecodeError } {
  const spans: Span[] = []
  let pos = 0
  while (pos < bytes.byteLength) {
    const k = spans.length
    const name = receiptPartName(k)
    if (k >= FIXED.length + L.RECEIPT_ATTESTATIONS_MAX) return fail(name, `a receipt holds at most ${L.RECEIPT_ATTESTATIONS_MAX} attestations`)
    const field = FIXED[k]?.field ?? 4
    // A wrong length anywhere before shifts every later part, and a shifted part may even parse:
    // name every earlier part (a header whose length byte was changed has been seen to end up
    // here, past a proof that happened to parse).
    const after = k > 0 ? `; or a part before it (${[...Array(k).keys()].map(receiptPartName).join(', ')}) is cut short or overlong` : ''
    const tag = varint(bytes, pos)
    const expected = field * 8 + 2
    if (tag === undefined || tag.value !== expected) {
      const found = tag === undefined ? 'a malformed tag' : `field ${Math.floor(tag.value / 8)} of wire type ${tag.value % 8}`
      return fail(name, `expected field ${field} (length-delimited) at byte ${pos}, found ${found}${after}`)
    }
    const len = varint(bytes, tag.next)
    if (len === undefined) return fail(name, `malformed length at byte ${tag.next}${after}`)
    if (len.next + len.value > bytes.byteLength) return fail(name, `length ${len.value} at byte ${tag.next} runs past the end of the receipt (${bytes.byteLength - len.next} bytes left)${after}`)
    spans.push({ field, body: bytes.subarray(len.next, len.next + len.value) })
    pos = len.next + len.value
  }
  if (spans.length < FIXED.length + 1) return fail(receiptPartName(spans.length), 'is missing (the receipt ends before it)')
  return spans
}

/** Untrusted receipt bytes to a validated receipt; every error names the part (tx, header, proof, attestations[i]). */
export function decodeReceipt (bytes: Uint8Array): Decoded<Receipt> {
  if (bytes.byteLength > L.RECEIPT_BYTES_MAX) return { ok: false, error: new FrameTooLargeError(bytes.byteLength, L.RECEIPT_BYTES_MAX) }
  const spans = walk(bytes)
  if (!Array.isArray(spans)) return spans
  const [txSpan, headerSpan, proofSpan, ...rest] = spans as [Span, Span, Span, ...Span[]]
  const tx = part('tx', pb.Transaction, txSpan.body, undefined, m => V.transaction(m, 'tx'))
  if (!tx.ok) return tx
  const header = part('header', pb.BlockHeader, headerSpan.body, undefined, m => V.blockHeader(m, 'header'))
  if (!header.ok) return header
  const proof = part('proof', pb.TxProof, proofSpan.body, L.txProofLimits, m => V.txProof(m, 'proof'))
  if (!proof.ok) return proof
  const attestations: pb.BlockAttestation[] = []
  for (let i = 0; i < rest.length; i++) {
    const name = `attestations[${i}]`
    const a = part(name, pb.BlockAttestation, (rest[i] as Span).body, undefined, m => V.attestation(m, name))
    if (!a.ok) return a
    attestations.push(a.value)
  }
  return { ok: true, value: { tx: tx.value, header: header.value, proof: proof.value as TxProof, attestations } }
}
