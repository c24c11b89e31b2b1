// Offline verification: an honest ledger verifies; flipping any field of a stored block or its
// certificate is reported with the exact height and field.
import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, describe, expect, it } from 'vitest'
import { AccountsApp, CODE } from '../../src/app/accounts.js'
import { Ledger } from '../../src/ledger/ledger.js'
import type { Block } from '../../src/codec/index.js'
import { LevelBlockStore } from '../../src/ledger/store-level.js'
import { MemoryBlockStore } from '../../src/ledger/store-memory.js'
import { verifyLedger } from '../../src/ledger/verify.js'
import { batch, buildLedger, commits, genesis, transfer } from './fixtures.js'

const dirs: string[] = []
afterAll(() => { for (const d of dirs) rmSync(d, { recursive: true, force: true }) })

async function verifyWith (blocks: Block[]) {
  const g = await genesis()
  return await verifyLedger(g, new AccountsApp(g.accounts), async h => blocks[h - 1], blocks.length)
}

describe('offline ledger verification', () => {
  it('an honest ledger verifies to its head and state root', async () => {
    const g = await genesis()
    const store = new MemoryBlockStore()
    const ledger = await buildLedger(g, 6, store)
    const r = await verifyLedger(g, new AccountsApp(g.accounts), async h => await store.get(h), store.head())
    expect(r).toMatchObject({ ok: true, height: 6 })
    if (r.ok) expect(r.stateRoot).toBe(Buffer.from(ledger.head().stateRoot).toString('hex'))
  })

  const tampers: Array<[string, (b: Block) => void, string]> = [
    ['prevHash', b => { b.header.prevHash = new Uint8Array(32) }, 'header.prevHash'],
    ['txRoot', b => { b.header.txRoot = new Uint8Array(32).fill(1) }, 'header.txRoot'],
    ['stateRoot', b => { b.header.stateRoot = new Uint8Array(32).fill(2) }, 'header.stateRoot'],
    ['resultsRoot', b => { b.header.resultsRoot = new Uint8Array(32).fill(3) }, 'header.resultsRoot'],
    ['timestamp', b => { b.header.timestampMs += 1 }, 'cert.commits[0].digest'],
    ['proposer', b => { b.header.proposer = 1 }, 'cert.commits[0].digest'],
    ['a transaction signature', b => { b.txs[1]!.signature = new Uint8Array(b.txs[1]!.signature); b.txs[1]!.signature[5]! ^= 1 }, 'header.txRoot'],
    ['a transaction amount', b => { b.txs[0] = transfer(0, 1, 99, 7n) }, 'header.txRoot'],
    ['a commit signature', b => { b.cert.commits[1]!.signature = new Uint8Array(64) }, 'cert.commits[1].signature'],
    ['a commit digest', b => { b.cert.commits[2]!.digest = new Uint8Array(32) }, 'cert.commits[2].digest'],
    ['a missing commit', b => { b.cert.commits.pop() }, 'cert.commits'],
    ['a duplicated signer', b => { b.cert.commits[2] = b.cert.commits[1]! }, 'cert.commits[2].replica'],
    ['a result', b => { b.results[0] = { code: 4, log: 'forged' } }, 'header.resultsRoot']
  ]
  for (const [name, tamper, field] of tampers) {
    it(`reports the height and field of a tampered ${name}`, async () => {
      const g = await genesis()
      const store = new MemoryBlockStore()
      await buildLedger(g, 5, store)
      const blocks: Block[] = []
      for (let h = 1; h <= 5; h++) blocks.push(structuredClone(await store.get(h)) as Block)
      tamper(blocks[2]!)
      const r = await verifyWith(blocks)
      expect(r).toMatchObject({ ok: false, height: 3, field })
    })
  }

  it('re-executes with each header\'s timestamp: reordered nonces, and nonces at and just above the block\'s bound, give the same results and roots', async () => {
    const g = await genesis()
    const store = new MemoryBlockStore()
    const ledger = await Ledger.open(g, new AccountsApp(g.accounts), store)
    const bound = (h: number): number => (1_700_000_000_000 + h) * 1000 + 60_000_000 // batch(h) is proposed at 1.7e12 + h ms
    const blocks = [
      [transfer(0, 1, 6, 1n), transfer(1, 2, bound(1), 1n), transfer(2, 0, bound(1) + 1, 1n)],
      [transfer(0, 1, 5, 1n), transfer(2, 0, bound(1) + 1, 1n), transfer(0, 1, 6, 1n)]
    ]
    const codes: number[][] = []
    for (const [i, txs] of blocks.entries()) {
      const b = batch(i + 1, txs)
      codes.push((await ledger.applyCommitted(i + 1, 0, b, commits(b))).results.map(r => r.code))
    }
    expect(codes).toEqual([[CODE.OK, CODE.OK, CODE.NONCE_TOO_FAR_AHEAD], [CODE.OK, CODE.OK, CODE.DUPLICATE_NONCE]])
    const r = await verifyLedger(g, new AccountsApp(g.accounts), async h => await store.get(h), store.head())
    expect(r).toMatchObject({ ok: true, height: 2, stateRoot: Buffer.from(ledger.head().stateRoot).toString('hex') })
  })

  it('a tampered transaction signature with a matching root is still caught (signature check)', async () => {
    const g = await genesis()
    const store = new MemoryBlockStore()
    await buildLedger(g, 3, store)
    const blocks: Block[] = []
    for (let h = 1; h <= 3; h++) blocks.push(structuredClone(await store.get(h)) as Block)
    const { txRoot } = await import('../../src/crypto/digests.js')
    blocks[1]!.txs[0]!.signature = new Uint8Array(64)
    blocks[1]!.header.txRoot = txRoot(blocks[1]!.txs)
    const r = await verifyWith(blocks)
    expect(r).toMatchObject({ ok: false, height: 2, field: 'txs[0].signature' })
  })

  it('LevelBlockStore survives close and reopen, and cuts off a corrupt tail naming its height', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'pbft-store-'))
    dirs.push(dir)
    const g = await genesis()
    const { store } = await LevelBlockStore.open(dir)
    await buildLedger(g, 4, store)
    await store.close()
    const again = await LevelBlockStore.open(dir)
    expect(again.report).toEqual({ head: 4 })
    // corrupt block 4 on disk
    const db = (again.store as any).db
    const key = new Uint8Array(9); key[0] = 0x62; new DataView(key.buffer).setBigUint64(1, 4n)
    await db.put(key, new Uint8Array([1, 2, 3, 250]), { sync: true })
    await again.store.close()
    const third = await LevelBlockStore.open(dir)
    expect(third.report.truncatedFrom).toBe(4)
    expect(third.store.head()).toBe(3)
    await third.store.close()
  })
})

describe('a committed batch whose counts contradict its content (why backups refuse such a pre-prepare, §4.2)', () => {
  it('is appended by the replicas that execute it, but no verifier, state transfer or offline check, accepts the block', async () => {
    const g = await genesis()
    const b = batch(1, [transfer(0, 1, 1, 5n)])
    b.proposal.txCount = 2 // roots right, count wrong: the digest still names this proposal
    const ledger = await Ledger.open(g, new AccountsApp(g.accounts), new MemoryBlockStore())
    const applied = await ledger.applyCommitted(1, 0, b, commits(b))
    const lagging = await Ledger.open(g, new AccountsApp(g.accounts), new MemoryBlockStore())
    await expect(lagging.applyTransferred(applied.block)).rejects.toMatchObject({ name: 'LedgerVerifyError', field: 'header.txCount' })
    expect(await verifyWith([applied.block])).toMatchObject({ ok: false, height: 1, field: 'header.txCount' })
  })
})
