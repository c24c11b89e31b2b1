// Offline verification of a ledger with genesis alone: every block is checked as if a peer had
// sent it (hash chain, commit certificate, transaction signatures, roots, re-execution from
// genesis to the same state roots), and every evidence record is checked. On a pruned store
// (docs/ledger.md, Retention) the heights below the prune base are header-only: their hash
// chain and certificates are checked, the snapshot's root must equal the stateRoot of the
// header at its height, and the whole blocks above are re-executed from the snapshot; a kept
// stable checkpoint (2f+1 signatures over the block hash at a height >= the snapshot's) must be
// valid and match the header at its height, which anchors the snapshot's header to signatures.
import type { Block, Evidence, PrunedBlock } from '../codec/index.js'
import { blockHash } from '../crypto/digests.js'
import { verify as defaultVerify } from '../crypto/ed25519.js'
import { evidenceProblem } from '../crypto/evidence.js'
import { bytesEqual, toHex } from '../crypto/hash.js'
import { LedgerVerifyError, verifyCertificate, verifyCheckpoint } from './block.js'
import { genesisHash, type Genesis } from './genesis.js'
import { Ledger } from './ledger.js'
import { MemoryBlockStore } from './store-memory.js'
import type { BlockStore, Executor, Retained } from './types.js'

type Verify = (pub: Uint8Array, msg: Uint8Array, sig: Uint8Array) => boolean

export type VerifyReport =
  | { ok: true, height: number, stateRoot: string, blockHash: string, evidence: number, prunedBelow: number, checkpoint?: number }
  | { ok: false, height: number, field: string, reason: string }

type Failure = Extract<VerifyReport, { ok: false }>

function failure (err: unknown): Failure {
  if (err instanceof LedgerVerifyError) return { ok: false, height: err.height, field: err.field, reason: err.reason }
  throw err
}

/** Verifies whole blocks 1..head (`app` holds the genesis state). */
export async function verifyLedger (genesis: Genesis, app: Executor, blocks: (h: number) => Promise<Block | undefined>, head: number): Promise<VerifyReport> {
  return await verifyBlocks(genesis, await Ledger.open(genesis, app, new MemoryBlockStore()), blocks, head)
}

export type VerifiableStore = Pick<BlockStore, 'head' | 'prunedBelow' | 'get' | 'header' | 'retained'>

/** Verifies a store, pruned or not (`app` holds the genesis state). */
export async function verifyStore (genesis: Genesis, app: Executor, store: VerifiableStore, verify: Verify = defaultVerify): Promise<VerifyReport> {
  const below = store.prunedBelow()
  if (below <= 1) return await verifyBlocks(genesis, await Ledger.open(genesis, app, new MemoryBlockStore(), verify), async h => await store.get(h), store.head())
  try {
    const anchor = await verifyPrunedHeaders(genesis, genesisHash(genesis, app.stateRoot()), store, below, verify)
    const retained = await store.retained()
    if (retained === undefined) return { ok: false, height: below - 1, field: 'snapshot', reason: 'the store is pruned but holds no snapshot' }
    const ledger = await Ledger.open(genesis, app, MemoryBlockStore.startingAt(anchor, retained), verify)
    const r = await verifyBlocks(genesis, ledger, async h => await store.get(h), store.head())
    if (!r.ok || retained.checkpoint === undefined) return r
    await verifyAnchor(genesis, store, below, retained, verify)
    return { ...r, checkpoint: retained.checkpoint.seq }
  } catch (err) {
    return failure(err)
  }
}

/** The kept checkpoint: valid signatures, at a height in snapshot..head, over that header's hash. */
async function verifyAnchor (g: Genesis, store: VerifiableStore, below: number, retained: Retained, v: Verify): Promise<void> {
  const cp = retained.checkpoint
  if (cp === undefined) return
  if (cp.seq < below - 1 || cp.seq > store.head()) throw new LedgerVerifyError(cp.seq, 'checkpoint.seq', `must be in ${below - 1}..${store.head()} to anchor the snapshot`)
  verifyCheckpoint(g, cp, v)
  const h = await store.header(cp.seq)
  if (h === undefined || !bytesEqual(blockHash(h.header), cp.blockHash)) throw new LedgerVerifyError(cp.seq, 'checkpoint.blockHash', 'is not the hash of the header at its height')
}

/** Heights 1..below-1: hash chain from genesis, chain id, proposer and certificate of each header. */
async function verifyPrunedHeaders (g: Genesis, genesisHashBytes: Uint8Array, store: Pick<BlockStore, 'header'>, below: number, v: Verify): Promise<PrunedBlock> {
  let prevHash = genesisHashBytes
  let last: PrunedBlock | undefined
  for (let h = 1; h < below; h++) {
    const p = await store.header(h)
    const fail = (field: string, reason: string): never => { throw new LedgerVerifyError(h, field, reason) }
    if (p === undefined) fail('header', 'pruned header missing or does not decode')
    const hd = (p as PrunedBlock).header
    if (hd.height !== h) fail('header.height', `is ${hd.height}`)
    if (hd.chainId !== g.chainId) fail('header.chainId', `is ${hd.chainId}, genesis says ${g.chainId}`)
    if (hd.proposer >= g.replicas.length) fail('header.proposer', `no replica ${hd.proposer}`)
    if (!bytesEqual(hd.prevHash, prevHash)) fail('header.prevHash', 'does not link to the header below')
    verifyCertificate(g, hd, (p as PrunedBlock).cert.commits, v)
    prevHash = blockHash(hd)
    last = p
  }
  return last as PrunedBlock
}

async function verifyBlocks (genesis: Genesis, ledger: Ledger, blocks: (h: number) => Promise<Block | undefined>, head: number): Promise<VerifyReport> {
  let evidence = 0
  for (let h = ledger.head().height + 1; h <= head; h++) {
    const b = await blocks(h)
    if (b === undefined) return { ok: false, height: h, field: 'block', reason: 'missing or does not decode' }
    try {
      b.evidence.forEach((e, i) => { checkEvidence(genesis, h, e, `evidence[${i}]`) })
      evidence += b.evidence.length
      await ledger.applyTransferred(b)
    } catch (err) {
      return failure(err)
    }
  }
  const top = ledger.head()
  return { ok: true, height: top.height, stateRoot: toHex(top.stateRoot), blockHash: toHex(top.blockHash), evidence, prunedBelow: ledger.prunedBelow() }
}

/** Evidence must be signed by the accused replica, and its messages must really conflict. */
export function checkEvidence (g: Genesis, height: number, e: Evidence, field: string): void {
  const problem = evidenceProblem(g.replicas.map(r => r.publicKey), g.chainId, e)
  if (problem !== undefined) throw new LedgerVerifyError(height, `${field}.${problem[0]}`, problem[1])
}
