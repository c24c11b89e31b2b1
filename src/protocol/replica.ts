// The PBFT replica: `step(event) -> actions`. One handler per message kind and per timer;
// invariants are asserted after every step. See types.ts for the ordering contract.
import { makeCheckpoint, onCheckpoint, onStateTransferred } from './checkpoints.js'
import { onGapTimer } from './gap.js'
import { FUTURE_MESSAGES_PER_SENDER_MAX, timerAdvance } from './limits.js'
import { onNewView, sendNewView } from './new-view.js'
import { onCommit, onPrePrepare, onPrepare, propose, tryExecute } from './normal-case.js'
import { onExecutedRequests } from './replies.js'
import { onRequest, startTimer, tryPropose } from './requests.js'
import { restore } from './restore.js'
import { onRetransmitTimer } from './retransmit.js'
import { assert, State } from './state.js'
import type { Action, ProtocolConfig, ProtocolCrypto, ProtocolEvent, ReplicaCore, ReplicaStatus, RestoreState } from './types.js'
import { decayBackoff, onViewChange, onViewTimers, sendInstalledNewView, startViewChange } from './view-change.js'
import { assertNever, normalCaseVote, type BlockHeader, type ReplicaMessage, type TxResult } from '../codec/index.js'

export class Replica implements ReplicaCore {
  private readonly s: State

  constructor (config: ProtocolConfig, crypto: ProtocolCrypto, restoreFrom?: RestoreState) {
    this.s = new State(config, crypto)
    if (restoreFrom !== undefined) restore(this.s, restoreFrom)
  }

  step (event: ProtocolEvent): Action[] {
    const s = this.s
    s.out = []
    if (s.fetchOnStart && s.fetching !== undefined) {
      s.fetchOnStart = false
      s.out.push({ type: 'fetch-state', seq: s.fetching, blockHash: s.stableHash, peers: s.stableProof.map(c => c.replica).filter(r => r !== s.id) })
    }
    switch (event.type) {
      case 'tick':
        if (event.nowMs > s.nowMs) {
          s.timerMs += timerAdvance(event.nowMs - s.nowMs)
          s.nowMs = event.nowMs
        }
        onViewTimers(s)
        onRetransmitTimer(s)
        onGapTimer(s)
        break
      case 'message': this.onMessage(event.from, event.message); break
      case 'request': onRequest(s, event.tx); break
      case 'executed': this.onExecuted(event.seq, event.blockHash, event.header, event.results); break
      case 'state-transferred':
        onStateTransferred(s, event.seq)
        tryExecute(s)
        break
      case 'peer':
        if (event.replica < 0 || event.replica >= s.n || event.replica === s.id) break
        if (event.up) s.peersLost.delete(event.replica)
        else if (!s.peersLost.has(event.replica)) s.peersLost.set(event.replica, s.timerMs)
        break
      default: assertNever(event)
    }
    tryPropose(s, batch => { propose(s, batch) })
    this.checkInvariants()
    return s.out
  }

  private onMessage (from: number, m: ReplicaMessage): void {
    const s = this.s
    if (from < 0 || from >= s.n || from === s.id) return s.drop('unknown-sender')
    const view = normalCaseVote(m)?.view
    if (view !== undefined) {
      if (view > s.view || (view === s.view && s.activeView !== s.view)) return this.buffer(from, m)
      if (view < s.view && !s.planted.has('accept-old-view')) {
        // A replica still working in an older view (it missed the view change and is not changing
        // views itself, e.g. the old primary, which runs no request timer) re-sends its votes of
        // that view: answer with the NEW-VIEW we installed, which it can check and install (the
        // same retransmission as for a VIEW-CHANGE of a lower view, onViewChange). Sim seed 852.
        if (m.type !== 'view-change' && m.type !== 'new-view') sendInstalledNewView(s, from)
        return s.drop('old-view')
      }
    }
    switch (m.type) {
      case 'pre-prepare': return onPrePrepare(s, from, m.prePrepare, m.batch)
      case 'prepare': return onPrepare(s, from, m.prepare)
      case 'commit': return onCommit(s, from, m.commit)
      case 'checkpoint': return onCheckpoint(s, from, m.checkpoint)
      case 'view-change': return onViewChange(s, from, m.viewChange, m.batches, () => { sendNewView(s, () => { this.replay() }) })
      case 'new-view': return onNewView(s, from, m.newView, m.batches, () => { this.replay() })
      case 'request': return onRequest(s, m.request, from)
      // State transfer is not the core's: the host (src/host/transfer.ts) takes these out of a
      // round before the core sees them; ignored if one gets here (a host without a block store).
      case 'state-request':
      case 'state-response': return
      default: return assertNever(m)
    }
  }

