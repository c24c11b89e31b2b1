// Raft §5.2 (leader election) and §5.4.1 (election restriction), one test per rule, in the
// manner of etcd's raft_paper_test.go. n = 3 unless said; base election timeout 100 ms.
import { describe, expect, it } from 'vitest'
import { CftCluster, tx } from './cluster.js'
import { CftProbe, records } from './probe.js'

describe('§5.2 leader election', () => {
  it('a follower that hears from no leader for its election timeout becomes a candidate: next term, a vote for itself persisted before it asks the others', () => {
    const p = new CftProbe(1)
    const out = p.tick(250)
    expect(p.core.status()).toMatchObject({ role: 'candidate', term: 1, votedFor: 1 })
    const persist = out.findIndex(a => a.type === 'persist' && a.records.some(r => r.kind === 'hard-state' && r.term === 1 && r.votedFor === 1))
    const ask = out.findIndex(a => a.type === 'broadcast' && a.message.type === 'request-vote')
    expect(persist).toBeGreaterThanOrEqual(0)
    expect(ask).toBeGreaterThan(persist)
    expect(p.sent('request-vote', out)).toEqual([{ type: 'request-vote', term: 1, lastLogIndex: 0, lastLogTerm: 0, to: 'all' }])
  })

  it('election timeouts are randomized in [base, 2·base), drawn from the seed the host passes in (same seed, same timeout)', () => {
    const firstElection = (seed: number): number => {
      const p = new CftProbe(0, 3, { seed })
      for (let t = 1; t <= 400; t++) {
        p.tick(1, 1)
        if (p.core.status().role === 'candidate') return t
      }
      return -1
    }
    const times = [...Array(20).keys()].map(firstElection)
    for (const t of times) expect(t >= 100 && t < 200).toBe(true)
    expect(new Set(times).size).toBeGreaterThanOrEqual(5)
    expect(firstElection(7)).toBe(firstElection(7))
  })

  it('a candidate with votes from a majority becomes leader and appends an empty entry of its term at once (§8), which it sends to all', () => {
    const p = new CftProbe(0)
    p.tick(250)
    p.deliver(2, { type: 'vote', term: 1, granted: true })
    expect(p.core.status()).toMatchObject({ role: 'leader', leader: 0, term: 1, lastIndex: 1 })
    const appends = p.sent('append-entries')
    expect(appends.map(a => a.to).sort()).toEqual([1, 2])
    expect(appends[0]!.entries.map(e => [e.term, e.batch.txs.length, e.batch.proposal.seq])).toEqual([[1, 0, 1]])
  })

  it('a refused vote, or a vote of another term, does not count', () => {
    const p = new CftProbe(0, 5)
    p.tick(250)
    p.deliver(1, { type: 'vote', term: 1, granted: false })
    p.deliver(2, { type: 'vote', term: 0, granted: true })
    p.deliver(3, { type: 'vote', term: 1, granted: true })
    expect(p.core.status().role).toBe('candidate')
    p.deliver(4, { type: 'vote', term: 1, granted: true })
    expect(p.core.status().role).toBe('leader')
  })

  it('§5.1 a candidate or leader that sees a higher term becomes a follower of it, with no vote yet', () => {
    const p = new CftProbe(0)
    p.elect([1])
    expect(p.core.status().role).toBe('leader')
    p.deliver(2, { type: 'append-response', term: 9, success: false, matchIndex: 0, acks: [] })
    expect(p.core.status()).toMatchObject({ role: 'follower', term: 9, votedFor: undefined })
  })

  it('a candidate that hears AppendEntries from a leader of its term becomes its follower', () => {
    const p = new CftProbe(0)
    p.tick(250)
    p.deliver(1, { type: 'append-entries', term: 1, prevLogIndex: 0, prevLogTerm: 0, entries: [], leaderCommit: 0, cert: undefined })
    expect(p.core.status()).toMatchObject({ role: 'follower', term: 1, leader: 1 })
  })
})

