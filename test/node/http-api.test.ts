// The replica's HTTP API against bad input and hostile clients: every bad request gets a 4xx
// with a JSON error naming what is wrong, no answer carries CORS headers, POST takes only JSON
// or octet-stream bodies, and connections held open by one address cannot lock out another.
import { request } from 'node:http'
import { connect, type Socket } from 'node:net'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { sendAdmin } from '../../src/cluster/admin.js'
import { pb, signingBytes, type AdminCommand } from '../../src/codec/index.js'
import { createSigner } from '../../src/crypto/ed25519.js'
import { toHex } from '../../src/crypto/hash.js'
import { loadKeyFile } from '../../src/crypto/keyfile.js'
import { API_CONNECTIONS_PER_ADDRESS_MAX, API_HEADERS_TIMEOUT_MS } from '../../src/node/limits.js'
import { startLoneReplica, type LoneReplica } from './lone-replica.js'

let r: LoneReplica
beforeAll(async () => { r = await startLoneReplica() })
afterAll(async () => { await r?.close() })

interface Answer { status: number, headers: Record<string, string | string[] | undefined>, body: { error?: string } & Record<string, unknown> }

/** One request with the target and body exactly as given (fetch would normalise them). */
async function raw (method: string, path: string, o: { body?: string | Uint8Array, contentType?: string } = {}): Promise<Answer> {
  return await new Promise((resolve, reject) => {
    const headers: Record<string, string> = o.contentType !== undefined ? { 'content-type': o.contentType } : {}
    const req = request({ host: '127.0.0.1', port: r.node.apiPort, method, path, headers, agent: false }, res => {
      const chunks: Buffer[] = []
      res.on('data', (c: Buffer) => chunks.push(c))
      res.on('end', () => { resolve({ status: res.statusCode ?? 0, headers: res.headers, body: JSON.parse(Buffer.concat(chunks).toString('utf8') || '{}') }) })
    })
    req.on('error', reject)
    req.end(o.body)
  })
}

function adminCommand (nonce: number, modes: string[]): Uint8Array {
  const cmd: AdminCommand = { chainId: r.genesis.chainId, replica: 0, nonce, action: modes.length > 0 ? 'set' : 'clear', modes, targets: [], fromHeight: 0, signature: new Uint8Array(0) }
  cmd.signature = createSigner(loadKeyFile(r.c.adminKey).seed).sign(signingBytes('adminCommand', cmd))
  return pb.AdminCommand.encode(cmd)
}

