// When a late transaction goes to every replica (issue #12 item 1: re-sends go where they are
// useful and never multiply the load). PBFT §4.1: the client multicasts on a timeout so that the
// backups can suspect a faulty primary. A transaction merely queued at a primary that keeps
// committing this client's transactions in order is not suspicious: copies to every replica would
// make each backup verify it and forward it to the primary past the primary's admission limit, and
// under overload that let the primary's queue grow to 20,000 requests and every client time out.
import { afterEach, describe, expect, it } from 'vitest'
import { Client } from '../../src/client/client.js'
import { copyToAllUseful } from '../../src/client/resend-policy.js'
import { decodeClientFrame } from '../../src/codec/index.js'
import { createSigner, verify } from '../../src/crypto/ed25519.js'
import { accountSeed, InProcessCluster, testGenesis } from './in-process.js'

describe('the re-send rule', () => {
  const base = { nowMs: 10_000, waitMs: 1000, committedSendOrder: 0 }

  it('silence: nothing of this client committed for the whole timeout -> every replica', () => {
    expect(copyToAllUseful({ ...base, lastCommitMs: 9000, heldAt: 5 })).toBe(true)
    expect(copyToAllUseful({ ...base, lastCommitMs: -Infinity, heldAt: undefined })).toBe(true)
  })

  it('progress in order: this client committed within the timeout, nothing sent after this one -> wait in the queue', () => {
    expect(copyToAllUseful({ ...base, lastCommitMs: 9001, heldAt: 5, committedSendOrder: 4 })).toBe(false)
    expect(copyToAllUseful({ ...base, lastCommitMs: 9999, heldAt: 5, committedSendOrder: 5 })).toBe(false)
  })

  it('overtaken: a copy sent to the primary after this one committed first -> lost or skipped -> every replica', () => {
    expect(copyToAllUseful({ ...base, lastCommitMs: 9999, heldAt: 5, committedSendOrder: 6 })).toBe(true)
  })

  it('a transaction the primary answered busy is not "overtaken": its busy re-send to the primary is under way', () => {
    expect(copyToAllUseful({ ...base, lastCommitMs: 9999, heldAt: undefined, committedSendOrder: 99 })).toBe(false)
  })
})

describe('the SDK against in-process replicas', () => {
  let cluster: InProcessCluster | undefined
  afterEach(() => { cluster?.stop() })

  it('a transaction whose copy to the primary was lost commits after a later one overtook it: it went to every replica', async () => {
    const genesis = testGenesis(4)
    cluster = await InProcessCluster.start(genesis)
    const inner = cluster.transport()
    let dropNext = false
    const client = new Client({
      chainId: genesis.chainId, replicaKeys: genesis.replicas.map(r => r.publicKey), seed: accountSeed(0), verify, retryMs: 300, timeoutMs: 4000,
      transport: {
        ...inner,
        send: (replica, bytes) => {
          const d = decodeClientFrame(bytes)
          if (dropNext && replica === 0 && d.ok && d.value.request != null) { dropNext = false; return } // lost on the way to the primary
          inner.send(replica, bytes)
        }
      }
    })
    const to = createSigner(accountSeed(1)).publicKey
    await client.transfer(to, 1n) // introduces the client to every replica
    dropNext = true
    let settled = false
    const lost = client.transfer(to, 2n).finally(() => { settled = true })
    // Later transfers keep committing one after another, so this client never sees silence:
    // only "overtaken" can send the lost one to every replica.
    const end = Date.now() + 2500
    let later = 0
    while (!settled && Date.now() < end) { expect((await client.transfer(to, 3n)).code).toBe(0); later++ }
    expect(settled).toBe(true)
    expect(later).toBeGreaterThan(0)
    expect((await lost).code).toBe(0)
    expect(client.stats.resentToAll).toBeGreaterThanOrEqual(1)
    await client.close()
  })

  it('a silent primary: nothing commits, so the late transaction goes to every replica and commits after the view change', async () => {
    const genesis = testGenesis(4)
    genesis.params.viewChangeTimeoutMs = 500
    cluster = await InProcessCluster.start(genesis, { traitors: new Map([[0, { modes: ['silent'] }]]) })
    const inner = cluster.transport()
    const client = new Client({
      chainId: genesis.chainId, replicaKeys: genesis.replicas.map(r => r.publicKey), seed: accountSeed(0), verify, retryMs: 300, timeoutMs: 8000,
      transport: inner
    })
    const to = createSigner(accountSeed(1)).publicKey
    await client.transfer(to, 1n) // the first copy goes to every replica: the backups time the primary out
    const p = await client.transfer(to, 2n)
    expect(p.code).toBe(0)
    expect(client.stats.resentToAll).toBeGreaterThanOrEqual(1)
    expect(client.stats.resendsDeferred).toBe(0)
    await client.close()
  })
})
