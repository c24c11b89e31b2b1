// Leader election (Raft §5.2, §5.4.1): terms, randomized election timeouts, RequestVote with
// the up-to-date check, one vote per term (persisted before it is sent).
import { nullProposal } from '../crypto/digests.js'
import { appendOwn, sendAppends } from './replication.js'
import type { CftState } from './state.js'
import type { CftMessage } from './types.js'

type Msg<T extends CftMessage['type']> = Extract<CftMessage, { type: T }>

/** Election timeout elapsed without hearing from a leader (or winning): start an election. */
export function onElectionTimer (s: CftState): void {
  if (s.role === 'leader' || s.nowMs - s.electionStartMs < s.electionTimeoutMs) return
  startElection(s)
}

/** §5.2: increment the term, vote for self (persisted first), ask every other replica. */
export function startElection (s: CftState): void {
  s.term++
  s.role = 'candidate'
  s.leader = undefined
  s.votedFor = s.id
  s.votes.clear()
  s.votes.add(s.id)
  s.persistHardState()
  s.resetElectionTimer()
  s.broadcast({ type: 'request-vote', term: s.term, lastLogIndex: s.log.lastIndex, lastLogTerm: s.log.lastTerm })
}

/**
 * §5.2 and §5.4.1: grant at most one vote per term, first come first served, and only to a
 * candidate whose log is at least as up-to-date as ours. The vote is persisted before the reply.
 */
export function onRequestVote (s: CftState, from: number, m: Msg<'request-vote'>): void {
  if (m.term > s.term) s.stepDown(m.term)
  const free = s.votedFor === undefined || s.votedFor === from || s.planted.has('vote-twice')
  const granted = m.term === s.term && s.role !== 'leader' && free && s.log.isUpToDate(m.lastLogIndex, m.lastLogTerm)
  if (granted) {
    s.votedFor = from
    s.persistHardState()
    s.resetElectionTimer()
  }
  s.send(from, { type: 'vote', term: s.term, granted })
}

export function onVote (s: CftState, from: number, m: Msg<'vote'>): void {
  if (m.term > s.term) return s.stepDown(m.term)
  if (s.role !== 'candidate' || m.term !== s.term || !m.granted) return
  s.votes.add(from)
  if (s.votes.size >= s.majority) becomeLeader(s)
}

/**
 * A candidate with a majority of votes leads this term. It appends an empty entry of its term at
 * once, so that entries of earlier terms commit through it (§5.4.2, §8), and announces itself.
 */
function becomeLeader (s: CftState): void {
  s.role = 'leader'
  s.leader = s.id
  s.votes.clear()
  s.acks.clear()
  for (const r of s.peers()) {
    s.nextIndex.set(r, s.log.lastIndex + 1)
    s.matchIndex.set(r, 0)
  }
  const index = s.log.lastIndex + 1
  appendOwn(s, { term: s.term, batch: { proposal: nullProposal(s.cfg.chainId, index, s.term, s.id), txs: [], evidence: [] } })
  sendAppends(s)
}
