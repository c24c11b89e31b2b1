// corkWritesPerTurn (src/net/cork.ts): every write of one event-loop turn to a socket goes to
// the kernel in one writev, not one system call per buffer.
import net from 'node:net'
import { afterEach, describe, expect, it } from 'vitest'
import { corkWritesPerTurn } from '../../src/net/cork.js'

type Internals = net.Socket & { _write: (...a: unknown[]) => void, _writev: (chunks: unknown[], cb: (err?: Error) => void) => void }

const cleanups: Array<() => void> = []
afterEach(() => { for (const c of cleanups.splice(0)) c() })

async function pair (): Promise<{ client: net.Socket, received: () => Buffer }> {
  const chunks: Buffer[] = []
  const server = net.createServer(s => { s.on('data', b => chunks.push(b)) })
  await new Promise<void>(resolve => server.listen(0, '127.0.0.1', resolve))
  const port = (server.address() as net.AddressInfo).port
  const client = net.connect(port, '127.0.0.1')
  await new Promise(resolve => client.once('connect', resolve))
  cleanups.push(() => { client.destroy(); server.close() })
  return { client, received: () => Buffer.concat(chunks) }
}

describe('corkWritesPerTurn', () => {
  it('sends the three writes of one turn with one writev and no single write, and all bytes arrive in order', async () => {
    corkWritesPerTurn()
    const { client, received } = await pair()
    const s = client as Internals
    const calls: string[] = []
    const write = s._write.bind(s)
    const writev = s._writev.bind(s)
    s._write = (...a: unknown[]) => { calls.push('write'); write(...a) }
    s._writev = (chunks, cb) => { calls.push(`writev ${chunks.length}`); writev(chunks, cb) }
    client.write(Buffer.from('ab'))
    client.write(Buffer.from('cd'))
    client.write(Buffer.from('ef'))
    await new Promise(resolve => setImmediate(resolve))
    expect(calls).toEqual(['writev 3'])
    for (let i = 0; i < 100 && received().length < 6; i++) await new Promise(resolve => setTimeout(resolve, 5))
    expect(received().toString()).toBe('abcdef')
  })

  it('uncorks at the end of every turn: a write in a later turn is sent too', async () => {
    corkWritesPerTurn()
    const { client, received } = await pair()
    client.write(Buffer.from('1'))
    await new Promise(resolve => setImmediate(resolve))
    client.write(Buffer.from('2'))
    for (let i = 0; i < 100 && received().length < 2; i++) await new Promise(resolve => setTimeout(resolve, 5))
    expect(received().toString()).toBe('12')
    expect(client.writableCorked).toBe(0)
  })
})
