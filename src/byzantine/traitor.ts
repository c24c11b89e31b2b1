// A traitor replica: the honest core wrapped so that its actions are rewritten by the active
// traitor modes. It keeps the honest core's keys, so every lie is signed. Usable by the
// simulator and by a real replica process; modes can be switched at runtime.
import { signingBytes, type ReplicaMessage, type Transaction } from '../codec/index.js'
import { sha256, toHex } from '../crypto/hash.js'
import type { Action, ProtocolConfig, ProtocolCrypto, ProtocolEvent, ReplicaCore, ReplicaStatus, RestoreState } from '../protocol/types.js'
import { lie } from './lies.js'
import { Collusion } from './collude.js'
import { lieReply } from './resign.js'
import { lieInStateResponse } from './state-lies.js'
import type { TraitorMode, TraitorSettings } from './modes.js'

export const HELD_ACTIONS_MAX = 1024
export const REMEMBERED_MESSAGES_MAX = 256
export const FLOOD_MESSAGES_PER_TICK = 64
/** Frames that do not decode, sent per tick in mode flood besides the re-sent messages. */
export const FLOOD_MALFORMED_PER_TICK = 8
const utf8 = new TextEncoder()
export const STORM_INTERVAL_MS = 250
/** amnesia forgets its votes again (at most this often) whenever it has seqs in flight. */
export const AMNESIA_INTERVAL_MS = 100

type ViewChangeMsg = Extract<ReplicaMessage, { type: 'view-change' }>['viewChange']

export type CoreFactory = (restore?: RestoreState) => ReplicaCore

export class Traitor implements ReplicaCore {
  private inner: ReplicaCore
  private settings: TraitorSettings = { modes: [] }
  private modes = new Set<TraitorMode>()
  private nowMs = 0
  private lastStormMs = 0
  private lastForgetMs = 0
  /** Frames of mode flood made so far (their bytes hash this counter). */
  private floodFrames = 0
  private lastExecuted: { seq: number, blockHash: Uint8Array } = { seq: 0, blockHash: new Uint8Array(32) }
  private readonly held: Array<{ atMs: number, action: Action }> = []
  private readonly sent: ReplicaMessage[] = []
  private readonly committed: Transaction[] = []
  private readonly collusion: Collusion
  /** Drop counters of the cores amnesia threw away, so that drops() only ever grows. */
  private readonly forgottenDrops = new Map<string, number>()
  readonly stats = { lies: 0, dropped: 0, held: 0 }

  constructor (private readonly config: ProtocolConfig, private readonly crypto: ProtocolCrypto,
    private readonly makeCore: CoreFactory, restore?: RestoreState) {
    this.inner = makeCore(restore)
    this.collusion = new Collusion({ id: config.id, n: config.publicKeys.length, chainId: config.chainId, sign: crypto.sign, primary: v => v % config.publicKeys.length }, to => this.targeted(to))
    if (restore !== undefined) this.lastExecuted = restore.lastExecuted
  }

  get n (): number { return this.config.publicKeys.length }

  set (settings: TraitorSettings): void {
    this.settings = settings
    this.modes = new Set(settings.modes)
    if (this.modes.has('amnesia')) this.forget()
  }

  /** Forget every persisted vote: a fresh core that only knows what the ledger executed. */
  private forget (): void {
    for (const [reason, n] of Object.entries(this.inner.drops())) this.forgottenDrops.set(reason, (this.forgottenDrops.get(reason) ?? 0) + n)
    this.inner = this.makeCore({ records: [], lastExecuted: this.lastExecuted })
    this.lastForgetMs = this.nowMs
  }

  current (): TraitorSettings { return this.settings }

  has (mode: TraitorMode): boolean { return this.modes.has(mode) }

  status (): ReplicaStatus { return this.inner.status() }

  sizes (): { view: number, pendingRequests: number, slots: number } { return this.inner.sizes() }

