// What answering clients costs per block, one signed reply per transaction (before issue #12
// item 4) against one signed attestation per block with a Merkle proof per transaction (now),
// at a replica and at a client that checks f+1 = 2 replies per transaction. One core.
//   npm run bench:replies
import { encodeClientFrame, pb, signingBytes, type BlockAttestation, type Transaction, type TxResult } from '../src/codec/index.js'
import { blockHash, resultsRoot, txId, txRoot } from '../src/crypto/digests.js'
import { createSigner, verify } from '../src/crypto/ed25519.js'
import { AttestationMemo, blockProofs, txReplyProblem } from '../src/crypto/tx-proof.js'

const replica = createSigner(new Uint8Array(32).fill(1))
/**
 * The retired Reply for chain id 'bench', height 9, nonce < 128, log 'ok': tags and lengths 2 x 7
 * fields with content (chain id 5, tx id 32, client 32, nonce 1, height 1, log 2, block hash 32),
 * index up to 2, signature 66; signed with its 26-byte domain tag and a 0 byte.
 */
const OLD_REPLY_BYTES = 2 + 5 + 2 + 32 + 2 + 32 + 2 + 2 + 2 + 2 + 2 + 32 + 2 + 2 + 64
const OLD_SIGNED_BYTES = 'pbft-ledger/v1/reply'.length + 1 + OLD_REPLY_BYTES - 66
const OLD_FRAME_BYTES = 2 + OLD_REPLY_BYTES
const client = createSigner(new Uint8Array(32).fill(2))

function block (n: number): { txs: Transaction[], results: TxResult[] } {
  const txs = [...Array(n).keys()].map(i => {
    const t: Transaction = { chainId: 'bench', client: client.publicKey, nonce: i + 1, payload: pb.Transfer.encode({ to: new Uint8Array(32).fill(5), amount: 1n }), signature: new Uint8Array(0) }
    return { ...t, signature: client.sign(signingBytes('transaction', t)) }
  })
  return { txs, results: txs.map(() => ({ code: 0, log: 'ok' })) }
}

/** Milliseconds per call of `fn`, over at least `ms`. */
function per (ms: number, fn: () => void): number {
  let n = 0
  const t0 = performance.now()
  while (performance.now() - t0 < ms) { fn(); n++ }
  return (performance.now() - t0) / n
}

process.stdout.write(`per block of n transactions, ${process.version}, one core; client: f+1 = 2 replies per transaction\n`)
process.stdout.write('n      replica before  replica now   client before  client now   reply bytes before/now\n')
for (const n of [1, 16, 128, 512, 2048]) {
  const { txs, results } = block(n)
  const d = new Uint8Array(32)
  const header = { chainId: 'bench', height: 9, view: 0, prevHash: d, txRoot: txRoot(txs), stateRoot: d, resultsRoot: resultsRoot(results), timestampMs: 1, proposer: 0, evidenceRoot: d, txCount: n, evidenceCount: 0 }
  const hash = blockHash(header)
  // The retired Reply (chain id, view, tx id, client, nonce, height, index, code, log, block
  // hash, replica, signature): its signing bytes are rebuilt here at their real length.
  const oldReply = (tx: Transaction, index: number): { msg: Uint8Array, signature: Uint8Array } => {
    const msg = new Uint8Array(OLD_SIGNED_BYTES)
    msg.set(txId(tx), 40)
    msg.set(hash, 100)
    msg[0] = index & 0xff
    return { msg, signature: replica.sign(msg) }
  }
  const before = per(1500, () => { txs.forEach((tx, i) => oldReply(tx, i)) })
  let attestation: BlockAttestation = { chainId: 'bench', view: 0, height: 9, blockHash: hash, replica: 0, signature: new Uint8Array(0) }
  const now = per(1500, () => {
    attestation = { ...attestation, signature: replica.sign(signingBytes('blockAttestation', attestation)) }
    const proofs = blockProofs(txs, results)
    txs.forEach((tx, i) => ({ txId: txId(tx), attestation, header, proof: proofs.proof(i) }))
  })
  const olds = txs.map((tx, i) => oldReply(tx, i))
  const clientBefore = per(1500, () => { for (const r of olds) for (let k = 0; k < 2; k++) verify(replica.publicKey, r.msg, r.signature) })
  const proofs = blockProofs(txs, results)
  const replies = txs.map((tx, i) => ({ txId: txId(tx), attestation, header, proof: proofs.proof(i) }))
  const ids = txs.map(tx => txId(tx))
  const clientNow = per(1500, () => {
    const memo = new AttestationMemo([replica.publicKey, replica.publicKey], 'bench', verify)
    replies.forEach((r, i) => { for (let k = 0; k < 2; k++) txReplyProblem(memo, 0, txs[i]!, ids[i]!, r) })
  })
  const bytes = (x: number): string => String(Math.round(x))
  const oldBytes = OLD_FRAME_BYTES
  const newBytes = encodeClientFrame({ txReply: replies[n - 1]! }).byteLength
  process.stdout.write(`${String(n).padEnd(6)} ${before.toFixed(2).padStart(10)} ms ${now.toFixed(2).padStart(10)} ms ${clientBefore.toFixed(2).padStart(11)} ms ${clientNow.toFixed(2).padStart(10)} ms   ${bytes(oldBytes)} / ${bytes(newBytes)}\n`)
}
