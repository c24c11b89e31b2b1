// Connection limits of an HTTP server: at most `perAddress` open connections from one remote
// address (a socket above it is closed at once, before Node reads a byte of it), and the total
// cap (server.maxConnections) reported too. Without the per-address cap, one local process
// opening slow connections could hold the whole pool and make /status unavailable.
import type { Server } from 'node:http'
import type { Socket } from 'node:net'

export type RefusedReason = 'per-address-limit' | 'total-limit'

export function limitConnections (server: Server, o: { total: number, perAddress: number, refused?: (reason: RefusedReason) => void }): void {
  const open = new Map<string, number>()
  server.maxConnections = o.total
  server.on('drop', () => { o.refused?.('total-limit') })
  // Prepended, so the socket is closed before the HTTP parser reads from it.
  server.prependListener('connection', (socket: Socket) => {
    const addr = socket.remoteAddress ?? 'unknown'
    const n = open.get(addr) ?? 0
    if (n >= o.perAddress) {
      o.refused?.('per-address-limit')
      socket.destroy()
      return
    }
    open.set(addr, n + 1)
    socket.once('close', () => {
      const left = (open.get(addr) ?? 1) - 1
      if (left <= 0) open.delete(addr)
      else open.set(addr, left)
    })
  })
}
