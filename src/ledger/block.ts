// Blocks and their checks. The commit certificate signs the PROPOSAL digest (what PBFT agreed
// on); prevHash and stateRoot are derived deterministically by execution (the primary cannot
// know them at proposal time when several seqs are in flight). A verifier recomputes the
// proposal from the header, checks the certificate against it, and re-executes to check roots.
import { signingBytes, type Block, type BlockHeader, type Commit, type Proposal, type StableCheckpointRecord } from '../codec/index.js'
import { evidenceRoot, proposalDigest, resultsRoot, txRoot } from '../crypto/digests.js'
import { bytesEqual } from '../crypto/hash.js'
import { verify } from '../crypto/ed25519.js'
import { quorumOf, type Genesis } from './genesis.js'

/** A block failed verification; `height` and `field` say where. */
export class LedgerVerifyError extends Error {
  override readonly name = 'LedgerVerifyError'
  constructor (readonly height: number, readonly field: string, readonly reason: string) {
    super(`height ${height}: ${field}: ${reason}`)
  }
}

export function proposalOf (h: BlockHeader): Proposal {
  return {
    chainId: h.chainId, seq: h.height, view: h.view, timestampMs: h.timestampMs, proposer: h.proposer,
    txRoot: h.txRoot, txCount: h.txCount, evidenceRoot: h.evidenceRoot, evidenceCount: h.evidenceCount
  }
}

type Verify = (pub: Uint8Array, msg: Uint8Array, sig: Uint8Array) => boolean

/** >= q COMMITs, one view, seq = height, digest = the header's proposal, distinct valid signers. */
export function verifyCertificate (g: Genesis, h: BlockHeader, commits: Commit[], v: Verify = verify): void {
  const fail = (field: string, reason: string): never => { throw new LedgerVerifyError(h.height, field, reason) }
  const digest = proposalDigest(proposalOf(h))
  const q = quorumOf(g)
  if (commits.length < q) fail('cert.commits', `has ${commits.length} commits, needs ${q}`)
  const view = commits[0]?.view
  const signers = new Set<number>()
  commits.forEach((c, i) => {
    const f = `cert.commits[${i}]`
    if (c.chainId !== g.chainId) fail(`${f}.chainId`, 'wrong chain')
    if (c.seq !== h.height) fail(`${f}.seq`, `is ${c.seq}, block height is ${h.height}`)
    if (c.view !== view) fail(`${f}.view`, 'commits of one certificate must share a view')
    if (!bytesEqual(c.digest, digest)) fail(`${f}.digest`, 'does not match the block\'s proposal')
    const key = g.replicas[c.replica]?.publicKey
    if (key === undefined) fail(`${f}.replica`, `no replica ${c.replica} in genesis`)
    if (signers.has(c.replica)) fail(`${f}.replica`, `replica ${c.replica} signed twice`)
    if (!v(key as Uint8Array, signingBytes('commit', c), c.signature)) fail(`${f}.signature`, `invalid signature of replica ${c.replica}`)
    signers.add(c.replica)
  })
}

/** A stable checkpoint: >= q CHECKPOINTs for (seq, blockHash), one chain, distinct valid signers. */
export function verifyCheckpoint (g: Genesis, cp: StableCheckpointRecord, v: Verify = verify): void {
  const fail = (field: string, reason: string): never => { throw new LedgerVerifyError(cp.seq, field, reason) }
  const q = quorumOf(g)
  if (cp.proof.length < q) fail('checkpoint.proof', `has ${cp.proof.length} signatures, needs ${q}`)
  const signers = new Set<number>()
  cp.proof.forEach((c, i) => {
    const f = `checkpoint.proof[${i}]`
    if (c.chainId !== g.chainId) fail(`${f}.chainId`, 'wrong chain')
    if (c.seq !== cp.seq) fail(`${f}.seq`, `is ${c.seq}, the checkpoint is at ${cp.seq}`)
    if (!bytesEqual(c.blockHash, cp.blockHash)) fail(`${f}.blockHash`, 'differs from the checkpoint\'s block hash')
    const key = g.replicas[c.replica]?.publicKey
    if (key === undefined) fail(`${f}.replica`, `no replica ${c.replica} in genesis`)
    if (signers.has(c.replica)) fail(`${f}.replica`, `replica ${c.replica} signed twice`)
    if (!v(key as Uint8Array, signingBytes('checkpoint', c), c.signature)) fail(`${f}.signature`, `invalid signature of replica ${c.replica}`)
    signers.add(c.replica)
  })
}

/** Content against header: counts, roots, chain id, every transaction signature. */
export function verifyContent (g: Genesis, b: Block, v: Verify = verify): void {
  const h = b.header
  const fail = (field: string, reason: string): never => { throw new LedgerVerifyError(h.height, field, reason) }
  if (h.chainId !== g.chainId) fail('header.chainId', `is ${h.chainId}, genesis says ${g.chainId}`)
  if (h.proposer >= g.replicas.length) fail('header.proposer', `no replica ${h.proposer}`)
  if (b.txs.length !== h.txCount) fail('header.txCount', `says ${h.txCount}, block has ${b.txs.length}`)
  if (!bytesEqual(txRoot(b.txs), h.txRoot)) fail('header.txRoot', 'does not match the transactions')
  if (b.evidence.length !== h.evidenceCount) fail('header.evidenceCount', `says ${h.evidenceCount}, block has ${b.evidence.length}`)
  if (!bytesEqual(evidenceRoot(b.evidence), h.evidenceRoot)) fail('header.evidenceRoot', 'does not match the evidence')
  if (!bytesEqual(resultsRoot(b.results), h.resultsRoot)) fail('header.resultsRoot', 'does not match the results')
  b.txs.forEach((tx, i) => {
    if (tx.chainId !== g.chainId) fail(`txs[${i}].chainId`, 'wrong chain')
    if (!v(tx.client, signingBytes('transaction', tx), tx.signature)) fail(`txs[${i}].signature`, 'invalid client signature')
  })
}
