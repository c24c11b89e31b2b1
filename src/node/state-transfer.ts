// State transfer: a replica that learns of a stable checkpoint above its executed height
// fetches the missing blocks from peers, and the ledger verifies each one (commit certificate,
// hash chain, re-execution) before it is applied. A peer that serves a bad block, or stays
// silent past the timeout, is skipped and the next one is asked. Also serves peers' requests.
// A peer that pruned the blocks we need (docs/ledger.md, Retention) answers with no blocks and
// its prune base; it is skipped without blame. If every peer did, `pruned(…, everyPeer)` reports it
// (this replica then needs a snapshot transfer, which is not built) and we keep asking.
import { limits, pb, type Block, type ReplicaMessage, type StateRequest, type StateResponse } from '../codec/index.js'
import { bytesEqual } from '../crypto/hash.js'
import type { LedgerApi } from '../ledger/types.js'

export const STATE_REQUEST_TIMEOUT_MS = 2_000
/** After an empty answer (the peer is not ahead of us), the next peer is asked this much later. */
export const EMPTY_RETRY_MS = 100
/** Encoded bytes of blocks in one response: half a frame, so the response always fits. */
export const STATE_RESPONSE_BYTES_MAX = limits.FRAME_BYTES_MAX / 2

export interface StateTransferDeps {
  chainId: string
  id: number
  ledger: LedgerApi
  send: (to: number, message: ReplicaMessage) => void
  /** Runs ledger work in the driver's execution order (never concurrently with execution). */
  serialize: <T>(work: () => Promise<T>) => Promise<T>
  /** The ledger holds every block up to `seq`, whose hash is `blockHash`. */
  done: (seq: number, blockHash: Uint8Array) => void
  /** Blocks up to `seq` were applied, short of the target: progress the core may count. */
  progress?: (seq: number, blockHash: Uint8Array) => void
  badPeer: (peer: number, reason: string) => void
  /** `peer` pruned below `prunedBelow`, past our head; `everyPeer` once all peers said so. */
  pruned?: (peer: number, prunedBelow: number, everyPeer: boolean) => void
  /** Traitor mode bad-state-transfer: alter the blocks this replica serves. */
  lies?: () => boolean
}

interface Target { seq: number, blockHash: Uint8Array | undefined, peers: number[], next: number, askedAtMs: number, asked?: number, pruned: Set<number> }

export class StateTransfer {
  private target: Target | undefined
  private applying = false
  stats = { requestsServed: 0, blocksServed: 0, blocksApplied: 0, badBlocks: 0, timeouts: 0, prunedResponses: 0, prunedRequests: 0 }

  constructor (private readonly deps: StateTransferDeps) {}

  active (): boolean { return this.target !== undefined }

  /** Fetch up to `seq`; with `blockHash`, block `seq` must have it (a stable checkpoint's). */
  start (seq: number, blockHash: Uint8Array | undefined, peers: number[], nowMs: number): void {
    if (this.target !== undefined && this.target.seq >= seq) return
    const others = peers.filter(p => p !== this.deps.id)
    this.target = { seq, blockHash, peers: others, next: 0, askedAtMs: nowMs, pruned: new Set() }
    this.ask(nowMs)
  }

  tick (nowMs: number): void {
    const t = this.target
    if (t === undefined || this.applying) return
    if (nowMs - t.askedAtMs >= STATE_REQUEST_TIMEOUT_MS) {
      this.stats.timeouts++
      this.ask(nowMs)
    }
  }

  private ask (nowMs: number): void {
    const t = this.target
    if (t === undefined || t.peers.length === 0) return
    const peer = t.peers[t.next % t.peers.length] as number
    t.next++
    t.asked = peer
    t.askedAtMs = nowMs
    const from = this.deps.ledger.head().height + 1
    this.deps.send(peer, { type: 'state-request', stateRequest: { chainId: this.deps.chainId, fromHeight: from, toHeight: t.seq, replica: this.deps.id } })
  }

