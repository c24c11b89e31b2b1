// Retention at the edges of the ledger: a real replica (startReplica) restarts from a pruned
// data directory; a pruned replica answers state requests below its base with prunedBelow and
// the asker moves to another peer without blaming it; and the `pbft ledger prune` CLI.
import { execFile } from 'node:child_process'
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { promisify } from 'node:util'
import { afterAll, describe, expect, it } from 'vitest'
import { AccountsApp } from '../../src/app/accounts.js'
import { pruneDataDir, verifyDataDir } from '../../src/cli/commands/ledger.js'
import type { ReplicaMessage } from '../../src/codec/index.js'
import { toHex } from '../../src/crypto/hash.js'
import { writeKeyFile } from '../../src/crypto/keyfile.js'
import { pruneStore } from '../../src/ledger/prune.js'
import { blockHash } from '../../src/crypto/digests.js'
import { WalStore } from '../../src/node/wal-store.js'
import { LevelBlockStore } from '../../src/ledger/store-level.js'
import { MemoryBlockStore } from '../../src/ledger/store-memory.js'
import { Ledger } from '../../src/ledger/ledger.js'
import type { LedgerApi } from '../../src/ledger/types.js'
import { startReplica } from '../../src/node/replica-node.js'
import { runTask, runTaskSync } from '../../src/host/tasks.js'
import type { StateTransfer } from '../../src/host/transfer.js'
import { respond, serve, transferOf } from '../host/transfer-helpers.js'
import { buildLedger, checkpointProof, genesis, genesisJson, replicaSeed } from './fixtures.js'

const dirs: string[] = []
afterAll(() => { for (const d of dirs) rmSync(d, { recursive: true, force: true }) })

/** genesis.json and a replica data dir with `blocks` signed blocks; returns the unpruned head. */
async function dataDir (blocks: number): Promise<{ dir: string, genesisPath: string, data: string, stateRoot: string, blockHash: string }> {
  const dir = mkdtempSync(join(tmpdir(), 'pbft-prune-node-'))
  dirs.push(dir)
  const genesisPath = join(dir, 'genesis.json')
  writeFileSync(genesisPath, JSON.stringify(await genesisJson()))
  const data = join(dir, 'replica-0')
  mkdirSync(data)
  const { store } = await LevelBlockStore.open(join(data, 'blocks'))
  const h = (await buildLedger(await genesis(), blocks, store)).head()
  await store.close()
  return { dir, genesisPath, data, stateRoot: toHex(h.stateRoot), blockHash: toHex(h.blockHash) }
}

describe('a replica restarts from a pruned data directory', () => {
  it('opens at the unpruned head and serves pruned heights as header + certificate over HTTP', async () => {
    const d = await dataDir(30)
    expect(await pruneDataDir(d.genesisPath, d.data, 20, { unanchored: true })).toMatchObject({ prunedBelow: 20, blocksPruned: 19 })
    const keyPath = join(d.dir, 'replica-0.key')
    writeKeyFile(keyPath, replicaSeed(0))
    const node = await startReplica({ genesisPath: d.genesisPath, keyPath, dataDir: d.data, id: 0, logLevel: 'silent', apiPort: 0, listen: ['/ip4/127.0.0.1/tcp/0'] })
    try {
      expect(node.status()).toMatchObject({ height: 30, stateRoot: d.stateRoot, blockHash: d.blockHash })
      const pruned = await (await fetch(`http://127.0.0.1:${node.apiPort}/blocks/5`)).json() as { pruned?: boolean, header?: { height: number }, txs?: unknown }
      expect(pruned).toMatchObject({ pruned: true, header: { height: 5 } })
      expect(pruned.txs).toBeUndefined()
      const whole = await (await fetch(`http://127.0.0.1:${node.apiPort}/blocks/25`)).json() as { txs?: unknown[] }
      expect(whole.txs?.length).toBe(3)
    } finally {
      await node.stop()
    }
  }, 30_000)
})

