// The dashboard page built by Vite, served read-only from dist/dashboard of this package: a path
// outside that directory, or missing, is a 404; a page not built says how to build it.
import { existsSync, readFileSync } from 'node:fs'
import type { ServerResponse } from 'node:http'
import { extname, join, normalize, sep } from 'node:path'
import { PACKAGE_ROOT } from '../cluster/processes.js'
import { ControlError } from './controls.js'

const TYPES: Record<string, string> = { '.html': 'text/html; charset=utf-8', '.js': 'text/javascript', '.css': 'text/css', '.svg': 'image/svg+xml', '.png': 'image/png', '.ico': 'image/x-icon' }

/** dist/dashboard of this package, where `npm run build` puts the page. */
export function staticDir (): string {
  return join(PACKAGE_ROOT, 'dist', 'dashboard')
}

/** Answers GET `path` with the file under `root` it names ('/' is index.html). */
export function serveFile (root: string, res: ServerResponse, path: string): void {
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
