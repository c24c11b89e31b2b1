// Digests of the ledger's values, each over canonical bytes from the codec.
//   proposal digest d  = sha256(proposalBytes(proposal))      what PRE-PREPARE/PREPARE/COMMIT name
//   tx id              = sha256(txIdBytes(tx))                 a transaction without its signature
//   tx root            = merkleRoot(encode(tx) for tx in batch) binds the signatures too
//   evidence root      = merkleRoot(encode(evidence))
//   results root       = merkleRoot(encode(result))
//   block hash         = sha256(blockHeaderBytes(header))
import { blockHeaderBytes, pb, proposalBytes, txIdBytes } from '../codec/index.js'
import type { BlockHeader, Evidence, Proposal, Transaction, TxResult } from '../codec/index.js'
import { sha256 } from './hash.js'
import { merkleRoot } from './merkle.js'

export function proposalDigest (p: Proposal): Uint8Array {
  return sha256(proposalBytes(p))
}

export function txId (tx: Transaction): Uint8Array {
  return sha256(txIdBytes(tx))
}

export function txRoot (txs: Transaction[]): Uint8Array {
  return merkleRoot(txs.map(tx => pb.Transaction.encode(tx)))
}

export function evidenceRoot (evidence: Evidence[]): Uint8Array {
  return merkleRoot(evidence.map(e => pb.Evidence.encode(e)))
}

export function resultsRoot (results: TxResult[]): Uint8Array {
  return merkleRoot(results.map(r => pb.TxResult.encode(r)))
}

export function blockHash (h: BlockHeader): Uint8Array {
  return sha256(blockHeaderBytes(h))
}

/** The null proposal a NEW-VIEW re-issues for a seq with no prepared certificate (PBFT §4.4). */
export function nullProposal (chainId: string, seq: number, view: number, proposer: number): Proposal {
  return { chainId, seq, view, timestampMs: 0, proposer, txRoot: txRoot([]), txCount: 0, evidenceRoot: evidenceRoot([]), evidenceCount: 0 }
}

export function nullDigest (chainId: string, seq: number, view: number, proposer: number): Uint8Array {
  return proposalDigest(nullProposal(chainId, seq, view, proposer))
}
