// Structural validation of decoded messages: lengths, presence, counts. Semantic checks
// (signatures, views, watermarks) belong to the layers that know the context.
import * as L from './limits.js'
import type * as pb from './pb/messages.js'

/** Returns undefined when valid, else [field path, reason]. */
export type Problem = [field: string, reason: string] | undefined

const utf8 = new TextEncoder()

function exact (v: Uint8Array, n: number, f: string): Problem {
  return v.byteLength === n ? undefined : [f, `must be ${n} bytes, got ${v.byteLength}`]
}
function max (v: Uint8Array, n: number, f: string): Problem {
  return v.byteLength <= n ? undefined : [f, `must be at most ${n} bytes, got ${v.byteLength}`]
}
function str (v: string, n: number, f: string): Problem {
  // a JS string's UTF-8 length is at most 3x its UTF-16 length
  if (v.length * 3 <= n) return undefined
  const len = utf8.encode(v).byteLength
  return len <= n ? undefined : [f, `must be at most ${n} bytes of UTF-8, got ${len}`]
}
function chainId (v: string, f: string): Problem {
  if (v.length === 0) return [f, 'must not be empty']
  return str(v, L.CHAIN_ID_BYTES_MAX, f)
}
function replica (v: number, f: string): Problem {
  return v < L.REPLICAS_MAX ? undefined : [f, `must be below ${L.REPLICAS_MAX}, got ${v}`]
}
function present<T> (v: T | undefined | null, f: string): v is T {
  return v != null
}
function first (...checks: Array<() => Problem>): Problem {
  for (const c of checks) {
    const p = c()
    if (p !== undefined) return p
  }
  return undefined
}
function each<T> (items: T[], f: string, check: (item: T, path: string) => Problem): Problem {
  for (let i = 0; i < items.length; i++) {
    const p = check(items[i] as T, `${f}[${i}]`)
    if (p !== undefined) return p
  }
  return undefined
}
function required<T> (v: T | undefined, f: string, check: (item: T, path: string) => Problem): Problem {
  if (!present(v, f)) return [f, 'is required']
  return check(v, f)
}

export function transaction (m: pb.Transaction, f = 'transaction'): Problem {
  return first(
    () => chainId(m.chainId, `${f}.chainId`),
    () => exact(m.client, L.PUBLIC_KEY_BYTES, `${f}.client`),
    () => max(m.payload, L.TX_PAYLOAD_BYTES_MAX, `${f}.payload`),
    () => exact(m.signature, L.SIGNATURE_BYTES, `${f}.signature`)
  )
}

export function attestation (m: pb.BlockAttestation, f = 'attestation'): Problem {
  return first(
    () => chainId(m.chainId, `${f}.chainId`),
    () => exact(m.blockHash, L.DIGEST_BYTES, `${f}.blockHash`),
    () => replica(m.replica, `${f}.replica`),
    () => exact(m.signature, L.SIGNATURE_BYTES, `${f}.signature`)
  )
}

export function txProof (m: pb.TxProof, f = 'proof'): Problem {
  return first(
    () => m.index < L.BATCH_TXS_MAX ? undefined : [`${f}.index`, `must be below ${L.BATCH_TXS_MAX}, got ${m.index}`],
    () => required(m.result, `${f}.result`, (r, p) => str(r.log, L.REPLY_LOG_BYTES_MAX, `${p}.log`)),
    () => each(m.txSiblings, `${f}.txSiblings`, (b, p) => exact(b, L.DIGEST_BYTES, p)),
    () => each(m.resultSiblings, `${f}.resultSiblings`, (b, p) => exact(b, L.DIGEST_BYTES, p))
  )
}

export function txReply (m: pb.TxReply, f = 'txReply'): Problem {
  return first(
    () => exact(m.txId, L.DIGEST_BYTES, `${f}.txId`),
    () => required(m.attestation, `${f}.attestation`, attestation),
    () => required(m.header, `${f}.header`, blockHeader),
    () => required(m.proof, `${f}.proof`, txProof)
  )
}

