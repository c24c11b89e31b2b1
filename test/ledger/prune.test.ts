// Retention (docs/ledger.md): a store pruned below P keeps header + certificate below P and the
// snapshot at P-1; it reopens to the same head and state, verifies, and every tampered pruned
// header, certificate or snapshot is reported with its height and field.
import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { AccountsApp } from '../../src/app/accounts.js'
import { decodeSnapshot, encodeSnapshot } from '../../src/app/snapshot.js'
import type { BlockContext } from '../../src/app/types.js'
import { decodePruneRecord, encodePruneRecord, type PrunedBlock } from '../../src/codec/index.js'
import { txId } from '../../src/crypto/digests.js'
import { toHex } from '../../src/crypto/hash.js'
import type { Genesis } from '../../src/ledger/genesis.js'
import { Ledger } from '../../src/ledger/ledger.js'
import { PruneError, pruneStore } from '../../src/ledger/prune.js'
import { LevelBlockStore } from '../../src/ledger/store-level.js'
import { MemoryBlockStore } from '../../src/ledger/store-memory.js'
import { PRUNE_BATCH_BLOCKS_MAX, type BlockStore } from '../../src/ledger/types.js'
import { verifyStore, type VerifiableStore } from '../../src/ledger/verify.js'
import { accountSeed, buildLedger, genesis, transfer } from './fixtures.js'
import { createSigner } from '../../src/crypto/ed25519.js'

const dirs: string[] = []
afterAll(() => { for (const d of dirs) rmSync(d, { recursive: true, force: true }) })
const tmp = (): string => { const d = mkdtempSync(join(tmpdir(), 'pbft-prune-')); dirs.push(d); return d }

let g: Genesis
let dir: string
let unpruned: { height: number, stateRoot: string, blockHash: string, balances: string[] }
const balances = (app: AccountsApp): string[] => [0, 1, 2].map(i => `${app.account(createSigner(accountSeed(i)).publicKey)?.balance}/${app.account(createSigner(accountSeed(i)).publicKey)?.nonce}`)

beforeAll(async () => {
  g = await genesis()
  dir = tmp()
  const { store } = await LevelBlockStore.open(dir)
  const ledger = await buildLedger(g, 30, store)
  const h = ledger.head()
  unpruned = { height: h.height, stateRoot: toHex(h.stateRoot), blockHash: toHex(h.blockHash), balances: balances(ledger.app as AccountsApp) }
  const r = await pruneStore(g, new AccountsApp(g.accounts), store, 20)
  expect(r).toEqual({ prunedBelow: 20, previous: 1, blocksPruned: 19, batches: 1 })
  await store.close()
})

async function withStore<T> (f: (s: LevelBlockStore) => Promise<T>): Promise<T> {
  const { store, report } = await LevelBlockStore.open(dir)
  expect(report).toEqual({ head: 30 })
  try { return await f(store) } finally { await store.close() }
}

/** The store as verify sees it, with one pruned header or the snapshot altered. */
function tampered (s: BlockStore, at: number, change: (p: PrunedBlock) => void, snap?: (b: Uint8Array) => Uint8Array): VerifiableStore {
  return {
    head: () => s.head(),
    prunedBelow: () => s.prunedBelow(),
    get: async h => await s.get(h),
    header: async h => { const p = structuredClone(await s.header(h)); if (p !== undefined && h === at) change(p); return p },
    retained: async () => { const r = await s.retained(); return r === undefined || snap === undefined ? r : { ...r, snapshot: snap(new Uint8Array(r.snapshot)) } }
  }
}

