// Raft §5.3 (log replication: log matching, follower truncation, leader append-only) and the
// commit certificate of docs/cft.md, one test per rule. n = 3 unless said.
import { describe, expect, it } from 'vitest'
import { bytesEqual } from '../../src/crypto/hash.js'
import { CftCluster, certValid, tx } from './cluster.js'
import { CftProbe, entry, records } from './probe.js'

const append = (term: number, prevLogIndex: number, prevLogTerm: number, entries = [] as ReturnType<typeof entry>[], leaderCommit = 0) =>
  ({ type: 'append-entries' as const, term, prevLogIndex, prevLogTerm, entries, leaderCommit, cert: undefined })

describe('§5.3 log matching: AppendEntries is accepted only where the logs agree', () => {
  it('a follower refuses an append whose prevLogIndex it lacks, or holds with another term, and accepts one that matches', () => {
    const p = new CftProbe(1, 3, {}, records([1, 1]))
    p.deliver(0, append(2, 3, 1, [entry(2, 4)]))
    p.deliver(0, append(2, 2, 2, [entry(2, 3)]))
    p.deliver(0, append(2, 2, 1, [entry(2, 3)]))
    expect(p.sent('append-response').map(r => [r.success, r.matchIndex])).toEqual([[false, 2], [false, 1], [true, 3]])
    expect(p.terms()).toEqual([1, 1, 2])
  })

  it('a leader whose append was refused backs up nextIndex (to the follower\'s hint) and retries until the logs match', () => {
    const p = new CftProbe(0, 3, {}, records([1, 1, 1, 1]))
    p.elect([1])
    const before = p.all.length
    p.deliver(2, { type: 'append-response', term: p.core.status().term, success: false, matchIndex: 1, acks: [] })
    const [retry] = p.sent('append-entries', p.all.slice(before))
    expect(retry).toMatchObject({ to: 2, prevLogIndex: 1, prevLogTerm: 1 })
    expect(retry!.entries.map(e => e.batch.proposal.seq)).toEqual([2, 3, 4, 5])
  })

  it('the follower persists what it appended before it acknowledges it, with one ack per entry over the chained digest', () => {
    const p = new CftProbe(1)
    const out = p.deliver(0, append(1, 0, 0, [entry(1, 1), entry(1, 2)]))
    const persist = out.findIndex(a => a.type === 'persist' && a.records.some(r => r.kind === 'entries'))
    const reply = out.findIndex(a => a.type === 'send' && a.message.type === 'append-response')
    expect(persist).toBeGreaterThanOrEqual(0)
    expect(reply).toBeGreaterThan(persist)
    const [r] = p.sent('append-response', out)
    expect(r!.acks.map((a, k) => bytesEqual(a, p.ack(1, 1, k + 1)))).toEqual([true, true])
  })
})

describe('§5.3 follower truncation', () => {
  it('a conflicting entry and all after it are deleted and the leader\'s appended; the WAL records it so a restart sees the same log', () => {
    const p = new CftProbe(1, 3, {}, records([1, 1, 1]))
    p.deliver(0, append(2, 1, 1, [entry(2, 2)]))
    expect(p.terms()).toEqual([1, 2])
    expect(p.restart().terms()).toEqual([1, 2])
  })

  it('a stale or reordered append whose entries agree never shortens the log', () => {
    const p = new CftProbe(1, 3, {}, records([1, 1, 1]))
    p.deliver(0, append(1, 0, 0, [entry(1, 1)]))
    expect(p.terms()).toEqual([1, 1, 1])
    expect(p.sent('append-response').map(r => [r.success, r.matchIndex])).toEqual([[true, 1]])
  })

  it('the commit index follows the leader\'s only as far as this append proved the logs agree', () => {
    const p = new CftProbe(1, 3, {}, records([1, 1, 1]))
    p.deliver(0, { ...append(2, 1, 1, [], 3), cert: { term: 2, index: 3, digest: new Uint8Array(32), acks: [] } })
    expect(p.core.status().commitIndex).toBe(1)
  })
})

describe('§5.3 leader append-only', () => {
  it('a leader never overwrites or deletes its entries: an append of an older term is refused and its log is unchanged', () => {
    const p = new CftProbe(0, 3, {}, records([1, 1]))
    p.elect([1])
    const log = p.terms()
    p.deliver(2, append(1, 0, 0, [entry(1, 1), entry(1, 2, [tx(0, 9)])]))
    expect(p.terms()).toEqual(log)
    expect(p.core.status().role).toBe('leader')
    expect(p.sent('append-response').map(r => r.success)).toEqual([false])
  })

  it('across a run with loss, crashes and restarts, each leader\'s log only grows during its term (checked after every step)', () => {
    const c = new CftCluster(5)
    c.tick(500)
    for (let k = 0; k < 30; k++) {
      c.submit(k % 5, tx(1, k + 1))
      if (k % 10 === 5) c.crash(c.leader()!)
      if (k % 10 === 8) for (const i of [...c.down]) c.restart(i)
      c.tick(60)
    }
    c.checkLogMatching()
    expect(c.violations).toEqual([])
    expect(c.leaderLogShrank).toEqual([])
  })
})

describe('commit certificate (docs/cft.md)', () => {
  it('every replica executes each entry with a certificate: f+1 valid acks from distinct replicas, the leader\'s among them, naming an entry of the certificate\'s term at or above it', () => {
    const c = new CftCluster(5)
    c.tick(500)
    const certs: Array<{ index: number, ok: boolean }> = []
    c.onExecute = (i, a) => {
      const cert = a.cert!
      const leader = c.replicas[i]!.entryAt(cert.index)!.batch.proposal.proposer
      certs.push({ index: a.index, ok: cert.index >= a.index && certValid(cert, 5, c.replicas[i]!.entryAt(cert.index)!.term, leader) })
    }
    for (let k = 1; k <= 6; k++) c.submit(k % 5, tx(2, k))
    c.tick(200)
    expect(certs.length).toBeGreaterThanOrEqual(5 * 2)
    expect(certs.filter(x => !x.ok)).toEqual([])
  })

  it('a follower forwards a client\'s request to the leader and replies to that client once its entry executed', () => {
    const c = new CftCluster(3)
    c.tick(500)
    const follower = [0, 1, 2].find(i => i !== c.leader())!
    const t = tx(3, 1)
    c.submit(follower, t)
    c.tick(100)
    const replies = c.replies[follower]!.flatMap(a => a.type === 'reply' ? [a] : [])
    expect(replies.map(r => [bytesEqual(r.client, t.client), r.reply.nonce, r.reply.result.code])).toEqual([[true, 1, 0]])
    expect(c.replies[c.leader()!]).toEqual([])
  })
})
