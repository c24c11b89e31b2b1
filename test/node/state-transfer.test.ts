// State transfer without a checkpoint hash (a gap fetch, src/protocol/gap.ts): blocks prove
// themselves by their commit certificates, partial progress is reported, and a peer that has
// nothing yet is not asked again on the very next tick.
import { describe, expect, it } from 'vitest'
import { AccountsApp } from '../../src/app/accounts.js'
import type { ReplicaMessage } from '../../src/codec/index.js'
import { Ledger } from '../../src/ledger/ledger.js'
import { MemoryBlockStore } from '../../src/ledger/store-memory.js'
import { StateTransfer } from '../../src/node/state-transfer.js'
import { buildLedger, genesis } from '../ledger/fixtures.js'

describe('a gap fetch (no target hash)', () => {
  it('applies certified blocks, reports progress short of the target, waits after an empty answer, and ends at the target', async () => {
    const g = await genesis()
    const full = await Ledger.open(g, new AccountsApp(g.accounts), new MemoryBlockStore())
    const store = new MemoryBlockStore()
    await buildLedger(g, 10, store)
    const source = await Ledger.open(g, new AccountsApp(g.accounts), store)
    expect(source.head().height).toBe(10)
    const sent: Array<[number, ReplicaMessage]> = []
    const progress: number[] = []
    const done: number[] = []
    const t = new StateTransfer({
      chainId: g.chainId, id: 3, ledger: full, send: (to, m) => { sent.push([to, m]) }, serialize: async w => await w(),
      done: seq => { done.push(seq) }, progress: seq => { progress.push(seq) }, badPeer: (p, r) => { throw new Error(`bad peer ${p}: ${r}`) }
    })
    t.start(10, undefined, [0, 1, 2], 1000)
    expect(sent.map(([to, m]) => [to, m.type === 'state-request' ? m.stateRequest.fromHeight : -1])).toEqual([[0, 1]])
    const blocks = async (from: number, to: number) => await Promise.all([...Array(to - from + 1).keys()].map(async k => (await source.getBlock(from + k))!))
    await t.onResponse(0, { chainId: g.chainId, blocks: await blocks(1, 4), replica: 0, headHeight: 4, prunedBelow: 0 }, 1010)
    expect(progress).toEqual([4])
    expect(full.head().height).toBe(4)
    expect(sent.at(-1)?.[0]).toBe(1) // asks the next peer from 5 at once
    await t.onResponse(1, { chainId: g.chainId, blocks: [], replica: 1, headHeight: 4, prunedBelow: 0 }, 1020)
    const asked = sent.length
    t.tick(1030)
    expect(sent.length).toBe(asked) // nothing yet at that peer: no request storm
    t.tick(1020 + 100)
    expect(sent.length).toBe(asked + 1)
    const [to] = sent.at(-1)!
    await t.onResponse(to, { chainId: g.chainId, blocks: await blocks(5, 10), replica: to, headHeight: 10, prunedBelow: 0 }, 1200)
    expect(done).toEqual([10])
    expect(full.head().blockHash).toEqual(source.head().blockHash)
    expect(t.active()).toBe(false)
  })
})
