// The host (src/host) is the one action performer of the core: group commit (a round's records
// in one durable write before its sends, PBFT §4.2 persist-before-send), the planted fault that
// reverses it, the simulator's crash point, and the execute -> `executed` loop, inline (the
// simulator, the tests) and pipelined (the node's driver). Replica 1 is a backup of view 0, n = 4.
import { describe, expect, it } from 'vitest'
import type { Batch } from '../../src/codec/index.js'
import { Driver } from '../../src/host/driver.js'
import { ReplicaHost, type HostOptions } from '../../src/host/host.js'
import type { AppliedBlock, HostPorts } from '../../src/host/ports.js'
import { Replica } from '../../src/protocol/replica.js'
import type { PlantedFault, ProtocolEvent } from '../../src/protocol/types.js'
import { config, crypto, headerOf, tx } from '../protocol/helpers.js'
import { NOW, batch, commit, digestOf, prePrepare, prepare } from '../protocol/paper/forge.js'

const a = batch(0, 1, [tx(1, 1)])
const d = digestOf(a)
const message = (from: number, m: Extract<ProtocolEvent, { type: 'message' }>['message']): ProtocolEvent => ({ type: 'message', from, message: m })
/** The events that make replica 1 prepare, commit and execute seq 1. */
const toExecute: ProtocolEvent[] = [
  message(0, { type: 'pre-prepare', prePrepare: prePrepare(0, 1, a), batch: a }),
  message(2, { type: 'prepare', prepare: prepare(0, 1, d, 2) }),
  ...[0, 2].map(r => message(r, { type: 'commit', commit: commit(0, 1, d, r) }))
]

function appliedOf (b: Batch): AppliedBlock {
  const results = b.txs.map(() => ({ code: 0, log: 'ok' }))
  return { block: { header: headerOf(b, new Uint8Array(32), results) }, blockHash: new Uint8Array(32).fill(b.proposal.seq), results }
}

/** Replica 1 behind recording ports: `log` lists the effects in the order the host performed them. */
function recorded (faults: PlantedFault[] = [], asyncLedger = false): { core: Replica, log: string[], ports: HostPorts } {
  const core = new Replica(config(4, 1, { plantedFaults: faults }), crypto(1))
  core.step({ type: 'tick', nowMs: NOW })
  const log: string[] = []
  const ports: HostPorts = {
    core,
    wal: { persist: records => { log.push(`persist ${records.map(r => r.kind).join(',')}`) } },
    network: { send: (to, m) => { log.push(`send ${m.type} to ${to}`) }, broadcast: m => { log.push(`broadcast ${m.type}`) } },
    clients: { reply: () => { log.push('reply') }, reject: () => { log.push('reject') } },
    ledger: { applyCommitted: (seq, _v, b) => { log.push(`execute ${seq}`); return asyncLedger ? Promise.resolve(appliedOf(b)) : appliedOf(b) } },
    evidence: () => { log.push('evidence') },
    fetchState: () => { log.push('fetch-state') },
    crash: () => { log.push('crash') }
  }
  return { core, log, ports }
}

const host = (r: ReturnType<typeof recorded>, o: HostOptions = {}): ReplicaHost => new ReplicaHost(r.ports, o)

describe('group commit: a round\'s records in one write, before any of its sends', () => {
  it('one round of PRE-PREPARE and PREPARE: one persist of pre-prepare, prepare and commit, then PREPARE and COMMIT', () => {
    const r = recorded()
    host(r).stepSync(toExecute.slice(0, 2))
    expect(r.log).toEqual(['persist pre-prepare,prepare,commit', 'broadcast prepare', 'broadcast commit'])
  })

  it('planted fault send-before-persist: the same round with the write after the sends (the switch is in the host alone)', () => {
    const r = recorded(['send-before-persist'])
    host(r, { plantedFaults: ['send-before-persist'] }).stepSync(toExecute.slice(0, 2))
    expect(r.log).toEqual(['broadcast prepare', 'broadcast commit', 'persist pre-prepare,prepare,commit'])
  })
})

