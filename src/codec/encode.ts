import { messageToFrame, type ReplicaMessage } from './messages.js'
import * as pb from './pb/messages.js'

export function encodeReplicaMessage (m: ReplicaMessage): Uint8Array {
  return pb.ReplicaFrame.encode(messageToFrame(m))
}

export function encodeClientFrame (f: pb.ClientFrame): Uint8Array {
  return pb.ClientFrame.encode(f)
}

export function encodeBlock (b: pb.Block): Uint8Array {
  return pb.Block.encode(b)
}

export function encodePruneRecord (r: pb.PruneRecord): Uint8Array {
  return pb.PruneRecord.encode(r)
}

export function encodePrunedBlock (b: pb.PrunedBlock): Uint8Array {
  return pb.PrunedBlock.encode(b)
}

/** A receipt's canonical bytes (the file `pbft receipt verify` reads; docs/receipts.md). */
export function encodeReceipt (r: pb.Receipt): Uint8Array {
  return pb.Receipt.encode(r)
}
