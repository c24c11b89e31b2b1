// The codec boundary for untrusted bytes: size check first, then decode with count limits,
// then structural validation. Nothing thrown inside escapes; callers get a Decoded<T>.
import { DecodeError, FrameTooLargeError, type Decoded } from './errors.js'
import * as L from './limits.js'
import { frameToMessage, type Block, type PrunedBlock, type ReplicaMessage, type TxReply } from './messages.js'
import * as pb from './pb/messages.js'
import * as V from './validate.js'

interface Decoder<T> { decode: (buf: Uint8Array, opts?: { limits?: any }) => T }

function decodeWith<T> (type: string, codec: Decoder<T>, bytes: Uint8Array, maxBytes: number,
  limits: object | undefined, validate: (m: T) => V.Problem): Decoded<T> {
  if (bytes.byteLength > maxBytes) return { ok: false, error: new FrameTooLargeError(bytes.byteLength, maxBytes) }
  let value: T
  try {
    value = codec.decode(bytes, limits === undefined ? undefined : { limits })
  } catch (err) {
    const reason = err instanceof Error ? err.message : String(err)
    return { ok: false, error: new DecodeError(type, fieldOf(reason), reason) }
  }
  let problem: V.Problem
  try {
    problem = validate(value)
  } catch (err) {
    // A validator must never throw; if it does on a hostile shape, report it as that shape's fault.
    problem = ['(structure)', err instanceof Error ? err.message : String(err)]
  }
  if (problem !== undefined) return { ok: false, error: new DecodeError(type, problem[0], problem[1]) }
  return { ok: true, value }
}

function fieldOf (reason: string): string {
  const m = /field "([^"]+)"/.exec(reason)
  return m?.[1] ?? '(wire)'
}

export function decodeTransaction (bytes: Uint8Array): Decoded<pb.Transaction> {
  return decodeWith('Transaction', pb.Transaction, bytes, L.TX_BYTES_MAX, undefined, m => V.transaction(m))
}

export function decodeTransfer (bytes: Uint8Array): Decoded<pb.Transfer> {
  return decodeWith('Transfer', pb.Transfer, bytes, L.TX_PAYLOAD_BYTES_MAX, undefined,
    m => m.to.byteLength === L.PUBLIC_KEY_BYTES ? undefined : ['transfer.to', `must be ${L.PUBLIC_KEY_BYTES} bytes, got ${m.to.byteLength}`])
}

export function decodeClientFrame (bytes: Uint8Array): Decoded<ClientFrameValue> {
  return decodeWith('ClientFrame', pb.ClientFrame, bytes, L.CLIENT_FRAME_BYTES_MAX, L.clientFrameLimits, m => {
    const set = [m.request, m.txReply, m.error].filter(x => x != null).length
    if (set !== 1) return ['frame', `must set exactly one field, got ${set}`]
    if (m.request != null) return V.transaction(m.request, 'request')
    if (m.txReply != null) return V.txReply(m.txReply, 'txReply')
    if (m.error != null && m.error.length > L.CLIENT_ERROR_BYTES_MAX) return ['error', `must be at most ${L.CLIENT_ERROR_BYTES_MAX} characters`]
    if (m.retryAfterMs != null && (m.error == null || m.retryAfterMs > L.RETRY_AFTER_MS_MAX)) return ['retryAfterMs', `must come with an error and be at most ${L.RETRY_AFTER_MS_MAX}`]
    return undefined
  }) as Decoded<ClientFrameValue>
}

export function decodeReplicaFrame (bytes: Uint8Array): Decoded<ReplicaMessage> {
  const frame = decodeWith('ReplicaFrame', pb.ReplicaFrame, bytes, L.FRAME_BYTES_MAX, L.replicaFrameLimits, replicaFrameProblem)
  if (!frame.ok) return frame
  const m = frameToMessage(frame.value)
  if (Array.isArray(m)) return { ok: false, error: new DecodeError('ReplicaFrame', m[0], m[1]) }
  return { ok: true, value: m }
}

function replicaFrameProblem (f: pb.ReplicaFrame): V.Problem {
  if (f.prePrepare != null) return V.vote(f.prePrepare, 'prePrepare') ?? batches(f.batches)
  if (f.prepare != null) return V.vote(f.prepare, 'prepare')
  if (f.commit != null) return V.vote(f.commit, 'commit')
  if (f.checkpoint != null) return V.checkpoint(f.checkpoint)
  if (f.viewChange != null) return V.viewChange(f.viewChange) ?? batches(f.batches)
  if (f.newView != null) return V.newView(f.newView) ?? batches(f.batches)
  if (f.stateRequest != null) return V.stateRequest(f.stateRequest)
  if (f.stateResponse != null) return V.stateResponse(f.stateResponse)
  if (f.request != null) return V.transaction(f.request, 'request')
  return ['frame', 'sets no message']
}