  /** Normal-case messages for a view not yet installed wait, bounded per sender. */
  private buffer (from: number, m: ReplicaMessage): void {
    const q = this.s.future.get(from) ?? []
    if (q.length >= FUTURE_MESSAGES_PER_SENDER_MAX) { q.shift(); this.s.drop('future-buffer-full') }
    q.push({ from, message: m })
    this.s.future.set(from, q)
  }

  private replay (): void {
    const s = this.s
    const all = [...s.future.values()].flat()
    s.future.clear()
    for (const { from, message } of all) {
      const v = normalCaseVote(message)?.view
      if (v === undefined || v < s.view) continue
      this.onMessage(from, message)
    }
  }

  private onExecuted (seq: number, blockHash: Uint8Array, header: BlockHeader, results: TxResult[]): void {
    const s = this.s
    assert(seq === s.lastExecuted + 1, `executed seq ${seq} follows ${s.lastExecuted}`)
    s.lastExecuted = seq
    s.lastProgressMs = s.nowMs
    const batch = s.executing.get(seq) ?? s.log.get(seq)?.batch
    s.executing.delete(seq)
    if (batch !== undefined) onExecutedRequests(s, seq, batch, blockHash, header, results)
    // Progress: the request timer restarts for what is still outstanding (§4.4).
    s.timerStartedMs = undefined
    if (!s.viewChanging) decayBackoff(s)
    startTimer(s)
    makeCheckpoint(s, seq, blockHash)
  }

  private checkInvariants (): void {
    const s = this.s
    assert(s.lastExecuted <= s.lastExecuteEmitted, 'executed only what was emitted')
    assert(s.stableSeq <= s.lastExecuteEmitted || s.fetching !== undefined, 'behind a stable checkpoint only while fetching it')
    assert(s.pending.size <= 20_000 && s.log.size <= s.cfg.window * 2 + 8 && s.executing.size <= s.cfg.window * 2, 'bounded buffers')
  }

  status (): ReplicaStatus {
    const s = this.s
    return {
      id: s.id, view: s.view, primary: s.primary(), viewChanging: s.viewChanging, lastExecuted: s.lastExecuted,
      stableCheckpoint: s.stableSeq, lowWatermark: s.low, highWatermark: s.high, pendingRequests: s.pending.size,
      inFlight: [...s.log.values()].filter(x => x.seq > s.lastExecuted).sort((a, b) => a.seq - b.seq).map(x => ({
        seq: x.seq, view: x.view, digest: x.digest ?? '', phase: x.committed ? 'committed' : x.prepared ? 'prepared' : 'pre-prepared',
        prepares: [...x.prepares.keys()].sort((a, b) => a - b), commits: [...x.commits.keys()].sort((a, b) => a - b)
      })),
      viewChanges: s.viewChangesTotal,
      viewChangeCause: s.viewChangeCause
    }
  }

  sizes (): { view: number, pendingRequests: number, slots: number } {
    return { view: this.s.view, pendingRequests: this.s.pending.size, slots: this.s.log.size }
  }

  /** Counters of dropped inputs by reason (bad input is counted, never thrown). */
  drops (): Readonly<Record<string, number>> { return Object.fromEntries(this.s.dropped) }

  /** Test hook: start a view change now (as the timer would). */
  forceViewChange (): Action[] {
    this.s.out = []
    startViewChange(this.s, this.s.view + 1, 'forced (test hook)')
    return this.s.out
  }
}

