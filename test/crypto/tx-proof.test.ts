// Proofs that a transaction got a result in a block, and the attestations they rest on
// (src/crypto/tx-proof.ts, docs/receipts.md).
import { describe, expect, it } from 'vitest'
import { pb, signingBytes, type BlockAttestation, type BlockHeader, type Transaction, type TxResult } from '../../src/codec/index.js'
import { blockHash, resultsRoot, txRoot } from '../../src/crypto/digests.js'
import { createSigner, verify } from '../../src/crypto/ed25519.js'
import { verifyMerkleProof } from '../../src/crypto/merkle.js'
import { ATTESTATION_MEMO_MAX, AttestationMemo, attestationProblem, blockProofs, headerProblem, txProofProblem } from '../../src/crypto/tx-proof.js'

const client = createSigner(new Uint8Array(32).fill(3))
function tx (nonce: number): Transaction {
  const t: Transaction = { chainId: 'c', client: client.publicKey, nonce, payload: pb.Transfer.encode({ to: new Uint8Array(32), amount: 1n }), signature: new Uint8Array(0) }
  return { ...t, signature: client.sign(signingBytes('transaction', t)) }
}
const result = (i: number): TxResult => ({ code: i % 3, log: `r${i}` })

function block (n: number): { txs: Transaction[], results: TxResult[], header: BlockHeader } {
  const txs = [...Array(n).keys()].map(i => tx(i + 1))
  const results = txs.map((_, i) => result(i))
  const d = new Uint8Array(32)
  const header: BlockHeader = { chainId: 'c', height: 7, view: 0, prevHash: d, txRoot: txRoot(txs), stateRoot: d, resultsRoot: resultsRoot(results), timestampMs: 1, proposer: 0, evidenceRoot: d, txCount: n, evidenceCount: 0 }
  return { txs, results, header }
}

describe('per-transaction proofs', () => {
  it('the trees of a block have the header\'s roots, and every index proves its transaction and result (1..33 transactions)', () => {
    for (let n = 1; n <= 33; n++) {
      const { txs, results, header } = block(n)
      const p = blockProofs(txs, results)
      expect(Buffer.from(p.txRoot)).toEqual(Buffer.from(header.txRoot))
      expect(Buffer.from(p.resultsRoot)).toEqual(Buffer.from(header.resultsRoot))
      for (let i = 0; i < n; i++) {
        const proof = p.proof(i)
        expect(proof.txSiblings.length).toBeLessThanOrEqual(Math.ceil(Math.log2(n)))
        expect(txProofProblem(header, txs[i]!, proof)).toBeUndefined()
      }
    }
  })

  it('a changed sibling, result, index or transaction fails and says which', () => {
    const { txs, results, header } = block(11)
    const p = blockProofs(txs, results)
    for (let i = 0; i < 11; i++) {
      const proof = p.proof(i)
      proof.txSiblings.forEach((_, k) => {
        const sib = proof.txSiblings.map((s, j) => j === k ? s.map((b, x) => x === 0 ? b ^ 1 : b) : s)
        expect(txProofProblem(header, txs[i]!, { ...proof, txSiblings: sib })?.[0]).toBe('proof.txSiblings')
      })
      proof.resultSiblings.forEach((_, k) => {
        const sib = proof.resultSiblings.map((s, j) => j === k ? new Uint8Array(32) : s)
        expect(txProofProblem(header, txs[i]!, { ...proof, resultSiblings: sib })?.[0]).toBe('proof.result')
      })
      expect(txProofProblem(header, txs[i]!, { ...proof, result: { ...proof.result, code: proof.result.code + 1 } })?.[0]).toBe('proof.result')
      expect(txProofProblem(header, txs[(i + 1) % 11]!, proof)?.[0]).toBe('proof.txSiblings')
      expect(txProofProblem(header, txs[i]!, { ...proof, index: (i + 1) % 11 })?.[0]).toBe('proof.index')
      expect(txProofProblem(header, txs[i]!, { ...proof, index: 11 })?.[0]).toBe('proof.index')
    }
  })

  it('the tree shape comes from the header\'s txCount: a proof that is valid for another count is refused', () => {
    // With the odd-node rule, leaf 2 of 3 also proves as leaf 1 of 2 (same root): a verifier that
    // took the count from the prover would place the transaction at the wrong index.
    const { txs, results, header } = block(3)
    const leaves = txs.map(t => pb.Transaction.encode(t))
    const p = blockProofs(txs, results).proof(2)
    expect(verifyMerkleProof(header.txRoot, leaves[2]!, { index: 1, count: 2, siblings: p.txSiblings })).toBe(true)
    expect(txProofProblem(header, txs[2]!, { ...p, index: 1 })).toBeDefined()
  })
})

describe('attestations', () => {
  const replicas = [0, 1, 2, 3].map(i => createSigner(new Uint8Array(32).fill(60 + i)))
  const keys = replicas.map(r => r.publicKey)
  const { header } = block(4)
  const attest = (i: number, over: Partial<BlockAttestation> = {}): BlockAttestation => {
    const a: BlockAttestation = { chainId: 'c', view: 2, height: header.height, blockHash: blockHash(header), replica: i, signature: new Uint8Array(0), ...over }
    return { ...a, signature: replicas[i]!.sign(signingBytes('blockAttestation', a)) }
  }

  it('an attestation is valid only from its replica, for this chain; the header must hash to what it signs', () => {
    expect(attestationProblem(keys, 'c', attest(1), verify)).toBeUndefined()
    expect(attestationProblem(keys, 'other', attest(1), verify)?.[0]).toBe('chainId')
    expect(attestationProblem(keys, 'c', { ...attest(1), replica: 2 }, verify)?.[0]).toBe('signature')
    expect(attestationProblem(keys, 'c', { ...attest(1), replica: 7 }, verify)?.[0]).toBe('replica')
    expect(attestationProblem(keys, 'c', { ...attest(1), view: 3 }, verify)?.[0]).toBe('signature')
    expect(headerProblem(header, attest(1))).toBeUndefined()
    expect(headerProblem({ ...header, stateRoot: new Uint8Array(32).fill(1) }, attest(1))?.[0]).toBe('(hash)')
    expect(headerProblem({ ...header, height: 8 }, attest(1))?.[0]).toBe('height')
  })

  it('the memo verifies each attestation once, remembers refusals too, and stays bounded', () => {
    let calls = 0
    const memo = new AttestationMemo(keys, 'c', (k, m, s) => { calls++; return verify(k, m, s) })
    for (let k = 0; k < 10; k++) for (let i = 0; i < 4; i++) expect(memo.valid(attest(i))).toBe(true)
    expect(calls).toBe(4)
    const forged = { ...attest(0), replica: 1 }
    expect(memo.valid(forged)).toBe(false)
    expect(memo.valid(forged)).toBe(false)
    expect(calls).toBe(5)
    for (let h = 0; h < ATTESTATION_MEMO_MAX + 10; h++) memo.valid({ ...forged, height: h + 100 })
    expect((memo as unknown as { verdicts: Map<string, boolean> }).verdicts.size).toBe(ATTESTATION_MEMO_MAX)
  })
})
