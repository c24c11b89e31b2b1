// Checks the client signatures a replica message carries before the core steps it, a chunk at
// a time with a yield to the event loop between chunks. The core checks every transaction of a
// PRE-PREPARE inside one `step`: for a full batch of 512 that is about 60 ms during which nothing else
// of the process ran (sockets, ticks, GET /status; found by `pbft bench --overload`, backups'
// steps of 55-130 ms). The verdicts land in the replica's verify memo (verify-cache.ts), so the
// core's own checks become lookups; the core still decides, this only moves the work.
//
// Messages of replicas keep their order: once one waits here, every later one waits behind it.
import { assertNever, signingBytes, type ReplicaMessage, type Transaction } from '../codec/index.js'
import type { ProtocolEvent } from '../protocol/types.js'

/** Signatures checked between two yields. */
export const PREVERIFY_CHUNK = 64
/**
 * Messages with fewer transactions go straight to the core (when nothing waits here): about
 * 25 ms of checks at most, and checking them twice (here, then the memo lookup in the core) and
 * the yields cost the closed-loop bench 6-11 % of its throughput when every batch (~120
 * transactions) came through here. Under overload batches are full (512) and are chunked.
 */
export const PREVERIFY_MIN_TXS = 256
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
    case 'prepare':
    case 'commit':
    case 'checkpoint':
    case 'state-request':
    case 'state-response': return []
    default: return assertNever(m)
  }
}

export class PreVerifier {
  /** Waiting messages with their transactions (transactionsOf, computed once). */
  private readonly queue: Array<{ e: MessageEvent, txs: Transaction[] }> = []
  private running = false
  private stopped = false
  dropped = 0

  constructor (private readonly chainId: string, private readonly verify: Verify, private readonly push: (e: MessageEvent) => void) {}

  /** Passes `e` on at once when nothing waits and it carries fewer than PREVERIFY_MIN_TXS; otherwise after its checks. False if dropped. */
  submit (e: MessageEvent): boolean {
    if (this.stopped) return false
    const txs = transactionsOf(e.message)
    if (!this.running && txs.length < PREVERIFY_MIN_TXS) {
      this.push(e)
      return true
    }
    if (this.queue.length >= PREVERIFY_QUEUE_MAX) {
      this.dropped++
      return false
    }
    this.queue.push({ e, txs })
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
      for (let next = this.queue[0]; next !== undefined && !this.stopped; next = this.queue[0]) {
        // A small message waiting behind a large one is passed on without checks or yields.
        const { e, txs } = next
        for (let i = 0; i < txs.length && txs.length >= PREVERIFY_MIN_TXS && !this.stopped; i += PREVERIFY_CHUNK) {
          await new Promise(resolve => setImmediate(resolve))
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
