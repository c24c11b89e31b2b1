// Free TCP ports on 127.0.0.1 for throwaway local clusters (bench, tests).
import { createServer } from 'node:net'

export async function portFree (port: number): Promise<boolean> {
  return await new Promise(resolve => {
    const s = createServer()
    s.once('error', () => { resolve(false) })
    s.listen(port, '127.0.0.1', () => { s.close(() => { resolve(true) }) })
  })
}

/**
 * A base port P such that P..P+n-1 (libp2p) and P+100..P+100+n-1 (HTTP API) are free. P stays
 * below Linux's ephemeral range (32768+), so an outgoing connection cannot take a port a replica
 * is about to listen on.
 */
export async function freeBasePort (n: number): Promise<number> {
  for (let attempt = 0; attempt < 200; attempt++) {
    const base = 20_000 + Math.floor(Math.random() * 120) * 100
    const ports = [...Array(n).keys()].flatMap(i => [base + i, base + 100 + i])
    if ((await Promise.all(ports.map(portFree))).every(Boolean)) return base
  }
  throw new Error('no free ports between 20000 and 32000')
}
