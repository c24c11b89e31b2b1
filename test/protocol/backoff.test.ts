// The view-change timeout's exponential backoff (PBFT §4.5.2) decays one step per checkpoint
// interval of executions, not at the first execution after a view change.
import { describe, expect, it } from 'vitest'
import { TestCluster, tx } from './helpers.js'

/** Replica 0 down, a request times out at the others: view 1 with primary 1. */
function afterOneViewChange (): TestCluster {
  const c = new TestCluster(4, { batchTxsMax: 1, checkpointInterval: 4, window: 8, viewChangeTimeoutMs: 1000 })
  c.tick(1)
  c.down.add(0)
  for (let i = 1; i < 4; i++) c.step(i, { type: 'request', tx: tx(1, 1) })
  c.run()
  for (let k = 0; k < 12; k++) c.tick(100)
  for (let i = 1; i < 4; i++) expect(c.replicas[i]!.status()).toMatchObject({ view: 1, viewChanging: false })
  return c
}

/** Primary 1 stops proposing; returns ms until the backups' request timer deposes it. */
function msUntilNextViewChange (c: TestCluster, nonce: number): number {
  c.filter = e => !(e.from === 1 && e.message.type === 'pre-prepare')
  for (let i = 2; i < 4; i++) c.step(i, { type: 'request', tx: tx(2, nonce) })
  c.run()
  for (let ms = 100; ms <= 5000; ms += 100) {
    c.tick(100)
    if (c.replicas[2]!.status().view > 1) return ms
  }
  return Infinity
}

describe('view-change backoff', () => {
  it('keeps the doubled timeout after one execution in the new view', () => {
    const c = afterOneViewChange()
    c.submit(1, tx(3, 1))
    expect(c.executed[2]!.length).toBeGreaterThanOrEqual(1)
    const ms = msUntilNextViewChange(c, 1)
    expect(ms).toBeGreaterThan(1500)
    expect(ms).toBeLessThanOrEqual(2200)
  })

  it('is back at the base timeout after a checkpoint interval (4) of executions', () => {
    const c = afterOneViewChange()
    for (let k = 1; k <= 5; k++) c.submit(1, tx(3, k))
    const ms = msUntilNextViewChange(c, 1)
    expect(ms).toBeGreaterThan(900)
    expect(ms).toBeLessThanOrEqual(1200)
  })
})