  /** The honest core's drop counters, including those of cores amnesia replaced. */
  drops (): Readonly<Record<string, number>> {
    const out = Object.fromEntries(this.forgottenDrops)
    for (const [reason, n] of Object.entries(this.inner.drops())) out[reason] = (out[reason] ?? 0) + n
    return out
  }

  step (event: ProtocolEvent): Action[] {
    if (event.type === 'tick') {
      this.nowMs = event.nowMs
      if (this.modes.has('amnesia') && this.nowMs - this.lastForgetMs >= AMNESIA_INTERVAL_MS && this.inner.sizes().slots > 0) this.forget()
    }
    if (event.type === 'executed' || event.type === 'state-transferred') this.lastExecuted = { seq: event.seq, blockHash: event.blockHash }
    if (this.censors(event)) return []
    const actions = this.inner.step(event)
    for (const a of actions) if (a.type === 'execute') this.remember(this.committed, ...a.batch.txs)
    if (this.modes.size === 0 || this.lastExecuted.seq + 1 < (this.settings.fromSeq ?? 0)) return actions
    const out = this.rewrite(actions)
    if (event.type === 'message' && event.message.type === 'pre-prepare' && this.modes.has('collude')) {
      const pp = event.message.prePrepare
      out.push(...this.collusion.note(pp.view, pp.seq, pp.digest).map(v => ({ type: 'send' as const, ...v })))
    }
    if (event.type === 'tick') out.push(...this.release(), ...this.storm(), ...this.flood())
    return out
  }

  /**
   * Frames that do not decode, to every peer (CorePort.malformed, asked by the host after a
   * tick): mode flood's garbage, FLOOD_MALFORMED_PER_TICK of 64 to 176 bytes. Deterministic
   * (hashes of a counter, for the simulator), and each starts with protobuf field number 0,
   * which no decoder accepts.
   */
  malformed (): Uint8Array[] {
    if (!this.modes.has('flood')) return []
    return Array.from({ length: FLOOD_MALFORMED_PER_TICK }, (_, i) => {
      const bytes = new Uint8Array(64 + i * 16)
      for (let at = 0; at < bytes.length; at += 32) bytes.set(sha256(utf8.encode(`flood/${this.config.id}/${this.floodFrames}/${at}`)).subarray(0, bytes.length - at), at)
      this.floodFrames++
      bytes[0] = 0
      return bytes
    })
  }

  /**
   * The host's own messages on their way out (CorePort.outbound): `bad-state-transfer` alters
   * the blocks it serves (state-lies.ts), to every fetcher unless `targets` names some.
   */
  outbound (to: number, m: ReplicaMessage): ReplicaMessage {
    if (m.type !== 'state-response' || m.stateResponse.blocks.length === 0 || !this.modes.has('bad-state-transfer')) return m
    const targets = this.settings.targets
    if (targets !== undefined && targets.length > 0 && !targets.includes(to)) return m
    this.stats.lies++
    return { type: 'state-response', stateResponse: lieInStateResponse(m.stateResponse) }
  }

  private censors (e: ProtocolEvent): boolean {
    if (!this.modes.has('censor')) return false
    const tx = e.type === 'request' ? e.tx : e.type === 'message' && e.message.type === 'request' ? e.message.request : undefined
    if (tx === undefined) return false
    const chosen = this.settings.censorClients ?? []
    return chosen.length === 0 || chosen.includes(toHex(tx.client))
  }

  private targeted (to: number): boolean {
    const t = this.settings.targets
    if (t !== undefined && t.length > 0) return t.includes(to)
    return to % 2 === 1 // default: lie to every other replica, so the lie conflicts with the truth
  }

