// Ledger costs on this machine: a synced append of a 100-transaction block to LevelDB, and the
// state-transfer rate (applyTransferred: certificate, signatures, hash chain, re-execution), and
// pruning all but the head block (docs/ledger.md, Retention) with the open time before and after.
//   npm run build && node dist/scripts/bench-ledger.js
import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { AccountsApp } from '../src/app/accounts.js'
import type { Block } from '../src/codec/index.js'
import { Ledger } from '../src/ledger/ledger.js'
import { pruneStore } from '../src/ledger/prune.js'
import { LevelBlockStore } from '../src/ledger/store-level.js'
import { MemoryBlockStore } from '../src/ledger/store-memory.js'
import { batch, commits, genesis, transfer } from '../test/ledger/fixtures.js'

const BLOCKS = 200
const TXS = 100
const dir = mkdtempSync(join(tmpdir(), 'pbft-bench-ledger-'))
try {
  const g = await genesis()
  const { store } = await LevelBlockStore.open(join(dir, 'blocks'))
  const ledger = await Ledger.open(g, new AccountsApp(g.accounts), store)
  const batches = [...Array(BLOCKS).keys()].map(i => batch(i + 1, [...Array(TXS).keys()].map(k => transfer(k % 3, (k + 1) % 3, i * TXS + k + 1, 1n))))
  const certs = batches.map(b => commits(b))
  let t0 = process.hrtime.bigint()
  for (let i = 0; i < BLOCKS; i++) await ledger.applyCommitted(i + 1, 0, batches[i]!, certs[i]!)
  let s = Number(process.hrtime.bigint() - t0) / 1e9
  process.stdout.write(`commit (execute + synced LevelDB append), ${TXS}-tx blocks: ${(BLOCKS / s).toFixed(0)} blocks/s, ${(1000 * s / BLOCKS).toFixed(2)} ms per block\n`)
  const blocks: Block[] = []
  for (let h = 1; h <= BLOCKS; h++) blocks.push(await store.get(h) as Block)
  t0 = process.hrtime.bigint()
  await Ledger.open(g, new AccountsApp(g.accounts), store)
  const openFull = Number(process.hrtime.bigint() - t0) / 1e6
  t0 = process.hrtime.bigint()
  const pruned = await pruneStore(g, new AccountsApp(g.accounts), store, BLOCKS)
  const pruneMs = Number(process.hrtime.bigint() - t0) / 1e6
  t0 = process.hrtime.bigint()
  await Ledger.open(g, new AccountsApp(g.accounts), store)
  const openPruned = Number(process.hrtime.bigint() - t0) / 1e6
  process.stdout.write(`prune below ${BLOCKS} (${pruned.blocksPruned} blocks, ${pruned.blocksPruned * TXS} tx, replay + ${pruned.batches} synced batches): ${pruneMs.toFixed(0)} ms; open (replay) ${openFull.toFixed(0)} ms before, ${openPruned.toFixed(0)} ms after\n`)
  await store.close()
  const fresh = await Ledger.open(g, new AccountsApp(g.accounts), new MemoryBlockStore())
  t0 = process.hrtime.bigint()
  for (const b of blocks) await fresh.applyTransferred(b)
  s = Number(process.hrtime.bigint() - t0) / 1e9
  process.stdout.write(`state transfer (verify certificate, ${TXS} tx signatures, roots, re-execute): ${(BLOCKS / s).toFixed(0)} blocks/s (${(BLOCKS * TXS / s).toFixed(0)} tx/s)\n`)
} finally {
  rmSync(dir, { recursive: true, force: true })
}
