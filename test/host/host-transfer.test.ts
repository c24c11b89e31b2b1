// State transfer as ordinary protocol messages handled by the host (src/host/transfer.ts): four
// hosts over real ledgers and a message queue. Replica 3 is behind; a `fetch-state` of its core
// makes its host ask the others; their hosts serve from their ledgers; every block is verified
// before it is applied, and the core hears `state-transferred`. Replica 0 is a src/byzantine
// Traitor in mode `bad-state-transfer`: the lie goes out through the same Traitor.outbound in the
// simulator and in a replica process.
import { describe, expect, it } from 'vitest'
import { AccountsApp } from '../../src/app/accounts.js'
import { Traitor } from '../../src/byzantine/traitor.js'
import { alterBlock } from '../../src/byzantine/state-lies.js'
import type { ReplicaMessage } from '../../src/codec/index.js'
import { createSigner, verify } from '../../src/crypto/ed25519.js'
import { ReplicaHost } from '../../src/host/host.js'
import { STATE_SERVES_PER_PEER_MAX } from '../../src/host/limits.js'
import type { CorePort } from '../../src/host/ports.js'
import type { Genesis } from '../../src/ledger/genesis.js'
import { Ledger } from '../../src/ledger/ledger.js'
import { MemoryBlockStore } from '../../src/ledger/store-memory.js'
import type { PlantedFault, ProtocolEvent, ReplicaCore } from '../../src/protocol/types.js'
import { buildLedger, genesis, replicaSeed } from '../ledger/fixtures.js'

const BLOCKS = 10

/** A core that asks for blocks up to BLOCKS on a `peer` event and records what it hears. */
function fakeCore (heard: ProtocolEvent[]): ReplicaCore {
  return {
    step: e => { heard.push(e); return e.type === 'peer' ? [{ type: 'fetch-state', seq: BLOCKS, blockHash: undefined, peers: [0, 1, 2] }] : [] },
    status: () => { throw new Error('unused') },
    sizes: () => ({ view: 0, pendingRequests: 0, slots: 0 }),
    drops: () => ({})
  }
}

function traitor (g: Genesis, id: number, heard: ProtocolEvent[]): Traitor {
  const signer = createSigner(replicaSeed(id))
  const config = { chainId: g.chainId, id, publicKeys: g.replicas.map(r => r.publicKey), ...g.params }
  const t = new Traitor(config, { sign: signer.sign, verify }, () => fakeCore(heard))
  t.set({ modes: ['bad-state-transfer'] })
  return t
}

async function cluster (plantedFaults: PlantedFault[] = []) {
  const g = await genesis()
  const ledgers = [...await Promise.all([0, 1, 2].map(async () => await buildLedger(g, BLOCKS))), await Ledger.open(g, new AccountsApp(g.accounts), new MemoryBlockStore())]
  const queue: Array<{ from: number, to: number, message: ReplicaMessage }> = []
  const heard: ProtocolEvent[] = []
  const bad: Array<[number, string]> = []
  const hosts = ledgers.map((ledger, id) => {
    const core: CorePort = id === 0 ? traitor(g, 0, []) : fakeCore(id === 3 ? heard : [])
    return new ReplicaHost({
      core,
      wal: { persist: () => {} },
      network: { send: (to, message) => { queue.push({ from: id, to, message }) }, broadcast: () => {} },
      clients: { reply: () => {}, reject: () => {} },
      ledger,
      evidence: () => {},
      transfer: { id, chainId: g.chainId, blocks: ledger, log: { badPeer: (peer, reason) => { bad.push([peer, reason]) } } }
    }, { plantedFaults: id === 3 ? plantedFaults : [] })
  })
  const run = async (): Promise<void> => {
    for (let e = queue.shift(); e !== undefined; e = queue.shift()) await hosts[e.to]!.step([{ type: 'message', from: e.from, message: e.message }])
  }
  return { g, ledgers, hosts, queue, heard, bad, run }
}

describe('state transfer through the host', () => {
  it('a lagging replica refuses the traitor\'s blocks, asks the next peer on the next tick, and applies the verified blocks', async () => {
    const c = await cluster()
    await c.hosts[3]!.step([{ type: 'tick', nowMs: 1000 }, { type: 'peer', replica: 0, up: true }])
    expect(c.queue.map(e => [e.to, e.message.type])).toEqual([[0, 'state-request']]) // peers in order: the traitor first
    await c.run()
    expect(c.ledgers[3]!.head().height).toBe(0)
    expect(c.bad).toHaveLength(1)
    expect(c.bad[0]![0]).toBe(0)
    await c.hosts[3]!.step([{ type: 'tick', nowMs: 1010 }])
    expect(c.queue.map(e => [e.to, e.message.type])).toEqual([[1, 'state-request']])
    await c.run()
    expect(c.ledgers[3]!.head()).toEqual(c.ledgers[1]!.head())
    expect(c.heard.filter(e => e.type === 'state-transferred')).toEqual([{ type: 'state-transferred', seq: BLOCKS, blockHash: c.ledgers[1]!.head().blockHash }])
    expect(c.hosts[3]!.transfer?.active()).toBe(false)
    expect(c.hosts[1]!.transfer?.stats).toMatchObject({ requestsServed: 1, blocksServed: BLOCKS })
  })

  it('planted fault transfer-unchecked: the same replica applies the traitor\'s blocks, and its chain is not the agreed one', async () => {
    const c = await cluster(['transfer-unchecked'])
    await c.hosts[3]!.step([{ type: 'tick', nowMs: 1000 }, { type: 'peer', replica: 0, up: true }])
    await c.run()
    expect(c.bad).toEqual([])
    expect(c.ledgers[3]!.head().height).toBe(BLOCKS)
    expect(c.ledgers[3]!.head().blockHash).not.toEqual(c.ledgers[1]!.head().blockHash)
  })
})

describe('bad-state-transfer (src/byzantine/state-lies.ts): each lie is refused by a different check', () => {
  it('height 3: another proposal under the real certificate; height 1: a forged certificate; height 2: a wrong state root', async () => {
    const g = await genesis()
    const source = await buildLedger(g, 3)
    const fetcher = await Ledger.open(g, new AccountsApp(g.accounts), new MemoryBlockStore())
    const fields: string[] = []
    for (let h = 1; h <= 3; h++) {
      const real = (await source.getBlock(h))!
      await fetcher.applyTransferred(alterBlock(real)).catch((err: { field?: string }) => { fields.push(err.field ?? '?') })
      await fetcher.applyTransferred(real)
    }
    expect(fields).toEqual(['cert.commits[0].signature', 'header.stateRoot', 'cert.commits[0].digest'])
  })
})

describe('serving is bounded per peer', () => {
  it('a peer asking in a loop is served STATE_SERVES_PER_PEER_MAX times within a window; the rest are refused and counted', async () => {
    const c = await cluster()
    const request: ReplicaMessage = { type: 'state-request', stateRequest: { chainId: c.g.chainId, replica: 3, fromHeight: 1, toHeight: BLOCKS } }
    await c.hosts[1]!.step([{ type: 'tick', nowMs: 5000 }])
    const asks = Array.from({ length: STATE_SERVES_PER_PEER_MAX + 5 }, () => ({ type: 'message' as const, from: 3, message: request }))
    await c.hosts[1]!.step(asks)
    expect(c.hosts[1]!.transfer?.stats).toMatchObject({ requestsServed: STATE_SERVES_PER_PEER_MAX, refusedRequests: 5 })
    expect(c.queue.filter(e => e.message.type === 'state-response')).toHaveLength(STATE_SERVES_PER_PEER_MAX)
  })
})
