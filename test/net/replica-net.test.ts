import type { Libp2p } from '@libp2p/interface'
import { multiaddr } from '@multiformats/multiaddr'
import { afterEach, describe, expect, it } from 'vitest'
import { peerIdFromSeed } from '../../src/crypto/keyfile.js'
import { createHost } from '../../src/net/host.js'
import { encodeFrames } from '../../src/net/frames.js'
import { DropLog, type NetLogger } from '../../src/net/log.js'
import { REPLICA_PROTOCOL, ReplicaNetwork, type PeerInfo } from '../../src/net/replica-net.js'

interface LogLine { level: 'debug' | 'info' | 'warn', fields: Record<string, unknown>, msg: string }

/** A logger that keeps what it is given (the node passes a pino child logger instead). */
function recorder (debug = true): { log: NetLogger, lines: LogLine[] } {
  const lines: LogLine[] = []
  const at = (level: LogLine['level']) => (fields: Record<string, unknown>, msg: string) => { lines.push({ level, fields, msg }) }
  return { lines, log: { debug: at('debug'), info: at('info'), warn: at('warn'), isLevelEnabled: (l: string) => debug || l !== 'debug' } as unknown as NetLogger }
}

const seed = (i: number): Uint8Array => new Uint8Array(32).fill(i + 11)
const hosts: Libp2p[] = []
const nets: ReplicaNetwork[] = []
afterEach(async () => {
  await Promise.all(nets.splice(0).map(async n => { await n.stop() }))
  await Promise.all(hosts.splice(0).map(async h => { await h.stop() }))
})

async function cluster (n: number): Promise<{ nets: ReplicaNetwork[], got: Array<Array<[number, string]>>, peers: PeerInfo[], logs: LogLine[][] }> {
  const hs: Libp2p[] = []
  for (let i = 0; i < n; i++) {
    const h = await createHost({ seed: seed(i), listen: ['/ip4/127.0.0.1/tcp/0'] })
    await h.start()
    hs.push(h)
    hosts.push(h)
  }
  const peers: PeerInfo[] = await Promise.all(hs.map(async (h, i) => ({ id: i, peerId: await peerIdFromSeed(seed(i)), addrs: [h.getMultiaddrs()[0]!.toString().replace(/\/p2p\/.*$/, '')] })))
  const got: Array<Array<[number, string]>> = hs.map(() => [])
  const recorders = hs.map(() => recorder())
  const ns = hs.map((h, i) => {
    const net = new ReplicaNetwork(h, i, peers, recorders[i]!.log)
    net.onFrame((from, bytes) => { got[i]!.push([from, Buffer.from(bytes).toString()]) })
    nets.push(net)
    return net
  })
  await Promise.all(ns.map(async net => { await net.start() }))
  return { nets: ns, got, peers, logs: recorders.map(r => r.lines) }
}

async function until (cond: () => boolean, ms = 10_000): Promise<void> {
  const end = Date.now() + ms
  while (!cond()) {
    if (Date.now() > end) throw new Error('timed out waiting')
    await new Promise(resolve => setTimeout(resolve, 20))
  }
}

describe('replica network over libp2p', () => {
  it('4 replicas exchange frames both ways, attributed to the authenticated peer', async () => {
    const c = await cluster(4)
    await until(() => c.nets.every(n => n.connected().length === 3))
    for (let i = 0; i < 4; i++) c.nets[i]!.broadcast(Buffer.from(`hello from ${i}`))
    await until(() => c.got.every(g => g.length === 3))
    for (let i = 0; i < 4; i++) for (const [from, text] of c.got[i]!) expect(text).toBe(`hello from ${from}`)
  })

  it('many small frames are coalesced into fewer sends', async () => {
    const c = await cluster(4)
    await until(() => c.nets[0]!.connected().length === 3)
    for (let k = 0; k < 300; k++) c.nets[0]!.send(1, Buffer.from(`m${k}`))
    await until(() => c.got[1]!.length === 300)
    expect(c.got[1]!.map(x => x[1])).toEqual([...Array(300).keys()].map(k => `m${k}`))
    expect(c.nets[0]!.stats.sends).toBeLessThan(50)
  })

  it('a stranger key cannot send on the replica protocol', async () => {
    const c = await cluster(4)
    const stranger = await createHost({ seed: new Uint8Array(32).fill(99), listen: [] })
    await stranger.start()
    hosts.push(stranger)
    try {
      const stream = await stranger.dialProtocol(multiaddr(`${c.peers[0]!.addrs[0]}/p2p/${c.peers[0]!.peerId}`), REPLICA_PROTOCOL)
      stream.send(encodeFrames([Buffer.from('forged')]))
    } catch { /* the replica resets the stream: refused */ }
    await until(() => (c.nets[0]!.stats.dropped['not-a-replica'] ?? 0) >= 1)
    expect(c.got[0]!.some(x => x[1] === 'forged')).toBe(false)
    // the replica's scoped logger says so, naming the peer
    const warned = c.logs[0]!.filter(l => l.level === 'warn' && l.fields.reason === 'not-a-replica')
    expect(warned.map(l => l.fields.peer)).toEqual([(await peerIdFromSeed(new Uint8Array(32).fill(99))).toString()])
  })

  it('a 100 MB frame is refused from its length prefix, without allocating it', async () => {
    const c = await cluster(4)
    await until(() => c.nets[1]!.connected().length === 3)
    const before = process.memoryUsage().arrayBuffers
    // a peer announces 100 MB and sends only the first bytes
    const prefix = Uint8Array.from([0x80, 0x80, 0x80, 0x30]) // varint 100,663,296
    const peer1 = (c.nets[1] as any).peers.get(0)
    peer1.stream.send(new Uint8Array([...prefix, 1, 2, 3]))
    await until(() => (c.nets[0]!.stats.dropped.oversized ?? 0) >= 1)
    expect(process.memoryUsage().arrayBuffers - before).toBeLessThan(50 * 1024 * 1024)
  })
})

describe('the network layer\'s drop log', () => {
  it('the first drop of each reason is a warning, later ones are counted and logged at debug level only', () => {
    const r = recorder()
    const d = new DropLog(r.log, 'frame')
    for (let i = 0; i < 3; i++) d.drop('rate-limited', { replica: 2 })
    d.drop('oversized')
    expect(d.counts).toEqual({ 'rate-limited': 3, oversized: 1 })
    expect(r.lines.map(l => [l.level, l.fields.reason])).toEqual([['warn', 'rate-limited'], ['debug', 'rate-limited'], ['debug', 'rate-limited'], ['warn', 'oversized']])
    expect(r.lines[2]!.fields).toMatchObject({ replica: 2, count: 3 })
  })

  it('with debug off, repeated drops write nothing', () => {
    const r = recorder(false)
    const d = new DropLog(r.log, 'frame')
    for (let i = 0; i < 5; i++) d.drop('queue-full')
    expect(r.lines.map(l => l.level)).toEqual(['warn'])
  })
})
