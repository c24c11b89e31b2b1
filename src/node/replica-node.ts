// One replica process: the pure core driven with the real clock, the LevelDB stores, the
// accounts app, libp2p, the HTTP API and metrics.
import '../polyfill.js'
import { mkdirSync } from 'node:fs'
import { join } from 'node:path'
import type { Libp2p } from '@libp2p/interface'
import pino, { type Logger } from 'pino'
import { assertNever, claimedSender, decodeClientFrame, decodeReplicaFrame, encodeClientFrame, signingBytes, type Evidence, type ReplicaMessage, type TxReply } from '../codec/index.js'
import { createSigner, verify } from '../crypto/ed25519.js'
import { txId } from '../crypto/digests.js'
import { toHex } from '../crypto/hash.js'
import { loadKeyFile } from '../crypto/keyfile.js'
import { AccountsApp } from '../app/accounts.js'
import { Traitor } from '../byzantine/traitor.js'
import { loadGenesis, type Genesis } from '../ledger/genesis.js'
import { Ledger } from '../ledger/ledger.js'
import { LevelBlockStore } from '../ledger/store-level.js'
import { Replica } from '../protocol/replica.js'
import { TIMER_STEP_MAX_MS } from '../protocol/limits.js'
import type { ProtocolConfig, ProtocolCrypto } from '../protocol/types.js'
import { createHost } from '../net/host.js'
import { ClientServer } from '../net/client-net.js'
import { ReplicaNetwork } from '../net/replica-net.js'
import { AdminGate } from './admin.js'
import { Admission } from './admission.js'
import { Driver } from '../host/driver.js'
import { REQUEST_QUEUE_MAX } from '../host/limits.js'
import { realPorts } from './host-ports.js'
import { NodeMetrics } from './metrics.js'
import { startApi } from './routes.js'
import { PreVerifier } from './preverify.js'
import { VerifyCache } from './verify-cache.js'
import { ViewWatch } from './view-log.js'
import { WalStore } from './wal-store.js'
import type { Server } from 'node:http'

export const TICK_MS = 10
/** A tick this much later than the last one is logged as an event-loop stall (the liveness timers do not count the rest). */
const STALL_WARN_MS = TIMER_STEP_MAX_MS
/** Arrival times kept for the commit-latency metric. */
export const ARRIVALS_MAX = 50_000

export interface ReplicaNodeOptions {
  genesisPath: string
  keyPath: string
  dataDir: string
  id: number
  logLevel?: string
  /** Override the API listen port from genesis (0 = any free port). */
  apiPort?: number
  /** Override the libp2p listen addresses from genesis (e.g. to run a twin of a replica). */
  listen?: string[]
}

export class ReplicaNode {
  readonly evidence: Array<{ evidence: Evidence, atMs: number }> = []
  readonly admission = new Admission()
  apiPort = 0
  private timer: NodeJS.Timeout | undefined
  private server: Server | undefined
  private readonly arrivals = new Map<string, number>()
  private readonly views = new ViewWatch()

  constructor (readonly genesis: Genesis, readonly id: number, readonly log: Logger, readonly metrics: NodeMetrics,
    readonly app: AccountsApp, readonly ledger: Ledger, private readonly store: LevelBlockStore, private readonly wal: WalStore,
    readonly core: Traitor, readonly driver: Driver, readonly host: Libp2p, readonly net: ReplicaNetwork,
    private readonly clients: ClientServer, readonly admin: AdminGate,
    private readonly verify: (pub: Uint8Array, bytes: Uint8Array, sig: Uint8Array) => boolean) {
    // (the driver counts what its full queue drops: pbft_driver_dropped_events_total)
    this.preverify = new PreVerifier(genesis.chainId, verify, e => { this.driver.push(e) })
  }

  /** Client signatures inside replica messages are checked here, in chunks, before the core steps them. */
  private readonly preverify: PreVerifier

  status (): Record<string, unknown> {
    const s = this.core.status()
    const head = this.ledger.head()
    return {
      id: this.id, chainId: this.genesis.chainId, view: s.view, role: s.primary === this.id ? 'primary' : 'backup', primary: s.primary,
      viewChanging: s.viewChanging, height: head.height, blockHash: toHex(head.blockHash), stateRoot: toHex(head.stateRoot),
      stableCheckpoint: s.stableCheckpoint, lowWatermark: s.lowWatermark, highWatermark: s.highWatermark,
      pendingRequests: s.pendingRequests, viewChanges: s.viewChanges, viewChangeCause: s.viewChangeCause, peersConnected: this.net.connected(),
      traitor: this.core.current(), inFlight: s.inFlight, evidence: this.evidence.length, stateTransfer: this.driver.transfer().active
    }
  }

