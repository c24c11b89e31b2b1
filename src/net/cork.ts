// One write system call per socket per event-loop turn. libp2p writes every frame as two
// buffers (a Noise length prefix, then the ciphertext), and each `socket.write` of an idle
// socket is its own system call: on loopback the whole TCP send path, 30-40 µs, which was a
// fifth of a replica's CPU at one transaction in flight. Corking a socket at its first write
// of a turn and uncorking it when the turn ends (setImmediate) hands Node every buffer of the
// turn at once, sent with one writev. A process-wide switch, for the processes this package
// runs (replicas, the bench's load generator), never for a library user's process.
import net from 'node:net'

const CORKED = Symbol('pbft.corked')
type Corkable = net.Socket & { [CORKED]?: boolean }

let installed = false

export function corkWritesPerTurn (): void {
  if (installed) return
  installed = true
  const write = net.Socket.prototype.write as (this: net.Socket, ...args: unknown[]) => boolean
  net.Socket.prototype.write = function (this: Corkable, ...args: unknown[]): boolean {
    if (this[CORKED] !== true && !this.destroyed) {
      this[CORKED] = true
      this.cork()
      setImmediate(() => { this[CORKED] = false; this.uncork() })
    }
    return write.apply(this, args)
  } as typeof net.Socket.prototype.write
}
