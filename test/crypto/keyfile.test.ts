import { chmodSync, mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, describe, expect, it } from 'vitest'
import { KeyFileError, keyPairFromSeed, loadKeyFile, peerIdFromSeed, publicKeyFromPeerId, writeKeyFile } from '../../src/crypto/index.js'

const dir = mkdtempSync(join(tmpdir(), 'pbft-keys-'))
afterAll(() => { rmSync(dir, { recursive: true, force: true }) })
const seed = new Uint8Array(32).fill(7)

function codeOf (fn: () => unknown): string | undefined {
  try { fn() } catch (err) { return err instanceof KeyFileError ? err.code : `not a KeyFileError: ${String(err)}` }
  return undefined
}

describe('key files', () => {
  it('are written with mode 0600 and load back to the same key pair', () => {
    const p = join(dir, 'a.key')
    writeKeyFile(p, seed)
    expect(statSync(p).mode & 0o777).toBe(0o600)
    expect(readFileSync(p, 'utf8')).toMatch(/^[0-9a-f]{64}\n$/)
    expect(loadKeyFile(p).publicKey).toEqual(keyPairFromSeed(seed).publicKey)
  })

  it('refuses to overwrite an existing key unless asked', () => {
    const p = join(dir, 'b.key')
    writeKeyFile(p, seed)
    expect(codeOf(() => { writeKeyFile(p, seed) })).toBe('EXISTS')
    writeKeyFile(p, new Uint8Array(32).fill(8), { overwrite: true })
    expect(loadKeyFile(p).seed).toEqual(new Uint8Array(32).fill(8))
  })

  it.each([
    ['group-readable', (p: string) => { writeFileSync(p, `${'ab'.repeat(32)}\n`); chmodSync(p, 0o640) }, 'PERMISSIONS'],
    ['world-readable', (p: string) => { writeFileSync(p, `${'ab'.repeat(32)}\n`); chmodSync(p, 0o604) }, 'PERMISSIONS'],
    ['truncated', (p: string) => { writeFileSync(p, 'abcd\n', { mode: 0o600 }) }, 'TRUNCATED'],
    ['not hex', (p: string) => { writeFileSync(p, `${'zz'.repeat(32)}\n`, { mode: 0o600 }) }, 'MALFORMED'],
    ['too long', (p: string) => { writeFileSync(p, `${'ab'.repeat(40)}\n`, { mode: 0o600 }) }, 'MALFORMED']
  ])('a %s key file is refused with a message naming the file', (name, make, code) => {
    const p = join(dir, `${name.replace(/\W/g, '-')}.key`)
    make(p)
    expect(codeOf(() => loadKeyFile(p))).toBe(code)
    expect(() => loadKeyFile(p)).toThrow(p)
  })

  it('a missing key file is NOT_FOUND', () => {
    expect(codeOf(() => loadKeyFile(join(dir, 'nope.key')))).toBe('NOT_FOUND')
  })

  it('the libp2p peer id embeds the same ed25519 public key', async () => {
    const id = await peerIdFromSeed(seed)
    expect(id).toMatch(/^12D3KooW/)
    expect(publicKeyFromPeerId(id)).toEqual(keyPairFromSeed(seed).publicKey)
  })
})
