// Key files: a 32-byte ed25519 seed as 64 lowercase hex characters and a newline, mode 0600.
// The same seed is a replica's signing key and its libp2p identity.
import { closeSync, fsyncSync, openSync, readFileSync, statSync, writeSync, constants } from 'node:fs'
import { generateKeyPairFromSeed, publicKeyFromRaw } from '@libp2p/crypto/keys'
import { peerIdFromPrivateKey, peerIdFromPublicKey, peerIdFromString } from '@libp2p/peer-id'
import { keyPairFromSeed, SEED_BYTES, type KeyPair } from './ed25519.js'
import { KeyFileError } from './errors.js'
import { toHex } from './hash.js'

export function writeKeyFile (path: string, seed: Uint8Array, opts: { overwrite?: boolean } = {}): void {
  if (seed.byteLength !== SEED_BYTES) throw new RangeError(`an ed25519 seed is ${SEED_BYTES} bytes, got ${seed.byteLength}`)
  const flags = constants.O_WRONLY | constants.O_CREAT | (opts.overwrite === true ? constants.O_TRUNC : constants.O_EXCL)
  let fd: number
  try {
    fd = openSync(path, flags, 0o600)
  } catch (err) {
    const code = (err as NodeJS.ErrnoException).code
    if (code === 'EEXIST') throw new KeyFileError(path, 'EXISTS', 'already exists (refusing to overwrite a key)')
    throw new KeyFileError(path, 'IO', (err as Error).message)
  }
  try {
    writeSync(fd, `${toHex(seed)}\n`)
    fsyncSync(fd)
  } finally {
    closeSync(fd)
  }
}

export function loadKeyFile (path: string): KeyPair {
  let mode: number
  try {
    mode = statSync(path).mode
  } catch (err) {
    const code = (err as NodeJS.ErrnoException).code
    throw new KeyFileError(path, code === 'ENOENT' ? 'NOT_FOUND' : 'IO', code === 'ENOENT' ? 'does not exist' : (err as Error).message)
  }
  if ((mode & 0o077) !== 0) {
    throw new KeyFileError(path, 'PERMISSIONS', `is readable by group or others (mode ${(mode & 0o777).toString(8)}); run: chmod 600 ${path}`)
  }
  const text = readFileSync(path, 'utf8').trim()
  if (!/^[0-9a-fA-F]*$/.test(text)) throw new KeyFileError(path, 'MALFORMED', 'is not hex (expected 64 hex characters)')
  if (text.length < SEED_BYTES * 2) throw new KeyFileError(path, 'TRUNCATED', `holds ${text.length} hex characters, expected ${SEED_BYTES * 2}`)
  if (text.length > SEED_BYTES * 2) throw new KeyFileError(path, 'MALFORMED', `holds ${text.length} hex characters, expected ${SEED_BYTES * 2}`)
  return keyPairFromSeed(new Uint8Array(Buffer.from(text, 'hex')))
}

/** The libp2p peer id of the identity derived from the same seed. */
export async function peerIdFromSeed (seed: Uint8Array): Promise<string> {
  const key = await generateKeyPairFromSeed('Ed25519', seed)
  return peerIdFromPrivateKey(key).toString()
}

/** The libp2p peer id of an ed25519 public key: what another operator's genesis entry needs, without the seed. */
export function peerIdOfPublicKey (publicKey: Uint8Array): string {
  if (publicKey.byteLength !== 32) throw new TypeError(`an ed25519 public key is 32 bytes, got ${publicKey.byteLength}`)
  return peerIdFromPublicKey(publicKeyFromRaw(publicKey)).toString()
}

/** The ed25519 public key embedded in an Ed25519 peer id. */
export function publicKeyFromPeerId (peerId: string): Uint8Array {
  const id = peerIdFromString(peerId)
  if (id.type !== 'Ed25519' || id.publicKey === undefined) throw new TypeError(`${peerId} is not an Ed25519 peer id`)
  return id.publicKey.raw
}