describe('the simulator\'s crash point', () => {
  it('crashAfter k stops after k effects (the write counts as one); crashAfter beyond the round crashes at its end', async () => {
    for (const [k, effects] of [[0, []], [1, ['persist pre-prepare,prepare']], [2, ['persist pre-prepare,prepare', 'broadcast prepare']], [9, ['persist pre-prepare,prepare', 'broadcast prepare']]] as const) {
      const r = recorded()
      const h = host(r)
      await h.step(toExecute.slice(0, 1), k)
      expect(r.log).toEqual([...effects, 'crash'])
      await h.step(toExecute.slice(1, 2))
      expect(r.log).toEqual([...effects, 'crash']) // a crashed host performs nothing more
    }
  })
})

describe('the execute -> executed loop', () => {
  it('inline: the block comes back to the core as `executed` at once, and the core replies to its transaction', () => {
    const r = recorded()
    host(r).stepSync(toExecute)
    expect(r.log.filter(x => x.startsWith('execute') || x === 'reply')).toEqual(['execute 1', 'reply'])
    expect(r.core.status().lastExecuted).toBe(1)
  })

  it('stepSync refuses a port that answers with a promise (use step)', async () => {
    const r = recorded([], true)
    expect(() => { host(r).stepSync(toExecute) }).toThrow(TypeError)
    const s = recorded([], true)
    await host(s).step(toExecute)
    expect(s.core.status().lastExecuted).toBe(1)
  })

  it('pipelined (the node\'s driver): `executed` is queued when the append finishes, and idle waits for it', async () => {
    const r = recorded([], true)
    const executed: number[] = []
    const driver = new Driver({ ...r.ports, executed: seq => executed.push(seq), yieldTurn: async () => {}, fatal: err => { throw err } })
    for (const e of toExecute) driver.push(e)
    await driver.idle()
    expect(executed).toEqual([1])
    expect(r.core.status().lastExecuted).toBe(1)
    expect(r.log).toContain('reply')
    expect(driver.stats).toMatchObject({ droppedEvents: 0, refusedRequests: 0 })
    expect(driver.stats.persistBatches).toBeLessThan(toExecute.length) // grouped: fewer writes than events
  })
})

describe('pipelined execution after a state transfer that got there first', () => {
  it('an execute for a seq whose block state transfer already appended is skipped, not applied again (which would stop the replica)', async () => {
    const r = recorded([], true)
    const executed: number[] = []
    const fatal: unknown[] = []
    const blocks = { head: () => ({ height: 1, blockHash: new Uint8Array(32).fill(1) }), prunedBelow: () => 1, getBlock: () => undefined, applyTransferred: () => { throw new Error('not used') } }
    const driver = new Driver({ ...r.ports, transfer: { id: 1, chainId: 'test', blocks }, executed: seq => executed.push(seq), yieldTurn: async () => {}, fatal: err => { fatal.push(err) } })
    for (const e of toExecute) driver.push(e)
    await driver.idle()
    expect(r.log).not.toContain('execute 1')
    expect(executed).toEqual([])
    expect(fatal).toEqual([])
  })
})

describe('a traitor\'s undecodable frames (CorePort.malformed)', () => {
  it('are broadcast as bytes after a round with a tick, and only then', async () => {
    const r = recorded()
    const frames: Uint8Array[] = []
    const h = new ReplicaHost({ ...r.ports, core: { step: () => [], malformed: () => [new Uint8Array([0, 7])] }, network: { ...r.ports.network, broadcastFrame: f => { frames.push(f) } } })
    h.stepSync([message(0, { type: 'prepare', prepare: prepare(0, 1, d, 0) })])
    expect(frames).toEqual([])
    h.stepSync([{ type: 'tick', nowMs: NOW + 10 }])
    expect(frames).toEqual([new Uint8Array([0, 7])])
  })
})