describe('pbft ledger prune', () => {
  it('anchors the snapshot to the WAL\'s stable checkpoint; refuses above the head, without a covering checkpoint, and while a replica holds the store', async () => {
    const d = await dataDir(12)
    await expect(pruneDataDir(d.genesisPath, d.data, 13)).rejects.toMatchObject({ name: 'CliError', message: expect.stringContaining('head is 12') })
    await expect(pruneDataDir(d.genesisPath, d.data, 5)).rejects.toMatchObject({ name: 'CliError', message: expect.stringContaining('--unanchored') })
    const { wal } = await WalStore.open(join(d.data, 'wal'))
    const { store } = await LevelBlockStore.open(join(d.data, 'blocks'))
    const cp = checkpointProof(10, blockHash((await store.header(10))!.header))
    await wal.append([{ kind: 'stable-checkpoint', ...cp }])
    await wal.close()
    await expect(pruneDataDir(d.genesisPath, d.data, 5)).rejects.toMatchObject({ name: 'CliError', message: expect.stringContaining('locked by a running replica') })
    await store.close()
    await expect(pruneDataDir(d.genesisPath, d.data, 12)).rejects.toMatchObject({ name: 'CliError', message: expect.stringContaining('stable checkpoint is at 10') })
    const run = promisify(execFile)
    const out = await run(process.execPath, ['bin/pbft', 'ledger', 'prune', '--genesis', d.genesisPath, '--data', d.data, '--below', '8'])
    expect(out.stdout).toMatch(/^pruned 7 blocks \(1\.\.7\) in 1 synced batch, \d+ ms: pruned-below=8 checkpoint=10\n$/)
    const verified = await run(process.execPath, ['bin/pbft', 'ledger', 'verify', '--genesis', d.genesisPath, '--data', d.data])
    expect(verified.stdout).toBe(`OK height=12 stateRoot=${d.stateRoot} blockHash=${d.blockHash} evidence=0 pruned-below=8 checkpoint=10\n`)
    const refused = await run(process.execPath, ['bin/pbft', 'ledger', 'prune', '--genesis', d.genesisPath, '--data', d.data, '--below', '99']).catch((e: { code: number, stderr: string }) => e)
    expect(refused).toMatchObject({ code: 1, stderr: expect.stringContaining('the head is 12') })
    const unanchored = await pruneDataDir(d.genesisPath, d.data, 12, { unanchored: true })
    expect([unanchored.prunedBelow, unanchored.checkpoint]).toEqual([12, undefined])
    const v = await verifyDataDir(d.genesisPath, d.data)
    expect(v.ok && [v.prunedBelow, v.checkpoint]).toEqual([12, undefined])
    // a prune record that does not decode: open refuses (typed), verify reports it
    const raw = await LevelBlockStore.open(join(d.data, 'blocks'))
    await (raw.store as any).db.put(new Uint8Array([0x70]), new Uint8Array([0x08, 0x0c, 0x12, 0xff]), { sync: true })
    await raw.store.close()
    await expect(LevelBlockStore.open(join(d.data, 'blocks'))).rejects.toMatchObject({ name: 'StoreCorruptError' })
    expect(await verifyDataDir(d.genesisPath, d.data)).toMatchObject({ ok: false, field: 'pruneRecord' })
  }, 30_000)
})

