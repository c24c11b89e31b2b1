// The simulator's receipts invariant (src/sim/invariants.ts): every reply set a client accepts
// makes a receipt that verifies offline with genesis alone and names the block honest replicas
// executed at that height, with that transaction and result. It holds against wrong-replies
// traitors, and it catches clients that accept too little (planted client bugs).
import { describe, expect, it } from 'vitest'
import type { TraitorSettings } from '../../src/byzantine/modes.js'
import { runSeed } from '../../src/sim/run.js'

const liar = (id: number): Map<number, TraitorSettings> => new Map([[id, { modes: ['wrong-replies'] }]])

describe('receipts invariant', () => {
  it('with a wrong-replies traitor and all faults: every accepted reply set makes a valid receipt of the honest block', async () => {
    let refused = 0
    for (let seed = 1; seed <= 8; seed++) {
      const r = await runSeed(seed, { replicas: 4, traitors: liar(seed % 4), txsPerClient: 4, faultMs: 2000 })
      expect(r.violations).toEqual([])
      expect(r.receipts).toBe(r.txsCommitted)
      expect(r.txsCommitted).toBe(r.txsSubmitted)
      refused += r.invalidReplies
    }
    expect(refused).toBeGreaterThan(0) // the bad proofs reached clients and were refused
  }, 120_000)

  for (const plant of ['accept-one-reply', 'skip-proof-check'] as const) {
    it(`catches a client that plants ${plant}`, async () => {
      let caught: { seed: number, violation: string } | undefined
      for (let seed = 1; seed <= 20 && caught === undefined; seed++) {
        const r = await runSeed(seed, { replicas: 4, traitors: liar(1), txsPerClient: 4, faults: [], plantClient: [plant] })
        if (r.violations.length > 0) caught = { seed, violation: r.violations[0]! }
      }
      expect(caught?.violation).toMatch(/^receipts: client \d accepted transaction/)
      const control = await runSeed(caught!.seed, { replicas: 4, traitors: liar(1), txsPerClient: 4, faults: [] })
      expect(control.violations).toEqual([])
    }, 120_000)
  }
})
