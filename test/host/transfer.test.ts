// The host's state transfer (src/host/transfer.ts), a gap fetch without a checkpoint hash
// (src/protocol/gap.ts): blocks prove themselves by their commit certificates, partial progress
// goes to the core, and a peer that has nothing yet is not asked again on the very next tick.
import { describe, expect, it } from 'vitest'
import { AccountsApp } from '../../src/app/accounts.js'
import type { ReplicaMessage } from '../../src/codec/index.js'
import { Ledger } from '../../src/ledger/ledger.js'
import { MemoryBlockStore } from '../../src/ledger/store-memory.js'
import { runTask } from '../../src/host/tasks.js'
import { buildLedger, genesis } from '../ledger/fixtures.js'
import { respond, transferOf, transferredSeqs } from './transfer-helpers.js'
import { ServeBudget } from '../../src/host/transfer-serve.js'
import { STATE_SERVE_WINDOW_MS, STATE_SERVES_PER_PEER_MAX } from '../../src/host/limits.js'

describe('a gap fetch (no target hash)', () => {
  it('applies certified blocks, reports progress short of the target, waits after an empty answer, and ends at the target', async () => {
    const g = await genesis()
    const full = await Ledger.open(g, new AccountsApp(g.accounts), new MemoryBlockStore())
    const store = new MemoryBlockStore()
    await buildLedger(g, 10, store)
    const source = await Ledger.open(g, new AccountsApp(g.accounts), store)
    expect(source.head().height).toBe(10)
    const sent: Array<[number, ReplicaMessage]> = []
    const done: number[] = []
    const t = transferOf(g.chainId, 3, full, (to, m) => { sent.push([to, m]) }, {
      done: seq => { done.push(seq) }, badPeer: (p, r) => { throw new Error(`bad peer ${p}: ${r}`) }
    })
    expect(await runTask(t.start(10, undefined, [0, 1, 2], 1000))).toEqual([])
    expect(sent.map(([to, m]) => [to, m.type === 'state-request' ? m.stateRequest.fromHeight : -1])).toEqual([[0, 1]])
    const blocks = async (from: number, to: number) => await Promise.all([...Array(to - from + 1).keys()].map(async k => (await source.getBlock(from + k))!))
    expect(await respond(t, 1, { chainId: g.chainId, blocks: await blocks(1, 4), replica: 1, headHeight: 4, prunedBelow: 0 }, 1005)).toEqual([]) // not asked
    expect(full.head().height).toBe(0)
    expect(transferredSeqs(await respond(t, 0, { chainId: g.chainId, blocks: await blocks(1, 4), replica: 0, headHeight: 4, prunedBelow: 0 }, 1010))).toEqual([4])
    expect(full.head().height).toBe(4)
    expect(sent.at(-1)?.[0]).toBe(1) // asks the next peer from 5 at once
    await respond(t, 1, { chainId: g.chainId, blocks: [], replica: 1, headHeight: 4, prunedBelow: 0 }, 1020)
    const asked = sent.length
    t.tick(1030)
    expect(sent.length).toBe(asked) // nothing yet at that peer: no request storm
    t.tick(1020 + 100)
    expect(sent.length).toBe(asked + 1)
    const [to] = sent.at(-1)!
    expect(transferredSeqs(await respond(t, to, { chainId: g.chainId, blocks: await blocks(5, 10), replica: to, headHeight: 10, prunedBelow: 0 }, 1200))).toEqual([10])
    expect(done).toEqual([10])
    expect(full.head().blockHash).toEqual(source.head().blockHash)
    expect(t.active()).toBe(false)
  })

  it('a fetch the ledger already reached ends at once, asking nobody', async () => {
    const g = await genesis()
    const ledger = await buildLedger(g, 3)
    const sent: unknown[] = []
    const t = transferOf(g.chainId, 3, ledger, (to, m) => { sent.push([to, m]) })
    expect(transferredSeqs(await runTask(t.start(2, undefined, [0, 1, 2], 1000)))).toEqual([3])
    expect([sent, t.active()]).toEqual([[], false])
  })

  it('a silent peer is skipped after STATE_REQUEST_TIMEOUT_MS, and the peers are asked in turn', async () => {
    const g = await genesis()
    const ledger = await Ledger.open(g, new AccountsApp(g.accounts), new MemoryBlockStore())
    const sent: number[] = []
    const t = transferOf(g.chainId, 1, ledger, to => { sent.push(to) })
    await runTask(t.start(8, undefined, [0, 1, 2, 3], undefined)) // before the first tick
    t.tick(5000) // the first tick only starts the clock
    expect(sent).toEqual([0])
    t.tick(6999)
    expect(sent).toEqual([0])
    t.tick(7000)
    t.tick(9000)
    t.tick(11000)
    expect(sent).toEqual([0, 2, 3, 0]) // itself (1) is never asked
    expect(t.stats.timeouts).toBe(3)
  })
})

describe('serving budget per peer (a traitor asking in a loop)', () => {
  it('serves STATE_SERVES_PER_PEER_MAX requests of one peer per window, refuses the next, serves again once the window moved on; peers are separate', () => {
    const b = new ServeBudget()
    const t0 = 1_000_000
    for (let i = 0; i < STATE_SERVES_PER_PEER_MAX; i++) expect(b.allow(2, t0 + i)).toBe(true)
    expect(b.allow(2, t0 + STATE_SERVES_PER_PEER_MAX)).toBe(false)
    expect(b.allow(3, t0 + STATE_SERVES_PER_PEER_MAX)).toBe(true)
    expect(b.allow(2, t0 + STATE_SERVE_WINDOW_MS - 1)).toBe(false)
    expect(b.allow(2, t0 + STATE_SERVE_WINDOW_MS)).toBe(true)
  })

  it('before the first tick (no clock) every request is served', () => {
    const b = new ServeBudget()
    for (let i = 0; i < 2 * STATE_SERVES_PER_PEER_MAX; i++) expect(b.allow(1, undefined)).toBe(true)
  })
})
