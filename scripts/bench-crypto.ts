// Sign/verify rates per ed25519 backend and sha256 throughput on this machine.
//   npm run bench:crypto
import { backends, createSigner, signNoble } from '../src/crypto/ed25519.js'
import { sha256 } from '../src/crypto/hash.js'

function rate (name: string, ms: number, fn: (i: number) => void): number {
  const end = Date.now() + ms
  let n = 0
  const t0 = process.hrtime.bigint()
  while (Date.now() < end) { for (let k = 0; k < 50; k++) fn(n++) }
  const s = Number(process.hrtime.bigint() - t0) / 1e9
  const r = n / s
  process.stdout.write(`${name.padEnd(36)} ${Math.round(r).toLocaleString('en-US').padStart(10)} /s\n`)
  return r
}

const msg = new Uint8Array(200).fill(7)
const signer = createSigner(new Uint8Array(32).fill(3))
const sig = signer.sign(msg)
process.stdout.write(`ed25519 on ${process.version}, one core, 200-byte messages\n`)
rate('sign   node:crypto (cached key)', 2000, () => { signer.sign(msg) })
rate('sign   @noble/ed25519', 2000, () => { signNoble(new Uint8Array(32).fill(3), msg) })
rate('verify node:crypto + strict pre-checks', 2000, () => { backends.node(signer.publicKey, msg, sig) })
rate('verify @noble/ed25519 (same rule)', 2000, () => { backends.noble(signer.publicKey, msg, sig) })
const mb = new Uint8Array(1 << 20)
const r = rate('sha256 of 1 MiB', 1000, () => { sha256(mb) })
process.stdout.write(`sha256 throughput ${(r).toFixed(0)} MiB/s\n`)
