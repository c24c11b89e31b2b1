// The CFT (Raft) replica: `step(event) -> actions`, like src/protocol/replica.ts. One handler
// per message kind and per timer; invariants are asserted after every step. See types.ts for
// the ordering contract and docs/cft.md for the design.
import { assertNever, type Transaction } from '../codec/index.js'
import { onElectionTimer, onRequestVote, onVote } from './election.js'
import { onAppendEntries } from './follower.js'
import { onAppendResponse, onHeartbeatTimer } from './replication.js'
import { movePending, onExecuted, onRequest, tryExecute } from './requests.js'
import { assert, CftState } from './state.js'
import type { CftAction, CftConfig, CftCore, CftCrypto, CftEvent, CftMessage, CftRestore, CftStatus, Entry } from './types.js'

export class CftReplica implements CftCore {
  private readonly s: CftState

  constructor (config: CftConfig, crypto: CftCrypto, restoreFrom?: CftRestore) {
    this.s = new CftState(config, crypto)
    if (restoreFrom !== undefined) restore(this.s, restoreFrom)
  }

  step (event: CftEvent): CftAction[] {
    const s = this.s
    s.out = []
    let flush = false
    switch (event.type) {
      case 'tick':
        if (s.nowMs < 0) s.electionStartMs = event.nowMs
        s.nowMs = Math.max(s.nowMs, event.nowMs)
        onElectionTimer(s)
        onHeartbeatTimer(s)
        flush = true
        break
      case 'message': this.onMessage(event.from, event.message); break
      case 'request': onRequest(s, event.tx, true); break
      case 'executed': onExecuted(s, event.index, event.blockHash, event.header, event.results); break
      default: assertNever(event)
    }
    movePending(s, flush)
    tryExecute(s)
    this.checkInvariants()
    return s.out
  }

  private onMessage (from: number, m: CftMessage): void {
    const s = this.s
    if (!Number.isInteger(from) || from < 0 || from >= s.n || from === s.id) return s.drop('unknown-sender')
    switch (m.type) {
      case 'request-vote': return onRequestVote(s, from, m)
      case 'vote': return onVote(s, from, m)
      case 'append-entries': return onAppendEntries(s, from, m)
      case 'append-response': return onAppendResponse(s, from, m)
      case 'forward': return this.onForward(m.txs)
      default: return assertNever(m)
    }
  }

  private onForward (txs: Transaction[]): void {
    for (const tx of txs) onRequest(this.s, tx, false)
  }

  private checkInvariants (): void {
    const s = this.s
    assert(s.commitIndex <= s.log.lastIndex, 'the commit index is within the log')
    assert(s.lastApplied <= s.lastExecuteEmitted && s.lastExecuteEmitted <= s.commitIndex, 'applied <= emitted <= committed')
    // A candidate or leader voted for itself in its term (the planted fault lets the test's election-safety check find it instead).
    assert(s.role === 'follower' || s.votedFor === s.id || s.planted.has('vote-twice'), 'a candidate or leader voted for itself')
    assert(s.role !== 'leader' || s.leader === s.id, 'a leader knows it leads')
  }

  status (): CftStatus {
    const s = this.s
    return {
      id: s.id, term: s.term, role: s.role, leader: s.leader, votedFor: s.votedFor, lastIndex: s.log.lastIndex,
      commitIndex: s.commitIndex, lastApplied: s.lastApplied, pendingRequests: s.pending.size
    }
  }

  drops (): Readonly<Record<string, number>> { return Object.fromEntries(this.s.dropped) }

  /** Test hook: the entry at `index` (undefined past the log). */
  entryAt (index: number): Entry | undefined { return this.s.log.entryAt(index) }

  /** Test hook: the log's terms and chain digests (for the log-matching checks). */
  logView (): { terms: number[], digests: Uint8Array[] } {
    const log = this.s.log
    const idx = [...Array(log.lastIndex).keys()].map(i => i + 1)
    return { terms: idx.map(i => log.termAt(i) ?? 0), digests: idx.map(i => log.digestAt(i)) }
  }
}

/** Replays the persisted records: hard state (term, vote) and the log; what executed is committed. */
function restore (s: CftState, from: CftRestore): void {
  for (const r of from.records) {
    switch (r.kind) {
      case 'hard-state':
        s.term = r.term
        s.votedFor = r.votedFor
        break
      case 'entries':
        assert(r.from >= 1 && r.from <= s.log.lastIndex + 1, `entries record at ${r.from} continues the log`)
        s.log.truncateFrom(r.from)
        for (const e of r.entries) s.log.append(e)
        break
      default: assertNever(r)
    }
  }
  assert(from.lastExecuted <= s.log.lastIndex, 'the ledger executed only logged entries')
  s.commitIndex = s.lastApplied = s.lastExecuteEmitted = from.lastExecuted
}
