// Every message type round-trips through the codec, encodes canonically, and signs over
// domain-separated bytes that ignore the signature field.
import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import {
  decodeAdminCommand, decodeBlock, decodeClientFrame, decodeEvidence, decodeReceipt, decodeReplicaFrame, decodeTransaction, decodeTxReply,
  encodeReplicaMessage, pb, signingBytes, type ReplicaMessage
} from '../../src/codec/index.js'

const b = (n: number) => fc.uint8Array({ minLength: n, maxLength: n })
const u = fc.nat({ max: 2 ** 40 })
const chainId = fc.string({ minLength: 1, maxLength: 20 })
const replica = fc.nat(63)
const tx = fc.record({ chainId, client: b(32), nonce: u, payload: fc.uint8Array({ maxLength: 64 }), signature: b(64) })
const vote = fc.record({ chainId, view: u, seq: u, digest: b(32), replica, signature: b(64) })
const checkpoint = fc.record({ chainId, seq: u, blockHash: b(32), replica, signature: b(64) })
const batch = fc.array(tx, { maxLength: 3 }).chain(txs => fc.record({
  proposal: fc.record({ chainId, seq: u, view: u, timestampMs: u, proposer: replica, txRoot: b(32), txCount: fc.constant(txs.length), evidenceRoot: b(32), evidenceCount: fc.constant(0) }),
  txs: fc.constant(txs), evidence: fc.constant([])
}))
const viewChange = fc.record({ chainId, newView: u, stableSeq: u, checkpointProof: fc.array(checkpoint, { maxLength: 3 }), prepared: fc.array(fc.record({ prePrepare: vote, prepares: fc.array(vote, { maxLength: 3 }) }), { maxLength: 2 }), replica, signature: b(64) })
const header = fc.record({ chainId, height: u, view: u, prevHash: b(32), txRoot: b(32), stateRoot: b(32), resultsRoot: b(32), timestampMs: u, proposer: replica, evidenceRoot: b(32), txCount: fc.constant(0), evidenceCount: fc.constant(0) })
const block = fc.record({ header, txs: fc.constant<pb.Transaction[]>([]), results: fc.constant<pb.TxResult[]>([]), cert: fc.record({ commits: fc.array(vote, { maxLength: 4 }) }), evidence: fc.constant<pb.Evidence[]>([]) })

const message = fc.oneof(
  fc.record({ type: fc.constant('pre-prepare' as const), prePrepare: vote, batch }),
  fc.record({ type: fc.constant('prepare' as const), prepare: vote }),
  fc.record({ type: fc.constant('commit' as const), commit: vote }),
  fc.record({ type: fc.constant('checkpoint' as const), checkpoint }),
  fc.record({ type: fc.constant('view-change' as const), viewChange, batches: fc.array(batch, { maxLength: 2 }) }),
  fc.record({ type: fc.constant('new-view' as const), newView: fc.record({ chainId, view: u, viewChanges: fc.array(viewChange, { maxLength: 2 }), prePrepares: fc.array(vote, { maxLength: 2 }), replica, signature: b(64) }), batches: fc.array(batch, { maxLength: 2 }) }),
  fc.record({ type: fc.constant('state-request' as const), stateRequest: fc.record({ chainId, fromHeight: u, toHeight: fc.constant(2 ** 41), replica }) }),
  fc.record({ type: fc.constant('state-response' as const), stateResponse: fc.record({ chainId, blocks: fc.array(block, { maxLength: 2 }), replica, headHeight: u, prunedBelow: u }) }),
  fc.record({ type: fc.constant('request' as const), request: tx })
) as unknown as fc.Arbitrary<ReplicaMessage>

const norm = (x: unknown): unknown => JSON.parse(JSON.stringify(x, (_, v) => v instanceof Uint8Array ? Buffer.from(v).toString('hex') : typeof v === 'bigint' ? v.toString() : v))

