// Accountability: two validly signed messages of one kind for one (view, seq) from one replica
// with different digests prove that replica lied. The first one seen is kept (bounded to the
// window); a conflicting second one yields an `evidence` action and is queued for a block.
import { encodeReplicaMessage, limits, signedFields, type Evidence, type ReplicaMessage } from '../codec/index.js'
import { PENDING_EVIDENCE_MAX, REPORTED_EVIDENCE_MAX } from './limits.js'
import type { State } from './state.js'

/** The signed part only: a pre-prepare's batch is not needed to prove equivocation. */
function compact (m: ReplicaMessage): ReplicaMessage {
  if (m.type !== 'pre-prepare') return m
  return { ...m, batch: { proposal: m.batch.proposal, txs: [], evidence: [] } }
}

/** Call with every validly signed message; detects and reports equivocation. */
export function observe (s: State, m: ReplicaMessage): void {
  const d = signedFields(m)
  if (d === undefined || d.seq <= s.stableSeq) return
  const key = `${d.kind}/${d.replica}/${d.view}/${d.seq}`
  const first = s.firstSeen.get(key)
  if (first === undefined) {
    s.firstSeen.set(key, compact(m))
    return
  }
  const f = signedFields(first)
  if (f === undefined || f.digest === d.digest) return
  report(s, { accused: d.replica, kind: `conflicting-${d.kind}`, messages: [encodeReplicaMessage(first), encodeReplicaMessage(compact(m))] }, key)
}

export function report (s: State, evidence: Evidence, key: string): void {
  if (s.reported.has(key)) return
  if (s.reported.size >= REPORTED_EVIDENCE_MAX) {
    const oldest = s.reported.values().next().value
    if (oldest !== undefined) s.reported.delete(oldest)
  }
  s.reported.add(key)
  s.out.push({ type: 'evidence', evidence })
  const fits = evidence.messages.every(b => b.byteLength <= limits.EVIDENCE_MESSAGE_BYTES_MAX)
  if (fits && s.pendingEvidence.length < PENDING_EVIDENCE_MAX) s.pendingEvidence.push(evidence)
  else s.drop('evidence-queue-full')
}

/** Forget first-seen messages at or below the stable checkpoint. */
export function collectEvidenceGarbage (s: State): void {
  for (const [key, m] of s.firstSeen) {
    const d = signedFields(m)
    if (d !== undefined && d.seq <= s.stableSeq) s.firstSeen.delete(key)
  }
}