describe('bad requests answer 4xx with a JSON error naming the problem', () => {
  it.each([
    ['GET', '/tx/%', 400, /percent-encoding/],
    ['GET', '/accounts/%ZZ', 400, /percent-encoding/],
    ['GET', '//', 404, /no such endpoint/],
    ['GET', '/tx/abc', 400, /transaction id must be 64 hex characters/],
    ['GET', '/accounts/abc', 400, /account .* must be 64 hex characters/],
    ['GET', 'http://elsewhere/status', 400, /must be a path starting with \//],
    ['GET', '/blocks/0', 400, /height must be at least 1/],
    ['GET', '/constructor', 404, /no such endpoint/],
    ['DELETE', '/status', 405, /method DELETE not allowed/]
  ])('%s %s -> %i', async (method, path, status, error) => {
    const a = await raw(method, path)
    expect(a.status).toBe(status)
    expect(a.headers['content-type']).toBe('application/json')
    expect(a.body.error).toMatch(error)
  })

  it('POST /admin takes application/json or application/octet-stream only (415 otherwise)', async () => {
    for (const contentType of [undefined, 'text/plain', 'application/x-www-form-urlencoded', 'multipart/form-data; boundary=x']) {
      const a = await raw('POST', '/admin', { body: 'abc', contentType })
      expect(a.status).toBe(415)
      expect(a.body.error).toMatch(/content-type application\/json or application\/octet-stream/)
    }
    // A valid signed command is refused too when it comes as text/plain (what a form or a no-cors fetch sends).
    expect((await raw('POST', '/admin', { body: toHex(adminCommand(Date.now(), ['silent'])), contentType: 'text/plain;charset=UTF-8' })).status).toBe(415)
  })

  it('POST /admin with a malformed body: 400 naming the problem', async () => {
    const cases: Array<[string, string, RegExp]> = [
      ['application/octet-stream', 'abc', /malformed admin command/],
      ['application/json', 'abc', /not valid JSON/],
      ['application/json', '{"command":"abc"}', /even number of hex characters/],
      ['application/json', '{"command":"zz"}', /hex/],
      ['application/json', '"0a"', /"command"/]
    ]
    for (const [contentType, body, error] of cases) {
      const a = await raw('POST', '/admin', { body, contentType })
      expect(a.status, `${contentType} ${body}`).toBe(400)
      expect(a.body.error).toMatch(error)
    }
  })

  it('signed commands work as octet-stream (what pbft byzantine sends) and as JSON', async () => {
    await sendAdmin(r.genesis, loadKeyFile(r.c.adminKey).seed, 0, 'set', ['silent'])
    expect(r.node.core.current().modes).toEqual(['silent'])
    const a = await raw('POST', '/admin', { body: JSON.stringify({ command: toHex(adminCommand(Date.now() + 1000, [])) }), contentType: 'application/json; charset=utf-8' })
    expect(a.status).toBe(200)
    expect(r.node.core.current().modes).toEqual([])
  })
})

describe('no CORS', () => {
  it('no answer carries access-control-allow-origin, and a preflight is refused', async () => {
    for (const [method, path] of [['GET', '/status'], ['GET', '/metrics'], ['GET', '/evidence'], ['GET', '/nothing'], ['POST', '/admin'], ['OPTIONS', '/admin']] as const) {
      const a = await new Promise<{ status: number, headers: Record<string, unknown> }>((resolve, reject) => {
        const req = request({ host: '127.0.0.1', port: r.node.apiPort, method, path, agent: false, headers: { origin: 'http://evil.example' } }, res => {
          res.resume()
          res.on('end', () => { resolve({ status: res.statusCode ?? 0, headers: res.headers }) })
        })
        req.on('error', reject)
        req.end()
      })
      expect(Object.keys(a.headers).filter(h => h.startsWith('access-control-')), `${method} ${path}`).toEqual([])
      if (method === 'OPTIONS') expect(a.status).toBe(405)
    }
  })
})

function openSlow (from: string): Promise<Socket> {
  return new Promise(resolve => {
    const s = connect({ host: '127.0.0.1', port: r.node.apiPort, localAddress: from })
    s.on('error', () => {})
    s.on('connect', () => { s.write('GET /status HTTP/1.1\r\nHost: 127.0.0.1\r\nX-Slow: '); resolve(s) })
    s.on('close', () => { resolve(s) })
  })
}

describe('connection limits', () => {
  it('300 slow-header connections from one address do not lock /status out for another', async () => {
    const attackers = await Promise.all([...Array(300).keys()].map(async () => await openSlow('127.0.0.2')))
    try {
      const open = (): number => attackers.filter(s => !s.destroyed && s.readyState === 'open').length
      const end = Date.now() + 2000
      while (open() > API_CONNECTIONS_PER_ADDRESS_MAX && Date.now() < end) await new Promise(resolve => setTimeout(resolve, 20))
      expect(open()).toBe(API_CONNECTIONS_PER_ADDRESS_MAX)
      const t0 = Date.now()
      const res = await fetch(`${r.url}/status`, { signal: AbortSignal.timeout(2000) })
      expect(res.status).toBe(200)
      expect(Date.now() - t0).toBeLessThan(1000)
      const metrics = await (await fetch(`${r.url}/metrics`)).text()
      const refused = /pbft_http_connections_refused_total\{[^}]*reason="per-address-limit"[^}]*\} (\d+)/.exec(metrics)
      expect(Number(refused?.[1])).toBeGreaterThanOrEqual(300 - API_CONNECTIONS_PER_ADDRESS_MAX)
    } finally {
      for (const s of attackers) s.destroy()
    }
  })

  it('a connection that never finishes its headers is closed after the header timeout', async () => {
    const s = await openSlow('127.0.0.3')
    const t0 = Date.now()
    const answer = await new Promise<string>((resolve, reject) => {
      let text = ''
      s.on('data', (d: Buffer) => { text += d.toString() })
      s.on('close', () => { resolve(text) })
      setTimeout(() => { reject(new Error('still open')) }, API_HEADERS_TIMEOUT_MS + 2000)
    }).finally(() => { s.destroy() })
    expect(Date.now() - t0).toBeLessThan(API_HEADERS_TIMEOUT_MS + 1500)
    expect(answer).toMatch(/^HTTP\/1\.1 408/)
  })
})
