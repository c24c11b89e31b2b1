// The two references the bench reports next to the cluster's figures:
// 1. the signature ceiling: cores x native verify rate per core / n — every replica verifies
//    every client signature, so the cluster cannot commit faster than this;
// 2. an unreplicated baseline: one process doing the per-transaction work of a replica (verify
//    the client signature, execute, append to the same durable store with fsync, and answer:
//    one signed attestation per block and a Merkle proof per transaction, as replicas do since
//    issue #12 item 4; before, one signed reply per transaction) with no consensus, giving CPU
//    per transaction to compare each replica's against.
import { mkdtempSync, rmSync } from 'node:fs'
import { availableParallelism, tmpdir } from 'node:os'
import { join } from 'node:path'
import { AccountsApp } from '../../app/accounts.js'
import { signingBytes, type Proposal, type Transaction } from '../../codec/index.js'
import { createSigner, verify } from '../../crypto/ed25519.js'
import { evidenceRoot, txId, txRoot } from '../../crypto/digests.js'
import { blockProofs } from '../../crypto/tx-proof.js'
import type { Genesis } from '../../ledger/genesis.js'
import { Ledger } from '../../ledger/ledger.js'
import { LevelBlockStore } from '../../ledger/store-level.js'

export interface Ceiling { cores: number, verifyPerSecPerCore: number, replicas: number, txPerSec: number }

/** Native (node:crypto) verify rate of one core over `txs`, for at least `ms`. */
export function signatureCeiling (txs: Transaction[], replicas: number, ms = 1500): Ceiling {
  const items = txs.map(tx => ({ pub: tx.client, msg: signingBytes('transaction', tx), sig: tx.signature }))
  let done = 0
  const t0 = performance.now()
  while (performance.now() - t0 < ms) {
    const it = items[done % items.length]!
    if (!verify(it.pub, it.msg, it.sig)) throw new Error('a pre-signed transaction does not verify')
    done++
  }
  const verifyPerSecPerCore = done / ((performance.now() - t0) / 1000)
  const cores = availableParallelism()
  return { cores, verifyPerSecPerCore: Math.round(verifyPerSecPerCore), replicas, txPerSec: Math.round(cores * verifyPerSecPerCore / replicas) }
}

export interface Baseline { txs: number, batch: number, txPerSec: number, cpuMsPerTx: number }

/**
 * Processes `txs` in batches of `batch`: verify each client signature, execute the block,
 * append it (fsynced LevelDB, as replicas do), sign one attestation of the block and build
 * each transaction's proof (src/protocol/replies.ts).
 */
export async function unreplicatedBaseline (genesis: Genesis, txs: Transaction[], batch: number): Promise<Baseline> {
  const dir = mkdtempSync(join(tmpdir(), 'pbft-bench-baseline-'))
  try {
    const { store } = await LevelBlockStore.open(join(dir, 'blocks'))
    const ledger = await Ledger.open(genesis, new AccountsApp(genesis.accounts), store)
    const signer = createSigner(new Uint8Array(32).fill(7))
    const cpu0 = process.cpuUsage()
    const t0 = performance.now()
    for (let i = 0, seq = 1; i < txs.length; i += batch, seq++) {
      const chunk = txs.slice(i, i + batch).filter(tx => verify(tx.client, signingBytes('transaction', tx), tx.signature))
      const proposal: Proposal = {
        chainId: genesis.chainId, seq, view: 0, timestampMs: Date.now(), proposer: 0, txRoot: txRoot(chunk), txCount: chunk.length,
        evidenceRoot: evidenceRoot([]), evidenceCount: 0
      }
      const { blockHash, results } = await ledger.applyCommitted(seq, 0, { proposal, txs: chunk, evidence: [] }, [])
      signer.sign(signingBytes('blockAttestation', { chainId: genesis.chainId, view: 0, height: seq, blockHash, replica: 0, signature: new Uint8Array(0) }))
      const proofs = blockProofs(chunk, results)
      chunk.forEach((tx, index) => { txId(tx); proofs.proof(index) })
    }
    const seconds = (performance.now() - t0) / 1000
    const cpu = process.cpuUsage(cpu0)
    await store.close()
    return { txs: txs.length, batch, txPerSec: Math.round(txs.length / seconds), cpuMsPerTx: (cpu.user + cpu.system) / 1000 / txs.length }
  } finally {
    rmSync(dir, { recursive: true, force: true })
  }
}
