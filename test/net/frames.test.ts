// Framing on the client protocol: a peer's coalesced send of many small frames (more bytes than
// one frame may have) is many frames, not one oversized frame (500 pre-signed transfers sent at
// once made replicas abort the client's stream as "oversized" before the decoder fed slices).
import { afterEach, describe, expect, it } from 'vitest'
import { peerIdFromSeed } from '../../src/crypto/keyfile.js'
import { limits } from '../../src/codec/index.js'
import { ClientConnection, ClientServer } from '../../src/net/client-net.js'
import { createHost } from '../../src/net/host.js'
import { SILENT_NET_LOGGER } from '../../src/net/log.js'

const closers: Array<() => Promise<void>> = []
afterEach(async () => { await Promise.all(closers.splice(0).map(async c => { await c().catch(() => {}) })) })

describe('client frames', () => {
  it('a burst of small frames larger in total than CLIENT_FRAME_BYTES_MAX arrives frame by frame', async () => {
    const seed = new Uint8Array(32).fill(9)
    const host = await createHost({ seed, listen: ['/ip4/127.0.0.1/tcp/0'] })
    await host.start()
    closers.push(async () => { await host.stop() })
    const server = new ClientServer(host, SILENT_NET_LOGGER)
    let received = 0
    await server.start(() => { received++ })
    const addr = host.getMultiaddrs()[0]!.toString().replace(/\/p2p\/.*$/, '')
    const client = await ClientConnection.connect([{ id: 0, peerId: await peerIdFromSeed(seed), addrs: [addr] }])
    closers.push(async () => { await client.close() })
    const frame = new Uint8Array(200).fill(1)
    const count = Math.ceil(3 * limits.CLIENT_FRAME_BYTES_MAX / frame.byteLength)
    for (let i = 0; i < count; i++) client.send(0, frame)
    const end = Date.now() + 5000
    while (received < count && Date.now() < end) await new Promise(resolve => setTimeout(resolve, 20))
    expect(received).toBe(count)
    expect(server.dropped.oversized ?? 0).toBe(0)
  })
})
