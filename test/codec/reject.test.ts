// Untrusted bytes: typed errors naming the field, limits enforced before or during decoding,
// and nothing ever thrown past the codec boundary.
import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import {
  decodeAdminCommand, decodeBlock, decodeClientFrame, decodeEvidence, decodeReceipt, decodeReplicaFrame, decodeTransaction, decodeTxReply,
  encodeReplicaMessage, limits, pb, type Decoded
} from '../../src/codec/index.js'

const vote = { chainId: 'c', view: 1, seq: 2, digest: new Uint8Array(32), replica: 1, signature: new Uint8Array(64) }
const fieldOf = (d: Decoded<unknown>): string | undefined => d.ok ? undefined : (d.error as { field?: string }).field ?? d.error.name

describe('codec rejects bad input with a typed error naming the field', () => {
  it.each([
    ['a short digest', pb.ReplicaFrame.encode({ prepare: { ...vote, digest: new Uint8Array(31) }, batches: [] }), 'prepare.digest'],
    ['a short signature', pb.ReplicaFrame.encode({ commit: { ...vote, signature: new Uint8Array(10) }, batches: [] }), 'commit.signature'],
    ['an empty chain id', pb.ReplicaFrame.encode({ prepare: { ...vote, chainId: '' }, batches: [] }), 'prepare.chainId'],
    ['a replica id out of range', pb.ReplicaFrame.encode({ prepare: { ...vote, replica: 64 }, batches: [] }), 'prepare.replica'],
    ['two messages in one frame', pb.ReplicaFrame.encode({ prepare: vote, commit: vote, batches: [] }), 'frame'],
    ['no message', pb.ReplicaFrame.encode({ batches: [] }), 'prePrepare'.length > 0 ? 'frame' : ''],
    ['a pre-prepare without its batch', pb.ReplicaFrame.encode({ prePrepare: vote, batches: [] }), 'batches'],
    ['batches on a prepare', encodeReplicaMessage({ type: 'prepare', prepare: vote }).length > 0 ? pb.ReplicaFrame.encode({ prepare: vote, batches: [{ proposal: { chainId: 'c', seq: 1, view: 0, timestampMs: 0, proposer: 0, txRoot: new Uint8Array(32), txCount: 0, evidenceRoot: new Uint8Array(32), evidenceCount: 0 }, txs: [], evidence: [] }] }) : new Uint8Array(0), 'batches']
  ])('%s', (_name, bytes, field) => {
    expect(fieldOf(decodeReplicaFrame(bytes))).toBe(field)
  })

  it('an oversized frame is refused before decoding', () => {
    const d = decodeReplicaFrame(new Uint8Array(limits.FRAME_BYTES_MAX + 1))
    expect(d.ok).toBe(false)
    if (!d.ok) expect(d.error.name).toBe('FrameTooLargeError')
    const t = decodeTransaction(new Uint8Array(limits.TX_BYTES_MAX + 1))
    expect(!t.ok && t.error.name).toBe('FrameTooLargeError')
  })

  it('too many transactions in a batch fail during decoding (count limit)', () => {
    const tx = pb.Transaction.encode({ chainId: 'c', client: new Uint8Array(32), nonce: 1, payload: new Uint8Array(0), signature: new Uint8Array(64) })
    // hand-build a Batch with BATCH_TXS_MAX + 1 txs: field 2, length-delimited
    const one = new Uint8Array([0x12, tx.byteLength, ...tx])
    const many = new Uint8Array(one.byteLength * (limits.BATCH_TXS_MAX + 1))
    for (let i = 0; i <= limits.BATCH_TXS_MAX; i++) many.set(one, i * one.byteLength)
    const frame = new Uint8Array([0x0a, ...pb.PrePrepare.encode(vote).subarray(0, 0), ...encodeLen(pb.PrePrepare.encode(vote)), 0x52, ...varint(many.byteLength), ...many])
    const d = decodeReplicaFrame(frame)
    expect(d.ok).toBe(false)
    if (!d.ok) expect(d.error.name).toBe('DecodeError')
  })

  it('a truncated varint and a wrong wire type are decode errors, not exceptions', () => {
    expect(decodeReplicaFrame(new Uint8Array([0x12, 0xff])).ok).toBe(false)
    expect(decodeReplicaFrame(new Uint8Array([0x17, 0x01, 0x02])).ok).toBe(false)
  })
})

function varint (n: number): number[] {
  const out: number[] = []
  while (n >= 0x80) { out.push((n & 0x7f) | 0x80); n = Math.floor(n / 128) }
  out.push(n)
  return out
}
function encodeLen (b: Uint8Array): number[] { return [...varint(b.byteLength), ...b] }

const decoders = { decodeReplicaFrame, decodeClientFrame, decodeTransaction, decodeBlock, decodeEvidence, decodeAdminCommand, decodeTxReply, decodeReceipt }

describe('fuzz: random and mutated bytes never throw past the codec', () => {
  const seedFrames = [
    encodeReplicaMessage({ type: 'prepare', prepare: vote }),
    encodeReplicaMessage({ type: 'checkpoint', checkpoint: { chainId: 'c', seq: 4, blockHash: new Uint8Array(32), replica: 2, signature: new Uint8Array(64) } }),
    pb.Transaction.encode({ chainId: 'c', client: new Uint8Array(32), nonce: 3, payload: new Uint8Array(5), signature: new Uint8Array(64) }),
    pb.Receipt.encode({
      tx: { chainId: 'c', client: new Uint8Array(32), nonce: 3, payload: new Uint8Array(5), signature: new Uint8Array(64) },
      header: { chainId: 'c', height: 2, view: 0, prevHash: new Uint8Array(32), txRoot: new Uint8Array(32), stateRoot: new Uint8Array(32), resultsRoot: new Uint8Array(32), timestampMs: 1, proposer: 0, evidenceRoot: new Uint8Array(32), txCount: 2, evidenceCount: 0 },
      proof: { index: 1, result: { code: 0, log: 'ok' }, txSiblings: [new Uint8Array(32)], resultSiblings: [new Uint8Array(32)] },
      attestations: [{ chainId: 'c', view: 0, height: 2, blockHash: new Uint8Array(32), replica: 1, signature: new Uint8Array(64) }]
    })
  ]
  for (const [name, decode] of Object.entries(decoders)) {
    it(`${name}: 1,500 random and mutated inputs`, () => {
      fc.assert(fc.property(fc.oneof(
        fc.uint8Array({ maxLength: 300 }),
        fc.tuple(fc.constantFrom(...seedFrames), fc.nat(), fc.nat(255)).map(([f, i, v]) => { const c = new Uint8Array(f); c[i % c.length] = v; return c }),
        fc.tuple(fc.constantFrom(...seedFrames), fc.nat()).map(([f, i]) => f.subarray(0, i % f.length))
      ), bytes => {
        const d = decode(bytes)
        expect(typeof d.ok).toBe('boolean')
      }), { numRuns: 1500 })
    })
  }
})
