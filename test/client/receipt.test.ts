// The SDK against in-process replicas (issue #12 item 4): a replica signs once per block, the
// client accepts f+1 matching replies each proven against the attested header, verifies each
// replica's attestation of a block once for all its transactions, and returns a receipt that
// verifies offline with genesis alone.
import { afterEach, describe, expect, it } from 'vitest'
import { Client } from '../../src/client/client.js'
import { decodeReceipt, encodeReceipt, verifyReceipt } from '../../src/client/index.js'
import { createSigner, verify } from '../../src/crypto/ed25519.js'
import { accountSeed, InProcessCluster, testGenesis } from './in-process.js'

let cluster: InProcessCluster | undefined
afterEach(() => { cluster?.stop() })

async function setup (traitors = new Map()): Promise<{ client: Client, cluster: InProcessCluster }> {
  const genesis = testGenesis(4)
  cluster = await InProcessCluster.start(genesis, { traitors })
  const client = new Client({
    chainId: genesis.chainId, replicaKeys: genesis.replicas.map(r => r.publicKey), seed: accountSeed(0), transport: cluster.transport(),
    verify, retryMs: 300, timeoutMs: 10_000
  })
  return { client, cluster }
}

const to = createSigner(accountSeed(1)).publicKey

describe('SDK receipts', () => {
  it('a transfer resolves with a receipt that verifies offline with genesis alone, also from its bytes', async () => {
    const { client, cluster } = await setup()
    const p = await client.transfer(to, 7n)
    expect(p.code).toBe(0)
    expect(p.replicas.length).toBe(2) // f + 1
    const r = verifyReceipt(p.receipt, cluster.genesis)
    expect(r).toMatchObject({ ok: true, txId: p.txId, height: p.height, index: p.index, code: 0, blockHash: p.blockHash, signers: p.replicas })
    const bytes = encodeReceipt(p.receipt)
    const d = decodeReceipt(bytes)
    expect(d.ok).toBe(true)
    expect(verifyReceipt(bytes, cluster.genesis).ok).toBe(true)
    // The receipt is checked against this genesis: another cluster's keys refuse it.
    const other = testGenesis(4)
    other.replicas = other.replicas.map(x => ({ ...x, publicKey: createSigner(new Uint8Array(32).fill(99 + x.id)).publicKey }))
    expect(verifyReceipt(bytes, other)).toMatchObject({ ok: false, part: 'attestations[0].signature' })
    await client.close()
  })

  it('the replies of a block cost one attestation verify per replica, not one per transaction', async () => {
    const { client, cluster } = await setup()
    const proofs = await Promise.all([...Array(12).keys()].map(async () => await client.transfer(to, 1n)))
    const heights = new Set(proofs.map(p => p.height))
    expect(heights.size).toBeLessThan(proofs.length) // transactions shared blocks
    // At most one verify per (replica, block); without the memo it would be one per reply checked.
    expect(client.attestations.verifies).toBeLessThanOrEqual(4 * heights.size)
    expect(client.attestations.verifies).toBeLessThan(proofs.length * 2)
    for (const p of proofs) expect(verifyReceipt(p.receipt, cluster.genesis).ok).toBe(true)
    await client.close()
  })

  it('wrong-replies: a traitor\'s signed lies about the block and its bad proofs never make the result', async () => {
    // Replica 1 lies to every client: at even indexes a signed attestation of a block it made
    // up (its proof checks against that header), at odd ones a flipped result under the true
    // header (the proof fails). Honest clients still need f+1 = 2 matching replies.
    const { client, cluster } = await setup(new Map([[1, { modes: ['wrong-replies'] }]]))
    const proofs = await Promise.all([...Array(8).keys()].map(async () => await client.transfer(to, 1n)))
    for (const p of proofs) {
      expect(p.code).toBe(0)
      expect(p.replicas).not.toContain(1)
      expect(verifyReceipt(p.receipt, cluster.genesis).ok).toBe(true)
    }
    expect(cluster.cores[1]!.stats.lies).toBeGreaterThan(0)
    expect(client.stats.invalidReplies).toBeGreaterThan(0) // the bad proofs that arrived in time were refused
    await client.close()
  })
})
