// The simulated world: replicas (real cores, real ledgers, in-memory disks), a network with
// delays, loss, duplication, reordering and partitions, and clocks with skew. Virtual time.
import { decodeReplicaFrame, encodeReplicaMessage, type ReplicaMessage, type Transaction, type TxReply } from '../codec/index.js'
import { createSigner, verify as verifyRule } from '../crypto/ed25519.js'
import { sha256, toHex } from '../crypto/hash.js'
import { AccountsApp } from '../app/accounts.js'
import { Traitor } from '../byzantine/traitor.js'
import type { TraitorSettings } from '../byzantine/modes.js'
import { Ledger } from '../ledger/ledger.js'
import { MemoryBlockStore } from '../ledger/store-memory.js'
import type { Genesis } from '../ledger/genesis.js'
import { Replica, type PlantedFault, type ProtocolConfig, type ProtocolCrypto, type ProtocolEvent, type WalRecord } from '../protocol/index.js'
import { ReplicaHost } from '../host/host.js'
import { MemoryWalStorage, WalLog, WalTornWrite, WalWriteFailed } from '../host/wal.js'
import { Invariants } from './invariants.js'
import { RESTART_AFTER_MS, simPorts } from './ports.js'
import type { StorageFaults } from './storage-faults.js'
import { WalDurability } from './wal-check.js'
import { LieWitness } from './lie-witness.js'
import type { Prng } from './prng.js'
import { EventQueue } from './queue.js'
import type { Director } from './directed.js'
import { SITUATIONS, Situations, type HostView } from './situations.js'
import type { Host, SimWorld, WorldEvent } from './machine.js'

export const TICK_MS = 10
export const VERIFY_MEMO_MAX = 200_000

export interface NetFaults { drop: number, dup: number, delayMs: number, jitterMs: number }

export type { Host, WorldEvent } from './machine.js'

/**
 * One memo of signature verdicts shared by all simulated replicas: verdicts are pure. A
 * decoded message is shared by every receiver of the same frame (see `decodeShared`), so its
 * signature object identifies it: the first lookup is by identity, then by content hash.
 */
export function memoVerify (): ProtocolCrypto['verify'] {
  const memo = new Map<string, boolean>()
  const byObject = new WeakMap<Uint8Array, { pub: Uint8Array, msg: number, verdict: boolean }>()
  return (pub, msg, sig) => {
    const seen = byObject.get(sig)
    if (seen !== undefined && seen.pub === pub && seen.msg === msg.byteLength) return seen.verdict
    const k = toHex(sha256(pub, sig, msg))
    let v = memo.get(k)
    if (v === undefined) {
      v = verifyRule(pub, msg, sig)
      if (memo.size >= VERIFY_MEMO_MAX) memo.clear()
      memo.set(k, v)
    }
    byObject.set(sig, { pub, msg: msg.byteLength, verdict: v })
    return v
  }
}

export class World implements SimWorld {
  readonly q = new EventQueue<WorldEvent>()
  readonly hosts: Host[] = []
  readonly inv: Invariants
  now = 0
  net: NetFaults = { drop: 0, dup: 0, delayMs: 2, jitterMs: 3 }
  /** blocked[a][b]: messages from a to b are lost. */
  blocked: boolean[][]
  readonly stats = { messages: 0, dropped: 0, duplicated: 0, crashes: 0, partitions: 0, failedWrites: 0, tornWrites: 0, evidence: [] as Array<{ accused: number, kind: string }> }
  onReply: (client: number, from: number, reply: TxReply) => void = () => {}
  onReject: (tx: Transaction) => void = () => {}
  /** The simulated clients of each account (two when they share one). */
  readonly clientIndex = new Map<string, number[]>()
  readonly verify = memoVerify()
  readonly witness: LieWitness
  /** Directed mode (src/sim/directed.ts): loses and rewrites chosen messages. */
  director: Director | undefined
  /** `--storage-faults` (storage-faults.ts): failed and torn WAL writes. Set before init. */
  storageFaults: StorageFaults | undefined
  readonly situations: Situations
  private readonly configs: ProtocolConfig[] = []
  private readonly cryptos: ProtocolCrypto[] = []

  constructor (readonly prng: Prng, readonly genesis: Genesis, readonly seeds: Uint8Array[], planted: PlantedFault[], traitors: Map<number, TraitorSettings>, gapFetch = true) {
    const n = genesis.replicas.length
    this.blocked = [...Array(n)].map(() => Array<boolean>(n).fill(false))
    this.inv = new Invariants(this.verify, genesis.params.window, genesis.replicas.map(r => r.publicKey), genesis)
    this.witness = new LieWitness(new Set(traitors.keys()), this.verify, genesis.replicas.map(r => r.publicKey))
    this.situations = new Situations(genesis.f, genesis.chainId)
    for (let i = 0; i < n; i++) {
      const config: ProtocolConfig = { chainId: genesis.chainId, id: i, publicKeys: genesis.replicas.map(r => r.publicKey), ...genesis.params, plantedFaults: traitors.has(i) ? [] : planted, gapFetch }
      const signer = createSigner(seeds[i] as Uint8Array)
      this.configs.push(config)
      this.cryptos.push({ sign: signer.sign, verify: this.verify })
    }
  }