function batches (bs: pb.Batch[]): V.Problem {
  for (let i = 0; i < bs.length; i++) {
    const p = V.batch(bs[i] as pb.Batch, `batches[${i}]`)
    if (p !== undefined) return p
  }
  return undefined
}

export function decodeBlock (bytes: Uint8Array): Decoded<Block> {
  return decodeWith('Block', pb.Block, bytes, L.FRAME_BYTES_MAX, L.blockLimits, m => V.block(m)) as Decoded<Block>
}

export function decodePrunedBlock (bytes: Uint8Array): Decoded<PrunedBlock> {
  return decodeWith('PrunedBlock', pb.PrunedBlock, bytes, L.FRAME_BYTES_MAX, L.prunedBlockLimits, m => V.prunedBlock(m)) as Decoded<PrunedBlock>
}

export function decodePruneRecord (bytes: Uint8Array): Decoded<pb.PruneRecord> {
  return decodeWith('PruneRecord', pb.PruneRecord, bytes, L.PRUNE_RECORD_BYTES_MAX, L.pruneRecordLimits, m => V.pruneRecord(m))
}

export function decodeEvidence (bytes: Uint8Array): Decoded<pb.Evidence> {
  return decodeWith('Evidence', pb.Evidence, bytes, L.EVIDENCE_MESSAGE_BYTES_MAX * (L.EVIDENCE_MESSAGES_MAX + 1),
    L.evidenceDecodeLimits, m => V.evidence(m))
}

export function decodeAdminCommand (bytes: Uint8Array): Decoded<pb.AdminCommand> {
  return decodeWith('AdminCommand', pb.AdminCommand, bytes, 16 * 1024, L.adminLimits, m => V.adminCommand(m))
}

export function decodeTxReply (bytes: Uint8Array): Decoded<TxReply> {
  return decodeWith('TxReply', pb.TxReply, bytes, L.CLIENT_FRAME_BYTES_MAX, L.clientFrameLimits.txReply, m => V.txReply(m)) as Decoded<TxReply>
}

/** A client frame whose txReply, when set, is validated (its parts are present). */
export type ClientFrameValue = Omit<pb.ClientFrame, 'txReply'> & { txReply?: TxReply }

/** A signed message inside an evidence record: kind, signer, (view, seq), digest, body. */
export interface EvidenceMessage {
  kind: 'prePrepare' | 'prepare' | 'commit' | 'checkpoint' | 'newView'
  replica: number
  view: number
  seq: number
  digest: string
  body: { signature: Uint8Array }
  /** Batches carried with the message (a pre-prepare's batch, for invalid-transaction evidence). */
  batches: pb.Batch[]
}

/** Decodes one message of an evidence record (a ReplicaFrame, with the batches it carries). */
export function decodeEvidenceMessage (bytes: Uint8Array): Decoded<EvidenceMessage> {
  const d = decodeWith('ReplicaFrame', pb.ReplicaFrame, bytes, L.EVIDENCE_MESSAGE_BYTES_MAX, L.replicaFrameLimits, f => {
    if (f.prePrepare != null) return V.vote(f.prePrepare, 'prePrepare')
    if (f.prepare != null) return V.vote(f.prepare, 'prepare')
    if (f.commit != null) return V.vote(f.commit, 'commit')
    if (f.checkpoint != null) return V.checkpoint(f.checkpoint)
    if (f.newView != null) return V.newView(f.newView)
    return ['frame', 'evidence holds no signed replica message']
  })
  if (!d.ok) return d
  const f = d.value
  const hex = (b: Uint8Array): string => Buffer.from(b).toString('hex')
  let m: EvidenceMessage
  const batches = f.batches
  if (f.prePrepare != null) m = { kind: 'prePrepare', replica: f.prePrepare.replica, view: f.prePrepare.view, seq: f.prePrepare.seq, digest: hex(f.prePrepare.digest), body: f.prePrepare, batches }
  else if (f.prepare != null) m = { kind: 'prepare', replica: f.prepare.replica, view: f.prepare.view, seq: f.prepare.seq, digest: hex(f.prepare.digest), body: f.prepare, batches }
  else if (f.commit != null) m = { kind: 'commit', replica: f.commit.replica, view: f.commit.view, seq: f.commit.seq, digest: hex(f.commit.digest), body: f.commit, batches }
  else if (f.checkpoint != null) m = { kind: 'checkpoint', replica: f.checkpoint.replica, view: 0, seq: f.checkpoint.seq, digest: hex(f.checkpoint.blockHash), body: f.checkpoint, batches }
  else { const nv = f.newView as pb.NewView; m = { kind: 'newView', replica: nv.replica, view: nv.view, seq: 0, digest: '', body: nv, batches } }
  return { ok: true, value: m }
}