  startTimers (): void {
    let lastTick = Date.now()
    this.timer = setInterval(() => {
      const now = Date.now()
      // A timer this late means the event loop was blocked: worth a line, it explains timeouts.
      if (now - lastTick >= STALL_WARN_MS) this.log.warn({ stalledMs: now - lastTick, queued: this.driver.backlog(), preverifying: this.preverify.backlog() }, 'event loop stalled')
      lastTick = now
      this.driver.push({ type: 'tick', nowMs: now })
      this.admission.expire(now)
      const s = this.core.status()
      this.metrics.view.set(s.view)
      this.metrics.stableCheckpoint.set(s.stableCheckpoint)
      this.metrics.viewChanges.set(s.viewChanges)
      this.metrics.peersConnected.set(this.net.connected().length)
      const viewEvent = this.views.observe(s)
      if (viewEvent !== undefined) { const { msg, ...fields } = viewEvent; this.log.info(fields, msg) }
    }, TICK_MS)
  }

  setServer (server: Server, port: number): void { this.server = server; this.apiPort = port }

  /** A frame from an authenticated replica: decoded, its signer checked against the peer, to the host (state transfer included). */
  onReplicaFrame (from: number, bytes: Uint8Array): void {
    const d = decodeReplicaFrame(bytes)
    if (!d.ok) { this.metrics.dropped.inc({ reason: 'decode' }); return }
    const m = d.value
    const sender = claimedSender(m)
    if (sender !== undefined && sender !== from) { this.metrics.dropped.inc({ reason: 'signer-is-not-the-peer' }); return }
    this.metrics.messagesIn.inc({ type: m.type })
    if (!this.preverify.submit({ type: 'message', from, message: m })) this.metrics.dropped.inc({ reason: 'preverify-queue-full' })
  }

  /**
   * A client frame: decoded, cheap checks and admission bounds (src/node/admission.ts) BEFORE
   * the one signature verify of this copy; then its stream becomes a reply route of its client
   * and the request goes to the core. Busy answers carry a "retry after".
   */
  onClientRequest (bytes: Uint8Array, reply: (bytes: Uint8Array) => void): void {
    const d = decodeClientFrame(bytes)
    if (!d.ok || d.value.request == null) { this.metrics.dropped.inc({ reason: 'client-decode' }); return }
    const tx = d.value.request
    const id = toHex(txId(tx))
    const refuse = (reason: string, why: string): void => {
      this.metrics.dropped.inc({ reason })
      reply(encodeClientFrame({ error: `${id}: ${why}` }))
    }
    if (tx.chainId !== this.genesis.chainId) return refuse('request-wrong-chain', 'wrong chain id')
    // Committed state, no signature yet: an unfunded sender or a nonce too far ahead costs a
    // decode and a map lookup. A used nonce goes on: if this very transaction executed, the core
    // answers with its cached reply (a retransmission), else it is ordered and fails as a duplicate.
    const now = Date.now()
    const problem = this.app.admissionProblem(tx, now)
    if (problem !== undefined && !problem.startsWith('duplicate nonce') && !problem.startsWith('nonce too old')) {
      return refuse(problem.startsWith('unfunded') ? 'request-unfunded' : 'request-refused', problem)
    }
    const client = toHex(tx.client)
    const verdict = this.admission.decide(id, client, tx.signature, this.driver.requestBacklog(), REQUEST_QUEUE_MAX)
    switch (verdict.kind) {
      case 'forged':
        this.metrics.dropped.inc({ reason: 'request-forged-copy' })
        return
      case 'busy':
        this.metrics.dropped.inc({ reason: 'request-busy' })
        reply(encodeClientFrame({ error: `${id}: busy: ${verdict.why}`, retryAfterMs: verdict.retryAfterMs }))
        return
      case 'copy':
        // The same signed bytes that verified here before: a re-send (maybe on another stream).
        this.admission.addRoute(client, reply)
        this.driver.push({ type: 'request', tx })
        return
      case 'new': break
      default: assertNever(verdict)
    }
    if (!this.verify(tx.client, signingBytes('transaction', tx), tx.signature)) return refuse('request-bad-signature', 'invalid signature')
    this.admission.admit(id, client, tx.signature, now, reply)
    if (this.arrivals.size < ARRIVALS_MAX) this.arrivals.set(id, now)
    this.driver.push({ type: 'request', tx })
  }

  onReply (client: Uint8Array, txReply: TxReply): void {
    const key = toHex(txReply.txId)
    const at = this.arrivals.get(key)
    if (at !== undefined) { this.metrics.commitLatency.observe((Date.now() - at) / 1000); this.arrivals.delete(key) }
    this.admission.done(key)
    this.admission.deliver(toHex(client), encodeClientFrame({ txReply }))
  }

