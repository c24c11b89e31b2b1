// Drives the host's state transfer (src/host/transfer.ts) directly, as the host does: a
// response is claimed, then its task run; events for the core are returned.
import type { ReplicaMessage, StateRequest, StateResponse } from '../../src/codec/index.js'
import type { LedgerApi } from '../../src/ledger/types.js'
import type { ProtocolEvent } from '../../src/protocol/types.js'
import { runTask } from '../../src/host/tasks.js'
import { serveStateRequest } from '../../src/host/transfer-serve.js'
import { StateTransfer, type TransferLog } from '../../src/host/transfer.js'

export function transferOf (chainId: string, id: number, ledger: LedgerApi, send: (to: number, m: ReplicaMessage) => void, log: TransferLog = {}): StateTransfer {
  return new StateTransfer({ chainId, id, blocks: ledger, send, log })
}

/** `from` answers: nothing happens unless the response is the awaited one; else what the core hears. */
export async function respond (t: StateTransfer, from: number, res: StateResponse, nowMs: number): Promise<ProtocolEvent[]> {
  if (!t.claim(from)) return []
  return await runTask(t.onResponse(from, res, nowMs))
}

export async function serve (t: StateTransfer, chainId: string, id: number, ledger: LedgerApi, from: number, req: StateRequest, send: (to: number, m: ReplicaMessage) => void): Promise<void> {
  await runTask(serveStateRequest(chainId, id, ledger, from, req, send, t.stats))
}

/** The seqs of the `state-transferred` events in `events`. */
export const transferredSeqs = (events: ProtocolEvent[]): number[] => events.flatMap(e => e.type === 'state-transferred' ? [e.seq] : [])
