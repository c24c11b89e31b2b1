// WalRecord (protocol) <-> WalEntry (wire schema). Records are read back only from this
// replica's own disk, but still decoded through the codec with limits, never trusted blindly.
import { pb, type Batch, type NewView, type PreparedCert, type ViewChange } from '../codec/index.js'
import { assertNever, limits } from '../codec/index.js'
import type { WalRecord } from '../protocol/types.js'

export function encodeWalRecord (r: WalRecord): Uint8Array {
  return pb.WalEntry.encode(toEntry(r))
}

function toEntry (r: WalRecord): pb.WalEntry {
  switch (r.kind) {
    case 'view': return { view: r.view, batches: [] }
    case 'pre-prepare': return { prePrepare: r.prePrepare, batches: [r.batch] }
    case 'prepare': return { prepare: r.prepare, batches: [] }
    case 'commit': return { commit: r.commit, prepared: r.prepared, batches: [] }
    case 'checkpoint': return { checkpoint: r.checkpoint, batches: [] }
    case 'stable-checkpoint': return { stableCheckpoint: { seq: r.seq, blockHash: r.blockHash, proof: r.proof }, batches: [] }
    case 'view-change': return { viewChange: r.viewChange, batches: r.batches }
    case 'new-view': return { newView: r.newView, batches: r.batches }
    default: return assertNever(r)
  }
}

const walLimits = {
  ...limits.replicaFrameLimits,
  prepared: { prepares: limits.REPLICAS_MAX },
  stableCheckpoint: { proof: limits.REPLICAS_MAX }
}

export class WalDecodeError extends Error {
  override readonly name = 'WalDecodeError'
}

export function decodeWalRecord (bytes: Uint8Array): WalRecord {
  let e: pb.WalEntry
  try {
    e = pb.WalEntry.decode(bytes, { limits: walLimits })
  } catch (err) {
    throw new WalDecodeError(`corrupt write-ahead record: ${err instanceof Error ? err.message : String(err)}`)
  }
  const batches = e.batches as Batch[]
  if (e.view != null) return { kind: 'view', view: e.view }
  if (e.prePrepare != null && batches[0] != null) return { kind: 'pre-prepare', prePrepare: e.prePrepare, batch: batches[0] }
  if (e.prepare != null) return { kind: 'prepare', prepare: e.prepare }
  if (e.commit != null && e.prepared?.prePrepare != null) return { kind: 'commit', commit: e.commit, prepared: e.prepared as PreparedCert }
  if (e.checkpoint != null) return { kind: 'checkpoint', checkpoint: e.checkpoint }
  if (e.stableCheckpoint != null) return { kind: 'stable-checkpoint', seq: e.stableCheckpoint.seq, blockHash: e.stableCheckpoint.blockHash, proof: e.stableCheckpoint.proof }
  if (e.viewChange != null) return { kind: 'view-change', viewChange: e.viewChange as ViewChange, batches }
  if (e.newView != null) return { kind: 'new-view', newView: e.newView as NewView, batches }
  throw new WalDecodeError('write-ahead record sets no known kind')
}
