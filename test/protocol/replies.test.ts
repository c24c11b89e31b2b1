// PBFT §4.1 replies, one signature per block (issue #12 item 4): every replica signs one
// attestation per executed block, answers each transaction with it, the header and a proof,
// and answers a retransmission of an executed transaction from its cache.
import { describe, expect, it } from 'vitest'
import { blockHash } from '../../src/crypto/digests.js'
import { createSigner, verify } from '../../src/crypto/ed25519.js'
import { toHex } from '../../src/crypto/hash.js'
import { txProofProblem } from '../../src/crypto/tx-proof.js'
import { Replica } from '../../src/protocol/replica.js'
import type { Action } from '../../src/protocol/types.js'
import { config, seedOf, TestCluster, tx } from './helpers.js'

type ReplyAction = Extract<Action, { type: 'reply' }>
const replies = (c: TestCluster, i: number): ReplyAction[] => c.replies[i]! as ReplyAction[]

describe('§4.1 replies: one attestation per block, a proof per transaction', () => {
  it('a replica signs once per executed block, however many transactions it holds', () => {
    const c = new TestCluster(4, { batchTxsMax: 16 })
    let signs = 0
    c.replicas = c.replicas.map((_, i) => {
      const signer = createSigner(seedOf(i))
      return new Replica(config(4, i, { batchTxsMax: 16 }), { sign: m => { if (new TextDecoder().decode(m.subarray(0, 32)).includes('block-attestation')) signs++; return signer.sign(m) }, verify })
    })
    c.tick(1)
    // The first request is proposed at once (idle pipeline); the others arrive while it is in
    // flight and wait for the batch timeout: two blocks, of 1 and 8 transactions.
    for (let k = 1; k <= 9; k++) c.step(0, { type: 'request', tx: tx(1, k) })
    c.run()
    c.tick(10)
    const heights = c.executed[0]!.filter(e => e.txs > 0)
    expect(heights.map(e => e.txs)).toEqual([1, 8])
    expect(signs).toBe(4 * 2) // 4 replicas x 2 blocks, for 9 replies each
    for (let i = 0; i < 4; i++) expect(replies(c, i)).toHaveLength(9)
  })

  it('every reply carries its replica\'s attestation of the header, which proves this transaction and result', () => {
    const c = new TestCluster(4, { batchTxsMax: 16 })
    c.tick(1)
    const txs = [...Array(7).keys()].map(k => tx(2, k + 1))
    for (const t of txs) c.step(0, { type: 'request', tx: t })
    c.run()
    c.tick(10)
    expect(c.executed[1]!.map(e => e.txs)).toEqual([1, 6])
    for (let i = 0; i < 4; i++) {
      for (const a of replies(c, i)) {
        const { attestation, header, proof } = a.reply
        expect(attestation.replica).toBe(i)
        expect(toHex(blockHash(header))).toBe(toHex(attestation.blockHash))
        const mine = txs.filter(x => txProofProblem(header, x, proof) === undefined)
        expect(mine).toHaveLength(1) // exactly one of the transactions is proven by this reply
        expect(proof.result).toEqual({ code: 0, log: 'ok' })
      }
      const sigs = new Set(replies(c, i).map(a => toHex(a.reply.attestation.signature)))
      expect(sigs.size).toBe(new Set(replies(c, i).map(a => a.reply.attestation.height)).size)
    }
  })

  it('a retransmission of an executed transaction is answered from the cache with the same reply', () => {
    const c = new TestCluster(4)
    c.tick(1)
    const t = tx(3, 1)
    c.submit(0, t)
    c.tick(10)
    const first = replies(c, 2)[0]!
    c.submit(2, t)
    const again = replies(c, 2)
    expect(again).toHaveLength(2)
    expect(again[1]!.reply).toBe(first.reply)
    expect(c.executed[2]).toHaveLength(1)
  })
})