describe('state transfer from a pruned replica', () => {
  async function pruned (): Promise<{ ledger: Ledger, sent: Array<[number, ReplicaMessage]>, transfer: StateTransfer }> {
    const g = await genesis()
    const store = new MemoryBlockStore()
    await buildLedger(g, 10, store)
    await pruneStore(g, new AccountsApp(g.accounts), store, 6)
    const ledger = await Ledger.open(g, new AccountsApp(g.accounts), store)
    const sent: Array<[number, ReplicaMessage]> = []
    const transfer = transferOf(g.chainId, 1, ledger, (to, m) => { sent.push([to, m]) }, { badPeer: () => { throw new Error('not a bad peer') } })
    return { ledger, sent, transfer }
  }

  it('answers a request below its prune base with no blocks and prunedBelow, and serves from the base up', async () => {
    const { ledger, sent, transfer } = await pruned()
    const send = (to: number, m: ReplicaMessage): void => { sent.push([to, m]) }
    await serve(transfer, 'test-ledger', 1, ledger, 2, { chainId: 'test-ledger', fromHeight: 3, toHeight: 10, replica: 2 }, send)
    await serve(transfer, 'test-ledger', 1, ledger, 2, { chainId: 'test-ledger', fromHeight: 6, toHeight: 10, replica: 2 }, send)
    const responses = sent.map(([, m]) => m.type === 'state-response' ? m.stateResponse : undefined)
    expect(responses[0]).toMatchObject({ blocks: [], prunedBelow: 6, headHeight: 10 })
    expect(responses[1]?.blocks.map(b => b.header.height)).toEqual([6, 7, 8, 9, 10])
  })

  it('a lagging replica skips a peer that pruned what it needs, without blame, and asks the next; all pruned is reported once', async () => {
    const g = await genesis()
    const lagging = await Ledger.open(g, new AccountsApp(g.accounts), new MemoryBlockStore())
    const sent: number[] = []
    const reports: Array<[number, number, boolean]> = []
    const t = transferOf(g.chainId, 3, lagging, to => { sent.push(to) }, {
      badPeer: () => { throw new Error('not a bad peer') }, pruned: (peer, below, every) => { reports.push([peer, below, every]) }
    })
    await runTask(t.start(10, new Uint8Array(32), [0, 1, 2, 3], 1000))
    expect(sent).toEqual([0])
    await respond(t, 0, { chainId: g.chainId, blocks: [], replica: 0, headHeight: 10, prunedBelow: 6 }, 1001)
    expect(sent).toEqual([0, 1])
    await respond(t, 1, { chainId: g.chainId, blocks: [], replica: 1, headHeight: 10, prunedBelow: 6 }, 1003)
    await respond(t, 2, { chainId: g.chainId, blocks: [], replica: 2, headHeight: 10, prunedBelow: 6 }, 1005)
    expect(sent).toEqual([0, 1, 2]) // every peer pruned: no immediate re-ask (no request storm)
    t.tick(1005 + 1999)
    expect(sent).toEqual([0, 1, 2])
    t.tick(1005 + 2000)
    expect(sent).toEqual([0, 1, 2, 0])
    await respond(t, 0, { chainId: g.chainId, blocks: [], replica: 0, headHeight: 10, prunedBelow: 6 }, 3006)
    expect(reports).toEqual([[0, 6, false], [1, 6, false], [2, 6, true]])
    expect(t.active()).toBe(true)
    expect(t.stats.prunedResponses).toBe(4)
  })

  it('a newer stable checkpoint arriving while blocks are applied is pursued, not dropped', async () => {
    const g = await genesis()
    const source = new MemoryBlockStore()
    await buildLedger(g, 10, source)
    const lagging = await Ledger.open(g, new AccountsApp(g.accounts), new MemoryBlockStore())
    const asked: Array<[number, number, number]> = []
    const done: number[] = []
    let newer: (() => void) | undefined
    // The apply of blocks 1..5 is suspended (a ledger write) when the newer target arrives.
    const blocks: LedgerApi = {
      head: () => lagging.head(), prunedBelow: () => lagging.prunedBelow(), getBlock: async h => await lagging.getBlock(h),
      applyCommitted: async () => { throw new Error('not executed') },
      applyTransferred: async b => { const r = await lagging.applyTransferred(b); if (b.header.height === 5) { newer?.(); newer = undefined } return r }
    }
    const t = transferOf(g.chainId, 3, blocks, (to, m) => { if (m.type === 'state-request') asked.push([to, m.stateRequest.fromHeight, m.stateRequest.toHeight]) }, {
      done: seq => { done.push(seq) }, badPeer: () => { throw new Error('not a bad peer') }
    })
    const hash = async (h: number): Promise<Uint8Array> => blockHash((await source.header(h))!.header)
    const target10 = await hash(10)
    await runTask(t.start(5, await hash(5), [0, 1, 2], 1000))
    const first = await Promise.all([1, 2, 3, 4, 5].map(async h => (await source.get(h))!))
    newer = () => { runTaskSync(t.start(10, target10, [0, 1, 2], 1001)) } // CHECKPOINT(10) turns stable mid-apply
    await respond(t, 0, { chainId: g.chainId, blocks: first, replica: 0, headHeight: 10, prunedBelow: 0 }, 1002)
    expect(lagging.head().height).toBe(5)
    expect(t.active()).toBe(true) // the target at 10 survived the apply of blocks 1..5
    expect(asked.at(-1)?.slice(1)).toEqual([6, 10])
    const peer = asked.at(-1)![0]
    const rest = await Promise.all([6, 7, 8, 9, 10].map(async h => (await source.get(h))!))
    await respond(t, peer, { chainId: g.chainId, blocks: rest, replica: peer, headHeight: 10, prunedBelow: 0 }, 1003)
    expect([lagging.head().height, t.active(), done]).toEqual([10, false, [10]])
  })
})