describe('pruning a LevelDB store below 20 of 30 blocks', () => {
  it('keeps headers and certificates below 20, whole blocks from 20, and drops pruned transactions from the index', async () => {
    await withStore(async s => {
      expect(s.prunedBelow()).toBe(20)
      expect(await s.get(19)).toBeUndefined()
      expect((await s.get(20))?.txs.length).toBe(3)
      const p = await s.header(7)
      expect(p?.header.height).toBe(7)
      expect(p?.cert.commits.length).toBe(3)
      expect((p as Record<string, unknown>).txs).toBeUndefined()
      expect(await s.txLocation(txId(transfer(0, 1, 7, 5n)))).toBeUndefined()
      const rawIndex = async (id: Uint8Array): Promise<unknown> => await (s as any).db.get(new Uint8Array([0x74, ...id]))
      expect(await rawIndex(txId(transfer(0, 1, 7, 5n)))).toBeUndefined() // the entry is deleted, not only hidden
      expect(await rawIndex(txId(transfer(0, 1, 25, 5n)))).toBeDefined()
      expect(await s.txLocation(txId(transfer(0, 1, 25, 5n)))).toEqual({ height: 25, index: 0 })
      expect((await s.retained())?.snapshot.byteLength).toBe(5 + 3 * (58 + 8 * 19)) // each account executed nonces 1..19
    })
  })

  it('reopens to the unpruned head, state root and balances, replaying only blocks 20..30', async () => {
    await withStore(async s => {
      const app = new AccountsApp(g.accounts)
      let prepared = 0
      const counting = Object.assign(Object.create(app) as AccountsApp, { prepareBlock: (b: BlockContext, txs: never[]) => { prepared++; return app.prepareBlock(b, txs) } })
      const l = await Ledger.open(g, counting, s)
      expect(prepared).toBe(11)
      const h = l.head()
      expect({ height: h.height, stateRoot: toHex(h.stateRoot), blockHash: toHex(h.blockHash), balances: balances(app) }).toEqual(unpruned)
    })
  })

  it('verifies with pruned-below=20 to the unpruned head', async () => {
    const r = await withStore(async s => await verifyStore(g, new AccountsApp(g.accounts), s))
    expect(r).toEqual({ ok: true, height: 30, stateRoot: unpruned.stateRoot, blockHash: unpruned.blockHash, evidence: 0, prunedBelow: 20 })
  })

  const tampers: Array<[string, number, (p: PrunedBlock) => void, string]> = [
    ['a pruned header\'s timestamp', 7, p => { p.header.timestampMs += 1 }, 'cert.commits[0].digest'],
    ['a pruned header\'s prevHash', 7, p => { p.header.prevHash = new Uint8Array(32) }, 'header.prevHash'],
    ['a pruned header\'s txRoot', 3, p => { p.header.txRoot = new Uint8Array(32).fill(1) }, 'cert.commits[0].digest'],
    ['a pruned certificate\'s signature', 12, p => { p.cert.commits[1]!.signature = new Uint8Array(64) }, 'cert.commits[1].signature'],
    ['a pruned certificate missing a commit', 1, p => { p.cert.commits.pop() }, 'cert.commits'],
    ['a pruned header\'s chain id', 19, p => { p.header.chainId = 'other' }, 'header.chainId']
  ]
  for (const [name, at, change, field] of tampers) {
    it(`reports the height and field of ${name}`, async () => {
      const r = await withStore(async s => await verifyStore(g, new AccountsApp(g.accounts), tampered(s, at, change)))
      expect(r).toMatchObject({ ok: false, height: at, field })
    })
  }

  it('a pruned header\'s stateRoot (not signed) breaks the hash link at the next height', async () => {
    const r = await withStore(async s => await verifyStore(g, new AccountsApp(g.accounts), tampered(s, 10, p => { p.header.stateRoot = new Uint8Array(32) })))
    expect(r).toMatchObject({ ok: false, height: 11, field: 'header.prevHash' })
  })

  it('reports a tampered snapshot at the snapshot height (balance moved, or malformed)', async () => {
    const moved = (b: Uint8Array): Uint8Array => {
      const records = decodeSnapshot(b)
      records[0]!.balance += 1n
      records[1]!.balance -= 1n
      return encodeSnapshot(records)
    }
    let r = await withStore(async s => await verifyStore(g, new AccountsApp(g.accounts), tampered(s, 0, () => {}, moved)))
    expect(r).toMatchObject({ ok: false, height: 19, field: 'snapshot.stateRoot' })
    r = await withStore(async s => await verifyStore(g, new AccountsApp(g.accounts), tampered(s, 0, () => {}, b => b.subarray(0, 60))))
    expect(r).toMatchObject({ ok: false, height: 19, field: 'snapshot.count' })
  })

  it('a tampered snapshot on disk stops Ledger.open with a LedgerVerifyError at the snapshot height', async () => {
    const d = tmp()
    const { store } = await LevelBlockStore.open(d)
    await buildLedger(g, 8, store)
    await pruneStore(g, new AccountsApp(g.accounts), store, 5)
    const record = decodePruneRecord(await (store as any).db.get(new Uint8Array([0x70])) as Uint8Array)
    if (!record.ok) throw record.error
    record.value.snapshot[5 + 40] = (record.value.snapshot[5 + 40]! + 1) & 0xff
    await (store as any).db.put(new Uint8Array([0x70]), encodePruneRecord(record.value), { sync: true })
    await expect(Ledger.open(g, new AccountsApp(g.accounts), store)).rejects.toMatchObject({ name: 'LedgerVerifyError', height: 4, field: 'snapshot.stateRoot' })
    await store.close()
  })

  it('prunes again higher (25), refuses above the head, and does nothing at or below the base', async () => {
    const d = tmp()
    const { store } = await LevelBlockStore.open(d)
    const l = await buildLedger(g, 30, store)
    const head = toHex(l.head().stateRoot)
    expect((await pruneStore(g, new AccountsApp(g.accounts), store, 20)).blocksPruned).toBe(19)
    expect(await pruneStore(g, new AccountsApp(g.accounts), store, 25)).toEqual({ prunedBelow: 25, previous: 20, blocksPruned: 5, batches: 1 })
    expect(await pruneStore(g, new AccountsApp(g.accounts), store, 22)).toMatchObject({ prunedBelow: 25, blocksPruned: 0 })
    await expect(pruneStore(g, new AccountsApp(g.accounts), store, 31)).rejects.toBeInstanceOf(PruneError)
    await expect(pruneStore(g, new AccountsApp(g.accounts), store, 31)).rejects.toMatchObject({ reason: 'above-head' })
    expect(store.prunedBelow()).toBe(25)
    const r = await verifyStore(g, new AccountsApp(g.accounts), store)
    expect(r).toMatchObject({ ok: true, height: 30, stateRoot: head, prunedBelow: 25 })
    expect(toHex((await Ledger.open(g, new AccountsApp(g.accounts), store)).head().stateRoot)).toBe(head)
    await expect(store.truncateFrom(24)).rejects.toBeInstanceOf(RangeError)
    await store.close()
  })

  it('pruning the whole store up to the head leaves one whole block, and appends continue after reopen', async () => {
    const d = tmp()
    const { store } = await LevelBlockStore.open(d)
    await buildLedger(g, 6, store)
    await pruneStore(g, new AccountsApp(g.accounts), store, 6)
    await store.close()
    const again = await LevelBlockStore.open(d)
    const l = await Ledger.open(g, new AccountsApp(g.accounts), again.store)
    expect(l.head().height).toBe(6)
    const { batch, commits } = await import('./fixtures.js')
    const b = batch(7, [transfer(0, 1, 100, 1n)])
    await l.applyCommitted(7, 0, b, commits(b))
    expect(await verifyStore(g, new AccountsApp(g.accounts), again.store)).toMatchObject({ ok: true, height: 7, prunedBelow: 6 })
    await again.store.close()
  })
})

describe('pruning a memory store', () => {
  it(`steps through a range longer than ${PRUNE_BATCH_BLOCKS_MAX} blocks, one batch per step, to the same head`, async () => {
    const store = new MemoryBlockStore()
    const l = await buildLedger(g, PRUNE_BATCH_BLOCKS_MAX + 10, store)
    const r = await pruneStore(g, new AccountsApp(g.accounts), store, PRUNE_BATCH_BLOCKS_MAX + 5)
    expect(r).toMatchObject({ blocksPruned: PRUNE_BATCH_BLOCKS_MAX + 4, batches: 2 })
    const again = await Ledger.open(g, new AccountsApp(g.accounts), store)
    expect(toHex(again.head().blockHash)).toBe(toHex(l.head().blockHash))
    expect(await verifyStore(g, new AccountsApp(g.accounts), store)).toMatchObject({ ok: true, prunedBelow: PRUNE_BATCH_BLOCKS_MAX + 5 })
  }, 60_000)
})
