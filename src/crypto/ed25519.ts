// ed25519 behind ONE verification rule for the whole cluster (docs/crypto.md):
//   RFC 8032 §5.1.7 with strict encodings and the COFACTORLESS equation [S]B = R + [k]A,
//   checked as encode([S]B - [k]A) == R byte for byte; S < L; A must decode canonically
//   (y < p, no x=0 with the sign bit set) and must not be of small order; R must be a
//   canonical encoding and not one of the small-order points. Mixed-order A or R are judged
//   by the equation alone.
// Two backends implement it and must agree on every input: @noble/ed25519 (the reference,
// with the equation written out here) and node:crypto/OpenSSL (the fast path, which is
// cofactorless already; the pre-checks in front of it make it strict).
import { createPrivateKey, createPublicKey, randomBytes, sign as nodeSign, verify as nodeVerify, type KeyObject } from 'node:crypto'
import * as ed from '@noble/ed25519'
import { sha512 } from '@noble/hashes/sha2.js'
import { bytesEqual, toHex } from './hash.js'

ed.hashes.sha512 = sha512

export const SEED_BYTES = 32
export const PUBLIC_KEY_BYTES = 32
export const SIGNATURE_BYTES = 64
/** Bounded caches of decoded public keys (noble points, node KeyObjects). */
export const KEY_CACHE_MAX = 4096

const L = 2n ** 252n + 27742317777372353535851937790883648493n
const P = 2n ** 255n - 19n

export interface KeyPair { seed: Uint8Array, publicKey: Uint8Array }
export interface Signer { publicKey: Uint8Array, sign: (message: Uint8Array) => Uint8Array }
export type VerifyFn = (publicKey: Uint8Array, message: Uint8Array, signature: Uint8Array) => boolean

function le (b: Uint8Array): bigint {
  let n = 0n
  for (let i = b.byteLength - 1; i >= 0; i--) n = (n << 8n) | BigInt(b[i] as number)
  return n
}

/** The 8 small-order points, derived (not typed in) from a point of order 8. */
const SMALL_ORDER = ((): Set<string> => {
  const t = ed.Point.fromHex('c7176a703d4dd84fba3c0b760d10670f2a2053fa2c39ccc64ec7fd7792ac037a')
  const out = new Set<string>()
  let p = ed.Point.ZERO
  for (let i = 0; i < 8; i++) { out.add(p.toHex()); p = p.add(t) }
  if (out.size !== 8 || !t.isSmallOrder()) throw new Error('small-order table is wrong')
  return out
})()

function canonicalY (b: Uint8Array): boolean {
  return (le(b) & ((1n << 255n) - 1n)) < P
}

class Lru<V> {
  private readonly m = new Map<string, V>()
  get (k: string): V | undefined { return this.m.get(k) }
  set (k: string, v: V): void {
    if (this.m.size >= KEY_CACHE_MAX) { const first = this.m.keys().next().value; if (first !== undefined) this.m.delete(first) }
    this.m.set(k, v)
  }
}

/** A public key that passes the rule, decoded; undefined when the rule rejects the key. */
const points = new Lru<ed.Point | null>()
function acceptedKey (pub: Uint8Array): ed.Point | undefined {
  const k = toHex(pub)
  let p = points.get(k)
  if (p === undefined) {
    try {
      const pt = canonicalY(pub) ? ed.Point.fromBytes(pub, false) : null
      p = pt !== null && !pt.isSmallOrder() ? pt : null
    } catch { p = null }
    points.set(k, p)
  }
  return p ?? undefined
}

/** Checks shared by both backends; returns S when they pass. */
function preCheck (pub: Uint8Array, sig: Uint8Array): bigint | undefined {
  if (!(pub instanceof Uint8Array) || !(sig instanceof Uint8Array)) return undefined
  if (pub.byteLength !== PUBLIC_KEY_BYTES || sig.byteLength !== SIGNATURE_BYTES) return undefined
  const s = le(sig.subarray(32))
  if (s >= L) return undefined
  const r = sig.subarray(0, 32)
  if (!canonicalY(r) || SMALL_ORDER.has(toHex(r))) return undefined
  if (acceptedKey(pub) === undefined) return undefined
  return s
}

/** Reference backend: @noble/ed25519 point arithmetic, the cofactorless equation written out. */
export function verifyNoble (pub: Uint8Array, msg: Uint8Array, sig: Uint8Array): boolean {
  try {
    const s = preCheck(pub, sig)
    if (s === undefined || !(msg instanceof Uint8Array)) return false
    const a = acceptedKey(pub) as ed.Point
    const r = sig.subarray(0, 32)
    const k = le(sha512(ed.etc.concatBytes(r, pub, msg))) % L
    const rCheck = ed.Point.BASE.multiplyUnsafe(s).subtract(a.multiplyUnsafe(k))
    return bytesEqual(rCheck.toBytes(), r)
  } catch {
    return false
  }
}

const SPKI_PREFIX = Buffer.from('302a300506032b6570032100', 'hex')
const PKCS8_PREFIX = Buffer.from('302e020100300506032b657004220420', 'hex')
const keyObjects = new Lru<KeyObject>()

function publicKeyObject (pub: Uint8Array): KeyObject {
  const k = toHex(pub)
  let o = keyObjects.get(k)
  if (o === undefined) {
    o = createPublicKey({ key: Buffer.concat([SPKI_PREFIX, pub]), format: 'der', type: 'spki' })
    keyObjects.set(k, o)
  }
  return o
}

/** Fast backend: OpenSSL through node:crypto with cached KeyObjects, behind the same pre-checks. */
export function verifyNode (pub: Uint8Array, msg: Uint8Array, sig: Uint8Array): boolean {
  try {
    if (preCheck(pub, sig) === undefined || !(msg instanceof Uint8Array)) return false
    return nodeVerify(null, msg, publicKeyObject(pub), sig)
  } catch {
    return false
  }
}

export const backends: Record<'noble' | 'node', VerifyFn> = { noble: verifyNoble, node: verifyNode }

/** THE cluster verification rule (fast backend). Never throws. */
export const verify: VerifyFn = verifyNode

export function keyPairFromSeed (seed: Uint8Array): KeyPair {
  if (seed.byteLength !== SEED_BYTES) throw new RangeError(`an ed25519 seed is ${SEED_BYTES} bytes, got ${seed.byteLength}`)
  return { seed: new Uint8Array(seed), publicKey: createSigner(seed).publicKey }
}

export function generateKeyPair (): KeyPair {
  return keyPairFromSeed(new Uint8Array(randomBytes(SEED_BYTES)))
}

/** A signer with a cached OpenSSL key; signatures equal @noble/ed25519's (ed25519 is deterministic). */
export function createSigner (seed: Uint8Array): Signer {
  if (seed.byteLength !== SEED_BYTES) throw new RangeError(`an ed25519 seed is ${SEED_BYTES} bytes, got ${seed.byteLength}`)
  const key = createPrivateKey({ key: Buffer.concat([PKCS8_PREFIX, seed]), format: 'der', type: 'pkcs8' })
  const spki = createPublicKey(key).export({ format: 'der', type: 'spki' })
  const publicKey = new Uint8Array(spki.subarray(SPKI_PREFIX.byteLength))
  return { publicKey, sign: (message: Uint8Array) => new Uint8Array(nodeSign(null, message, key)) }
}

/** Reference signing with @noble/ed25519 (tests compare it with the fast signer). */
export function signNoble (seed: Uint8Array, message: Uint8Array): Uint8Array {
  return ed.sign(message, seed)
}
