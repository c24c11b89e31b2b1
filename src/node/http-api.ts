// The replica's HTTP JSON API on localhost: status, blocks, transactions, accounts, evidence,
// metrics, and the signed admin endpoint. Bad requests get a 4xx with a JSON error naming
// what is wrong; nothing a client sends can throw through the server. No CORS headers: other
// origins' pages may not read these answers (the dashboard polls from its server process).
// Connection and time limits: limits.ts and docs/security.md (Local HTTP API).
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http'
import { limitConnections, type RefusedReason } from './http-guard.js'
import { stringify } from './json.js'
import {
  ADMIN_BODY_BYTES_MAX, API_CONNECTIONS_MAX, API_CONNECTIONS_PER_ADDRESS_MAX, API_HEADERS_TIMEOUT_MS,
  API_KEEP_ALIVE_TIMEOUT_MS, API_REQUEST_TIMEOUT_MS, API_TIMEOUT_CHECK_MS
} from './limits.js'

export { ADMIN_BODY_BYTES_MAX }
/** The only body types a POST route takes (a cross-site form can send neither without a preflight). */
export const POST_CONTENT_TYPES = ['application/json', 'application/octet-stream'] as const
export type PostContentType = typeof POST_CONTENT_TYPES[number]

export class HttpError extends Error {
  override readonly name = 'HttpError'
  constructor (readonly status: number, message: string) { super(message) }
}

export type Route = (params: { path: string[], query: URLSearchParams, body?: Uint8Array, contentType?: PostContentType }) => Promise<unknown>

export interface ApiRoutes {
  get: Record<string, Route>
  post: Record<string, Route>
  metrics: () => Promise<{ contentType: string, body: string }>
}

export interface ApiOptions {
  /** Called for each connection closed at once because a connection limit was reached. */
  refused?: (reason: RefusedReason) => void
}

export async function startHttpApi (host: string, port: number, routes: ApiRoutes, o: ApiOptions = {}): Promise<{ server: Server, port: number }> {
  const server = createServer({
    headersTimeout: API_HEADERS_TIMEOUT_MS,
    requestTimeout: API_REQUEST_TIMEOUT_MS,
    keepAliveTimeout: API_KEEP_ALIVE_TIMEOUT_MS,
    connectionsCheckingInterval: API_TIMEOUT_CHECK_MS
  }, (req, res) => { void handle(routes, req, res) })
  limitConnections(server, { total: API_CONNECTIONS_MAX, perAddress: API_CONNECTIONS_PER_ADDRESS_MAX, refused: o.refused })
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject)
    server.listen(port, host, () => { server.off('error', reject); resolve() })
  })
  const addr = server.address()
  return { server, port: typeof addr === 'object' && addr !== null ? addr.port : port }
}

/** The request target as decoded path segments and query; a 400 naming what is wrong otherwise. */
export function parseTarget (target: string | undefined): { pathname: string, path: string[], query: URLSearchParams } {
  if (target === undefined || !target.startsWith('/')) throw new HttpError(400, `the request target must be a path starting with /, got ${JSON.stringify(target ?? '')}`)
  let url: URL
  try { url = new URL(`http://localhost${target}`) } catch { throw new HttpError(400, `the request target ${JSON.stringify(target)} is not a valid path`) }
  const path = url.pathname.split('/').filter(s => s.length > 0).map(s => {
    try { return decodeURIComponent(s) } catch { throw new HttpError(400, `path segment ${JSON.stringify(s)} is not valid percent-encoding`) }
  })
  return { pathname: url.pathname, path, query: url.searchParams }
}

/** The media type of a POST body, if it is one POST routes take; a 415 otherwise. */
function postContentType (header: string | undefined): PostContentType {
  const type = (header ?? '').split(';')[0]?.trim().toLowerCase() ?? ''
  const ok = POST_CONTENT_TYPES.find(t => t === type)
  if (ok === undefined) throw new HttpError(415, `a POST body must be content-type ${POST_CONTENT_TYPES.join(' or ')}, got ${JSON.stringify(header ?? '')}`)
  return ok
}

async function handle (routes: ApiRoutes, req: IncomingMessage, res: ServerResponse): Promise<void> {
  try {
    const { pathname, path, query } = parseTarget(req.url)
    if (req.method === 'GET' && path[0] === 'metrics') {
      const m = await routes.metrics()
      res.writeHead(200, { 'content-type': m.contentType }).end(m.body)
      return
    }
    const table = req.method === 'GET' ? routes.get : req.method === 'POST' ? routes.post : undefined
    if (table === undefined) throw new HttpError(405, `method ${req.method ?? '?'} not allowed`)
    const route = Object.hasOwn(table, path[0] ?? '') ? table[path[0] ?? ''] : undefined
    if (route === undefined) throw new HttpError(404, `no such endpoint: ${req.method ?? '?'} ${pathname}`)
    const contentType = req.method === 'POST' ? postContentType(req.headers['content-type']) : undefined
    const body = req.method === 'POST' ? await readBody(req, ADMIN_BODY_BYTES_MAX) : undefined
    const result = await route({ path: path.slice(1), query, body, contentType })
    res.writeHead(200, { 'content-type': 'application/json' }).end(stringify(result))
  } catch (err) {
    const status = err instanceof HttpError ? err.status : 500
    const message = err instanceof Error ? err.message : String(err)
    if (!res.headersSent) res.writeHead(status, { 'content-type': 'application/json' })
    res.end(JSON.stringify({ error: message }))
  }
}

export async function readBody (req: IncomingMessage, max: number): Promise<Uint8Array> {
  const chunks: Buffer[] = []
  let size = 0
  for await (const chunk of req) {
    size += (chunk as Buffer).byteLength
    if (size > max) throw new HttpError(413, `request body larger than ${max} bytes`)
    chunks.push(chunk as Buffer)
  }
  return new Uint8Array(Buffer.concat(chunks))
}

/** Parses a decimal path or query parameter, or throws a 400 naming it. */
export function intParam (value: string | undefined | null, name: string, min = 0): number {
  if (value == null || !/^\d{1,15}$/.test(value)) throw new HttpError(400, `${name} must be a non-negative integer, got ${JSON.stringify(value ?? '')}`)
  const n = Number(value)
  if (n < min) throw new HttpError(400, `${name} must be at least ${min}`)
  return n
}

/** Parses a hex path parameter of an exact byte length, or throws a 400 naming it. */
export function hexParam (value: string | undefined, name: string, bytes: number): Uint8Array {
  if (value === undefined || value.length !== bytes * 2 || !/^[0-9a-fA-F]+$/.test(value)) {
    throw new HttpError(400, `${name} must be ${bytes * 2} hex characters`)
  }
  return new Uint8Array(Buffer.from(value, 'hex'))
}
