// Client requests: a leader batches them into entries of its term; any other replica forwards
// them to the leader it knows, or holds them (bounded) until it knows one. Committed entries go
// to execution in order; the replica a client reached replies once its transaction executed.
import { evidenceRoot, txRoot } from '../crypto/digests.js'
import { BATCH_TXS_MAX, FORWARD_TXS_MAX, PENDING_REQUESTS_MAX, PROPOSED_KEYS_MAX, UNCOMMITTED_ENTRIES_MAX, WAITING_REPLIES_MAX } from './limits.js'
import { appendOwn, sendAppends } from './replication.js'
import { assert, requestKey, type CftState } from './state.js'
import type { BlockHeader, Transaction, TxResult } from '../codec/index.js'

/** A transaction arrived from a client (`direct`) or forwarded by another replica. */
export function onRequest (s: CftState, tx: Transaction, direct: boolean): void {
  const key = requestKey(tx)
  if (direct && !s.waiting.has(key)) {
    if (s.waiting.size >= WAITING_REPLIES_MAX) s.waiting.delete(s.waiting.keys().next().value as string)
    s.waiting.set(key, tx.client)
  }
  if (s.pending.has(key) || s.proposedKeys.has(key)) return s.drop('duplicate-request')
  if (s.pending.size >= PENDING_REQUESTS_MAX) {
    s.drop('pending-full')
    s.out.push({ type: 'reject', tx, reason: 'too many pending requests' })
    return
  }
  s.pending.set(key, tx)
}

/** Moves pending requests on: a leader proposes full entries (or all, `flush`); a follower forwards. */
export function movePending (s: CftState, flush: boolean): void {
  if (s.pending.size === 0) return
  if (s.role === 'leader') return propose(s, flush)
  if (s.leader === undefined) return
  const txs = [...s.pending.values()]
  s.pending.clear()
  for (let i = 0; i < txs.length; i += FORWARD_TXS_MAX) s.send(s.leader, { type: 'forward', txs: txs.slice(i, i + FORWARD_TXS_MAX) })
}

function propose (s: CftState, flush: boolean): void {
  const perEntry = Math.max(1, Math.min(s.cfg.batchTxsMax, BATCH_TXS_MAX))
  let proposed = false
  while (s.pending.size > 0 && (flush || s.pending.size >= perEntry) && s.log.lastIndex - s.commitIndex < UNCOMMITTED_ENTRIES_MAX) {
    const txs: Transaction[] = []
    for (const [key, tx] of s.pending) {
      if (txs.length >= perEntry) break
      txs.push(tx)
      s.pending.delete(key)
      s.proposedKeys.add(key)
      if (s.proposedKeys.size > PROPOSED_KEYS_MAX) s.proposedKeys.delete(s.proposedKeys.values().next().value as string)
    }
    const index = s.log.lastIndex + 1
    const proposal = {
      chainId: s.cfg.chainId, seq: index, view: s.term, timestampMs: Math.max(0, s.nowMs), proposer: s.id,
      txRoot: txRoot(txs), txCount: txs.length, evidenceRoot: evidenceRoot([]), evidenceCount: 0
    }
    appendOwn(s, { term: s.term, batch: { proposal, txs, evidence: [] } })
    proposed = true
  }
  if (proposed) sendAppends(s)
}

/** Hands committed entries to execution, in order, each once, with the certificate that proves them. */
export function tryExecute (s: CftState): void {
  while (s.lastExecuteEmitted < s.commitIndex) {
    const index = s.lastExecuteEmitted + 1
    const entry = s.log.entryAt(index)
    assert(entry !== undefined, `committed entry ${index} is in the log`)
    assert(s.cert !== undefined && s.cert.index >= index, `a certificate covers committed entry ${index}`)
    s.lastExecuteEmitted = index
    s.out.push({ type: 'execute', index, term: entry.term, batch: entry.batch, cert: s.cert })
  }
}

/** The driver executed entry `index`: answer the clients that sent its transactions here. */
export function onExecuted (s: CftState, index: number, blockHash: Uint8Array, _header: BlockHeader, results: TxResult[]): void {
  assert(index === s.lastApplied + 1 && index <= s.lastExecuteEmitted, `executed ${index} follows ${s.lastApplied} and was emitted`)
  s.lastApplied = index
  const txs = s.log.entryAt(index)?.batch.txs ?? []
  txs.forEach((tx, k) => {
    const key = requestKey(tx)
    const client = s.waiting.get(key)
    const result = results[k]
    if (client === undefined || result === undefined) return
    s.waiting.delete(key)
    s.out.push({ type: 'reply', client, reply: { nonce: tx.nonce, index, blockHash, result } })
  })
}
