// The dashboard server against a cluster whose replicas are not running: every replica shows as
// down, and bad control requests get specific errors instead of reaching a replica.
import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { initCluster } from '../../src/cli/init.js'
import { freeBasePort } from '../../src/cli/ports.js'
import { startDashboard, type Dashboard } from '../../src/dashboard/server.js'
import type { DashboardState } from '../../src/dashboard/state.js'

let root = ''
let dash: Dashboard | undefined

async function post (action: string, body: unknown, contentType = 'application/json'): Promise<{ status: number, body: { error?: string } }> {
  const res = await fetch(`${dash?.url ?? ''}api/${action}`, { method: 'POST', headers: { 'content-type': contentType }, body: typeof body === 'string' ? body : JSON.stringify(body) })
  return { status: res.status, body: await res.json() as { error?: string } }
}

beforeAll(async () => {
  root = mkdtempSync(join(tmpdir(), 'pbft-dash-'))
  const { c, genesis } = await initCluster({ dir: join(root, 'cluster'), replicas: 4, basePort: await freeBasePort(4), accounts: 2, host: '127.0.0.1', balance: 100n })
  dash = await startDashboard({ c, genesis, port: 0 })
})

afterAll(async () => {
  await dash?.close()
  rmSync(root, { recursive: true, force: true })
})

describe('dashboard server', () => {
  it('shows every replica as down when none answers', async () => {
    const s = await (await fetch(`${dash?.url ?? ''}api/state`)).json() as DashboardState
    expect(s.n).toBe(4)
    expect(s.f).toBe(1)
    expect(s.replicas.map(r => r.up)).toEqual([false, false, false, false])
    expect(s.primary).toBeUndefined()
    expect(s.controls.accounts).toBe(2)
    expect(Object.keys(s.controls.modes)).toContain('equivocate')
    expect(s.throughput).toHaveLength(60)
  })

  it('streams state as server-sent events', async () => {
    const ac = new AbortController()
    const res = await fetch(`${dash?.url ?? ''}events`, { signal: ac.signal })
    expect(res.headers.get('content-type')).toBe('text/event-stream')
    const reader = (res.body as ReadableStream<Uint8Array>).getReader()
    let text = ''
    while (!text.includes('event: state')) text += new TextDecoder().decode((await reader.read()).value)
    ac.abort()
    expect(text).toContain('"chainId"')
  })

  it('refuses bad control requests with specific errors', async () => {
    expect(await post('traitor', '{"replica":0,"modes":["silent"]}', 'text/plain')).toMatchObject({ status: 415 })
    expect(await post('traitor', 'not json')).toMatchObject({ status: 400, body: { error: 'the body is not valid JSON' } })
    expect(await post('traitor', { replica: 7, modes: ['silent'] })).toMatchObject({ status: 400, body: { error: 'replica must be one of 0..3, got 7' } })
    const unknown = await post('traitor', { replica: 1, modes: ['nice'] })
    expect(unknown.status).toBe(400)
    expect(unknown.body.error).toContain('unknown traitor mode "nice"')
    expect(await post('kill', { replica: 2 })).toMatchObject({ status: 409 })
    expect(await post('transfer', { from: 0, to: 0 })).toMatchObject({ status: 400, body: { error: 'from and to must be different accounts' } })
    expect(await post('transfer', { from: 0, to: 5 })).toMatchObject({ status: 400 })
    expect(await post('transfer', { from: 0, to: 1, amount: 10_000_000 })).toMatchObject({ status: 400 })
    expect(await post('nothing', {})).toMatchObject({ status: 404 })
    expect((await post('clear', 'x'.repeat(5000))).status).toBe(413)
  })

  it('serves the built page and nothing outside it', async () => {
    const page = await fetch(dash?.url ?? '')
    expect(page.status).toBe(200)
    expect(await page.text()).toContain('<title>pbft-ledger dashboard</title>')
    const outside = await fetch(`${dash?.url ?? ''}..%2f..%2fpackage.json`)
    expect(outside.status).toBe(404)
  })
})