  private rewrite (actions: Action[]): Action[] {
    const out: Action[] = []
    for (const a of actions) {
      if (a.type === 'reply' && this.modes.has('wrong-replies')) {
        out.push({ ...a, reply: lieReply(this.crypto.sign, a.reply) })
        this.stats.lies++
        continue
      }
      if (a.type !== 'send' && a.type !== 'broadcast') { out.push(a); continue }
      if (this.modes.has('collude') && this.colludes(out, a.message)) continue
      const receivers = a.type === 'send' ? [a.to] : [...Array(this.n).keys()].filter(i => i !== this.config.id)
      for (const to of receivers) {
        const lies = lie(a.message, {
          modes: this.modes, sign: this.crypto.sign, n: this.n, id: this.config.id, targeted: this.targeted(to), committedTx: this.committed[0]
        })
        if (lies.length === 0) this.stats.dropped++
        for (const m of lies) this.emit(out, { type: 'send', to, message: m })
      }
      this.remember(this.sent, a.message)
    }
    return out
  }

  /**
   * collude (src/byzantine/collude.ts): an equivocating primary's pre-prepare is split between
   * the sides. The core's own votes are withheld: a colluder votes only through the collusion,
   * once it knows both sides (a vote sent earlier would be the one receivers count).
   */
  private colludes (out: Action[], m: ReplicaMessage): boolean {
    if (m.type === 'prepare' || m.type === 'commit') return true
    if (m.type !== 'pre-prepare' || !this.modes.has('equivocate')) return false
    const pair = lie(m, { modes: this.modes, sign: this.crypto.sign, n: this.n, id: this.config.id, targeted: true })
    for (const [to, msgs] of this.collusion.split(pair, this.settings.colluders ?? [])) for (const x of msgs) out.push({ type: 'send', to, message: x })
    for (const x of pair) if (x.type === 'pre-prepare') for (const v of this.collusion.note(x.prePrepare.view, x.prePrepare.seq, x.prePrepare.digest)) out.push({ type: 'send', ...v })
    this.remember(this.sent, m)
    return true
  }

  private emit (out: Action[], a: Extract<Action, { type: 'send' }>): void {
    const slow = this.modes.has('slow') && a.message.type === 'pre-prepare'
    if (slow && this.held.length < HELD_ACTIONS_MAX) {
      this.held.push({ atMs: this.nowMs + Math.floor(this.config.viewChangeTimeoutMs * 0.8), action: a })
      this.stats.held++
      return
    }
    if (this.modes.has('stale-replay') && this.sent.length > 0) {
      out.push({ type: 'send', to: a.to, message: this.sent[(this.nowMs + a.to) % this.sent.length] as ReplicaMessage })
    }
    out.push(a)
  }

  private release (): Action[] {
    const due: Action[] = []
    while (this.held.length > 0 && (this.held[0] as { atMs: number }).atMs <= this.nowMs) due.push((this.held.shift() as { action: Action }).action)
    return due
  }

  private storm (): Action[] {
    if (!this.modes.has('view-change-storm') || this.nowMs - this.lastStormMs < STORM_INTERVAL_MS) return []
    this.lastStormMs = this.nowMs
    const s = this.inner.status()
    const vc: ViewChangeMsg = { chainId: this.config.chainId, newView: s.view + 1 + Math.floor(this.nowMs / STORM_INTERVAL_MS) % 3, stableSeq: 0, checkpointProof: [], prepared: [], replica: this.config.id, signature: new Uint8Array(0) }
    vc.signature = this.crypto.sign(signingBytes('viewChange', vc))
    return [{ type: 'broadcast', message: { type: 'view-change', viewChange: vc, batches: [] } }]
  }

  private flood (): Action[] {
    if (!this.modes.has('flood') || this.sent.length === 0) return []
    const out: Action[] = []
    for (let i = 0; i < FLOOD_MESSAGES_PER_TICK; i++) {
      out.push({ type: 'broadcast', message: this.sent[i % this.sent.length] as ReplicaMessage })
    }
    return out
  }

  private remember<T> (ring: T[], ...items: T[]): void {
    for (const x of items) {
      ring.push(x)
      if (ring.length > REMEMBERED_MESSAGES_MAX) ring.shift()
    }
  }
}