describe('codec round trips', () => {
  it('every replica message: encode -> decode is the identity, and re-encoding is canonical', () => {
    fc.assert(fc.property(message, m => {
      const bytes = encodeReplicaMessage(m)
      const d = decodeReplicaFrame(bytes)
      expect(d.ok).toBe(true)
      if (!d.ok) return
      expect(norm(d.value)).toEqual(norm(m))
      expect(Buffer.from(encodeReplicaMessage(d.value))).toEqual(Buffer.from(bytes))
    }), { numRuns: 300 })
  })

  it('transactions, replies, client frames, blocks, evidence and admin commands round-trip', () => {
    fc.assert(fc.property(tx, t => { const d = decodeTransaction(pb.Transaction.encode(t)); expect(d.ok && norm(d.value)).toEqual(norm(t)) }), { numRuns: 100 })
    fc.assert(fc.property(tx, t => { const d = decodeClientFrame(pb.ClientFrame.encode({ request: t })); expect(d.ok && norm(d.value.request)).toEqual(norm(t)) }), { numRuns: 50 })
    fc.assert(fc.property(block, bl => { const d = decodeBlock(pb.Block.encode(bl)); expect(d.ok && norm(d.value)).toEqual(norm(bl)) }), { numRuns: 100 })
    const attestation = fc.record({ chainId, view: u, height: u, blockHash: b(32), replica, signature: b(64) })
    const proof = fc.record({ index: fc.nat(100), result: fc.record({ code: fc.nat(9), log: fc.string({ maxLength: 30 }) }), txSiblings: fc.array(b(32), { maxLength: 11 }), resultSiblings: fc.array(b(32), { maxLength: 11 }) })
    const txReply = fc.record({ txId: b(32), attestation, header, proof })
    fc.assert(fc.property(txReply, r => { const d = decodeTxReply(pb.TxReply.encode(r)); expect(d.ok && norm(d.value)).toEqual(norm(r)) }), { numRuns: 100 })
    fc.assert(fc.property(txReply, r => { const d = decodeClientFrame(pb.ClientFrame.encode({ txReply: r })); expect(d.ok && norm(d.value.txReply)).toEqual(norm(r)) }), { numRuns: 50 })
    const receipt = fc.record({ tx, header, proof, attestations: fc.array(attestation, { minLength: 1, maxLength: 7 }) })
    fc.assert(fc.property(receipt, r => {
      const bytes = pb.Receipt.encode(r)
      const d = decodeReceipt(bytes)
      expect(d.ok && norm(d.value)).toEqual(norm(r))
      if (d.ok) expect(Buffer.from(pb.Receipt.encode(d.value))).toEqual(Buffer.from(bytes))
    }), { numRuns: 100 })
    const evidence = fc.record({ accused: replica, kind: fc.string({ maxLength: 30 }), messages: fc.array(fc.uint8Array({ maxLength: 100 }), { maxLength: 2 }) })
    fc.assert(fc.property(evidence, e => { const d = decodeEvidence(pb.Evidence.encode(e)); expect(d.ok && norm(d.value)).toEqual(norm(e)) }), { numRuns: 100 })
    const admin = fc.record({ chainId, replica, nonce: u, action: fc.constantFrom('set', 'clear'), modes: fc.array(fc.string({ maxLength: 20 }), { maxLength: 3 }), targets: fc.array(replica, { maxLength: 3 }), fromHeight: u, signature: b(64) })
    fc.assert(fc.property(admin, a => { const d = decodeAdminCommand(pb.AdminCommand.encode(a)); expect(d.ok && norm(d.value)).toEqual(norm(a)) }), { numRuns: 100 })
  })

  it('transfer amounts round-trip over the whole uint64 range, written as the plain varint of the value', () => {
    // protons-runtime 7.1.2 wrote amounts in [2^31, 2^32) as garbage (see src/codec/protons-fix.ts).
    const varint = (v: bigint): number[] => { const out: number[] = []; do { out.push(Number(v & 0x7fn) | (v > 0x7fn ? 0x80 : 0)); v >>= 7n } while (v > 0n); return out }
    const check = (amount: bigint): void => {
      const bytes = pb.Transfer.encode({ to: new Uint8Array(32).fill(1), amount })
      expect(pb.Transfer.decode(bytes).amount).toBe(amount)
      if (amount > 0n) expect([...bytes.subarray(34)]).toEqual([0x10, ...varint(amount)])
    }
    for (const a of [0n, 1n, 2n ** 31n - 1n, 2n ** 31n, 3_000_000_000n, 2n ** 32n - 1n, 2n ** 32n, 2n ** 53n - 1n, 2n ** 53n, 2n ** 63n, 2n ** 64n - 1n]) check(a)
    fc.assert(fc.property(fc.bigInt({ min: 0n, max: 2n ** 64n - 1n }), a => { check(a) }), { numRuns: 2000 })
  })

  it('signing bytes ignore the signature and are domain-separated by kind', () => {
    fc.assert(fc.property(vote, b(64), (v, sig) => {
      expect(signingBytes('prepare', v)).toEqual(signingBytes('prepare', { ...v, signature: sig }))
      expect(Buffer.from(signingBytes('prepare', v))).not.toEqual(Buffer.from(signingBytes('commit', v)))
    }), { numRuns: 100 })
  })
})
