// The ledger of one replica: executes committed batches in order through the application,
// builds blocks with their commit certificates, and appends them to the block store.
import type { Batch, Block, BlockHeader, Commit } from '../codec/index.js'
import { blockHash, resultsRoot } from '../crypto/digests.js'
import { bytesEqual } from '../crypto/hash.js'
import { verify as defaultVerify } from '../crypto/ed25519.js'
import { LedgerVerifyError, verifyCertificate, verifyContent } from './block.js'
import { genesisHash, type Genesis } from './genesis.js'
import type { Applied, BlockStore, Executor, LedgerApi } from './types.js'

type Verify = (pub: Uint8Array, msg: Uint8Array, sig: Uint8Array) => boolean

/** Where replay starts: genesis, or a pruned store's snapshot at height prunedBelow - 1. */
export async function restoreAnchor (genesis: Genesis, app: Executor, store: BlockStore): Promise<{ height: number, hash: Uint8Array, stateRoot: Uint8Array }> {
  const base = store.prunedBelow()
  if (base <= 1) return { height: 0, hash: genesisHash(genesis, app.stateRoot()), stateRoot: app.stateRoot() }
  const at = base - 1
  const anchor = await store.header(at)
  if (anchor === undefined || anchor.header.height !== at) throw new LedgerVerifyError(at, 'header', 'the pruned header at the snapshot height is missing or does not decode')
  const retained = await store.retained()
  if (retained === undefined) throw new LedgerVerifyError(at, 'snapshot', 'the store is pruned but holds no snapshot')
  try {
    app.restore(retained.snapshot, anchor.header.stateRoot)
  } catch (err) {
    const field = (err as { field?: unknown }).field
    throw new LedgerVerifyError(at, typeof field === 'string' ? field : 'snapshot', err instanceof Error ? err.message : String(err))
  }
  return { height: at, hash: blockHash(anchor.header), stateRoot: anchor.header.stateRoot }
}

/** Re-executes a stored block on top of `prevHash`, checks its links and state root, applies it. */
export function replayBlock (app: Executor, b: Block, prevHash: Uint8Array): Uint8Array {
  const p = app.prepareBlock({ height: b.header.height, timestampMs: b.header.timestampMs }, b.txs)
  if (!bytesEqual(p.stateRoot, b.header.stateRoot)) throw new LedgerVerifyError(b.header.height, 'header.stateRoot', 're-execution gives a different state root')
  if (!bytesEqual(b.header.prevHash, prevHash)) throw new LedgerVerifyError(b.header.height, 'header.prevHash', 'does not link to the block below')
  p.commit()
  return blockHash(b.header)
}

export class Ledger implements LedgerApi {
  private headHeight = 0
  private headHash: Uint8Array
  private headStateRoot: Uint8Array

  private constructor (readonly genesis: Genesis, readonly app: Executor, readonly store: BlockStore, private readonly verify: Verify) {
    this.headStateRoot = app.stateRoot()
    this.headHash = genesisHash(genesis, this.headStateRoot)
  }

  /**
   * Opens a ledger over `store`, replaying the stored blocks through `app` (which must hold the
   * genesis state). Stored blocks were verified before they were appended; replay re-executes
   * and checks each state root, so a store that disagrees with execution is caught here.
   * A pruned store starts from its snapshot, whose root must be the stored header's stateRoot.
   */
  static async open (genesis: Genesis, app: Executor, store: BlockStore, verify: Verify = defaultVerify): Promise<Ledger> {
    const l = new Ledger(genesis, app, store, verify)
    const start = await restoreAnchor(genesis, app, store)
    l.headHeight = start.height
    l.headHash = start.hash
    l.headStateRoot = start.stateRoot
    const top = store.head()
    for (let h = start.height + 1; h <= top; h++) {
      const b = await store.get(h)
      if (b === undefined) throw new LedgerVerifyError(h, 'block', 'missing from the store')
      l.headHash = replayBlock(app, b, l.headHash)
      l.headHeight = h
      l.headStateRoot = b.header.stateRoot
    }
    return l
  }

  prunedBelow (): number { return this.store.prunedBelow() }

  private advance (b: Block): Uint8Array {
    this.headHeight = b.header.height
    this.headHash = blockHash(b.header)
    this.headStateRoot = b.header.stateRoot
    return this.headHash
  }

  head (): { height: number, blockHash: Uint8Array, stateRoot: Uint8Array } {
    return { height: this.headHeight, blockHash: this.headHash, stateRoot: this.headStateRoot }
  }

  /**
   * Executes the committed batch for `seq` and appends its block. Only a checkpoint's block is
   * appended durably (fsync): the others survive a killed process (the write reached the OS)
   * but maybe not a power cut, which keeps an fsync off the reply path. What a power cut loses
   * is above this replica's last checkpoint, where its write-ahead log still holds the
   * prepared certificate and commit of each seq: it re-commits them with the others, or
   * fetches them by state transfer. This replica's CHECKPOINT for a block is sent only after
   * that durable append; when the others' CHECKPOINTs make it stable first (and the log is
   * compacted), at least f + 1 honest replicas hold it durably, to transfer it back.
   */
  async applyCommitted (seq: number, _view: number, batch: Batch, cert: Commit[]): Promise<Applied> {
    if (seq !== this.headHeight + 1) throw new RangeError(`execute of seq ${seq} while the head is ${this.headHeight}`)
    const p = batch.proposal
    const prepared = this.app.prepareBlock({ height: seq, timestampMs: p.timestampMs }, batch.txs)
    const header: BlockHeader = {
      chainId: this.genesis.chainId, height: seq, view: p.view, prevHash: this.headHash, txRoot: p.txRoot,
      stateRoot: prepared.stateRoot, resultsRoot: resultsRoot(prepared.results), timestampMs: p.timestampMs,
      proposer: p.proposer, evidenceRoot: p.evidenceRoot, txCount: p.txCount, evidenceCount: p.evidenceCount
    }
    const block: Block = { header, txs: batch.txs, results: prepared.results, cert: { commits: cert }, evidence: batch.evidence }
    await this.store.append(block, seq % this.genesis.params.checkpointInterval === 0)
    prepared.commit()
    return { block, blockHash: this.advance(block), results: prepared.results }
  }

  /** Verifies a block from a peer completely before applying it; throws LedgerVerifyError. */
  async applyTransferred (block: Block): Promise<Applied> {
    const h = block.header
    if (h.height !== this.headHeight + 1) throw new LedgerVerifyError(h.height, 'header.height', `expected ${this.headHeight + 1}`)
    if (!bytesEqual(h.prevHash, this.headHash)) throw new LedgerVerifyError(h.height, 'header.prevHash', 'does not link to our head')
    verifyContent(this.genesis, block, this.verify)
    verifyCertificate(this.genesis, h, block.cert.commits, this.verify)
    const prepared = this.app.prepareBlock({ height: h.height, timestampMs: h.timestampMs }, block.txs)
    if (!bytesEqual(prepared.stateRoot, h.stateRoot)) throw new LedgerVerifyError(h.height, 'header.stateRoot', 're-execution gives a different state root')
    if (!bytesEqual(resultsRoot(prepared.results), h.resultsRoot)) throw new LedgerVerifyError(h.height, 'header.resultsRoot', 're-execution gives different results')
    await this.store.append(block)
    prepared.commit()
    return { block, blockHash: this.advance(block), results: prepared.results }
  }

  async getBlock (height: number): Promise<Block | undefined> {
    return await this.store.get(height)
  }
}
