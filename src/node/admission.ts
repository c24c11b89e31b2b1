// Client admission (Aardvark, NSDI '09; BFT-SMaRt): a request is judged by cheap checks and
// bounds BEFORE its signature is verified, and an overloaded replica answers "busy, retry after
// T" at once instead of queueing work it cannot do in time. So rejected load costs a decode and
// a map lookup, never an ed25519 verify, and the queue stays short enough that the clients'
// re-send timers do not fire for requests that are merely waiting (no retransmission storm).
//
// Also the reply routes: a client's replies go to the streams that sent a transaction of that
// client whose signature verified here, and to no other (issue #13: a stranger naming a
// victim's public key in a badly signed transaction must not divert the victim's replies).
import { bytesEqual } from '../crypto/hash.js'

/** Transactions admitted at this replica and not yet answered: the adaptive limit's range. */
export const ADMITTED_MIN = 1024
export const ADMITTED_MAX = 4096
/** Admitted transactions of one client (the protocol core's own per-client bound is the same). */
export const ADMITTED_PER_CLIENT_MAX = 256
/** The limit is what this replica executes in this much time (queue delay target). */
export const ADMISSION_DELAY_TARGET_MS = 400
/** An admitted transaction not answered within this time is forgotten (its client re-sends). */
export const ADMITTED_TTL_MS = 30_000
/** Bounds of the "retry after" a busy answer carries. */
export const BUSY_RETRY_MIN_MS = 20
export const BUSY_RETRY_MAX_MS = 1000
/** Streams that may receive one client's replies, and clients with routes. */
export const ROUTES_PER_CLIENT_MAX = 4
export const CLIENT_ROUTES_MAX = 50_000
/** Time constant of the execution-rate estimate. */
const RATE_WINDOW_MS = 1000

export type Route = (bytes: Uint8Array) => void

interface Entry { client: string, signature: Uint8Array, atMs: number }

export type AdmissionVerdict =
  | { kind: 'new' }
  /** The same signed transaction is already admitted here (no second verify). */
  | { kind: 'copy' }
  /** Same transaction id (signature excluded) with other signature bytes than the one admitted. */
  | { kind: 'forged' }
  | { kind: 'busy', retryAfterMs: number, why: string }

export interface AdmissionStats { admitted: number, copies: number, forged: number, busy: number, expired: number }

export class Admission {
  private readonly admitted = new Map<string, Entry>()
  private readonly perClient = new Map<string, number>()
  private readonly routes = new Map<string, Route[]>()
  private rate = 0
  private rateSinceMs = 0
  private rateCount = 0
  readonly stats: AdmissionStats = { admitted: 0, copies: 0, forged: 0, busy: 0, expired: 0 }

  /** How many admitted transactions this replica may hold now. */
  limit (): number {
    return Math.max(ADMITTED_MIN, Math.min(ADMITTED_MAX, Math.round(this.rate * ADMISSION_DELAY_TARGET_MS / 1000)))
  }

  size (): number { return this.admitted.size }

  /** The cheap part of admission: no signature is checked here. */
  decide (id: string, client: string, signature: Uint8Array, backlog: number, backlogMax: number): AdmissionVerdict {
    const known = this.admitted.get(id)
    if (known !== undefined) {
      if (bytesEqual(known.signature, signature) && known.client === client) { this.stats.copies++; return { kind: 'copy' } }
      this.stats.forged++
      return { kind: 'forged' }
    }
    const limit = this.limit()
    let why: string | undefined
    if (this.admitted.size >= limit) why = `${this.admitted.size} transactions admitted (limit ${limit})`
    else if ((this.perClient.get(client) ?? 0) >= ADMITTED_PER_CLIENT_MAX) why = `${ADMITTED_PER_CLIENT_MAX} transactions of this client admitted`
    else if (backlog >= backlogMax) why = `${backlog} requests queued`
    if (why === undefined) return { kind: 'new' }
    this.stats.busy++
    return { kind: 'busy', retryAfterMs: this.retryAfterMs(), why }
  }

  /** Roughly how long the admitted work takes to drain, within the busy bounds. */
  retryAfterMs (): number {
    const drainMs = this.rate > 0 ? this.admitted.size * 1000 / this.rate : BUSY_RETRY_MAX_MS
    return Math.max(BUSY_RETRY_MIN_MS, Math.min(BUSY_RETRY_MAX_MS, Math.round(drainMs / 2)))
  }

  /** Records a transaction whose signature verified, and its stream as a route for its client. */
  admit (id: string, client: string, signature: Uint8Array, nowMs: number, route: Route): void {
    if (!this.admitted.has(id)) {
      this.admitted.set(id, { client, signature, atMs: nowMs })
      this.perClient.set(client, (this.perClient.get(client) ?? 0) + 1)
      this.stats.admitted++
    }
    this.addRoute(client, route)
  }

  /** A stream that sent a verified transaction of `client` receives its replies. */
  addRoute (client: string, route: Route): void {
    const list = this.routes.get(client) ?? []
    this.routes.delete(client) // re-insert: Map order = least recently used first
    const i = list.indexOf(route)
    if (i >= 0) list.splice(i, 1)
    list.push(route)
    if (list.length > ROUTES_PER_CLIENT_MAX) list.shift()
    this.routes.set(client, list)
    if (this.routes.size > CLIENT_ROUTES_MAX) {
      const oldest = this.routes.keys().next().value
      if (oldest !== undefined) this.routes.delete(oldest)
    }
  }

  /** Sends a frame to every route of `client`; false when there is none. */
  deliver (client: string, bytes: Uint8Array): boolean {
    const list = this.routes.get(client)
    if (list === undefined) return false
    for (const r of list) r(bytes)
    return true
  }

  /** The transaction was answered (reply or refusal): it no longer counts against the bounds. */
  done (id: string): void {
    const e = this.admitted.get(id)
    if (e === undefined) return
    this.admitted.delete(id)
    const c = (this.perClient.get(e.client) ?? 1) - 1
    if (c <= 0) this.perClient.delete(e.client)
    else this.perClient.set(e.client, c)
  }

  /** `txs` transactions executed: updates the rate estimate that sizes the limit. */
  onExecuted (txs: number, nowMs: number): void {
    if (this.rateSinceMs === 0) this.rateSinceMs = nowMs
    this.rateCount += txs
    const elapsed = nowMs - this.rateSinceMs
    if (elapsed >= RATE_WINDOW_MS / 4) {
      const sample = this.rateCount * 1000 / elapsed
      const w = Math.min(1, elapsed / RATE_WINDOW_MS)
      this.rate = this.rate === 0 ? sample : this.rate * (1 - w) + sample * w
      this.rateSinceMs = nowMs
      this.rateCount = 0
    }
  }

  /** Forgets admitted transactions older than ADMITTED_TTL_MS (oldest first, Map order). */
  expire (nowMs: number): void {
    for (const [id, e] of this.admitted) {
      if (nowMs - e.atMs < ADMITTED_TTL_MS) break
      this.done(id)
      this.stats.expired++
    }
    // Decay the rate when nothing executes, so a stalled replica does not keep a large limit.
    if (this.rateSinceMs !== 0 && nowMs - this.rateSinceMs > RATE_WINDOW_MS) this.onExecuted(0, nowMs)
  }
}