  async stop (): Promise<void> {
    if (this.timer !== undefined) clearInterval(this.timer)
    this.preverify.stop()
    this.driver.stop()
    await new Promise<void>(resolve => { if (this.server === undefined) resolve(); else this.server.close(() => { resolve() }) })
    this.server?.closeAllConnections()
    await this.net.stop()
    await this.clients.stop()
    await this.host.stop()
    await this.driver.idle().catch(() => {})
    await this.wal.close()
    await this.store.close()
  }
}

export function protocolConfig (g: Genesis, id: number): ProtocolConfig {
  return { chainId: g.chainId, id, publicKeys: g.replicas.map(r => r.publicKey), ...g.params }
}

export async function startReplica (o: ReplicaNodeOptions): Promise<ReplicaNode> {
  const log = pino({ level: o.logLevel ?? 'info', base: { replica: o.id } })
  const genesis = loadGenesis(o.genesisPath)
  const me = genesis.replicas[o.id]
  if (me === undefined) throw new RangeError(`replica id ${o.id} is not in ${o.genesisPath} (ids 0..${genesis.replicas.length - 1})`)
  const keys = loadKeyFile(o.keyPath)
  if (toHex(keys.publicKey) !== toHex(me.publicKey)) throw new Error(`${o.keyPath} is not replica ${o.id}'s key (its public key differs from genesis)`)
  mkdirSync(o.dataDir, { recursive: true })
  const metrics = new NodeMetrics({ replica: o.id })
  const verifier = new VerifyCache((pub, msg, sig) => { metrics.signatureVerifications.inc(); return verify(pub, msg, sig) })
  const { store, report } = await LevelBlockStore.open(join(o.dataDir, 'blocks'))
  if (report.truncatedFrom !== undefined) log.warn({ height: report.truncatedFrom, reason: report.reason }, 'corrupt block store tail cut off; it will be fetched from peers')
  const app = new AccountsApp(genesis.accounts)
  const ledger = await Ledger.open(genesis, app, store, verifier.verify)
  const { wal, records } = await WalStore.open(join(o.dataDir, 'wal'))
  const config = protocolConfig(genesis, o.id)
  const signer = createSigner(keys.seed)
  const crypto: ProtocolCrypto = { sign: signer.sign, verify: verifier.verify }
  const head = ledger.head()
  const core = new Traitor(config, crypto, restore => new Replica(config, crypto, restore), { records, lastExecuted: { seq: head.height, blockHash: head.blockHash } })
  const replicaPeers = new Set(genesis.replicas.map(r => r.peerId))
  const host = await createHost({ seed: keys.seed, listen: o.listen ?? me.addrs, dialAllow: replicaPeers, reserved: replicaPeers, log: log.child({ scope: 'net:connections' }) })
  const net = new ReplicaNetwork(host, o.id, genesis.replicas, log.child({ scope: 'net:replicas' }))
  const clients = new ClientServer(host, log.child({ scope: 'net:clients' }))
  const admin = new AdminGate(genesis, o.id, join(o.dataDir, 'admin-nonce'))
  metrics.watch({
    replica: () => net.stats.dropped, client: () => clients.dropped, driverEvents: () => driver.stats.droppedEvents,
    connection: () => host.services.connectionGuard.dropped, admission: () => ({ ...node?.admission.stats }), core: () => core.drops()
  })
  let node: ReplicaNode | undefined
  const driver = new Driver(realPorts({
    core, ledger, wal, net, replicas: genesis.replicas.length, metrics, log, node: () => node, id: o.id, chainId: genesis.chainId
  }))
  node = new ReplicaNode(genesis, o.id, log, metrics, app, ledger, store, wal, core, driver, host, net, clients, admin, verifier.verify)
  const started = node
  net.onFrame((from, bytes) => { started.onReplicaFrame(from, bytes) })
  net.onPeer((replica, up) => {
    log.info({ peer: replica }, up ? 'connection to replica open again' : 'connection to replica closed')
    driver.push({ type: 'peer', replica, up })
  })
  await host.start()
  // The core's clock starts at the first tick: give it the wall clock before any request can
  // arrive, or a request stamped at time 0 looks a lifetime old at the first tick and starts a view change.
  driver.push({ type: 'tick', nowMs: Date.now() })
  await net.start()
  await clients.start((bytes, reply) => { started.onClientRequest(bytes, reply) })
  const api = await startApi(node, o.apiPort)
  node.setServer(api.server, api.port)
  node.startTimers()
  log.info({ view: core.status().view, height: head.height, api: `http://127.0.0.1:${api.port}`, addrs: me.addrs, wal: records.length }, 'replica started')
  return node
}
