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
      // Each seed runs in the directed mode (src/sim/directed.ts: steered into view changes over
      // prepared seqs and lying primaries) and in the random one (crashes and partitions, which
      // send-before-persist and accept-old-view need).
      let caught: { seed: number, directed: boolean } | undefined
      for (let seed = 1; seed <= 20 && caught === undefined; seed++) {
        for (const directed of [true, false]) {
          const r = await runSeed(seed, { replicas: 4, plant: [plant], traitors, txsPerClient: 4, directed })
          if (r.violations.length > 0) { caught = { seed, directed }; break }
        }
      }
      expect(caught).toBeDefined()
      const control = await runSeed(caught!.seed, { replicas: 4, traitors, txsPerClient: 4, directed: caught!.directed })
      expect(control.violations).toEqual([])
    }, 120_000)
  }
})
