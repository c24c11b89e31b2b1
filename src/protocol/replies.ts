// Replies after execution (PBFT §4.1) with one signature per block (docs/receipts.md): the
// replica signs a BlockAttestation (chain id, view, height, block hash) once per executed block
// that holds client transactions, and answers each transaction with that attestation, the
// block's header and a Merkle proof that this transaction got this result. The client table
// caches each answer for retransmissions (exactly-once, §4.1), bounded in count and bytes.
import type { Batch, BlockHeader, Transaction, TxReply, TxResult } from '../codec/index.js'
import { txId } from '../crypto/digests.js'
import { bytesEqual, toHex } from '../crypto/hash.js'
import { blockProofs } from '../crypto/tx-proof.js'
import { CACHED_REPLIES_MAX, CACHED_REPLY_BYTES_MAX, CACHED_REPLY_OVERHEAD_BYTES, CLIENT_TABLE_MAX, REPLIES_PER_CLIENT_MAX } from './limits.js'
import { removePending } from './requests.js'
import { assert, requestKey, type CachedReply, type ClientEntry, type State } from './state.js'

/** After execution: pending cleanup, one attestation for the block, a proven reply per transaction. */
export function onExecutedRequests (s: State, seq: number, batch: Batch, blockHash: Uint8Array, header: BlockHeader, results: TxResult[]): void {
  if (batch.txs.length === 0) return
  // The block hash is the header's by construction where it is computed (the ledger's append,
  // the simulator's); the core checks that header and results are this batch's.
  assert(header.height === seq && results.length === batch.txs.length, `block ${seq}: header and results belong to the executed batch`)
  const proofs = blockProofs(batch.txs, results)
  assert(bytesEqual(proofs.txRoot, header.txRoot) && bytesEqual(proofs.resultsRoot, header.resultsRoot), `block ${seq}: the executed batch and results are the header's`)
  const attestation = s.sign('blockAttestation', { chainId: s.cfg.chainId, view: s.view, height: seq, blockHash, replica: s.id, signature: new Uint8Array(0) })
  batch.txs.forEach((tx, index) => {
    removePending(s, requestKey(tx), toHex(tx.client))
    s.inFlight.delete(requestKey(tx))
    const reply: TxReply = { txId: txId(tx), attestation, header, proof: proofs.proof(index) }
    const action = { type: 'reply' as const, client: tx.client, reply }
    cache(s, tx, action)
    s.out.push(action)
  })
}

function bytesOf (r: TxReply): number {
  return (r.proof.txSiblings.length + r.proof.resultSiblings.length) * 32 + r.proof.result.log.length + CACHED_REPLY_OVERHEAD_BYTES
}

/**
 * Keeps the answer of a nonce's first execution: a replay ordered again fails as a duplicate,
 * and a retransmission must still be answered with what the transaction really did.
 */
function cache (s: State, tx: Transaction, action: CachedReply['action']): void {
  const client = toHex(tx.client)
  const entry: ClientEntry = s.clients.get(client) ?? { replies: new Map() }
  s.clients.delete(client) // re-insert: Map order = least recently executed first
  if (!entry.replies.has(tx.nonce)) {
    const bytes = bytesOf(action.reply)
    entry.replies.set(tx.nonce, { action, bytes })
    s.cachedReplies++
    s.cachedReplyBytes += bytes
  }
  if (entry.replies.size > REPLIES_PER_CLIENT_MAX) {
    const [nonce, oldest] = entry.replies.entries().next().value as [number, CachedReply]
    entry.replies.delete(nonce)
    s.cachedReplies--
    s.cachedReplyBytes -= oldest.bytes
  }
  s.clients.set(client, entry)
  while (s.clients.size > CLIENT_TABLE_MAX || s.cachedReplies > CACHED_REPLIES_MAX || s.cachedReplyBytes > CACHED_REPLY_BYTES_MAX) {
    const [oldest, e] = s.clients.entries().next().value as [string, ClientEntry]
    s.clients.delete(oldest)
    s.cachedReplies -= e.replies.size
    for (const r of e.replies.values()) s.cachedReplyBytes -= r.bytes
  }
}
