// Traitor mode `bad-state-transfer`: the blocks this replica serves to a lagging one are
// altered. The host (src/host/transfer-serve.ts) serves honestly and passes every answer through
// the core's `outbound`; the Traitor rewrites it here, so the simulator and a replica process
// run the same lie. Three alterations, by height, each refused by a different check of an
// honest fetcher (Ledger.applyTransferred):
//   height % 3 = 0: another proposal under the real certificate (timestamp + 1, every other
//                   field consistent): only the certificate check refuses it;
//   height % 3 = 1: the real block under a forged certificate (one commit's signature altered);
//   height % 3 = 2: a wrong state root: re-execution refuses it.
import type { Block, StateResponse } from '../codec/index.js'

export function lieInStateResponse (res: StateResponse): StateResponse {
  return { ...res, blocks: res.blocks.map(alterBlock) }
}

export function alterBlock (b: Block): Block {
  switch (b.header.height % 3) {
    case 0: return { ...b, header: { ...b.header, timestampMs: b.header.timestampMs + 1 } }
    case 1: return { ...b, cert: { commits: b.cert.commits.map((c, i) => i === 0 ? { ...c, signature: flipped(c.signature) } : c) } }
    default: return { ...b, header: { ...b.header, stateRoot: flipped(b.header.stateRoot) } }
  }
}

function flipped (bytes: Uint8Array): Uint8Array {
  const out = new Uint8Array(bytes)
  out[0] = (out[0] ?? 0) ^ 0xff
  return out
}
