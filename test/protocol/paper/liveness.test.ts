// PBFT §4.4 and §4.5.2 (liveness): the request timer of a backup, its restart on progress, the
// exponential backoff, the f+1 join rule and the NEW-VIEW timer that waits for 2f+1 VIEW-CHANGEs.
// Timeout T = 1000 ms, n = 4, f = 1.
import { describe, expect, it } from 'vitest'
import { tx } from '../helpers.js'
import { PRIMARY_LOST_GRACE_MS, TIMER_BUSY_DIVISOR, TIMER_FULL_STEP_MS, TIMER_STEP_MAX_MS, timerAdvance } from '../../../src/protocol/limits.js'
import { Probe, batch, commit, digestOf, newView, prePrepare, prepare, primaryOf, viewChange } from './forge.js'

const T = 1000

/** The views this replica asked for, in order (its retransmissions of a VIEW-CHANGE not repeated). */
const viewChangesSent = (p: Probe, actions = p.all): number[] => [...new Set(Probe.sent(actions, 'view-change').map(m => m.viewChange.newView))]

/** Replica 1 commits and executes the pre-prepared seq `seq` (batch b of view 0). */
function commitAndExecute (p: Probe, seq: number, b = batch(0, seq, [tx(1, seq)])): void {
  p.deliver(2, { type: 'prepare', prepare: prepare(0, seq, digestOf(b), 2) })
  p.deliver(0, { type: 'commit', commit: commit(0, seq, digestOf(b), 0) })
  p.deliver(2, { type: 'commit', commit: commit(0, seq, digestOf(b), 2) })
  expect(p.executes().map(e => e.seq)).toContain(seq)
  p.step(p.executedEvent(seq, new Uint8Array(32).fill(seq), b.txs.map(() => ({ code: 0, log: 'ok' }))))
}

describe('§4.4 the request timer', () => {
  it('"a backup starts a timer when it receives a request and the timer is not already running"; it expires after T and the backup asks for view v+1', () => {
    const p = new Probe(1)
    p.step({ type: 'request', tx: tx(1, 1) })
    p.tick(T - 1)
    expect(viewChangesSent(p)).toEqual([])
    p.tick(1)
    expect(viewChangesSent(p)).toEqual([1])
    expect(p.core.status()).toMatchObject({ view: 1, viewChanging: true })
    expect(p.core.status().viewChangeCause).toBe('request-timer: nothing executed for 1000 ms (timeout 1000 ms) with 1 requests pending, 0 in flight, last executed 0')
  })

  it('a second request does not restart a running timer', () => {
    const p = new Probe(1)
    p.step({ type: 'request', tx: tx(1, 1) })
    p.tick(T / 2)
    p.step({ type: 'request', tx: tx(1, 2) })
    p.tick(T / 2)
    expect(viewChangesSent(p)).toEqual([1])
  })

  it('with nothing to wait for, no timer runs and no view change happens', () => {
    const p = new Probe(1)
    p.tick(10 * T)
    expect(viewChangesSent(p)).toEqual([])
  })

  it('"it stops the timer when it is no longer waiting to execute the request"', () => {
    const p = new Probe(1)
    const b = batch(0, 1, [tx(1, 1)])
    p.step({ type: 'request', tx: tx(1, 1) })
    p.deliver(0, { type: 'pre-prepare', prePrepare: prePrepare(0, 1, b), batch: b })
    p.tick(T / 2)
    commitAndExecute(p, 1, b)
    p.tick(10 * T)
    expect(viewChangesSent(p)).toEqual([])
  })

  it('"but restarts it if at that point it is waiting to execute some other request" (timer restart on progress)', () => {
    const p = new Probe(1)
    const b = batch(0, 1, [tx(1, 1)])
    p.step({ type: 'request', tx: tx(1, 1) })
    p.step({ type: 'request', tx: tx(1, 2) }) // never proposed: the primary censors it
    p.deliver(0, { type: 'pre-prepare', prePrepare: prePrepare(0, 1, b), batch: b })
    p.tick(T - 100)
    commitAndExecute(p, 1, b) // progress at T - 100: the timer restarts for tx(1, 2)
    p.tick(100)
    expect(viewChangesSent(p)).toEqual([]) // T after the first request: no view change
    p.tick(T - 101)
    expect(viewChangesSent(p)).toEqual([])
    p.tick(1)
    expect(viewChangesSent(p)).toEqual([1]) // T after the progress
  })

  it('an in-progress batch (pre-prepared, not executed) keeps the timer running even without a request of its own', () => {
    const p = new Probe(1)
    const b = batch(0, 1, [tx(1, 1)])
    p.deliver(0, { type: 'pre-prepare', prePrepare: prePrepare(0, 1, b), batch: b })
    p.tick(T)
    expect(viewChangesSent(p)).toEqual([1])
  })
})

