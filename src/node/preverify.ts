// Checks the client signatures a replica message carries before the core steps it, a chunk at
// a time with a yield to the event loop between chunks. The core checks every transaction of a
// PRE-PREPARE inside one `step`: for a batch of 512 that is about 60 ms during which nothing else
// of the process ran (sockets, ticks, GET /status; found by `pbft bench --overload`, backups'
// steps of 55-130 ms). The verdicts land in the replica's verify memo (verify-cache.ts), so the
// core's own checks become lookups; the core still decides, this only moves the work.
//
// Messages of replicas keep their order: once one waits here, every later one waits behind it.
import { signingBytes, type ReplicaMessage, type Transaction } from '../codec/index.js'
import type { ProtocolEvent } from '../protocol/types.js'

/** Signatures checked between two yields. */
export const PREVERIFY_CHUNK = 64
/** Replica messages waiting here; beyond it they are dropped and counted (retransmission repairs). */
export const PREVERIFY_QUEUE_MAX = 4096

type MessageEvent = Extract<ProtocolEvent, { type: 'message' }>
type Verify = (pub: Uint8Array, bytes: Uint8Array, sig: Uint8Array) => boolean

/** The client transactions inside a replica message (batches of pre-prepares, view changes, new views; a forwarded request). */
export function transactionsOf (m: ReplicaMessage): Transaction[] {
  switch (m.type) {
    case 'pre-prepare': return m.batch.txs
    case 'view-change':
    case 'new-view': return m.batches.flatMap(b => b.txs)
    case 'request': return [m.request]
    default: return []
  }
}

export class PreVerifier {
  private readonly queue: MessageEvent[] = []
  private running = false
  private stopped = false
  dropped = 0

  constructor (private readonly chainId: string, private readonly verify: Verify, private readonly push: (e: MessageEvent) => void) {}

  /** Passes `e` on at once when nothing waits and it carries at most one chunk; otherwise after its checks. False if dropped. */
  submit (e: MessageEvent): boolean {
    if (this.stopped) return false
    const txs = transactionsOf(e.message)
    if (!this.running && txs.length <= PREVERIFY_CHUNK) {
      this.push(e)
      return true
    }
    if (this.queue.length >= PREVERIFY_QUEUE_MAX) {
      this.dropped++
      return false
    }
    this.queue.push(e)
    if (!this.running) void this.run()
    return true
  }

  /** Messages waiting for their checks. */
  backlog (): number { return this.queue.length }

  stop (): void {
    this.stopped = true
    this.queue.length = 0
  }

  private async run (): Promise<void> {
    this.running = true
    try {
      for (let e = this.queue[0]; e !== undefined && !this.stopped; e = this.queue[0]) {
        const txs = transactionsOf(e.message)
        for (let i = 0; i < txs.length && !this.stopped; i += PREVERIFY_CHUNK) {
          if (i > 0 || txs.length > PREVERIFY_CHUNK) await new Promise(resolve => setImmediate(resolve))
          for (const tx of txs.slice(i, i + PREVERIFY_CHUNK)) if (tx.chainId === this.chainId) this.verify(tx.client, signingBytes('transaction', tx), tx.signature)
        }
        this.queue.shift()
        if (!this.stopped) this.push(e)
      }
    } finally {
      this.running = false
    }
  }
}
