// State transfer, the fetching side (DESIGN.md §3): the core emits `fetch-state` when it learns
// of a stable checkpoint above its executed height (or of a gap below seqs it saw commit); the
// host asks one peer at a time for the missing blocks with `state-request`, and every block of
// a `state-response` is verified completely by the block store port before it is applied
// (Ledger.applyTransferred: hash chain, content, commit certificate, re-execution). Then the
// core hears `state-transferred`. These are ordinary protocol messages handled by the host
// (host.ts), with the host's tick events as the clock: the simulator runs this very code over
// its lossy network, the node over libp2p. Serving is transfer-serve.ts.
//
// A peer that serves a bad block, stays silent for STATE_REQUEST_TIMEOUT_MS, or has nothing yet
// is skipped and the next one asked. A peer that pruned the blocks we need (docs/ledger.md,
// Retention) answers with no blocks and its prune base: skipped without blame; once every peer
// did, `pruned(…, everyPeer)` reports it (a snapshot transfer is not built) and we keep asking.
import type { Block, ReplicaMessage, StateResponse } from '../codec/index.js'
import { bytesEqual } from '../crypto/hash.js'
import type { ProtocolEvent, ReplicaId } from '../protocol/types.js'
import { STATE_EMPTY_RETRY_MS, STATE_REQUEST_TIMEOUT_MS } from './limits.js'
import type { AppliedBlock, MaybePromise } from './ports.js'
import type { Task } from './tasks.js'

/** What state transfer needs of the ledger (src/ledger LedgerApi is one). */
export interface TransferStorePort {
  head: () => { height: number, blockHash: Uint8Array }
  /** The lowest height whose whole block is kept (1 when nothing is pruned). */
  prunedBelow: () => number
  getBlock: (height: number) => MaybePromise<Block | undefined>
  /** Verifies a peer's block completely and appends it; throws (a rejected promise) if it is bad. */
  applyTransferred: (block: Block) => MaybePromise<AppliedBlock>
}

/** What state transfer tells the runtime (logs, metrics, the simulator's checks). All optional. */
export interface TransferLog {
  done?: (seq: number) => void
  badPeer?: (peer: ReplicaId, reason: string) => void
  pruned?: (peer: ReplicaId, prunedBelow: number, everyPeer: boolean) => void
}

export interface TransferDeps {
  chainId: string
  id: ReplicaId
  blocks: TransferStorePort
  send: (to: ReplicaId, message: ReplicaMessage) => void
  /** The planted fault `transfer-unchecked` (test-only): how a block is applied instead, without its certificate checked. */
  applyUnchecked?: (block: Block) => MaybePromise<AppliedBlock>
  log?: TransferLog
}

interface Target { seq: number, blockHash: Uint8Array | undefined, peers: ReplicaId[], next: number, askedAtMs: number | undefined, asked?: ReplicaId, pruned: Set<ReplicaId> }

export class StateTransfer {
  private target: Target | undefined
  private applying = false
  readonly stats = { requestsServed: 0, blocksServed: 0, prunedRequests: 0, refusedRequests: 0, blocksApplied: 0, badBlocks: 0, timeouts: 0, prunedResponses: 0 }

  constructor (private readonly deps: TransferDeps) {}

  active (): boolean { return this.target !== undefined }

  /**
   * `fetch-state`: fetch up to `seq`; with `blockHash`, block `seq` must have it (a stable
   * checkpoint's). `nowMs` is the host's last tick (undefined before the first one). A task, so
   * that the host runs it in execution order (the ledger's head must be current).
   */
  * start (seq: number, blockHash: Uint8Array | undefined, peers: ReplicaId[], nowMs: number | undefined): Task<ProtocolEvent[]> {
    const head = this.deps.blocks.head()
    if (head.height >= seq) return [transferred(head)]
    if (this.target !== undefined && this.target.seq >= seq) return []
    this.target = { seq, blockHash, peers: peers.filter(p => p !== this.deps.id), next: 0, askedAtMs: nowMs, pruned: new Set() }
    this.ask(nowMs)
    return []
  }