describe('the liveness timers count only time the replica was running', () => {
  // A stalled event loop (blocked, or starved of CPU by other processes) delivers its next tick
  // late, and before the messages that arrived meanwhile. Time it could not observe must not
  // count against the primary: the timers advance at most TIMER_STEP_MAX_MS per tick.
  it('one tick 5 T late advances the request timer by TIMER_STEP_MAX_MS only: no view change, and the COMMITs that waited behind it execute the batch', () => {
    const p = new Probe(1)
    const b = batch(0, 1, [tx(1, 1)])
    p.step({ type: 'request', tx: tx(1, 1) })
    p.deliver(0, { type: 'pre-prepare', prePrepare: prePrepare(0, 1, b), batch: b })
    p.nowMs += 5 * T
    p.step({ type: 'tick', nowMs: p.nowMs })
    expect(viewChangesSent(p)).toEqual([])
    commitAndExecute(p, 1, b)
    p.tick(10 * T)
    expect(viewChangesSent(p)).toEqual([])
  })

  it('the timer still expires after T of ticks that come on time, whatever stalls came before', () => {
    const p = new Probe(1)
    p.step({ type: 'request', tx: tx(1, 1) })
    p.nowMs += 5 * T
    p.step({ type: 'tick', nowMs: p.nowMs }) // counts TIMER_STEP_MAX_MS
    p.tick(T - TIMER_STEP_MAX_MS - 1)
    expect(viewChangesSent(p)).toEqual([])
    p.tick(1)
    expect(viewChangesSent(p)).toEqual([1])
  })

  it('ticks late because the replica was busy count in full up to TIMER_FULL_STEP_MS, the rest at 1/TIMER_BUSY_DIVISOR: a busy backup waits longer for the primary, but does change view', () => {
    const p = new Probe(1)
    p.step({ type: 'request', tx: tx(1, 1) })
    const gap = 300
    const counted = timerAdvance(gap)
    expect(counted).toBe(TIMER_FULL_STEP_MS + (gap - TIMER_FULL_STEP_MS) / TIMER_BUSY_DIVISOR)
    const ticks = Math.ceil(T / counted)
    for (let k = 1; k < ticks; k++) {
      p.nowMs += gap
      p.step({ type: 'tick', nowMs: p.nowMs })
    }
    expect(viewChangesSent(p)).toEqual([]) // (ticks - 1) x 300 ms of wall time > T, counted < T
    p.nowMs += gap
    p.step({ type: 'tick', nowMs: p.nowMs })
    expect(viewChangesSent(p)).toEqual([1])
  })

  it('the NEW-VIEW timer counts the same way: a late tick during a view change does not move on to v+2', () => {
    const p = new Probe(3) // not the primary of view 1
    p.step({ type: 'request', tx: tx(1, 1) })
    p.tick(T)
    expect(viewChangesSent(p)).toEqual([1])
    for (const r of [1, 2]) p.deliver(r, { type: 'view-change', viewChange: viewChange(1, r), batches: [] })
    p.nowMs += 10 * T
    p.step({ type: 'tick', nowMs: p.nowMs })
    expect(viewChangesSent(p)).toEqual([1])
    p.tick(2 * T - TIMER_STEP_MAX_MS - 1) // the doubled timeout, counted in ticks that came on time
    expect(viewChangesSent(p)).toEqual([1])
    p.tick(1)
    expect(viewChangesSent(p)).toEqual([1, 2])
    expect(p.core.status().viewChangeCause).toBe('view-change-timer: no NEW-VIEW for view 1 in 2000 ms')
  })
})

