// The simulator with traitors: up to f replicas run random traitor modes under network faults.
import { describe, expect, it } from 'vitest'
import { runSeed } from '../../src/sim/run.js'

describe('simulator: random traitors (up to f) and faults', () => {
  it('60 seeds: honest replicas stay safe and live', async () => {
    const failed: string[] = []
    let traitorRuns = 0
    for (let seed = 1001; seed <= 1060; seed++) {
      const r = await runSeed(seed, { txsPerClient: 4, faultMs: 2000, traitors: 'random' })
      if (r.traitors.length > 0) traitorRuns++
      if (r.violations.length > 0) failed.push(`seed ${seed} ${JSON.stringify(r.traitors)}: ${r.violations[0] ?? ''}`)
    }
    expect(failed).toEqual([])
    expect(traitorRuns).toBeGreaterThan(15)
  }, 300_000)

  it('an equivocating primary is caught with evidence naming it', async () => {
    const r = await runSeed(3, { replicas: 4, traitors: new Map([[0, { modes: ['equivocate'] }]]), txsPerClient: 4 })
    expect(r.violations).toEqual([])
    expect(r.evidence.some(e => e.accused === 0 && e.kind === 'conflicting-pre-prepare')).toBe(true)
    expect(r.evidence.every(e => e.accused === 0)).toBe(true)
  }, 60_000)
})
