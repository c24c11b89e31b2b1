// The simulator must be strong enough to catch real bugs: each planted fault (a deliberate
// bug in the honest replicas, via ProtocolConfig.plantedFaults) is caught within a few seeds,
// while the same seeds pass without it.
import { describe, expect, it } from 'vitest'
import type { TraitorSettings } from '../../src/byzantine/modes.js'
import type { PlantedFault } from '../../src/protocol/index.js'
import { runSeed, type SimOptions } from '../../src/sim/run.js'

interface Case {
  plant: PlantedFault
  traitors: Map<number, TraitorSettings> | 'none'
  /** The runs' shape; default n = 4 and 4 transactions per client, directed and random modes. */
  shape?: { options: SimOptions, modes: boolean[], firstSeed: true }
}

const cases: Case[] = [
  { plant: 'weak-quorum', traitors: new Map([[0, { modes: ['equivocate'] }]]) },
  { plant: 'accept-second-pre-prepare', traitors: new Map([[0, { modes: ['equivocate'] }]]) },
  { plant: 'trust-new-view', traitors: new Map([[1, { modes: ['lying-view-change'] }]]) },
  { plant: 'send-before-persist', traitors: 'none' },
  { plant: 'accept-old-view', traitors: new Map([[0, { modes: ['silent', 'stale-replay'] }]]) },
  // The WAL check (src/sim/wal-check.ts) needs a crash above a stable checkpoint: the random
  // mode with the seed's own n and the default 6 transactions per client, as
  // `pbft simulate --seed 1 --plant compact-too-much` runs it, catches it on seed 1.
  { plant: 'compact-too-much', traitors: 'none', shape: { options: {}, modes: [false], firstSeed: true } },
  // State transfer runs in the host over the simulated network (src/host/transfer.ts): a lagging
  // honest replica that asks the bad-state-transfer traitor applies its altered blocks unchecked,
  // caught by the certified and agreement invariants. Random mode (crashes and partitions make
  // replicas lag), as `pbft simulate --seed 1 --plant transfer-unchecked --traitors 0:bad-state-transfer` runs it.
  { plant: 'transfer-unchecked', traitors: new Map([[0, { modes: ['bad-state-transfer'] }]]), shape: { options: {}, modes: [false], firstSeed: true } }
]

describe('planted faults are caught', () => {
  for (const { plant, traitors, shape } of cases) {
    it(`${plant}`, async () => {
      // Each seed runs in the directed mode (src/sim/directed.ts: steered into view changes over
      // prepared seqs and lying primaries) and in the random one (crashes and partitions, which
      // send-before-persist and accept-old-view need).
      const options = shape?.options ?? { replicas: 4, txsPerClient: 4 }
      let caught: { seed: number, directed: boolean } | undefined
      for (let seed = 1; seed <= 20 && caught === undefined; seed++) {
        for (const directed of shape?.modes ?? [true, false]) {
          const r = await runSeed(seed, { ...options, plant: [plant], traitors, directed })
          if (r.violations.length > 0) { caught = { seed, directed }; break }
        }
      }
      expect(caught).toBeDefined()
      if (shape?.firstSeed === true) expect(caught!.seed).toBe(1)
      const control = await runSeed(caught!.seed, { ...options, traitors, directed: caught!.directed })
      expect(control.violations).toEqual([])
    }, 120_000)
  }
})
