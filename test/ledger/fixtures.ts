// A small real ledger for tests: genesis with 4 replicas, blocks with real signed commits.
import { pb, signingBytes, type Batch, type Checkpoint, type Commit, type Proposal, type StableCheckpointRecord, type Transaction } from '../../src/codec/index.js'
import { AccountsApp } from '../../src/app/accounts.js'
import { createSigner } from '../../src/crypto/ed25519.js'
import { evidenceRoot, proposalDigest, txRoot } from '../../src/crypto/digests.js'
import { peerIdFromSeed } from '../../src/crypto/keyfile.js'
import { toHex } from '../../src/crypto/hash.js'
import { parseGenesis, type Genesis } from '../../src/ledger/genesis.js'
import { Ledger } from '../../src/ledger/ledger.js'
import { MemoryBlockStore } from '../../src/ledger/store-memory.js'
import type { BlockStore } from '../../src/ledger/types.js'

export const replicaSeed = (i: number): Uint8Array => new Uint8Array(32).fill(i + 1)
export const accountSeed = (i: number): Uint8Array => new Uint8Array(32).fill(100 + i)

export async function genesisJson (n = 4): Promise<Record<string, unknown>> {
  return {
    chainId: 'test-ledger', genesisTimeMs: 1_700_000_000_000, f: Math.floor((n - 1) / 3),
    replicas: await Promise.all([...Array(n).keys()].map(async i => ({
      id: i, publicKey: toHex(createSigner(replicaSeed(i)).publicKey), peerId: await peerIdFromSeed(replicaSeed(i)),
      addrs: [`/ip4/127.0.0.1/tcp/${7000 + i}`], api: `127.0.0.1:${7100 + i}`
    }))),
    accounts: [0, 1, 2].map(i => ({ publicKey: toHex(createSigner(accountSeed(i)).publicKey), balance: '1000' })),
    adminPublicKey: toHex(createSigner(new Uint8Array(32).fill(250)).publicKey)
  }
}

export async function genesis (): Promise<Genesis> { return parseGenesis(await genesisJson(), 'test') }

const accountSigners = new Map<number, ReturnType<typeof createSigner>>()
function accountSigner (i: number): ReturnType<typeof createSigner> {
  let s = accountSigners.get(i)
  if (s === undefined) accountSigners.set(i, s = createSigner(accountSeed(i)))
  return s
}

export function transfer (from: number, to: number, nonce: number, amount: bigint): Transaction {
  const s = accountSigner(from)
  const tx: Transaction = { chainId: 'test-ledger', client: s.publicKey, nonce, payload: pb.Transfer.encode({ to: accountSigner(to).publicKey, amount }), signature: new Uint8Array(0) }
  tx.signature = s.sign(signingBytes('transaction', tx))
  return tx
}

export function batch (seq: number, txs: Transaction[]): Batch {
  const proposal: Proposal = { chainId: 'test-ledger', seq, view: 0, timestampMs: 1_700_000_000_000 + seq, proposer: 0, txRoot: txRoot(txs), txCount: txs.length, evidenceRoot: evidenceRoot([]), evidenceCount: 0 }
  return { proposal, txs, evidence: [] }
}

export function commits (b: Batch, signers = [0, 1, 2]): Commit[] {
  const digest = proposalDigest(b.proposal)
  return signers.map(i => {
    const c: Commit = { chainId: 'test-ledger', view: 0, seq: b.proposal.seq, digest, replica: i, signature: new Uint8Array(0) }
    c.signature = createSigner(replicaSeed(i)).sign(signingBytes('commit', c))
    return c
  })
}

/** A ledger with `blocks` blocks of a few transfers each, in `store`. */
export async function buildLedger (g: Genesis, blocks: number, store: BlockStore = new MemoryBlockStore()): Promise<Ledger> {
  const ledger = await Ledger.open(g, new AccountsApp(g.accounts), store)
  let nonce = 0
  for (let h = 1; h <= blocks; h++) {
    const b = batch(h, [transfer(0, 1, ++nonce, 5n), transfer(1, 2, nonce, 3n), transfer(2, 0, nonce, 10_000n)])
    await ledger.applyCommitted(h, 0, b, commits(b))
  }
  return ledger
}

/** A stable checkpoint: `signers` sign CHECKPOINT(seq, blockHash). */
export function checkpointProof (seq: number, blockHash: Uint8Array, signers = [0, 1, 2]): StableCheckpointRecord {
  return {
    seq,
    blockHash,
    proof: signers.map(i => {
      const c: Checkpoint = { chainId: 'test-ledger', seq, blockHash, replica: i, signature: new Uint8Array(0) }
      c.signature = createSigner(replicaSeed(i)).sign(signingBytes('checkpoint', c))
      return c
    })
  }
}
