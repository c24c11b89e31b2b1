// Blocks are appended durably (fsync) only at checkpoint heights (ledger.ts applyCommitted):
// a power cut loses the blocks above the last checkpoint, and re-committing the same batches
// rebuilds exactly the same blocks, so replies and receipts given before the cut stay true.
import { describe, expect, it } from 'vitest'
import { blockHash } from '../../src/crypto/digests.js'
import { toHex } from '../../src/crypto/hash.js'
import { AccountsApp } from '../../src/app/accounts.js'
import { Ledger } from '../../src/ledger/ledger.js'
import { MemoryBlockStore } from '../../src/ledger/store-memory.js'
import { batch, buildLedger, commits, genesis, transfer } from './fixtures.js'

describe('durable appends at checkpoints only', () => {
  it('a power cut keeps the blocks up to the last checkpoint height and loses the rest', async () => {
    const g = await genesis()
    expect(g.params.checkpointInterval).toBe(16)
    const store = new MemoryBlockStore()
    await buildLedger(g, 40, store)
    expect(store.head()).toBe(40)
    store.powerCut()
    expect(store.head()).toBe(32)
    const reopened = await Ledger.open(g, new AccountsApp(g.accounts), store)
    expect(reopened.head().height).toBe(32)
    expect(toHex(reopened.head().stateRoot)).toBe(toHex((await store.get(32))?.header.stateRoot ?? new Uint8Array()))
  })

  it('re-committing the lost batches gives the same block hashes as before the cut', async () => {
    const g = await genesis()
    const store = new MemoryBlockStore()
    await buildLedger(g, 20, store)
    const lost = await Promise.all([17, 18, 19, 20].map(async h => await store.get(h)))
    const hashes = lost.map(b => toHex(blockHash(required(b).header)))
    store.powerCut()
    expect(store.head()).toBe(16)
    const after = await Ledger.open(g, new AccountsApp(g.accounts), store)
    const again = []
    for (const b of lost.map(required)) {
      const applied = await after.applyCommitted(b.header.height, 0, batch(b.header.height, b.txs), b.cert.commits)
      again.push(toHex(applied.blockHash))
    }
    expect(again).toEqual(hashes)
  })

  it('a truncation syncs what it keeps; a block appended after it, not at a checkpoint, is lost again', async () => {
    const g = await genesis()
    const store = new MemoryBlockStore()
    await buildLedger(g, 20, store)
    await store.truncateFrom(19)
    store.powerCut()
    expect(store.head()).toBe(18)
    const ledger = await Ledger.open(g, new AccountsApp(g.accounts), store)
    const b = batch(19, [transfer(0, 1, 100, 1n)])
    await ledger.applyCommitted(19, 0, b, commits(b))
    expect(store.head()).toBe(19)
    store.powerCut()
    expect(store.head()).toBe(18)
  })
})

function required<T> (b: T | undefined): T {
  if (b === undefined) throw new Error('block missing before the cut')
  return b
}
