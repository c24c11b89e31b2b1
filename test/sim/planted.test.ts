// The simulator must be strong enough to catch real bugs: each planted fault (a deliberate
// bug in the honest replicas, via ProtocolConfig.plantedFaults) is caught within a few seeds,
// while the same seeds pass without it.
import { describe, expect, it } from 'vitest'
import type { TraitorSettings } from '../../src/byzantine/modes.js'
import type { PlantedFault } from '../../src/protocol/index.js'
import { runSeed } from '../../src/sim/run.js'

const cases: Array<[PlantedFault, Map<number, TraitorSettings> | 'none']> = [
  ['weak-quorum', new Map([[0, { modes: ['equivocate'] }]])],
  ['accept-second-pre-prepare', new Map([[0, { modes: ['equivocate'] }]])],
  ['trust-new-view', new Map([[1, { modes: ['lying-view-change'] }]])],
  ['send-before-persist', 'none'],
  ['accept-old-view', new Map([[0, { modes: ['silent', 'stale-replay'] }]])]
]

describe('planted faults are caught', () => {
  for (const [plant, traitors] of cases) {
    it(`${plant}`, async () => {
      let caughtAt: number | undefined
      // trust-new-view is the rarest: first caught at seed 59 (also 65) since a primary stopped
      // running the request timer; the others within the first few seeds.
      for (let seed = 1; seed <= 60 && caughtAt === undefined; seed++) {
        const r = await runSeed(seed, { replicas: 4, plant: [plant], traitors, txsPerClient: 4 })
        if (r.violations.length > 0) caughtAt = seed
      }
      expect(caughtAt).toBeDefined()
      const control = await runSeed(caughtAt as number, { replicas: 4, traitors, txsPerClient: 4 })
      expect(control.violations).toEqual([])
    }, 120_000)
  }
})
