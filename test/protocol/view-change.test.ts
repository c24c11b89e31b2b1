// PBFT §4.4 view changes, §4.3 checkpoints, and restart from the write-ahead log.
import { describe, expect, it } from 'vitest'
import { TestCluster, tx } from './helpers.js'

describe('§4.4 view change', () => {
  it('a silent primary is replaced: backups time out, view 1 installs, the request commits', () => {
    const c = new TestCluster(4)
    c.tick(1)
    c.down.add(0) // primary of view 0 is silent
    const t = tx(1, 1)
    for (const i of [1, 2, 3]) c.submit(i, t) // the client retransmits to every replica
    c.tick(1100) // past the 1000 ms timeout
    c.tick(10)
    for (const i of [1, 2, 3]) {
      expect(c.replicas[i]!.status().view).toBe(1)
      expect(c.executed[i]!.length).toBe(1)
    }
  })

  it('a batch prepared in view 0 survives into view 1 at the same seq', () => {
    const c = new TestCluster(4)
    c.tick(1)
    // prepared everywhere, committed nowhere (view 0's COMMITs, retransmitted ones included, are lost)
    c.filter = e => !(e.message.type === 'commit' && e.message.commit.view === 0)
    c.submit(0, tx(1, 1))
    c.tick(10)
    const digest = c.replicas[1]!.status().inFlight[0]!.digest
    expect(c.replicas[1]!.status().inFlight[0]!.phase).toBe('prepared')
    c.down.add(0)
    c.tick(1100)
    c.tick(10)
    for (const i of [1, 2, 3]) {
      expect(c.replicas[i]!.status().view).toBe(1)
      expect(c.executed[i]).toHaveLength(1)
      expect(c.executed[i]![0]!.seq).toBe(1)
    }
    const committedDigest = c.executed[1]![0]!.digest
    expect(committedDigest).toBe(digest)
  })

  it('timeouts double on consecutive view changes without progress', () => {
    const c = new TestCluster(4)
    c.tick(1)
    c.down.add(0)
    c.filter = e => e.message.type !== 'new-view' // view 1's NEW-VIEW never arrives
    for (const i of [1, 2, 3]) c.submit(i, tx(1, 1))
    c.tick(1001) // view 1: 2f+1 VIEW-CHANGEs, the NEW-VIEW timer starts
    expect(c.replicas[2]!.status().view).toBe(1)
    c.tick(1001) // still view 1: the timeout is now 2000 ms
    expect(c.replicas[2]!.status().view).toBe(1)
    c.tick(1000)
    expect(c.replicas[2]!.status().view).toBe(2)
  })

  it('the NEW-VIEW timer starts only with 2f+1 VIEW-CHANGEs for the view (§4.5.2)', () => {
    const c = new TestCluster(4)
    c.tick(1)
    c.down.add(0)
    c.down.add(1) // only replicas 2 and 3 are up: no 2f+1 VIEW-CHANGEs for view 1
    c.submit(2, tx(1, 1))
    c.tick(1001)
    expect(c.replicas[2]!.status().view).toBe(1)
    c.tick(20_000) // without a quorum of VIEW-CHANGEs it waits, instead of running ahead alone
    expect(c.replicas[2]!.status().view).toBe(1)
    expect(c.replicas[2]!.status().viewChanging).toBe(true)
  })

  it('a replica joins a view change after f+1 view-changes for higher views (§4.5.2)', () => {
    const c = new TestCluster(4)
    c.tick(1)
    // replicas 1 and 2 time out; replica 3 has no pending request, so no timer of its own
    c.filter = e => !(e.message.type === 'request')
    c.step(1, { type: 'request', tx: tx(1, 1) })
    c.step(2, { type: 'request', tx: tx(1, 1) })
    c.queue = []
    c.down.add(0)
    c.tickOnly([1, 2], 1100)
    expect(c.replicas[3]!.status().view).toBe(1)
  })

  it('backups reject a NEW-VIEW whose O differs from the one they compute', () => {
    const c = new TestCluster(4)
    c.tick(1)
    c.filter = e => !(e.message.type === 'commit' && e.message.commit.view === 0)
    c.submit(0, tx(1, 1))
    c.tick(10)
    c.filter = e => {
      if (e.message.type === 'commit') return e.message.commit.view !== 0
      if (e.message.type !== 'new-view') return true
      // the new primary drops the prepared batch from O (replaces it with nothing)
      e.message.newView.prePrepares = []
      return true
    }
    c.down.add(0)
    c.tick(1100)
    c.tick(10)
    expect(c.replicas[2]!.status().view).toBeGreaterThanOrEqual(1)
    expect(c.executed[2]).toHaveLength(0)
  })
})

