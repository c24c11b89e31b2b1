// Prometheus metrics of one replica process, served at /metrics. Counters kept by other layers
// (the network's drops, the driver's dropped events, the protocol core's drops) are read when
// /metrics is scraped.
import { Counter, Gauge, Histogram, Registry, collectDefaultMetrics } from 'prom-client'
import { DROP_REASONS } from '../protocol/drops.js'

/** Read-only views of the drop counters that other layers keep. */
export interface DropSources {
  /** ReplicaNetwork.stats.dropped: replica frames dropped, by reason. */
  replica: () => Readonly<Record<string, number>>
  /** ClientServer.dropped: client streams and frames dropped, by reason. */
  client: () => Readonly<Record<string, number>>
  /** The host's connection guard: inbound connections refused or closed, by reason. */
  connection: () => Readonly<Record<string, number>>
  /** Client admission (src/node/admission.ts): outcomes before any signature verify. */
  admission: () => Readonly<Record<string, number>>
  /** Driver.stats.droppedEvents: protocol events dropped because the driver's queue was full. */
  driverEvents: () => number
  /** ReplicaCore.drops(): inputs the protocol core dropped, by reason. */
  core: () => Readonly<Record<string, number>>
}

export class NodeMetrics {
  readonly registry = new Registry()
  readonly height = new Gauge({ name: 'pbft_last_executed_height', help: 'Height of the last executed block', registers: [this.registry] })
  readonly view = new Gauge({ name: 'pbft_view', help: 'Current view', registers: [this.registry] })
  readonly stableCheckpoint = new Gauge({ name: 'pbft_stable_checkpoint', help: 'Sequence number of the stable checkpoint', registers: [this.registry] })
  readonly viewChanges = new Gauge({ name: 'pbft_view_changes', help: 'View changes this replica has taken part in', registers: [this.registry] })
  readonly peersConnected = new Gauge({ name: 'pbft_peers_connected', help: 'Replicas connected', registers: [this.registry] })
  readonly messagesIn = new Counter({ name: 'pbft_messages_in_total', help: 'Replica messages received, by type', labelNames: ['type'], registers: [this.registry] })
  readonly messagesOut = new Counter({ name: 'pbft_messages_out_total', help: 'Replica messages sent, by type', labelNames: ['type'], registers: [this.registry] })
  readonly dropped = new Counter({ name: 'pbft_messages_dropped_total', help: 'Messages and requests dropped, by reason', labelNames: ['reason'], registers: [this.registry] })
  readonly txsCommitted = new Counter({ name: 'pbft_transactions_committed_total', help: 'Transactions in executed blocks', registers: [this.registry] })
  readonly batchSize = new Histogram({ name: 'pbft_batch_size', help: 'Transactions per executed block', buckets: [0, 1, 2, 4, 8, 16, 32, 64, 128, 256, 512, 1024, 2048], registers: [this.registry] })
  readonly commitLatency = new Histogram({ name: 'pbft_request_commit_latency_seconds', help: 'From a client request arriving here to its reply', buckets: [0.002, 0.005, 0.01, 0.02, 0.05, 0.1, 0.2, 0.5, 1, 2, 5], registers: [this.registry] })
  readonly signatureVerifications = new Counter({ name: 'pbft_signature_verifications_total', help: 'ed25519 verifications performed', registers: [this.registry] })
  readonly persistBatches = new Counter({ name: 'pbft_wal_fsyncs_total', help: 'Write-ahead batches fsynced', registers: [this.registry] })
  readonly evidence = new Counter({ name: 'pbft_evidence_total', help: 'Misbehaviour evidence recorded, by accused replica and kind', labelNames: ['accused', 'kind'], registers: [this.registry] })
  readonly traitor = new Gauge({ name: 'pbft_traitor_mode', help: '1 while this replica runs a traitor mode', labelNames: ['mode'], registers: [this.registry] })
  readonly adminRejected = new Counter({ name: 'pbft_admin_commands_rejected_total', help: 'Admin commands refused (bad signature, replay, disabled)', labelNames: ['reason'], registers: [this.registry] })

  readonly httpRefused = new Counter({ name: 'pbft_http_connections_refused_total', help: 'HTTP API connections closed at once because a connection limit was reached', labelNames: ['reason'], registers: [this.registry] })
  private sources: DropSources | undefined
  readonly networkDropped = new Counter({
    name: 'pbft_network_dropped_total', help: 'Frames, streams and connections dropped by the network layer, by layer (replica, client, connection) and reason', labelNames: ['layer', 'reason'], registers: [this.registry],
    collect: () => {
      if (this.sources === undefined) return
      this.networkDropped.reset()
      for (const [layer, counts] of [['replica', this.sources.replica()], ['client', this.sources.client()], ['connection', this.sources.connection()]] as const) {
        for (const [reason, n] of Object.entries(counts)) this.networkDropped.inc({ layer, reason }, n)
      }
    }
  })

  readonly driverDropped = new Counter({
    name: 'pbft_driver_dropped_events_total', help: 'Protocol events dropped because the driver queue was full', registers: [this.registry],
    collect: () => {
      if (this.sources === undefined) return
      this.driverDropped.reset()
      this.driverDropped.inc(this.sources.driverEvents())
    }
  })

  readonly coreDropped = new Counter({
    name: 'pbft_core_dropped_total', help: 'Inputs the protocol core dropped, by reason (invalid, stale or impersonated messages, votes it would not sign twice, full buffers)', labelNames: ['reason'], registers: [this.registry],
    collect: () => {
      if (this.sources === undefined) return
      this.coreDropped.reset()
      for (const reason of DROP_REASONS) this.coreDropped.inc({ reason }, 0) // listed from the start
      for (const [reason, n] of Object.entries(this.sources.core())) this.coreDropped.inc({ reason }, n)
    }
  })

  readonly admission = new Counter({
    name: 'pbft_admission_total', help: 'Client requests by admission outcome (admitted, copies, forged, busy, expired), decided before any signature verify', labelNames: ['outcome'], registers: [this.registry],
    collect: () => {
      if (this.sources === undefined) return
      this.admission.reset()
      for (const [outcome, n] of Object.entries(this.sources.admission())) this.admission.inc({ outcome }, n)
    }
  })

  /** Exports the drop counters of the network layer, the driver and the core from now on. */
  watch (sources: DropSources): void { this.sources = sources }

  constructor (labels: { replica: number }) {
    this.registry.setDefaultLabels({ replica: String(labels.replica) })
    collectDefaultMetrics({ register: this.registry })
  }
}