  async init (traitors: Map<number, TraitorSettings>): Promise<void> {
    for (let i = 0; i < this.genesis.replicas.length; i++) {
      const ledger = await Ledger.open(this.genesis, new AccountsApp(this.genesis.accounts), new MemoryBlockStore(), this.verify)
      const core = this.makeCore(i, [], ledger)
      const settings = traitors.get(i)
      if (settings !== undefined) core.set(settings)
      const disk = new MemoryWalStorage(this.storageFaults?.hook(this))
      this.hosts.push({ id: i, honest: settings === undefined, core, host: this.makeHost(i, disk), up: true, disk, persisted: new Set(), durable: new WalDurability(), ledger, rate: 1 + (this.prng.float() - 0.5) * 0.2, viewChanges: 0 })
      this.q.push(this.prng.int(0, TICK_MS), { kind: 'tick', replica: i })
    }
  }

  private makeCore (i: number, records: WalRecord[], ledger: Ledger): Traitor {
    const config = this.configs[i] as ProtocolConfig
    const crypto = this.cryptos[i] as ProtocolCrypto
    const head = ledger.head()
    return new Traitor(config, crypto, restore => new Replica(config, crypto, restore), { records, lastExecuted: { seq: head.height, blockHash: head.blockHash } })
  }

  /** A host for replica i's process, whose WAL continues what `disk` holds. */
  private makeHost (i: number, disk: MemoryWalStorage): ReplicaHost {
    const plantedFaults = this.configs[i]?.plantedFaults
    return new ReplicaHost(simPorts(this, i, new WalLog(disk, disk.stored(), { plantedFaults })), { plantedFaults })
  }

  clock (h: Host): number { return Math.floor(this.now * h.rate) + 1_000_000 }

  crash (i: number, restartAt: number): void {
    const h = this.hosts[i] as Host
    if (!h.up) return
    h.up = false
    h.host.stop()
    const store = h.ledger.store
    if (store instanceof MemoryBlockStore) {
      const head = store.head()
      store.powerCut()
      if (h.honest && store.head() < head) this.situations.note(SITUATIONS.powerCut)
    }
    this.witness.forget(i)
    this.stats.crashes++
    const lost = h.honest ? h.durable.lost(h.disk.stored().map(s => s.record)) : undefined
    if (lost !== undefined) this.inv.violate(`wal: honest replica ${i} crashed and its disk no longer holds ${lost}`)
    this.q.push(restartAt, { kind: 'restart', replica: i })
    this.tellPeers(i, false)
  }

  /** A process that dies or starts closes or opens its connections: the others notice soon after. */
  private tellPeers (i: number, up: boolean): void {
    for (const h of this.hosts) if (h.id !== i) this.q.push(this.now + this.prng.int(1, 20), { kind: 'peer', to: h.id, replica: i, up })
  }

  /** Replica i's process starts again, from what its disks kept: the WAL and the durable blocks. */
  async restart (i: number): Promise<void> {
    const h = this.hosts[i] as Host
    if (h.up) return
    h.ledger = await Ledger.open(this.genesis, new AccountsApp(this.genesis.accounts), h.ledger.store, this.verify)
    const settings = h.core.current()
    h.core = this.makeCore(i, h.disk.stored().map(s => s.record), h.ledger)
    h.host = this.makeHost(i, h.disk)
    if (!h.honest) h.core.set(settings)
    h.up = true
    this.tellPeers(i, true)
  }

  /** Steps one event into replica i's host; `crashAfter` plants a crash after that many effects (host.ts). */
  async step (i: number, event: ProtocolEvent, crashAfter = -1): Promise<void> {
    const h = this.hosts[i] as Host
    if (!h.up) return
    try {
      await h.host.step([event], crashAfter)
    } catch (err) {
      this.failed(h, err)
    }
    if (h.honest && h.up) this.inv.checkMemory(h.id, h.core.sizes())
  }

