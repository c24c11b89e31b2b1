// What the network layer drops is visible on /metrics: a stranger opening the replica protocol
// and a client announcing an oversized frame each show up under their layer and reason.
import { multiaddr } from '@multiformats/multiaddr'
import type { Libp2p } from '@libp2p/interface'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { limits } from '../../src/codec/index.js'
import { CLIENT_PROTOCOL } from '../../src/net/client-net.js'
import { encodeFrames } from '../../src/net/frames.js'
import { createHost } from '../../src/net/host.js'
import { REPLICA_PROTOCOL } from '../../src/net/replica-net.js'
import { startLoneReplica, type LoneReplica } from './lone-replica.js'
import { waitFor } from '../e2e/harness.js'

let r: LoneReplica
let stranger: Libp2p
beforeAll(async () => {
  r = await startLoneReplica()
  stranger = await createHost({ seed: new Uint8Array(32).fill(77), listen: [] })
  await stranger.start()
})
afterAll(async () => {
  await stranger?.stop()
  await r?.close()
})

async function metric (name: string, labels: Record<string, string>): Promise<number | undefined> {
  const text = await (await fetch(`${r.url}/metrics`)).text()
  for (const line of text.split('\n')) {
    const m = /^([a-z_]+)\{([^}]*)\} (\S+)$/.exec(line) ?? /^([a-z_]+) (\S+)$/.exec(line)
    if (m?.[1] !== name) continue
    const have = m.length === 4 ? m[2] ?? '' : ''
    if (Object.entries(labels).every(([k, v]) => have.split(',').includes(`${k}="${v}"`))) return Number(m[m.length - 1])
  }
  return undefined
}


describe('network-layer drops on /metrics', () => {
  const addr = (): ReturnType<typeof multiaddr> => multiaddr(`${r.genesis.replicas[0]!.addrs[0]!}/p2p/${r.genesis.replicas[0]!.peerId}`)

  it('a stranger on the replica protocol: layer="replica", reason="not-a-replica"', async () => {
    expect(await metric('pbft_network_dropped_total', { layer: 'replica', reason: 'not-a-replica' })).toBeUndefined()
    try {
      const s = await stranger.dialProtocol(addr(), REPLICA_PROTOCOL)
      s.send(encodeFrames([Buffer.from('hello')]))
    } catch { /* refused: that is the point */ }
    await waitFor(async () => (await metric('pbft_network_dropped_total', { layer: 'replica', reason: 'not-a-replica', replica: '0' })) === 1, 5000, 'not-a-replica drop counted')
  })

  it('an oversized client frame: layer="client", reason="oversized"', async () => {
    const s = await stranger.dialProtocol(addr(), CLIENT_PROTOCOL)
    // Only the length prefix of a frame one byte over the limit: refused from the prefix.
    s.send(encodeFrames([new Uint8Array(limits.CLIENT_FRAME_BYTES_MAX + 1)]).subarray(0, 8))
    await waitFor(async () => (await metric('pbft_network_dropped_total', { layer: 'client', reason: 'oversized' })) === 1, 5000, 'oversized drop counted')
  })

  it('the driver\'s dropped events are exported (0 here)', async () => {
    expect(await metric('pbft_driver_dropped_events_total', { replica: '0' })).toBe(0)
  })
})
