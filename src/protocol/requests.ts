// Client protocol (PBFT §4.1, §4.4 exactly-once): requests, forwarding, batching by the
// primary. Replies after execution and the client table that caches them: replies.ts.
import { pb, signingBytes, type Batch, type Proposal, type Transaction } from '../codec/index.js'
import { evidenceRoot, txId, txRoot } from '../crypto/digests.js'
import { bytesEqual, toHex } from '../crypto/hash.js'
import { PENDING_PER_CLIENT_MAX, PENDING_REQUESTS_MAX, PROPOSALS_IN_PROGRESS_MAX } from './limits.js'
import { requestKey, type CachedReply, type PendingRequest, type State } from './state.js'

export type RequestVerdict = 'ok' | 'bad-chain' | 'bad-signature' | 'stale-nonce'

/**
 * 'stale-nonce' means a duplicate: this very transaction (client, nonce and id) executed here and
 * its reply is cached, so that reply answers it. A nonce below a higher executed nonce of the
 * client is not stale: nonces may execute in any order, and whether one may execute is the
 * application's decision at execution (src/app/nonces.ts), so such a request goes to ordering.
 */
export function checkTransaction (s: State, tx: Transaction): RequestVerdict {
  if (tx.chainId !== s.cfg.chainId) return 'bad-chain'
  if (!s.crypto.verify(tx.client, signingBytes('transaction', tx), tx.signature)) return 'bad-signature'
  if (executedReply(s, tx) !== undefined) return 'stale-nonce'
  return 'ok'
}

/** The cached reply of this very transaction (client, nonce and id) if it executed here. */
function executedReply (s: State, tx: Transaction): CachedReply['action'] | undefined {
  const cached = s.clients.get(toHex(tx.client))?.replies.get(tx.nonce)
  return cached !== undefined && bytesEqual(cached.action.reply.txId, txId(tx)) ? cached.action : undefined
}

/** A request from a client (`forwardedBy` undefined) or forwarded by a backup. */
export function onRequest (s: State, tx: Transaction, forwardedBy?: number): void {
  const verdict = checkTransaction(s, tx)
  if (verdict === 'stale-nonce') {
    // This very transaction executed here (checkTransaction found its cached reply): answer with it.
    const cached = executedReply(s, tx)
    if (cached !== undefined) s.out.push(cached)
    return
  }
  if (verdict !== 'ok') {
    s.drop(`request-${verdict}`)
    if (forwardedBy === undefined) s.out.push({ type: 'reject', tx, reason: verdict === 'bad-chain' ? 'wrong chain id' : 'invalid signature' })
    return
  }
  const key = requestKey(tx)
  if (!s.pending.has(key) && !s.inFlight.has(key)) {
    if (!admit(s, tx, key)) return
  }
  // A backup relays client requests to the primary, which may be censoring them (§4.4).
  if (forwardedBy === undefined && !s.isPrimary() && !s.inFlight.has(key)) {
    s.send(s.primary(), { type: 'request', request: tx })
  }
  startTimer(s)
}

/**
 * A request learned from a pre-prepare of an older view whose batch did not survive the view
 * change: it becomes pending here (without a signature check: it was checked when its batch was
 * accepted), so the new primary proposes it at once instead of waiting for the client's re-send.
 * Not when it executed here already (its reply is cached) or the bounds are reached (counted).
 */
export function adoptRequest (s: State, tx: Transaction, key: string): void {
  if (s.pending.has(key) || s.inFlight.has(key) || executedReply(s, tx) !== undefined) return
  addPending(s, tx, key)
}

function admit (s: State, tx: Transaction, key: string): boolean {
  if (addPending(s, tx, key)) return true
  s.out.push({ type: 'reject', tx, reason: 'replica overloaded: too many pending requests' })
  return false
}

/** Makes `tx` pending (queued for proposal unless in flight); false, counted, when a bound is reached. */
function addPending (s: State, tx: Transaction, key: string): boolean {
  const client = toHex(tx.client)
  const perClient = s.pendingPerClient.get(client) ?? 0
  if (s.pending.size >= PENDING_REQUESTS_MAX || perClient >= PENDING_PER_CLIENT_MAX) {
    s.drop('pending-full')
    return false
  }
  const p = { tx, key, arrivedMs: s.nowMs, bytes: pb.Transaction.encode(tx).byteLength }
  s.pending.set(key, p)
  s.pendingPerClient.set(client, perClient + 1)
  if (!s.inFlight.has(key)) enqueue(s, p)
  return true
}