  async onResponse (from: number, res: StateResponse, nowMs: number): Promise<void> {
    const t = this.target
    if (t === undefined || from !== t.asked || this.applying) return
    if (res.blocks.length === 0 && res.prunedBelow > this.deps.ledger.head().height + 1) {
      this.stats.prunedResponses++
      const everyPeer = t.peers.every(p => p === from || t.pruned.has(p))
      if (!t.pruned.has(from)) {
        t.pruned.add(from)
        this.deps.pruned?.(from, res.prunedBelow, everyPeer)
      }
      if (everyPeer) t.askedAtMs = nowMs // nobody can serve us now: ask again only after the timeout
      else this.ask(nowMs) // no blame: ask the next peer now
      return
    }
    this.applying = true
    const before = this.deps.ledger.head().height
    try {
      const ok = await this.deps.serialize(async () => await this.apply(from, res.blocks))
      const head = this.deps.ledger.head()
      // A newer stable checkpoint may have replaced the target while we applied (start()): finish
      // or pursue the current target, never drop it (a dropped one left a replica stuck below the
      // newest checkpoint until the next one; test/e2e/retention.test.ts found it).
      const cur = this.target
      if (cur !== undefined && head.height >= cur.seq) {
        this.target = undefined
        if (head.height === cur.seq && cur.blockHash !== undefined && !bytesEqual(head.blockHash, cur.blockHash)) {
          this.deps.badPeer(from, `block ${cur.seq} does not match the stable checkpoint`)
        }
        this.deps.done(head.height, head.blockHash)
        return
      }
      if (head.height > before) this.deps.progress?.(head.height, head.blockHash)
      if (cur !== t) this.ask(nowMs) // its own request was dropped while we applied
      else if (!ok) t.askedAtMs = 0 // ask the next peer on the next tick
      else if (res.blocks.length === 0) t.askedAtMs = nowMs - STATE_REQUEST_TIMEOUT_MS + EMPTY_RETRY_MS // it has nothing yet
      else this.ask(nowMs)
    } finally {
      this.applying = false
    }
  }

  private async apply (from: number, blocks: Block[]): Promise<boolean> {
    for (const block of blocks) {
      const head = this.deps.ledger.head().height
      if (block.header.height <= head) continue
      if (block.header.height !== head + 1) return false
      try {
        await this.deps.ledger.applyTransferred(block)
        this.stats.blocksApplied++
      } catch (err) {
        this.stats.badBlocks++
        this.deps.badPeer(from, err instanceof Error ? err.message : String(err))
        return false
      }
    }
    return true
  }

  /** Serves a peer's request with as many consecutive blocks as fit one response. */
  async onRequest (from: number, req: StateRequest): Promise<void> {
    const head = this.deps.ledger.head().height
    const prunedBelow = this.deps.ledger.prunedBelow()
    const base = { chainId: this.deps.chainId, replica: this.deps.id, headHeight: head, prunedBelow: prunedBelow > 1 ? prunedBelow : 0 }
    if (req.fromHeight < prunedBelow) {
      this.stats.prunedRequests++
      this.deps.send(from, { type: 'state-response', stateResponse: { ...base, blocks: [] } })
      return
    }
    const blocks: Block[] = []
    let bytes = 0
    const last = Math.min(req.toHeight, head, req.fromHeight + limits.STATE_RESPONSE_BLOCKS_MAX - 1)
    for (let h = Math.max(1, req.fromHeight); h <= last; h++) {
      const b = await this.deps.ledger.getBlock(h)
      if (b === undefined) break
      bytes += pb.Block.encode(b).byteLength
      if (bytes > STATE_RESPONSE_BYTES_MAX && blocks.length > 0) break
      blocks.push(this.deps.lies?.() === true ? { ...b, header: { ...b.header, stateRoot: new Uint8Array(32).fill(0xee) } } : b)
    }
    this.stats.requestsServed++
    this.stats.blocksServed += blocks.length
    this.deps.send(from, { type: 'state-response', stateResponse: { ...base, blocks } })
  }
}
