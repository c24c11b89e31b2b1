// Receipts verify offline with genesis alone, and tampering with any byte of one fails with a
// message naming the part it is in (docs/receipts.md). The receipt comes from the SDK against
// in-process replicas.
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { Client } from '../../src/client/client.js'
import { encodeReceipt, type Receipt } from '../../src/codec/index.js'
import { createSigner, verify } from '../../src/crypto/ed25519.js'
import { verifyReceipt } from '../../src/ledger/receipt.js'
import { accountSeed, InProcessCluster, testGenesis } from '../client/in-process.js'

let cluster: InProcessCluster
let receipts: Receipt[] = []

beforeAll(async () => {
  cluster = await InProcessCluster.start(testGenesis(4))
  const client = new Client({ chainId: cluster.genesis.chainId, replicaKeys: cluster.genesis.replicas.map(r => r.publicKey), seed: accountSeed(0), transport: cluster.transport(), verify })
  // Several in flight: some share a block, so some proofs have siblings on both sides.
  const to = createSigner(accountSeed(1)).publicKey
  receipts = (await Promise.all([...Array(6).keys()].map(async k => await client.transfer(to, BigInt(k + 1))))).map(p => p.receipt)
  await client.close()
})
afterAll(() => { cluster.stop() })

/** Top-level parts of a canonical receipt and the byte ranges they occupy, tag and length included. */
function parts (bytes: Uint8Array): Array<{ name: string, start: number, end: number }> {
  const out: Array<{ name: string, start: number, end: number }> = []
  const names = ['tx', 'header', 'proof']
  let pos = 0
  while (pos < bytes.byteLength) {
    const start = pos
    pos++ // one-byte tags (fields 1..4)
    let len = 0
    for (let shift = 0; ; shift += 7) { const b = bytes[pos++]!; len += (b & 0x7f) * 2 ** shift; if ((b & 0x80) === 0) break }
    pos += len
    out.push({ name: names[out.length] ?? `attestations[${out.length - 3}]`, start, end: pos })
  }
  return out
}

describe('receipts', () => {
  it('each receipt from the SDK verifies offline with genesis alone, and says what it proves', () => {
    for (const r of receipts) {
      const report = verifyReceipt(encodeReceipt(r), cluster.genesis)
      expect(report).toMatchObject({ ok: true, height: r.header.height, index: r.proof.index, code: 0 })
    }
    expect(new Set(receipts.map(r => r.header.height)).size).toBeLessThan(receipts.length)
  })

  it('tampering with any byte of a receipt fails, with a message naming the part the byte is in', () => {
    const r = receipts.reduce((a, b) => (b.proof.txSiblings.length > a.proof.txSiblings.length ? b : a))
    expect(r.proof.txSiblings.length).toBeGreaterThan(0)
    const bytes = encodeReceipt(r)
    const layout = parts(bytes)
    expect(layout.map(p => p.name)).toEqual(['tx', 'header', 'proof', 'attestations[0]', 'attestations[1]'])
    const misses: string[] = []
    for (let i = 0; i < bytes.byteLength; i++) {
      const part = layout.find(p => i >= p.start && i < p.end)!
      for (const mask of [0x01, 0x80, 0xff]) {
        const bad = new Uint8Array(bytes)
        bad[i]! ^= mask
        const v = verifyReceipt(bad, cluster.genesis)
        const message = v.ok ? 'OK' : `${v.part}: ${v.reason}`
        if (v.ok || !message.includes(part.name)) misses.push(`byte ${i} (${part.name}) ^ 0x${mask.toString(16)}: ${message}`)
      }
    }
    expect(misses).toEqual([])
  })

  it('names the part for each kind of lie: another result, a missing attestation, a wrong chain, a forged signature', () => {
    const r = receipts[0]!
    const g = cluster.genesis
    const fail = (x: Receipt): string => { const v = verifyReceipt(x, g); return v.ok ? 'OK' : `${v.part}: ${v.reason}` }
    expect(fail({ ...r, proof: { ...r.proof, result: { code: 1, log: 'ok' } } })).toMatch(/^proof\.result: /)
    expect(fail({ ...r, attestations: r.attestations.slice(0, 1) })).toMatch(/^attestations: 1 from distinct replicas; a receipt needs f\+1 = 2/)
    expect(fail({ ...r, attestations: [r.attestations[0]!, r.attestations[0]!] })).toMatch(/^attestations\[1\]\.replica: replica \d attests twice/)
    expect(fail({ ...r, tx: { ...r.tx, nonce: r.tx.nonce + 1 } })).toMatch(/^tx\.signature: /)
    expect(fail({ ...r, header: { ...r.header, stateRoot: new Uint8Array(32) } })).toMatch(/^header: does not hash to the block hash the replicas signed/)
    expect(fail({ ...r, proof: { ...r.proof, index: r.header.txCount } })).toMatch(/^proof\.index: /)
    expect(verifyReceipt(r, { ...g, chainId: 'other' })).toMatchObject({ ok: false, part: 'attestations[0].chainId' })
    // A replica outside genesis, and one whose signature does not verify.
    expect(fail({ ...r, attestations: [{ ...r.attestations[0]!, replica: 9 }, r.attestations[1]!] })).toMatch(/^attestations\[0\]\.replica: no replica 9/)
    const sig = new Uint8Array(r.attestations[1]!.signature)
    sig[5]! ^= 4
    expect(fail({ ...r, attestations: [r.attestations[0]!, { ...r.attestations[1]!, signature: sig }] })).toMatch(/^attestations\[1\]\.signature: invalid signature of replica \d/)
  })

  it('a receipt with more attestations than f+1 verifies when all are valid; bytes beyond the limit are refused', () => {
    const r = receipts[0]!
    expect(verifyReceipt(new Uint8Array(40 * 1024), cluster.genesis)).toMatchObject({ ok: false, part: '(receipt)' })
    expect(verifyReceipt(new Uint8Array(0), cluster.genesis)).toMatchObject({ ok: false, part: 'tx' })
    expect(verifyReceipt(r, cluster.genesis)).toMatchObject({ ok: true, signers: r.attestations.map(a => a.replica) })
  })
})
