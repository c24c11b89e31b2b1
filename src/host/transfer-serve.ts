// State transfer, the serving side (transfer.ts is the fetching side): a peer's `state-request`
// is answered from the block store port with as many consecutive whole blocks as fit one
// response (STATE_RESPONSE_BLOCKS_MAX blocks, STATE_RESPONSE_BYTES_MAX bytes). A request below
// this replica's prune base (docs/ledger.md, Retention) is answered with no blocks and the base,
// so the asker skips this replica without blame.
//
// The answer leaves through the host's `send`, which passes it through the core's `outbound`
// (CorePort): that is where a src/byzantine traitor in mode `bad-state-transfer` alters it, the
// same code in the simulator and in a replica process.
import { pb, type Block, type ReplicaMessage, type StateRequest } from '../codec/index.js'
import { STATE_RESPONSE_BLOCKS_MAX, STATE_RESPONSE_BYTES_MAX, STATE_SERVE_WINDOW_MS, STATE_SERVES_PER_PEER_MAX } from './limits.js'
import type { Task } from './tasks.js'
import type { TransferStorePort } from './transfer.js'

export interface ServeStats { requestsServed: number, blocksServed: number, prunedRequests: number, refusedRequests: number }

/** Per peer, when its requests of the last STATE_SERVE_WINDOW_MS were served (the host's tick clock). */
export class ServeBudget {
  private readonly served = new Map<number, number[]>()

  /** Whether `peer` may be served now; counts it if so. Without a clock yet (no tick), always. */
  allow (peer: number, nowMs: number | undefined): boolean {
    if (nowMs === undefined) return true
    const recent = (this.served.get(peer) ?? []).filter(t => nowMs - t < STATE_SERVE_WINDOW_MS)
    const ok = recent.length < STATE_SERVES_PER_PEER_MAX
    if (ok) recent.push(nowMs)
    this.served.set(peer, recent)
    return ok
  }
}

/** Answers `from`'s request (a task: it yields the store's reads). */
export function * serveStateRequest (chainId: string, id: number, blocks: TransferStorePort, from: number, req: StateRequest,
  send: (to: number, m: ReplicaMessage) => void, stats: ServeStats): Task<void> {
  const head = blocks.head().height
  const prunedBelow = blocks.prunedBelow()
  const base = { chainId, replica: id, headHeight: head, prunedBelow: prunedBelow > 1 ? prunedBelow : 0 }
  if (req.fromHeight < prunedBelow) {
    stats.prunedRequests++
    send(from, { type: 'state-response', stateResponse: { ...base, blocks: [] } })
    return
  }
  const out: Block[] = []
  let bytes = 0
  const last = Math.min(req.toHeight, head, req.fromHeight + STATE_RESPONSE_BLOCKS_MAX - 1)
  for (let h = Math.max(1, req.fromHeight); h <= last; h++) {
    const b = (yield blocks.getBlock(h)) as Block | undefined
    if (b === undefined) break
    bytes += pb.Block.encode(b).byteLength
    if (bytes > STATE_RESPONSE_BYTES_MAX && out.length > 0) break
    out.push(b)
  }
  stats.requestsServed++
  stats.blocksServed += out.length
  send(from, { type: 'state-response', stateResponse: { ...base, blocks: out } })
}