describe('§5.2 election safety: at most one vote per term', () => {
  it('a replica grants the first candidate of a term its vote (persisted before the reply) and refuses the second', () => {
    const p = new CftProbe(2)
    const out = p.deliver(0, { type: 'request-vote', term: 1, lastLogIndex: 0, lastLogTerm: 0 })
    const persist = out.findIndex(a => a.type === 'persist' && a.records.some(r => r.kind === 'hard-state' && r.votedFor === 0))
    const reply = out.findIndex(a => a.type === 'send' && a.message.type === 'vote')
    expect(persist).toBeGreaterThanOrEqual(0)
    expect(reply).toBeGreaterThan(persist)
    p.deliver(1, { type: 'request-vote', term: 1, lastLogIndex: 0, lastLogTerm: 0 })
    expect(p.sent('vote').map(v => [v.to, v.granted])).toEqual([[0, true], [1, false]])
  })

  it('the vote survives a crash: after restarting from its records it still refuses another candidate of that term (and repeats its vote to the first)', () => {
    const p = new CftProbe(2)
    p.deliver(0, { type: 'request-vote', term: 1, lastLogIndex: 0, lastLogTerm: 0 })
    const r = p.restart()
    expect(r.core.status()).toMatchObject({ term: 1, votedFor: 0 })
    r.deliver(1, { type: 'request-vote', term: 1, lastLogIndex: 0, lastLogTerm: 0 })
    r.deliver(0, { type: 'request-vote', term: 1, lastLogIndex: 0, lastLogTerm: 0 })
    expect(r.sent('vote').map(v => [v.to, v.granted])).toEqual([[1, false], [0, true]])
  })

  it('a candidate has voted for itself, so it refuses another candidate of its term', () => {
    const p = new CftProbe(0)
    p.tick(250)
    p.deliver(1, { type: 'request-vote', term: 1, lastLogIndex: 0, lastLogTerm: 0 })
    expect(p.sent('vote').map(v => v.granted)).toEqual([false])
  })
})

describe('§5.4.1 election restriction: votes only for a candidate whose log is at least as up-to-date', () => {
  // The voter's log ends at index 2, term 2.
  const voter = (): CftProbe => new CftProbe(1, 3, {}, records([1, 2]))
  const ask = (lastLogIndex: number, lastLogTerm: number): boolean => {
    const p = voter()
    p.deliver(0, { type: 'request-vote', term: 5, lastLogIndex, lastLogTerm })
    return p.sent('vote')[0]!.granted
  }

  it('refuses a lower last term, even with a longer log', () => { expect(ask(9, 1)).toBe(false) })
  it('refuses the same last term with a shorter log (the seed notes\' question: dropping this check loses a committed entry)', () => { expect(ask(1, 2)).toBe(false) })
  it('grants the same last term and length, a longer log, or a higher last term', () => {
    expect([ask(2, 2), ask(3, 2), ask(1, 3)]).toEqual([true, true, true])
  })
})

describe('leader election liveness (synchronous cluster)', () => {
  it.each([3, 5])('a cluster of %i elects one leader within a few election timeouts, a new one after the leader crashes, and keeps committing', (n) => {
    const c = new CftCluster(n)
    c.tick(600)
    const first = c.leader()
    expect(first).toBeDefined()
    const followers = [...Array(n).keys()].filter(i => i !== first)
    c.submit(followers[0]!, tx(0, 1)) // a follower forwards it to the leader
    c.tick(100)
    expect(c.executed.map(e => e.length)).toEqual(Array(n).fill(2))
    c.crash(first!)
    c.tick(600)
    const second = c.leader()
    expect(second).toBeDefined()
    expect(second).not.toBe(first)
    expect(c.replicas[second!]!.status().term).toBeGreaterThan(c.replicas[first!]!.status().term)
    c.submit(second!, tx(0, 2))
    c.tick(100)
    for (const i of followers) expect(c.executed[i]!.length).toBe(4)
    expect(c.violations).toEqual([])
  })
})
