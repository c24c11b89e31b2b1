// The dashboard's web server (localhost only): the page built by Vite (dist/dashboard), a
// server-sent event stream of the cluster's state, and the control endpoints. Controls take
// JSON only (a cross-site form cannot send it without a CORS preflight, which is refused).
import { existsSync, readFileSync } from 'node:fs'
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http'
import { extname, join, normalize, sep } from 'node:path'
import type { ClusterDir } from '../cluster/cluster-dir.js'
import { PACKAGE_ROOT } from '../cluster/processes.js'
import type { Genesis } from '../ledger/genesis.js'
import { HttpError, readBody } from '../node/http-api.js'
import { ControlError, Controls } from './controls.js'
import { ClusterPoller } from './poller.js'
import type { DashboardState } from './state.js'

export const POLL_INTERVAL_MS = 500
export const SSE_CLIENTS_MAX = 32
export const CONTROL_BODY_BYTES_MAX = 4096

const TYPES: Record<string, string> = { '.html': 'text/html; charset=utf-8', '.js': 'text/javascript', '.css': 'text/css', '.svg': 'image/svg+xml', '.png': 'image/png', '.ico': 'image/x-icon' }

/** dist/dashboard of this package, where `npm run build` puts the page. */
export function staticDir (): string {
  return join(PACKAGE_ROOT, 'dist', 'dashboard')
}

export interface Dashboard { url: string, port: number, state: () => DashboardState | undefined, close: () => Promise<void> }

export async function startDashboard (o: { c: ClusterDir, genesis: Genesis, port: number, host?: string, processes?: boolean }): Promise<Dashboard> {
  const root = staticDir()
  let poller: ClusterPoller | undefined
  const controls = new Controls(o.c, o.genesis, text => { poller?.note('control', text) })
  poller = new ClusterPoller(o.genesis, { processes: o.processes ?? true, accounts: controls.accounts(), modes: {} })
  const streams = new Set<ServerResponse>()
  let last: DashboardState | undefined
  let polling = false
  const tick = async (): Promise<void> => {
    if (polling) return
    polling = true
    try {
      last = await (poller as ClusterPoller).poll()
      const frame = `event: state\ndata: ${JSON.stringify(last)}\n\n`
      for (const res of streams) res.write(frame)
    } finally { polling = false }
  }
  const timer = setInterval(() => { void tick() }, POLL_INTERVAL_MS)
  void tick()

  const post: Record<string, (body: Record<string, unknown>) => Promise<unknown> | unknown> = {
    traitor: async b => await controls.traitor(b),
    clear: async b => await controls.clear(b),
    kill: b => { if (o.processes === false) throw new ControlError(409, 'this dashboard does not manage the replica processes'); return controls.kill(b) },
    restart: b => { if (o.processes === false) throw new ControlError(409, 'this dashboard does not manage the replica processes'); return controls.restart(b) },
    transfer: async b => await controls.transfer(b)
  }

  const server = createServer((req, res) => { void handle(req, res) })
  server.headersTimeout = 10_000
  server.maxConnections = 128
  async function handle (req: IncomingMessage, res: ServerResponse): Promise<void> {
    try {
      const url = new URL(req.url ?? '/', 'http://localhost')
      if (req.method === 'GET' && url.pathname === '/events') return openStream(res)
      if (req.method === 'GET' && url.pathname === '/api/state') return json(res, 200, last ?? await (poller as ClusterPoller).poll())
      if (req.method === 'POST' && url.pathname.startsWith('/api/')) {
        const action = post[url.pathname.slice('/api/'.length)]
        if (action === undefined) throw new ControlError(404, `no such control: ${url.pathname}`)
        if (!(req.headers['content-type'] ?? '').startsWith('application/json')) throw new ControlError(415, 'controls take a JSON body (content-type: application/json)')
        return json(res, 200, await action(await readJson(req)))
      }
      if (req.method === 'GET') return serveFile(res, url.pathname)
      throw new ControlError(405, `method ${req.method ?? '?'} not allowed`)
    } catch (err) {
      json(res, err instanceof ControlError || err instanceof HttpError ? err.status : 500, { error: err instanceof Error ? err.message : String(err) })
    }
  }

  function openStream (res: ServerResponse): void {
    if (streams.size >= SSE_CLIENTS_MAX) throw new ControlError(503, `at most ${SSE_CLIENTS_MAX} open dashboards`)
    res.writeHead(200, { 'content-type': 'text/event-stream', 'cache-control': 'no-cache', connection: 'keep-alive' })
    res.write('retry: 1000\n\n')
    if (last !== undefined) res.write(`event: state\ndata: ${JSON.stringify(last)}\n\n`)
    streams.add(res)
    res.on('close', () => { streams.delete(res) })
  }

  function serveFile (res: ServerResponse, path: string): void {
    const rel = normalize(path === '/' ? '/index.html' : path).replace(/^([/\\])+/, '')
    const file = join(root, rel)
    if (!file.startsWith(root + sep) || !existsSync(file)) {
      if (path === '/' || path === '/index.html') {
        res.writeHead(503, { 'content-type': 'text/plain' }).end(`the dashboard page is not built (${root} is missing); run: npm run build\n`)
        return
      }
      throw new ControlError(404, `no such file: ${path}`)
    }
    res.writeHead(200, { 'content-type': TYPES[extname(file)] ?? 'application/octet-stream' }).end(readFileSync(file))
  }

  const host = o.host ?? '127.0.0.1'
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject)
    server.listen(o.port, host, () => { server.off('error', reject); resolve() })
  })
  const addr = server.address()
  const port = typeof addr === 'object' && addr !== null ? addr.port : o.port
  return {
    url: `http://${host}:${port}/`,
    port,
    state: () => last,
    close: async () => {
      clearInterval(timer)
      for (const res of streams) res.end()
      const closed = new Promise<void>(resolve => { server.close(() => { resolve() }) })
      server.closeAllConnections()
      await closed
      await controls.close()
    }
  }
}

function json (res: ServerResponse, status: number, body: unknown): void {
  if (res.headersSent) { res.end(); return }
  res.writeHead(status, { 'content-type': 'application/json' }).end(JSON.stringify(body))
}

async function readJson (req: IncomingMessage): Promise<Record<string, unknown>> {
  const body = await readBody(req, CONTROL_BODY_BYTES_MAX)
  let v: unknown
  try { v = JSON.parse(Buffer.from(body).toString('utf8')) } catch { throw new ControlError(400, 'the body is not valid JSON') }
  if (typeof v !== 'object' || v === null || Array.isArray(v)) throw new ControlError(400, 'the body must be a JSON object')
  return v as Record<string, unknown>
}