  /**
   * A step threw. A torn WAL write: the process died during it, and restarts later from what
   * reached the disk. A failed one: fatal, the replica stops (until the heal restarts it). A
   * traitor that breaks itself just stops; an honest replica throwing anything else is a bug.
   */
  private failed (h: Host, err: unknown): void {
    if (err instanceof WalTornWrite) {
      this.stats.tornWrites++
      this.crash(h.id, this.now + this.prng.int(RESTART_AFTER_MS.min, RESTART_AFTER_MS.max))
    } else if (err instanceof WalWriteFailed) {
      this.stats.failedWrites++
      this.crash(h.id, Number.MAX_SAFE_INTEGER)
    } else if (h.honest) {
      throw err
    } else {
      this.crash(h.id, Number.MAX_SAFE_INTEGER)
    }
  }

  /** One message from h to `to` over the simulated network (the host's network port). */
  transmit (h: Host, to: number, m: ReplicaMessage, bytes: Uint8Array): void {
    if (h.honest) this.inv.onSent(h.id, m, h.persisted, h.core.sizes().view)
    this.stats.messages++
    if (this.director !== undefined) {
      const lie = this.director.rewrite(h.id, to, m)
      if (lie === null || !this.director.pass(h.id, to, lie ?? m)) { this.stats.dropped++; return }
      if (lie !== undefined) { m = lie; bytes = encodeReplicaMessage(lie) }
    }
    if (!this.enqueueDelivery(h.id, to, bytes)) return
    if (this.prng.chance(this.net.dup)) { this.stats.duplicated++; this.q.push(this.now + this.delay(), { kind: 'deliver', to, from: h.id, bytes }) }
  }

  transmitFrame (h: Host, to: number, bytes: Uint8Array): void {
    this.stats.messages++
    this.enqueueDelivery(h.id, to, bytes)
  }

  /** Bytes from `from` to `to` over the lossy network: false (counted) when lost. */
  private enqueueDelivery (from: number, to: number, bytes: Uint8Array): boolean {
    if (this.lost(from, to)) { this.stats.dropped++; return false }
    this.q.push(this.now + this.delay(), { kind: 'deliver', to, from, bytes })
    return true
  }

  /** Situations (situations.ts), and the directed oracle: an honest replica never votes for a lie. */
  sentByHonest (h: Host, m: ReplicaMessage): void {
    this.situations.sent(this.hostView(h), m, this.hosts.map(x => this.hostView(x)))
    // A CHECKPOINT vouches that the block survives this replica's power cut (ledger.ts): once
    // 2f + 1 vouch, the others compact their logs and may lose their copy of it.
    const store = h.ledger.store
    if (m.type === 'checkpoint' && store instanceof MemoryBlockStore && store.durable() < m.checkpoint.seq) {
      this.inv.violate(`durability: honest replica ${h.id} sent a CHECKPOINT for seq ${m.checkpoint.seq} while its blocks were durable only up to ${store.durable()}`)
    }
    if (this.director === undefined || (m.type !== 'prepare' && m.type !== 'commit')) return
    const v = m.type === 'prepare' ? m.prepare : m.commit
    const lie = this.director.lies.get(`${v.view}/${v.seq}/${toHex(v.digest)}`)
    if (lie !== undefined) this.inv.violate(`directed: honest replica ${h.id} sent a ${m.type} for a pre-prepare with a lie (${lie}) at view ${v.view} seq ${v.seq}`)
  }

  private hostView (h: Host): HostView {
    return { id: h.id, honest: h.honest, up: h.up, lastExecuted: () => h.ledger.head().height }
  }

  lost (from: number, to: number): boolean {
    if (to >= 0 && this.blocked[from]?.[to] === true) return true
    return this.prng.chance(this.net.drop)
  }

  delay (): number { return this.net.delayMs + Math.floor(-Math.log(1 - this.prng.float()) * this.net.jitterMs) }

  async deliver (to: number, from: number, bytes: Uint8Array): Promise<void> {
    const m = this.decodeShared(bytes)
    if (m === undefined) return
    const receiver = this.hosts[to]
    if (receiver?.up === true) this.witness.observe(from, to, m, () => receiver.core.status())
    if (receiver?.up === true && receiver.honest) {
      this.situations.delivered(from, to, m)
      const kind = m.type === 'pre-prepare' ? this.director?.lies.get(`${m.prePrepare.view}/${m.prePrepare.seq}/${toHex(m.prePrepare.digest)}`) : undefined
      if (kind !== undefined) this.situations.note(`${SITUATIONS.lieReached}: ${kind}`)
    }
    await this.step(to, { type: 'message', from, message: m })
  }

  /** Every receiver of one frame gets the same decoded object (the core never mutates input). */
  private readonly decoded = new WeakMap<Uint8Array, ReplicaMessage | null>()
  private decodeShared (bytes: Uint8Array): ReplicaMessage | undefined {
    let m = this.decoded.get(bytes)
    if (m === undefined) {
      const d = decodeReplicaFrame(bytes)
      m = d.ok ? d.value : null
      this.decoded.set(bytes, m)
    }
    return m ?? undefined
  }
}