function enqueue (s: State, p: PendingRequest): void {
  if (s.queue.has(p.key)) return
  s.queue.set(p.key, p)
  s.queueBytes += p.bytes
}

function dequeue (s: State, key: string): void {
  const p = s.queue.get(key)
  if (p === undefined) return
  s.queue.delete(key)
  s.queueBytes -= p.bytes
}

/** A request is in an accepted batch: the primary must not propose it again. */
export function markInFlight (s: State, key: string): void {
  s.inFlight.add(key)
  dequeue(s, key)
}

/** After a view change: requests of batches that did not survive go back to the queue. */
export function requeue (s: State, keep: Set<string>): void {
  for (const key of [...s.inFlight]) if (!keep.has(key)) s.inFlight.delete(key)
  for (const p of s.pending.values()) if (!s.inFlight.has(p.key)) enqueue(s, p)
}

export function removePending (s: State, key: string, client: string): void {
  dequeue(s, key)
  if (!s.pending.delete(key)) return
  const c = (s.pendingPerClient.get(client) ?? 1) - 1
  if (c <= 0) s.pendingPerClient.delete(client)
  else s.pendingPerClient.set(client, c)
}

/** Starts the view-change timer if work is outstanding and it is not running (§4.4). */
export function startTimer (s: State): void {
  // Not while fetching up to a stable checkpoint: 2f+1 replicas proved they are ahead, so the
  // wait is ours, not the primary's; the timer starts again when the transfer ends.
  if (s.fetching !== undefined) return
  if (s.timerStartedMs === undefined && !s.viewChanging && (s.pending.size > 0 || s.inFlight.size > 0)) s.timerStartedMs = s.timerMs
}

/**
 * The primary closes batches while the window allows (§4.2, batching as in §5.1.4). When
 * nothing it proposed is still executing, a request is proposed at once (a lone request does
 * not wait for the batch timeout, nor for the next tick to see it); while batches are in flight,
 * requests gather until a batch is full or its oldest request waited batchTimeoutMs. At most
 * proposalsInProgressMax batches are proposed and not yet executed here (see limits.ts).
 */
export function tryPropose (s: State, emit: (batch: Batch) => void): void {
  if (!s.isPrimary() || s.viewChanging || s.activeView !== s.view || s.fetching !== undefined) return
  const inProgressMax = s.cfg.proposalsInProgressMax ?? PROPOSALS_IN_PROGRESS_MAX
  while (s.nextSeq <= s.high && s.nextSeq - 1 - s.lastExecuted < inProgressMax) {
    const oldest = s.queue.values().next().value
    if (oldest === undefined) return
    const full = s.queue.size >= s.cfg.batchTxsMax || s.queueBytes >= s.cfg.batchBytesMax
    const idle = s.nextSeq - 1 <= s.lastExecuted
    if (!full && !idle && s.nowMs - oldest.arrivedMs < s.cfg.batchTimeoutMs) return
    emit(makeBatch(s))
  }
}

function makeBatch (s: State): Batch {
  const txs: Transaction[] = []
  let bytes = 0
  for (const p of [...s.queue.values()]) {
    if (txs.length >= s.cfg.batchTxsMax || (txs.length > 0 && bytes + p.bytes > s.cfg.batchBytesMax)) break
    txs.push(p.tx)
    bytes += p.bytes
    markInFlight(s, p.key)
  }
  const evidence = s.pendingEvidence.splice(0, 16)
  const timestampMs = Math.max(s.nowMs, s.lastProposalMs)
  s.lastProposalMs = timestampMs
  const proposal: Proposal = {
    chainId: s.cfg.chainId, seq: s.nextSeq++, view: s.view, timestampMs, proposer: s.id,
    txRoot: txRoot(txs), txCount: txs.length, evidenceRoot: evidenceRoot(evidence), evidenceCount: evidence.length
  }
  return { proposal, txs, evidence }
}