  /** A tick: the asked peer had its time, ask the next one. */
  tick (nowMs: number): void {
    const t = this.target
    if (t === undefined || this.applying) return
    if (t.askedAtMs === undefined) t.askedAtMs = nowMs
    if (nowMs - t.askedAtMs < STATE_REQUEST_TIMEOUT_MS) return
    this.stats.timeouts++
    this.ask(nowMs)
  }

  private ask (nowMs: number | undefined): void {
    const t = this.target
    if (t === undefined || t.peers.length === 0) return
    const peer = t.peers[t.next % t.peers.length] as ReplicaId
    t.next++
    t.asked = peer
    t.askedAtMs = nowMs
    const fromHeight = this.deps.blocks.head().height + 1
    this.deps.send(peer, { type: 'state-request', stateRequest: { chainId: this.deps.chainId, fromHeight, toHeight: t.seq, replica: this.deps.id } })
  }

  /** Whether a response from `from` is the one awaited; if so it is ours to apply (`onResponse` next). */
  claim (from: ReplicaId): boolean {
    if (this.target === undefined || from !== this.target.asked || this.applying) return false
    this.applying = true
    return true
  }

  /** A claimed response: apply its blocks; the events for the core (`state-transferred`) are returned. */
  * onResponse (from: ReplicaId, res: StateResponse, nowMs: number): Task<ProtocolEvent[]> {
    try {
      const t = this.target
      if (t === undefined) return []
      if (res.blocks.length === 0 && res.prunedBelow > this.deps.blocks.head().height + 1) {
        this.onPruned(t, from, res.prunedBelow, nowMs)
        return []
      }
      const before = this.deps.blocks.head().height
      const ok = yield * this.apply(from, res.blocks)
      const head = this.deps.blocks.head()
      // A newer stable checkpoint may have replaced the target while we applied (start()): finish
      // or pursue the current target, never drop it (a dropped one left a replica stuck below the
      // newest checkpoint until the next one; test/e2e/retention.test.ts found it).
      const cur = this.target
      if (cur !== undefined && head.height >= cur.seq) {
        this.target = undefined
        if (head.height === cur.seq && cur.blockHash !== undefined && !bytesEqual(head.blockHash, cur.blockHash)) {
          this.deps.log?.badPeer?.(from, `block ${cur.seq} does not match the stable checkpoint`)
        }
        this.deps.log?.done?.(head.height)
        return [transferred(head)]
      }
      if (cur !== t) this.ask(nowMs) // its own request was dropped while we applied
      else if (!ok) t.askedAtMs = nowMs - STATE_REQUEST_TIMEOUT_MS // ask the next peer on the next tick
      else if (res.blocks.length === 0) t.askedAtMs = nowMs - STATE_REQUEST_TIMEOUT_MS + STATE_EMPTY_RETRY_MS // it has nothing yet
      else this.ask(nowMs)
      // Blocks applied short of the target: progress the core may count.
      return head.height > before ? [transferred(head)] : []
    } finally {
      this.applying = false
    }
  }

  private onPruned (t: Target, from: ReplicaId, prunedBelow: number, nowMs: number): void {
    this.stats.prunedResponses++
    const everyPeer = t.peers.every(p => p === from || t.pruned.has(p))
    if (!t.pruned.has(from)) {
      t.pruned.add(from)
      this.deps.log?.pruned?.(from, prunedBelow, everyPeer)
    }
    if (everyPeer) t.askedAtMs = nowMs // nobody can serve us now: ask again only after the timeout
    else this.ask(nowMs) // no blame: ask the next peer now
  }

  /** Applies the blocks that continue our chain, each verified; false at the first bad or missing one. */
  private * apply (from: ReplicaId, blocks: Block[]): Task<boolean> {
    for (const block of blocks) {
      const head = this.deps.blocks.head().height
      if (block.header.height <= head) continue
      if (block.header.height !== head + 1) return false
      try {
        yield this.deps.applyUnchecked !== undefined ? this.deps.applyUnchecked(block) : this.deps.blocks.applyTransferred(block)
        this.stats.blocksApplied++
      } catch (err) {
        this.stats.badBlocks++
        this.deps.log?.badPeer?.(from, err instanceof Error ? err.message : String(err))
        return false
      }
    }
    return true
  }
}

function transferred (head: { height: number, blockHash: Uint8Array }): ProtocolEvent {
  return { type: 'state-transferred', seq: head.height, blockHash: head.blockHash }
}
