// A replica that claims another replica's id in its messages: the receivers see that the
// signer is not the authenticated libp2p peer, drop the message and count it; the cluster
// keeps committing.
import { afterAll, describe, expect, it } from 'vitest'
import { sendAdmin } from '../../src/cluster/admin.js'
import { apiUrl } from '../../src/cluster/http.js'
import { loadKeyFile } from '../../src/crypto/keyfile.js'
import { cleanup, clients, startCluster, transfers, type E2eCluster } from './harness.js'

let cl: E2eCluster | undefined
afterAll(() => { cleanup(cl) })

describe('impersonation over the network', () => {
  it('messages whose signer differs from the authenticated peer are dropped and counted', async () => {
    cl = await startCluster(4)
    const c = cl
    await sendAdmin(c.genesis, loadKeyFile(c.c.adminKey).seed, 2, 'set', ['impersonate'])
    const cs = await clients(c, 2)
    expect(await transfers(cs, 20, 2)).toHaveLength(20)
    await Promise.all(cs.map(async ({ client }) => { await client.close() }))
    const metrics = await (await fetch(`${apiUrl(c.genesis, 0)}/metrics`)).text()
    const line = metrics.split('\n').find(l => l.startsWith('pbft_messages_dropped_total') && l.includes('reason="signer-is-not-the-peer"'))
    expect(line).toBeDefined()
    expect(Number(line?.split(' ').pop())).toBeGreaterThan(0)
  }, 60_000)
})