describe('§4.5.2 liveness', () => {
  it('with no view change behind it, execution does not shorten the timeout below T (the backoff decays down to 2^0 only)', () => {
    const p = new Probe(1, { checkpointInterval: 1 })
    const b = batch(0, 1, [tx(1, 1)])
    p.deliver(0, { type: 'pre-prepare', prePrepare: prePrepare(0, 1, b), batch: b })
    commitAndExecute(p, 1, b)
    p.step({ type: 'request', tx: tx(1, 2) })
    p.tick(T - 1)
    expect(viewChangesSent(p)).toEqual([])
    p.tick(1)
    expect(viewChangesSent(p)).toEqual([1])
  })

  it('"if a replica ... timer expires before it receives a valid NEW-VIEW ... it starts the view change for view v+2 but this time it will wait 4T" (here: the timeout doubles, 2T then 4T)', () => {
    const p = new Probe(3) // not the primary of views 1 and 2 (a primary installs its own view)
    p.step({ type: 'request', tx: tx(1, 1) })
    p.tick(T) // view 1
    for (const r of [1, 2]) p.deliver(r, { type: 'view-change', viewChange: viewChange(1, r), batches: [] })
    p.tick(2 * T - 1)
    expect(viewChangesSent(p)).toEqual([1])
    p.tick(1)
    expect(viewChangesSent(p)).toEqual([1, 2])
    for (const r of [1, 2]) p.deliver(r, { type: 'view-change', viewChange: viewChange(2, r), batches: [] })
    p.tick(4 * T - 1)
    expect(viewChangesSent(p).at(-1)).toBe(2)
    p.tick(1)
    expect(viewChangesSent(p).at(-1)).toBe(3)
  })

  it('the backoff is capped (2^4 T), so a long outage does not make the timeout grow without bound', () => {
    const p = new Probe(3)
    p.step({ type: 'request', tx: tx(1, 1) })
    p.tick(T)
    for (let v = 1; v <= 6; v++) {
      if (primaryOf(v) === 3) {
        // its own view: it would install it, and a primary runs no request timer; the others
        // time out and it joins view v + 1 by the f+1 rule
        for (const r of [1, 2]) p.deliver(r, { type: 'view-change', viewChange: viewChange(v + 1, r), batches: [] })
        expect(p.core.status().view).toBe(v + 1)
        continue
      }
      for (const r of [0, 1, 2].filter(x => x !== primaryOf(v)).slice(0, 2)) p.deliver(r, { type: 'view-change', viewChange: viewChange(v, r), batches: [] })
      const wait = T * 2 ** Math.min(v, 4)
      p.tick(wait - 1)
      expect(p.core.status().view).toBe(v)
      p.tick(1)
      expect(p.core.status().view).toBe(v + 1)
    }
  })

  it('"a replica that receives a set of f+1 valid VIEW-CHANGE messages from other replicas for views greater than its current view sends a VIEW-CHANGE message for the smallest view in the set, even if its timer has not expired"', () => {
    const p = new Probe(1)
    p.deliver(2, { type: 'view-change', viewChange: viewChange(3, 2), batches: [] })
    expect(viewChangesSent(p)).toEqual([]) // f = 1 is not enough: one traitor could be alone
    p.deliver(3, { type: 'view-change', viewChange: viewChange(2, 3), batches: [] })
    expect(viewChangesSent(p)).toEqual([2])
    expect(p.core.status()).toMatchObject({ view: 2, viewChanging: true, viewChangeCause: 'joined: replicas 2, 3 asked for higher views' })
  })

  it('the f+1 join rule counts replicas, not messages: two VIEW-CHANGEs of one replica are one', () => {
    const p = new Probe(1)
    p.deliver(2, { type: 'view-change', viewChange: viewChange(2, 2), batches: [] })
    p.deliver(2, { type: 'view-change', viewChange: viewChange(3, 2), batches: [] })
    expect(viewChangesSent(p)).toEqual([])
  })

  it('"a replica ... starts its timer [for NEW-VIEW] ... after it receives 2f+1 VIEW-CHANGE messages for view v+1", not before', () => {
    const p = new Probe(3)
    p.step({ type: 'request', tx: tx(1, 1) })
    p.tick(T) // view 1, alone
    p.tick(20 * T)
    expect(p.core.status().view).toBe(1)
    p.deliver(2, { type: 'view-change', viewChange: viewChange(1, 2), batches: [] })
    p.tick(20 * T)
    expect(p.core.status().view).toBe(1) // 2 of 2f+1
    p.deliver(0, { type: 'view-change', viewChange: viewChange(1, 0), batches: [] })
    p.tick(2 * T - 1)
    expect(p.core.status().view).toBe(1)
    p.tick(1)
    expect(p.core.status().view).toBe(2)
  })

  it('an execution reported while a view change is in progress does not decay the backoff: the NEW-VIEW timer is still 2T', () => {
    const p = new Probe(2, { checkpointInterval: 1 }) // a backup of view 1; one execution would decay the backoff
    const b = batch(0, 1, [tx(1, 1)])
    p.deliver(0, { type: 'pre-prepare', prePrepare: prePrepare(0, 1, b), batch: b })
    p.deliver(1, { type: 'prepare', prepare: prepare(0, 1, digestOf(b), 1) })
    for (const r of [0, 1]) p.deliver(r, { type: 'commit', commit: commit(0, 1, digestOf(b), r) })
    expect(p.executes().map(e => e.seq)).toEqual([1])
    p.core.forceViewChange() // VIEW-CHANGE(1): the timeout doubles
    p.step(p.executedEvent(1, new Uint8Array(32).fill(1))) // the ledger finishes seq 1 meanwhile
    for (const r of [0, 3]) p.deliver(r, { type: 'view-change', viewChange: viewChange(1, r), batches: [] }) // 2f+1 ask: the NEW-VIEW timer starts
    p.tick(2 * T - 1)
    expect(p.core.status().view).toBe(1)
    p.tick(1)
    expect(p.core.status().view).toBe(2)
  })

  it('after a view change the timeout stays doubled until a checkpoint interval of batches executes in the new view (here 1); then it is T again', () => {
    const p = new Probe(2, { checkpointInterval: 1 }) // a backup of view 1
    p.step({ type: 'request', tx: tx(1, 1) })
    p.tick(T) // VIEW-CHANGE(1)
    p.deliver(1, { type: 'new-view', newView: newView(1, [viewChange(1, 1), viewChange(1, 2), viewChange(1, 3)], []), batches: [] })
    expect(p.core.status()).toMatchObject({ view: 1, viewChanging: false })
    p.tick(2 * T - 1) // tx(1, 1) still waits: the timer of view 1 is 2T
    expect(viewChangesSent(p)).toEqual([1])
    const b = batch(1, 1, [tx(1, 1)])
    p.deliver(1, { type: 'pre-prepare', prePrepare: prePrepare(1, 1, b), batch: b })
    p.deliver(3, { type: 'prepare', prepare: prepare(1, 1, digestOf(b), 3) })
    for (const r of [1, 3]) p.deliver(r, { type: 'commit', commit: commit(1, 1, digestOf(b), r) })
    p.step(p.executedEvent(1, new Uint8Array(32).fill(1), [{ code: 0, log: 'ok' }]))
    p.step({ type: 'request', tx: tx(1, 2) })
    p.tick(T - 1)
    expect(viewChangesSent(p)).toEqual([1])
    p.tick(1)
    expect(viewChangesSent(p)).toEqual([1, 2])
  })
})

