// The real ports of the host (src/host) in a replica process: the LevelDB write-ahead log,
// libp2p, the ledger over its LevelDB block store (executing, and serving and applying blocks
// for the host's state transfer), client replies through admission, the node's evidence list,
// and setImmediate between rounds.
import type { Logger } from 'pino'
import { encodeClientFrame, encodeReplicaMessage, type Evidence, type TxReply } from '../codec/index.js'
import { txId } from '../crypto/digests.js'
import { toHex } from '../crypto/hash.js'
import type { DriverPorts } from '../host/driver.js'
import type { CorePort } from '../host/ports.js'
import type { TransferLog } from '../host/transfer.js'
import type { LedgerApi } from '../ledger/types.js'
import type { ReplicaNetwork } from '../net/replica-net.js'
import type { Admission } from './admission.js'
import type { NodeMetrics } from './metrics.js'
import type { WalStore } from './wal-store.js'

/** Evidence records kept for the API (the oldest go first). */
export const EVIDENCE_KEPT_MAX = 1000

/** What the ports reach of the node, which is built after them (it holds the driver). */
export interface NodeSide {
  admission: Admission
  evidence: Array<{ evidence: Evidence, atMs: number }>
  onReply: (client: Uint8Array, reply: TxReply) => void
  stop: () => Promise<void>
}

export interface RealPortsDeps {
  core: CorePort
  ledger: LedgerApi
  wal: WalStore
  net: ReplicaNetwork
  replicas: number
  metrics: NodeMetrics
  log: Logger
  node: () => NodeSide | undefined
  id: number
  chainId: string
}

export function realPorts (d: RealPortsDeps): DriverPorts {
  const { metrics, log } = d
  return {
    core: d.core,
    ledger: d.ledger,
    wal: { persist: async records => { await d.wal.append(records); metrics.persistBatches.inc() } },
    network: {
      send: (to, message) => { d.net.send(to, encodeReplicaMessage(message)); metrics.messagesOut.inc({ type: message.type }) },
      broadcast: message => { d.net.broadcast(encodeReplicaMessage(message)); metrics.messagesOut.inc({ type: message.type }, d.replicas - 1) },
      broadcastFrame: frame => { d.net.broadcast(frame) }
    },
    clients: {
      reply: (client, reply) => { d.node()?.onReply(client, reply) },
      reject: (tx, reason) => {
        metrics.dropped.inc({ reason: 'request-rejected' })
        const id = toHex(txId(tx))
        d.node()?.admission.done(id)
        d.node()?.admission.deliver(toHex(tx.client), encodeClientFrame({ error: `${id}: ${reason}` }))
      }
    },
    evidence: e => {
      metrics.evidence.inc({ accused: String(e.accused), kind: e.kind })
      log.warn({ accused: e.accused, kind: e.kind }, 'misbehaviour detected: evidence recorded')
      const kept = d.node()?.evidence
      kept?.push({ evidence: e, atMs: Date.now() })
      if (kept !== undefined && kept.length > EVIDENCE_KEPT_MAX) kept.shift()
    },
    transfer: { id: d.id, chainId: d.chainId, blocks: d.ledger, log: transferLog(d) },
    executed: (seq, _applied, txs) => { d.node()?.admission.onExecuted(txs, Date.now()); metrics.height.set(seq); metrics.txsCommitted.inc(txs); metrics.batchSize.observe(txs) },
    yieldTurn: async () => { await new Promise(resolve => setImmediate(resolve)) },
    fatal: err => { log.fatal({ err }, 'replica stopped on an unexpected error'); process.exitCode = 1; void d.node()?.stop() }
  }
}

/** What state transfer (src/host/transfer.ts) tells the operator. */
function transferLog ({ ledger, metrics, log }: RealPortsDeps): TransferLog {
  return {
    done: seq => { log.info({ seq }, 'state transfer complete') },
    badPeer: (peer, reason) => { metrics.dropped.inc({ reason: 'bad-state-transfer' }); log.warn({ peer, reason }, 'peer served a bad block') },
    pruned: (peer, prunedBelow, everyPeer) => {
      if (everyPeer) log.error({ prunedBelow, height: ledger.head().height }, 'every peer pruned the blocks this replica needs; it cannot catch up by block transfer (docs/ledger.md, Retention)')
      else log.warn({ peer, prunedBelow }, 'peer pruned the blocks we need; asking another')
    }
  }
}
