// The simulator's default run: seeds with every fault class, invariants after every step.
import { describe, expect, it } from 'vitest'
import { runSeed } from '../../src/sim/run.js'

describe('simulator: all faults, honest replicas', () => {
  it('120 seeds over n in {4, 7, 10}: no safety violation, every transaction commits after healing', async () => {
    const failed: string[] = []
    let blocks = 0
    let viewChanges = 0
    for (let seed = 1; seed <= 120; seed++) {
      const r = await runSeed(seed, { txsPerClient: 4, faultMs: 2000 })
      blocks += r.blocks
      viewChanges += r.viewChanges
      if (r.violations.length > 0) failed.push(`seed ${seed}: ${r.violations[0] ?? ''}`)
    }
    expect(failed).toEqual([])
    expect(blocks).toBeGreaterThan(120) // the runs did real work
    expect(viewChanges).toBeGreaterThan(0) // and the faults forced view changes
  }, 300_000)

  it('sweep seed 7090: honest replicas climb to the view a cut-off replica reached alone, then commit everything', async () => {
    // n = 7 with two impersonating traitors: the 5 honest replicas are exactly 2f+1, and replica
    // 1 timed out alone into view 12 during the faults. No lower view can complete; the others
    // climb view by view at the capped timeout. This failed the liveness check under a 30 s bound.
    const r = await runSeed(7090, { traitors: 'random', txsPerClient: 4, faultMs: 2000 })
    expect(r.n).toBe(7)
    expect(r.violations).toEqual([])
    expect(r.txsCommitted).toBe(12)
    expect(r.viewChanges).toBeGreaterThanOrEqual(12)
    expect(r.virtualMs).toBeGreaterThan(2000 + 30_000)
  }, 60_000)

  it('is deterministic: the same seed gives the same run, event for event', async () => {
    const a = await runSeed(7, { txsPerClient: 3 })
    const b = await runSeed(7, { txsPerClient: 3 })
    expect(b.traceHash).toBe(a.traceHash)
    expect(b.blocks).toBe(a.blocks)
    const c = await runSeed(8, { txsPerClient: 3 })
    expect(c.traceHash).not.toBe(a.traceHash)
  }, 60_000)
})
