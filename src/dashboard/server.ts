// The dashboard's web server (localhost only): the page built by Vite (static-files.ts), a
// server-sent event stream of the cluster's state (state-stream.ts), and the control endpoints.
// Controls take JSON only (a cross-site form cannot send it without a CORS preflight, which is
// refused).
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http'
import type { ClusterDir } from '../cluster/cluster-dir.js'
import type { Genesis } from '../ledger/genesis.js'
import { HttpError, readBody } from '../node/http-api.js'
import { ControlError, Controls } from './controls.js'
import { ClusterPoller } from './poller.js'
import type { DashboardState } from './state.js'
import { StateStream } from './state-stream.js'
import { serveFile, staticDir } from './static-files.js'

export const CONTROL_BODY_BYTES_MAX = 4096

export interface Dashboard { url: string, port: number, state: () => DashboardState | undefined, close: () => Promise<void> }

type ControlAction = (body: Record<string, unknown>) => Promise<unknown> | unknown

/** What the request handler serves. */
interface Site { stream: StateStream, controls: Record<string, ControlAction>, root: string }

export async function startDashboard (o: { c: ClusterDir, genesis: Genesis, port: number, host?: string, processes?: boolean }): Promise<Dashboard> {
  let poller: ClusterPoller | undefined
  const controls = new Controls(o.c, o.genesis, text => { poller?.note('control', text) })
  poller = new ClusterPoller(o.genesis, { processes: o.processes ?? true, accounts: controls.accounts(), modes: {} })
  const stream = new StateStream(poller)
  const site: Site = { stream, controls: controlActions(controls, o.processes ?? true), root: staticDir() }
  const server = createServer((req, res) => { void handle(site, req, res) })
  server.headersTimeout = 10_000
  server.maxConnections = 128
  const host = o.host ?? '127.0.0.1'
  const port = await listen(server, o.port, host)
  return {
    url: `http://${host}:${port}/`,
    port,
    state: () => stream.latest(),
    close: async () => {
      stream.close()
      const closed = new Promise<void>(resolve => { server.close(() => { resolve() }) })
      server.closeAllConnections()
      await closed
      await controls.close()
    }
  }
}

/** The POST /api/NAME controls; kill and restart only where this dashboard manages the replica processes. */
function controlActions (controls: Controls, processes: boolean): Record<string, ControlAction> {
  const managed = (action: ControlAction): ControlAction => b => {
    if (!processes) throw new ControlError(409, 'this dashboard does not manage the replica processes')
    return action(b)
  }
  return {
    traitor: async b => await controls.traitor(b),
    clear: async b => await controls.clear(b),
    kill: managed(b => controls.kill(b)),
    restart: managed(b => controls.restart(b)),
    transfer: async b => await controls.transfer(b)
  }
}

async function handle (site: Site, req: IncomingMessage, res: ServerResponse): Promise<void> {
  try {
    const url = new URL(req.url ?? '/', 'http://localhost')
    if (req.method === 'GET' && url.pathname === '/events') return site.stream.open(res)
    if (req.method === 'GET' && url.pathname === '/api/state') return json(res, 200, await site.stream.current())
    if (req.method === 'POST' && url.pathname.startsWith('/api/')) return json(res, 200, await runControl(site.controls, url.pathname, req))
    if (req.method === 'GET') return serveFile(site.root, res, url.pathname)
    throw new ControlError(405, `method ${req.method ?? '?'} not allowed`)
  } catch (err) {
    json(res, err instanceof ControlError || err instanceof HttpError ? err.status : 500, { error: err instanceof Error ? err.message : String(err) })
  }
}

/** POST /api/NAME: the control NAME with the request's JSON body. */
async function runControl (controls: Record<string, ControlAction>, pathname: string, req: IncomingMessage): Promise<unknown> {
  const action = controls[pathname.slice('/api/'.length)]
  if (action === undefined) throw new ControlError(404, `no such control: ${pathname}`)
  if (!(req.headers['content-type'] ?? '').startsWith('application/json')) throw new ControlError(415, 'controls take a JSON body (content-type: application/json)')
  return await action(await readJson(req))
}

/** Listens on host:port; resolves with the port bound (0 asks for any free one). */
async function listen (server: Server, port: number, host: string): Promise<number> {
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject)
    server.listen(port, host, () => { server.off('error', reject); resolve() })
  })
  const addr = server.address()
  return typeof addr === 'object' && addr !== null ? addr.port : port
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
