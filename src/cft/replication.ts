// Log replication, the leader's side (Raft §5.3, §5.4.2): append own entries (persisted and
// acknowledged by itself first), send AppendEntries from each follower's nextIndex, count
// acknowledgements, and commit only entries of the current term by counting.
import { APPEND_ENTRIES_MAX } from './limits.js'
import { assert, type CftState } from './state.js'
import type { CftMessage, CommitCert, Entry } from './types.js'

type Msg<T extends CftMessage['type']> = Extract<CftMessage, { type: T }>

/** The leader appends an entry of its term, persists it, and signs its own ack for it. */
export function appendOwn (s: CftState, entry: Entry): void {
  assert(s.role === 'leader' && entry.term === s.term, 'only a leader appends, in its own term')
  const index = s.log.lastIndex + 1
  assert(entry.batch.proposal.seq === index && entry.batch.proposal.view === s.term, 'an entry names its index and term')
  s.log.append(entry)
  s.persist({ kind: 'entries', from: index, entries: [entry] })
  ackOf(s, index).set(s.id, s.signAck(index))
}

function ackOf (s: CftState, index: number): Map<number, Uint8Array> {
  let m = s.acks.get(index)
  if (m === undefined) { m = new Map(); s.acks.set(index, m) }
  return m
}

/** AppendEntries to `to` from its nextIndex (empty = heartbeat), with the commit index and its proof. */
export function sendAppend (s: CftState, to: number): void {
  const next = s.nextIndex.get(to) ?? s.log.lastIndex + 1
  const prev = next - 1
  const entries = s.log.slice(next, Math.min(s.log.lastIndex, prev + APPEND_ENTRIES_MAX))
  s.send(to, {
    type: 'append-entries', term: s.term, prevLogIndex: prev, prevLogTerm: s.log.termAt(prev) ?? 0, entries,
    leaderCommit: s.cert?.index ?? 0, cert: s.cert
  })
}

export function sendAppends (s: CftState): void {
  for (const r of s.peers()) sendAppend(s, r)
  s.lastHeartbeatMs = s.nowMs
}

export function onHeartbeatTimer (s: CftState): void {
  if (s.role === 'leader' && s.nowMs - s.lastHeartbeatMs >= s.cfg.heartbeatMs) sendAppends(s)
}

/** The leader counts a follower's answer: success moves its match and may commit; failure backs up. */
export function onAppendResponse (s: CftState, from: number, m: Msg<'append-response'>): void {
  if (m.term > s.term) return s.stepDown(m.term)
  if (s.role !== 'leader' || m.term !== s.term) return s.drop('stale-term')
  const match = s.matchIndex.get(from) ?? 0
  if (!m.success) {
    const next = Math.max(match + 1, Math.min((s.nextIndex.get(from) ?? 1) - 1, m.matchIndex + 1))
    s.nextIndex.set(from, Math.max(1, next))
    return sendAppend(s, from)
  }
  if (!acceptAcks(s, from, m)) return s.drop('bad-ack')
  if (m.matchIndex > match) s.matchIndex.set(from, m.matchIndex)
  s.nextIndex.set(from, Math.max(s.nextIndex.get(from) ?? 1, m.matchIndex + 1))
  advanceCommit(s)
  if ((s.nextIndex.get(from) ?? 1) <= s.log.lastIndex) sendAppend(s, from)
}

/** The acks name entries matchIndex-k+1..matchIndex of this leader's log; each must verify against its digest. */
function acceptAcks (s: CftState, from: number, m: Msg<'append-response'>): boolean {
  const first = m.matchIndex - m.acks.length + 1
  if (first < 1 || m.matchIndex > s.log.lastIndex) return false
  for (let i = 0; i < m.acks.length; i++) {
    if (!s.verifyAck(from, first + i, m.acks[i] as Uint8Array)) return false
  }
  for (let i = 0; i < m.acks.length; i++) {
    const index = first + i
    if (index > s.commitIndex && s.log.termAt(index) === s.term) ackOf(s, index).set(from, m.acks[i] as Uint8Array)
  }
  return true
}

/**
 * §5.4.2: the commit index moves to the highest N held by a majority whose entry is of the
 * current term; entries of earlier terms commit only through it (Figure 8 shows why counting
 * replicas is not enough for them). The certificate is the majority's acks of N.
 */
export function advanceCommit (s: CftState): void {
  for (let n = s.log.lastIndex; n > s.commitIndex; n--) {
    if (s.log.termAt(n) !== s.term && !s.planted.has('commit-earlier-term')) break
    let held = 1
    for (const r of s.peers()) if ((s.matchIndex.get(r) ?? 0) >= n) held++
    if (held < s.majority) continue
    s.commitIndex = n
    s.cert = certOf(s, n)
    for (const i of [...s.acks.keys()]) if (i <= n) s.acks.delete(i)
    return
  }
}

function certOf (s: CftState, index: number): CommitCert {
  const acks = [...(s.acks.get(index) ?? new Map<number, Uint8Array>())].map(([replica, signature]) => ({ replica, signature }))
  // Every follower counted for a current-term entry acknowledged it (nextIndex moves only on an
  // answer that acked it), so a majority of acks is there.
  assert(acks.length >= s.majority || s.planted.has('commit-earlier-term'), `a majority of acks for committed entry ${index}`)
  return { term: s.log.termAt(index) ?? 0, index, digest: s.log.digestAt(index), acks: acks.sort((a, b) => a.replica - b.replica) }
}