export function proposal (m: pb.Proposal, f = 'proposal'): Problem {
  return first(
    () => chainId(m.chainId, `${f}.chainId`),
    () => replica(m.proposer, `${f}.proposer`),
    () => exact(m.txRoot, L.DIGEST_BYTES, `${f}.txRoot`),
    () => exact(m.evidenceRoot, L.DIGEST_BYTES, `${f}.evidenceRoot`),
    () => m.txCount <= L.BATCH_TXS_MAX ? undefined : [`${f}.txCount`, `must be at most ${L.BATCH_TXS_MAX}`],
    () => m.evidenceCount <= L.BATCH_EVIDENCE_MAX ? undefined : [`${f}.evidenceCount`, `must be at most ${L.BATCH_EVIDENCE_MAX}`]
  )
}

export function evidence (m: pb.Evidence, f = 'evidence'): Problem {
  return first(
    () => replica(m.accused, `${f}.accused`),
    () => str(m.kind, L.EVIDENCE_KIND_BYTES_MAX, `${f}.kind`),
    () => each(m.messages, `${f}.messages`, (b, p) => max(b, L.EVIDENCE_MESSAGE_BYTES_MAX, p))
  )
}

export function batch (m: pb.Batch, f = 'batch'): Problem {
  return first(
    () => required(m.proposal, `${f}.proposal`, proposal),
    () => m.txs.length === (m.proposal as pb.Proposal).txCount ? undefined : [`${f}.txs`, `has ${m.txs.length} transactions, proposal says ${(m.proposal as pb.Proposal).txCount}`],
    () => m.evidence.length === (m.proposal as pb.Proposal).evidenceCount ? undefined : [`${f}.evidence`, `has ${m.evidence.length} records, proposal says ${(m.proposal as pb.Proposal).evidenceCount}`],
    () => each(m.txs, `${f}.txs`, transaction),
    () => each(m.evidence, `${f}.evidence`, evidence)
  )
}

type Vote = pb.PrePrepare | pb.Prepare | pb.Commit
export function vote (m: Vote, f: string): Problem {
  return first(
    () => chainId(m.chainId, `${f}.chainId`),
    () => exact(m.digest, L.DIGEST_BYTES, `${f}.digest`),
    () => replica(m.replica, `${f}.replica`),
    () => exact(m.signature, L.SIGNATURE_BYTES, `${f}.signature`)
  )
}

export function checkpoint (m: pb.Checkpoint, f = 'checkpoint'): Problem {
  return first(
    () => chainId(m.chainId, `${f}.chainId`),
    () => exact(m.blockHash, L.DIGEST_BYTES, `${f}.blockHash`),
    () => replica(m.replica, `${f}.replica`),
    () => exact(m.signature, L.SIGNATURE_BYTES, `${f}.signature`)
  )
}

export function preparedCert (m: pb.PreparedCert, f: string): Problem {
  return first(
    () => required(m.prePrepare, `${f}.prePrepare`, vote),
    () => each(m.prepares, `${f}.prepares`, vote)
  )
}

export function viewChange (m: pb.ViewChange, f = 'viewChange'): Problem {
  return first(
    () => chainId(m.chainId, `${f}.chainId`),
    () => each(m.checkpointProof, `${f}.checkpointProof`, checkpoint),
    () => each(m.prepared, `${f}.prepared`, preparedCert),
    () => replica(m.replica, `${f}.replica`),
    () => exact(m.signature, L.SIGNATURE_BYTES, `${f}.signature`)
  )
}