describe('§4.3 checkpoints', () => {
  it('2f+1 matching checkpoints make a stable checkpoint and move the low watermark', () => {
    const c = new TestCluster(4, { batchTxsMax: 1, checkpointInterval: 4, window: 8 })
    c.tick(1)
    for (let k = 1; k <= 5; k++) c.submit(0, tx(1, k))
    for (let i = 0; i < 4; i++) {
      expect(c.replicas[i]!.status().stableCheckpoint).toBe(4)
      expect(c.replicas[i]!.status().lowWatermark).toBe(4)
    }
  })

  it('a replica that missed blocks below a stable checkpoint asks for state transfer', () => {
    const c = new TestCluster(4, { batchTxsMax: 1, checkpointInterval: 4, window: 8 })
    c.tick(1)
    c.down.add(3)
    for (let k = 1; k <= 4; k++) c.submit(0, tx(1, k))
    c.down.delete(3)
    for (let k = 5; k <= 8; k++) c.submit(0, tx(1, k))
    expect(c.other[3]!.some(a => a.type === 'fetch-state' && a.seq === 8)).toBe(true)
  })
})

describe('persist-before-send and restart', () => {
  it('every signed vote is preceded by its persist record', () => {
    const c = new TestCluster(4)
    c.tick(1)
    const actions = c.replicas[1]!.step({ type: 'message', from: 0, message: { type: 'request', request: tx(1, 1) } })
    expect(actions.length).toBeGreaterThanOrEqual(0)
    c.submit(0, tx(1, 2))
    c.tick(10)
    const kinds = c.wal[1]!.map(r => r.kind)
    expect(kinds).toContain('prepare')
    expect(kinds).toContain('commit')
  })

  it('a restarted replica never prepares a different digest for a (view, seq) it prepared', () => {
    const c = new TestCluster(4)
    c.tick(1)
    c.filter = e => e.message.type !== 'commit'
    c.submit(0, tx(1, 1))
    c.tick(10)
    const first = c.wal[2]!.find(r => r.kind === 'prepare')
    expect(first).toBeDefined()
    c.restart(2)
    // an equivocating primary now sends another batch for (0, 1) to the restarted replica
    const crash = c.replicas[2]!
    const before = c.wal[2]!.length
    crash.step({ type: 'tick', nowMs: c.nowMs })
    const pp = (c.wal[0]!.find(r => r.kind === 'pre-prepare'))
    expect(pp).toBeDefined()
    const out = crash.step({ type: 'message', from: 0, message: { type: 'pre-prepare', prePrepare: (pp as any).prePrepare, batch: (pp as any).batch } })
    expect(out.filter(a => a.type === 'broadcast' && a.message.type === 'prepare')).toHaveLength(0)
    expect(c.wal[2]!.length).toBe(before)
  })
})

describe('§4.4 view change after a restart', () => {
  it('a restarted replica still reports prepared certificates of seqs it executed above the stable checkpoint', () => {
    const c = new TestCluster(4, { batchTxsMax: 1 })
    c.tick(1)
    c.submit(0, tx(1, 1))
    c.submit(0, tx(1, 2))
    expect(c.executed[1]!.map(e => e.seq)).toEqual([1, 2]) // executed, stable checkpoint still 0
    c.restart(1)
    const out = c.replicas[1]!.forceViewChange()
    const vc = out.find(a => a.type === 'send' && a.message.type === 'view-change')
    expect(vc).toBeDefined()
    if (vc?.type === 'send' && vc.message.type === 'view-change') {
      expect(vc.message.viewChange.prepared.map(p => p.prePrepare.seq)).toEqual([1, 2])
    }
  })
})
