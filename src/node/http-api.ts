// The replica's HTTP JSON API on localhost: status, blocks, transactions, accounts, evidence,
// metrics, and the signed admin endpoint. Bad requests get a 4xx with a JSON error naming
// what is wrong; nothing a client sends can throw through the server.
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http'
import { stringify } from './json.js'

export const ADMIN_BODY_BYTES_MAX = 16 * 1024

export class HttpError extends Error {
  override readonly name = 'HttpError'
  constructor (readonly status: number, message: string) { super(message) }
}

export type Route = (params: { path: string[], query: URLSearchParams, body?: Uint8Array }) => Promise<unknown>

export interface ApiRoutes {
  get: Record<string, Route>
  post: Record<string, Route>
  metrics: () => Promise<{ contentType: string, body: string }>
}

export async function startHttpApi (host: string, port: number, routes: ApiRoutes): Promise<{ server: Server, port: number }> {
  const server = createServer((req, res) => { void handle(routes, req, res) })
  server.headersTimeout = 10_000
  server.requestTimeout = 10_000
  server.maxConnections = 256
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject)
    server.listen(port, host, () => { server.off('error', reject); resolve() })
  })
  const addr = server.address()
  return { server, port: typeof addr === 'object' && addr !== null ? addr.port : port }
}

async function handle (routes: ApiRoutes, req: IncomingMessage, res: ServerResponse): Promise<void> {
  try {
    const url = new URL(req.url ?? '/', 'http://localhost')
    const path = url.pathname.split('/').filter(s => s.length > 0).map(decodeURIComponent)
    res.setHeader('access-control-allow-origin', '*')
    if (req.method === 'GET' && path[0] === 'metrics') {
      const m = await routes.metrics()
      res.writeHead(200, { 'content-type': m.contentType }).end(m.body)
      return
    }
    const table = req.method === 'GET' ? routes.get : req.method === 'POST' ? routes.post : undefined
    if (table === undefined) throw new HttpError(405, `method ${req.method ?? '?'} not allowed`)
    const route = table[path[0] ?? '']
    if (route === undefined) throw new HttpError(404, `no such endpoint: ${url.pathname}`)
    const body = req.method === 'POST' ? await readBody(req, ADMIN_BODY_BYTES_MAX) : undefined
    const result = await route({ path: path.slice(1), query: url.searchParams, body })
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
