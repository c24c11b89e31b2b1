// The directed simulator (src/sim/directed.ts): each seed steers a 4-replica cluster into one
// rare situation of the paper, and the run must stay safe and live. The counts show that the
// default test reaches every situation many times; a random sweep reaches some of them rarely
// (the split prepared certificates of one seq almost never). 39 seeds: 13 of each scenario, and
// every PRE-PREPARE lie once.
import { describe, expect, it } from 'vitest'
import { DIRECTED_SCENARIOS, PRE_PREPARE_LIES } from '../../src/sim/directed.js'
import { runSeed, type SeedResult } from '../../src/sim/run.js'
import { SITUATIONS, situationTable } from '../../src/sim/situations.js'
import { sumSituations } from '../../src/sim/sweep.js'

const ALL = DIRECTED_SCENARIOS.length * PRE_PREPARE_LIES.length
/** npm run mutate runs fewer (vitest.mutate.config.ts): safety and liveness only, every scenario. */
const SEEDS = Number(process.env.PBFT_DIRECTED_SEEDS ?? ALL)

describe('directed simulator', () => {
  it(`${SEEDS} seeds: split prepared certificates, a seq committed at one replica, lying primaries: safe, live, and each situation reached`, async () => {
    const results: SeedResult[] = []
    const failed: string[] = []
    for (let seed = 1; seed <= SEEDS; seed++) {
      const r = await runSeed(seed, { directed: true, txsPerClient: 4 })
      results.push(r)
      if (r.violations.length > 0) failed.push(`seed ${seed} (${JSON.stringify(r.plan)}): ${r.violations[0] ?? ''}`)
    }
    const counts = sumSituations(results)
    console.log(`situations reached by ${SEEDS} directed seeds (replay one: node bin/pbft simulate --directed --txs 4 --seed N):\n${situationTable(counts)}`)
    expect(failed).toEqual([])
    expect(results.every(r => r.txsCommitted === r.txsSubmitted)).toBe(true)
    if (SEEDS < ALL) return
    const split = results.filter(r => r.plan?.scenario === 'split-certs')
    const splitReached = split.filter(r => (r.situations[SITUATIONS.nvSplit] ?? 0) > 0)
    expect(splitReached.length).toBeGreaterThanOrEqual(8)
    // both sides of V: the older certificate first (its replica is the new primary) and last
    expect(new Set(splitReached.map(r => r.plan?.x))).toEqual(new Set([2, 3]))
    expect(counts[SITUATIONS.vcCommittedElsewhere]).toBeGreaterThanOrEqual(20)
    expect(counts[SITUATIONS.nvAboveCheckpoint]).toBeGreaterThanOrEqual(2)
    expect(counts[SITUATIONS.nvNull]).toBeGreaterThanOrEqual(5)
    expect(counts[SITUATIONS.joined]).toBeGreaterThanOrEqual(20)
    for (const lie of PRE_PREPARE_LIES) expect(counts[`${SITUATIONS.lieReached}: ${lie}`], lie).toBeGreaterThan(0)
    expect(counts['evidence recorded: invalid-transaction']).toBeGreaterThan(0)
  }, 120_000)
})
