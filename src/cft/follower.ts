// Log replication, the follower's side (Raft §5.3): accept AppendEntries only where the log
// matches at prevLogIndex/prevLogTerm, drop a conflicting suffix (never entries that agree, so a
// stale or reordered append cannot shorten the log), persist before acknowledging, and learn
// the commit index with its certificate.
import { APPEND_ENTRIES_MAX } from './limits.js'
import type { CftState } from './state.js'
import type { CftMessage, Entry } from './types.js'

type Msg<T extends CftMessage['type']> = Extract<CftMessage, { type: T }>

function wellFormed (m: Msg<'append-entries'>): boolean {
  if (!Number.isSafeInteger(m.prevLogIndex) || m.prevLogIndex < 0 || m.entries.length > APPEND_ENTRIES_MAX) return false
  let term = m.prevLogTerm
  return m.entries.every((e, k) => {
    const ok = e.batch.proposal.seq === m.prevLogIndex + 1 + k && e.batch.proposal.view === e.term && e.term >= term && e.term <= m.term
    term = e.term
    return ok
  })
}

export function onAppendEntries (s: CftState, from: number, m: Msg<'append-entries'>): void {
  if (m.term < s.term) {
    s.drop('stale-term')
    return s.send(from, { type: 'append-response', term: s.term, success: false, matchIndex: s.log.lastIndex, acks: [] })
  }
  if (!wellFormed(m)) return s.drop('malformed-append')
  // §5.2: an AppendEntries of the current (or a later) term comes from its one leader.
  s.stepDown(m.term, from)
  s.resetElectionTimer()
  const prevOk = s.planted.has('skip-log-matching') ? m.prevLogIndex <= s.log.lastIndex : s.log.matches(m.prevLogIndex, m.prevLogTerm)
  if (!prevOk) {
    return s.send(from, { type: 'append-response', term: s.term, success: false, matchIndex: Math.min(s.log.lastIndex, m.prevLogIndex - 1), acks: [] })
  }
  appendNew(s, m.prevLogIndex, m.entries)
  const matchIndex = m.prevLogIndex + m.entries.length
  learnCommit(s, m, matchIndex)
  const acks = m.entries.map((_, k) => s.signAck(m.prevLogIndex + 1 + k))
  s.send(from, { type: 'append-response', term: s.term, success: true, matchIndex, acks })
}

/** Appends what is new after `prev`, truncating at the first entry whose term conflicts; persists it first. */
function appendNew (s: CftState, prev: number, entries: Entry[]): void {
  let k = 0
  while (k < entries.length && s.log.termAt(prev + 1 + k) === (entries[k] as Entry).term) k++
  if (k === entries.length) return
  const from = prev + 1 + k
  const fresh = entries.slice(k)
  s.log.truncateFrom(from)
  for (const e of fresh) s.log.append(e)
  s.persist({ kind: 'entries', from, entries: fresh })
}

/**
 * The commit index follows the leader's, but only as far as this append proved the logs agree
 * (matchIndex, not the local last index: a suffix past it may be stale).
 */
function learnCommit (s: CftState, m: Msg<'append-entries'>, matchIndex: number): void {
  if (m.cert !== undefined && m.cert.index >= m.leaderCommit && m.cert.index > (s.cert?.index ?? 0)) s.cert = m.cert
  const commit = Math.min(m.leaderCommit, matchIndex, s.cert?.index ?? 0)
  if (commit > s.commitIndex) s.commitIndex = commit
}