export function newView (m: pb.NewView, f = 'newView'): Problem {
  return first(
    () => chainId(m.chainId, `${f}.chainId`),
    () => each(m.viewChanges, `${f}.viewChanges`, viewChange),
    () => each(m.prePrepares, `${f}.prePrepares`, vote),
    () => replica(m.replica, `${f}.replica`),
    () => exact(m.signature, L.SIGNATURE_BYTES, `${f}.signature`)
  )
}

export function blockHeader (m: pb.BlockHeader, f = 'header'): Problem {
  return first(
    () => chainId(m.chainId, `${f}.chainId`),
    () => exact(m.prevHash, L.DIGEST_BYTES, `${f}.prevHash`),
    () => exact(m.txRoot, L.DIGEST_BYTES, `${f}.txRoot`),
    () => exact(m.stateRoot, L.DIGEST_BYTES, `${f}.stateRoot`),
    () => exact(m.resultsRoot, L.DIGEST_BYTES, `${f}.resultsRoot`),
    () => exact(m.evidenceRoot, L.DIGEST_BYTES, `${f}.evidenceRoot`),
    () => replica(m.proposer, `${f}.proposer`)
  )
}

export function block (m: pb.Block, f = 'block'): Problem {
  return first(
    () => required(m.header, `${f}.header`, blockHeader),
    () => m.txs.length === (m.header as pb.BlockHeader).txCount ? undefined : [`${f}.txs`, `has ${m.txs.length} transactions, header says ${(m.header as pb.BlockHeader).txCount}`],
    () => m.results.length === m.txs.length ? undefined : [`${f}.results`, `has ${m.results.length} results for ${m.txs.length} transactions`],
    () => each(m.txs, `${f}.txs`, transaction),
    () => each(m.results, `${f}.results`, (r, p) => str(r.log, L.REPLY_LOG_BYTES_MAX, `${p}.log`)),
    () => required(m.cert, `${f}.cert`, (c, p) => each(c.commits, `${p}.commits`, vote)),
    () => each(m.evidence, `${f}.evidence`, evidence)
  )
}

export function prunedBlock (m: pb.PrunedBlock, f = 'prunedBlock'): Problem {
  return first(
    () => required(m.header, `${f}.header`, blockHeader),
    () => required(m.cert, `${f}.cert`, (c, p) => each(c.commits, `${p}.commits`, vote))
  )
}

export function pruneRecord (m: pb.PruneRecord, f = 'pruneRecord'): Problem {
  const c = m.checkpoint
  if (c === undefined) return undefined
  return first(
    () => exact(c.blockHash, L.DIGEST_BYTES, `${f}.checkpoint.blockHash`),
    () => each(c.proof, `${f}.checkpoint.proof`, checkpoint)
  )
}

export function stateRequest (m: pb.StateRequest, f = 'stateRequest'): Problem {
  return first(
    () => chainId(m.chainId, `${f}.chainId`),
    () => m.toHeight >= m.fromHeight ? undefined : [`${f}.toHeight`, 'must not be below fromHeight'],
    () => replica(m.replica, `${f}.replica`)
  )
}

export function stateResponse (m: pb.StateResponse, f = 'stateResponse'): Problem {
  return first(
    () => chainId(m.chainId, `${f}.chainId`),
    () => each(m.blocks, `${f}.blocks`, block),
    () => replica(m.replica, `${f}.replica`)
  )
}

export function adminCommand (m: pb.AdminCommand, f = 'adminCommand'): Problem {
  return first(
    () => chainId(m.chainId, `${f}.chainId`),
    () => replica(m.replica, `${f}.replica`),
    () => m.action === 'set' || m.action === 'clear' ? undefined : [`${f}.action`, `must be "set" or "clear", got ${JSON.stringify(m.action.slice(0, 16))}`],
    () => each(m.modes, `${f}.modes`, (s, p) => str(s, L.ADMIN_MODE_BYTES_MAX, p)),
    () => each(m.targets, `${f}.targets`, replica),
    () => exact(m.signature, L.SIGNATURE_BYTES, `${f}.signature`)
  )
}
