// The simulator runs the host's state transfer (src/host/transfer.ts) over its lossy network:
// lagging replicas fetch blocks with state-request/state-response, a bad-state-transfer traitor's
// altered blocks (src/byzantine/state-lies.ts) reach them and are refused, and the invariants
// that check every honest block (agreement, certified) hold.
import { describe, expect, it } from 'vitest'
import { alterBlock } from '../../src/byzantine/state-lies.js'
import { verify } from '../../src/crypto/ed25519.js'
import { blockHash } from '../../src/crypto/digests.js'
import { toHex } from '../../src/crypto/hash.js'
import { Invariants } from '../../src/sim/invariants.js'
import { runSeed } from '../../src/sim/run.js'
import type { Host, SimWorld } from '../../src/sim/machine.js'
import { refused } from '../../src/sim/ports.js'
import { SITUATIONS, Situations } from '../../src/sim/situations.js'
import { buildLedger, genesis } from '../ledger/fixtures.js'

describe('state transfer in the simulator', () => {
  it('seeds 1-4 with a bad-state-transfer traitor: honest replicas fetch blocks, refuse the lies, and stay safe and live', async () => {
    let started = 0
    let refused = 0
    for (let seed = 1; seed <= 4; seed++) {
      const r = await runSeed(seed, { traitors: new Map([[0, { modes: ['bad-state-transfer'] }]]) })
      expect(r.violations).toEqual([])
      started += r.situations[SITUATIONS.stateTransfer] ?? 0
      refused += r.situations[SITUATIONS.transferRefused] ?? 0
    }
    expect(started).toBeGreaterThan(0)
    expect(refused).toBeGreaterThan(0)
  }, 120_000)
})

describe('the certified invariant (src/sim/invariants.ts)', () => {
  it('a block whose certificate does not certify it is a violation, however it was appended; a certified one is not', async () => {
    const g = await genesis()
    const ledger = await buildLedger(g, 3)
    const inv = new Invariants(verify, 16, g.replicas.map(r => r.publicKey), g)
    let prev = toHex(ledger.head().blockHash) // any: the hash chain is not what this checks
    const check = (b: Awaited<ReturnType<typeof ledger.getBlock>>): string[] => {
      const before = inv.violations.length
      inv.onBlock(1, b!, toHex(blockHash(b!.header)), prev)
      prev = toHex(blockHash(b!.header))
      return inv.violations.slice(before).filter(v => v.startsWith('certified'))
    }
    expect(check(await ledger.getBlock(2))).toEqual([])
    expect(check(alterBlock((await ledger.getBlock(1))!))).toHaveLength(1) // a forged commit signature
    expect(check(alterBlock((await ledger.getBlock(3))!))).toHaveLength(1) // another proposal under the real certificate
  })
})

describe('honest state transfer (src/sim/ports.ts)', () => {
  it('an honest replica refusing a block an honest peer served is a violation; refusing a traitor\'s is not', () => {
    const inv = new Invariants(verify, 16)
    const hosts = [0, 1, 2, 3].map(id => ({ id, honest: id !== 0 }))
    const w = { hosts, inv, situations: new Situations(1, 'sim') } as unknown as SimWorld
    refused(w, hosts[1] as unknown as Host, 0, 'cert')
    expect(inv.violations).toEqual([])
    refused(w, hosts[1] as unknown as Host, 2, 'cert')
    expect(inv.violations).toEqual(['honest state transfer: replica 1 refused a block honest replica 2 served (cert)'])
  })
})
