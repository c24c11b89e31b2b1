import { hash } from 'node:crypto'
import { HexError } from './errors.js'

/**
 * sha256 over the concatenation of `parts`. One-shot `crypto.hash` on one buffer: Merkle trees
 * hash many 33- and 65-byte inputs, where createHash's per-object cost was 2-3x the hashing.
 */
export function sha256 (...parts: Uint8Array[]): Uint8Array {
  if (parts.length === 1) return new Uint8Array(hash('sha256', parts[0] as Uint8Array, 'buffer'))
  let len = 0
  for (const p of parts) len += p.byteLength
  const all = new Uint8Array(len)
  let at = 0
  for (const p of parts) { all.set(p, at); at += p.byteLength }
  return new Uint8Array(hash('sha256', all, 'buffer'))
}

export function bytesEqual (a: Uint8Array, b: Uint8Array): boolean {
  if (a.byteLength !== b.byteLength) return false
  for (let i = 0; i < a.byteLength; i++) if (a[i] !== b[i]) return false
  return true
}

export function toHex (b: Uint8Array): string {
  return Buffer.from(b.buffer, b.byteOffset, b.byteLength).toString('hex')
}

/** Strict hex: even length, [0-9a-fA-F] only, optionally an exact byte length. */
export function fromHex (s: string, bytes?: number): Uint8Array {
  if (s.length % 2 !== 0 || !/^[0-9a-fA-F]*$/.test(s)) throw new HexError(`not hex: ${JSON.stringify(s.slice(0, 20))}${s.length > 20 ? '…' : ''}`)
  if (bytes !== undefined && s.length !== bytes * 2) throw new HexError(`expected ${bytes} bytes of hex (${bytes * 2} characters), got ${s.length} characters`)
  return new Uint8Array(Buffer.from(s, 'hex'))
}
