// A hostile client for tests and demonstrations: a fresh key with no account floods every
// replica with validly signed transfers, then prints what came back as JSON.
//   node dist/scripts/flood-client.js GENESIS.json COUNT [TO-ACCOUNT-HEX]
import '../src/polyfill.js'
import { randomBytes } from 'node:crypto'
import { decodeClientFrame, encodeClientFrame, pb, signingBytes, type Transaction } from '../src/codec/index.js'
import { createSigner } from '../src/crypto/ed25519.js'
import { fromHex, toHex } from '../src/crypto/hash.js'
import { loadGenesis } from '../src/ledger/genesis.js'
import { ClientConnection } from '../src/net/client-net.js'

const [genesisPath, countArg, toArg] = process.argv.slice(2)
if (genesisPath === undefined || countArg === undefined || !/^\d+$/.test(countArg)) {
  process.stderr.write('usage: node dist/scripts/flood-client.js GENESIS.json COUNT [TO-ACCOUNT-HEX]\n')
  process.exit(2)
}
const g = loadGenesis(genesisPath)
const count = Number(countArg)
const spammer = createSigner(new Uint8Array(randomBytes(32)))
const to = toArg !== undefined ? fromHex(toArg) : g.replicas[0]!.publicKey
const base = Date.now() * 1000
const frames = Array.from({ length: count }, (_, k) => {
  const tx: Transaction = { chainId: g.chainId, client: spammer.publicKey, nonce: base + k, payload: pb.Transfer.encode({ to, amount: 1n }), signature: new Uint8Array(0) }
  tx.signature = spammer.sign(signingBytes('transaction', tx))
  return encodeClientFrame({ request: tx })
})
const conn = await ClientConnection.connect(g.replicas)
let answers = 0
const reasons = new Map<string, number>()
conn.onFrame((_, bytes) => {
  answers++
  const d = decodeClientFrame(bytes)
  const why = !d.ok ? 'undecodable' : d.value.txReply != null ? 'reply' : (d.value.error ?? '').replace(/^[0-9a-f]{64}: /, '').split(':')[0] ?? ''
  reasons.set(why, (reasons.get(why) ?? 0) + 1)
})
for (let i = 0; i < frames.length; i += 500) {
  for (const f of frames.slice(i, i + 500)) for (let r = 0; r < g.replicas.length; r++) conn.send(r, f)
  await new Promise(resolve => setImmediate(resolve))
}
await new Promise(resolve => setTimeout(resolve, 1500))
await conn.close()
process.stdout.write(`${JSON.stringify({ account: toHex(spammer.publicKey), sent: count * g.replicas.length, answers, reasons: Object.fromEntries(reasons) })}\n`)
