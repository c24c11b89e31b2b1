// Fuzzes every decoder of the codec: random bytes and mutations (bit flips, truncation,
// splices) of valid encodings. Zero exceptions may escape. Usage:
//   npm run fuzz -- --count 100000 --seed 1
import {
  decodeAdminCommand, decodeBlock, decodeClientFrame, decodeEvidence, decodeReceipt, decodeReplicaFrame, decodeTransaction, decodeTxReply,
  encodeReplicaMessage, pb
} from '../src/codec/index.js'
import { Prng } from '../src/sim/prng.js'

const arg = (name: string, dflt: number): number => {
  const i = process.argv.indexOf(name)
  return i >= 0 ? Number(process.argv[i + 1]) : dflt
}
const count = arg('--count', 100_000)
const prng = new Prng(arg('--seed', 1))
const vote = { chainId: 'fuzz', view: 3, seq: 9, digest: new Uint8Array(32).fill(7), replica: 2, signature: new Uint8Array(64).fill(9) }
const tx = { chainId: 'fuzz', client: new Uint8Array(32).fill(1), nonce: 5, payload: pb.Transfer.encode({ to: new Uint8Array(32), amount: 3n }), signature: new Uint8Array(64) }
const seeds = [
  encodeReplicaMessage({ type: 'prepare', prepare: vote }),
  encodeReplicaMessage({ type: 'view-change', viewChange: { chainId: 'fuzz', newView: 2, stableSeq: 0, checkpointProof: [], prepared: [{ prePrepare: vote, prepares: [vote, vote] }], replica: 1, signature: new Uint8Array(64) }, batches: [] }),
  pb.Transaction.encode(tx),
  pb.ClientFrame.encode({ request: tx }),
  pb.AdminCommand.encode({ chainId: 'fuzz', replica: 1, nonce: 2, action: 'set', modes: ['silent'], targets: [], fromHeight: 0, signature: new Uint8Array(64) })
]
const d32 = new Uint8Array(32).fill(3)
const header = { chainId: 'fuzz', height: 4, view: 1, prevHash: d32, txRoot: d32, stateRoot: d32, resultsRoot: d32, timestampMs: 9, proposer: 1, evidenceRoot: d32, txCount: 3, evidenceCount: 0 }
const proof = { index: 2, result: { code: 0, log: 'ok' }, txSiblings: [d32, d32], resultSiblings: [d32] }
const attestation = { chainId: 'fuzz', view: 1, height: 4, blockHash: d32, replica: 2, signature: new Uint8Array(64) }
seeds.push(pb.ClientFrame.encode({ txReply: { txId: d32, attestation, header, proof } }))
seeds.push(pb.Receipt.encode({ tx, header, proof, attestations: [attestation, { ...attestation, replica: 3 }] }))
const decoders = { decodeReplicaFrame, decodeClientFrame, decodeTransaction, decodeBlock, decodeEvidence, decodeAdminCommand, decodeTxReply, decodeReceipt }

function input (): Uint8Array {
  const kind = prng.int(0, 3)
  if (kind === 0) { const b = new Uint8Array(prng.int(0, 400)); for (let i = 0; i < b.length; i++) b[i] = prng.int(0, 255); return b }
  const base = new Uint8Array(prng.pick(seeds))
  if (kind === 1) { for (let k = prng.int(1, 8); k > 0; k--) { const i = prng.int(0, base.length - 1); base[i] = (base[i] ?? 0) ^ (1 << prng.int(0, 7)) } return base }
  if (kind === 2) return base.subarray(0, prng.int(0, base.length))
  const other = prng.pick(seeds)
  const cut = prng.int(0, base.length)
  return new Uint8Array([...base.subarray(0, cut), ...other.subarray(prng.int(0, other.length))])
}

const t0 = Date.now()
const heapBefore = process.memoryUsage().heapUsed
let escaped = 0
for (const [name, decode] of Object.entries(decoders)) {
  let ok = 0; let rejected = 0
  for (let i = 0; i < count; i++) {
    try {
      if (decode(input()).ok) ok++
      else rejected++
    } catch (err) {
      escaped++
      process.stderr.write(`${name}: exception escaped: ${String(err)}\n`)
    }
  }
  process.stdout.write(`${name.padEnd(20)} inputs ${count}  decoded ${ok}  rejected ${rejected}\n`)
}
globalThis.gc?.()
process.stdout.write(`exceptions escaped: ${escaped}; heap growth ${((process.memoryUsage().heapUsed - heapBefore) / 1048576).toFixed(1)} MiB; ${((Date.now() - t0) / 1000).toFixed(1)} s\n`)
if (escaped > 0) process.exitCode = 1