describe('the host\'s hint that the primary\'s connection closed (ProtocolEvent \'peer\')', () => {
  const G = PRIMARY_LOST_GRACE_MS
  const lost = (p: Probe, replica: number): void => { p.step({ type: 'peer', replica, up: false }) }
  /** No VIEW-CHANGE in the next `ms - 1` ms, then, 1 ms later, one asking for view 1. */
  const asksForView1After = (p: Probe, ms: number): void => {
    p.tick(ms - 1)
    expect(viewChangesSent(p)).toEqual([])
    p.tick(1)
    expect(viewChangesSent(p)).toEqual([1])
  }

  it('a backup waiting for a request asks for v+1 once the primary\'s connection stayed closed for the grace, long before T', () => {
    const p = new Probe(1)
    p.step({ type: 'request', tx: tx(1, 1) })
    lost(p, 0)
    asksForView1After(p, G)
    expect(p.core.status().viewChangeCause).toBe(`primary-lost: connection to primary 0 closed ${G} ms ago, nothing executed for ${G} ms with 1 requests pending, 0 in flight, last executed 0`)
  })

  it('a lost connection with nothing to wait for changes nothing; the grace counts from the first request after it', () => {
    const p = new Probe(1)
    lost(p, 0)
    p.tick(5 * G)
    expect(viewChangesSent(p)).toEqual([])
    p.step({ type: 'request', tx: tx(1, 1) })
    asksForView1After(p, G)
  })

  it('a connection that opens again within the grace, a lost backup, or the primary itself hearing of a lost backup: no early view change', () => {
    const back = new Probe(1)
    back.step({ type: 'request', tx: tx(1, 1) })
    lost(back, 0)
    back.tick(G - 10)
    back.step({ type: 'peer', replica: 0, up: true })
    back.tick(T - G)
    expect(viewChangesSent(back)).toEqual([])
    back.tick(G) // the request timer itself still runs
    expect(viewChangesSent(back)).toEqual([1])
    const other = new Probe(1)
    other.step({ type: 'request', tx: tx(1, 1) })
    lost(other, 2)
    other.tick(T - 1)
    expect(viewChangesSent(other)).toEqual([])
    const primary = new Probe(0)
    primary.step({ type: 'request', tx: tx(1, 1) })
    lost(primary, 1)
    primary.tick(2 * T)
    expect(viewChangesSent(primary)).toEqual([])
  })

  it('progress after the loss restarts the wait: a batch executed by way of the others is not a dead primary', () => {
    const p = new Probe(1)
    const b = batch(0, 1, [tx(1, 1)])
    p.deliver(0, { type: 'pre-prepare', prePrepare: prePrepare(0, 1, b), batch: b })
    p.step({ type: 'request', tx: tx(1, 2) })
    lost(p, 0)
    p.tick(G - 10)
    commitAndExecute(p, 1, b)
    p.tick(G - 1)
    expect(viewChangesSent(p)).toEqual([])
    p.tick(10)
    expect(viewChangesSent(p)).toEqual([1])
  })

  it('in a view change whose 2f+1 VIEW-CHANGEs are in, a closed connection to the new primary moves on to v+2 after the grace, not after 2T', () => {
    const p = new Probe(3)
    p.step({ type: 'request', tx: tx(1, 1) })
    p.tick(T) // asks for view 1 (primary 1)
    p.deliver(2, { type: 'view-change', viewChange: viewChange(1, 2), batches: [] })
    p.deliver(0, { type: 'view-change', viewChange: viewChange(1, 0), batches: [] })
    lost(p, 1)
    p.tick(G - 1)
    expect(p.core.status().view).toBe(1)
    p.tick(1)
    expect(p.core.status().view).toBe(2)
    expect(p.core.status().viewChangeCause).toMatch(/^primary-lost: connection to 1, primary of view 1, closed/)
  })

  it('a connection to the new primary that closed before 2f+1 asked counts the grace from when the NEW-VIEW timer starts, not from the loss', () => {
    const p = new Probe(3)
    p.step({ type: 'request', tx: tx(1, 1) })
    p.tick(T) // asks for view 1 (primary 1), alone: no NEW-VIEW timer yet
    lost(p, 1)
    p.tick(5 * G)
    p.deliver(2, { type: 'view-change', viewChange: viewChange(1, 2), batches: [] })
    p.deliver(0, { type: 'view-change', viewChange: viewChange(1, 0), batches: [] }) // 2f+1: the timer starts
    p.tick(G - 1)
    expect(p.core.status().view).toBe(1)
    p.tick(1)
    expect(p.core.status().view).toBe(2)
    expect(p.core.status().viewChangeCause).toBe(`primary-lost: connection to 1, primary of view 1, closed ${6 * G} ms ago, no NEW-VIEW`)
  })

  it('a second report that the connection closed does not restart the grace: it counts from the first', () => {
    const p = new Probe(1)
    p.step({ type: 'request', tx: tx(1, 1) })
    lost(p, 0)
    p.tick(G - 10)
    lost(p, 0)
    p.tick(10)
    expect(viewChangesSent(p)).toEqual([1])
  })

  it('a report about the replica itself is ignored: the new primary, waiting for 2f+1 VIEW-CHANGEs of its view, does not depose itself', () => {
    const p = new Probe(1) // primary of view 1
    p.deliver(2, { type: 'view-change', viewChange: viewChange(1, 2), batches: [] })
    p.deliver(3, { type: 'view-change', viewChange: viewChange(2, 3), batches: [] }) // f+1: joins view 1; 2f+1 ask for view >= 1
    expect(p.core.status()).toMatchObject({ view: 1, viewChanging: true })
    expect(Probe.sent(p.all, 'new-view')).toEqual([]) // 2 of the 2f+1 VIEW-CHANGE(1) it needs
    lost(p, 1)
    p.tick(2 * T - 1)
    expect(p.core.status().view).toBe(1)
    p.tick(1)
    expect(p.core.status().view).toBe(2) // the NEW-VIEW timer (2T), not the grace
    expect(p.core.status().viewChangeCause).toMatch(/^view-change-timer/)
  })
})
