// The client's congestion window (TCP's AIMD, applied to transactions): at most `size`
// transactions of this client are out at the replicas; the rest wait here, in order. A busy
// answer halves the window (once per retry-after period) and holds new sends until the
// retry-after passes; each commit widens it by one, up to the most a replica admits per client.
// A new client starts small (slow start), so a thousand clients starting at once do not send a
// full window each into an idle cluster.
// So a client offering more than the cluster can do sends about what it can do, and the
// re-sends of an overloaded cluster stay bounded by the window, not by the offered load.

/** The largest window: what one replica admits of one client (src/node/admission.ts). */
export const SEND_WINDOW_MAX = 256
/** Slow start: a new client begins here and widens by one per commit (doubling per round trip). */
export const SEND_WINDOW_INITIAL = 16

export interface WindowTicket { start: () => void, started: boolean, cancelled: boolean }

export class SendWindow {
  size = SEND_WINDOW_INITIAL
  private inFlight = 0
  private readonly waiting: WindowTicket[] = []
  private openAtMs = 0
  private lastShrinkMs = -Infinity
  private lastBusyMs = -Infinity
  private timer: NodeJS.Timeout | undefined

  constructor (private readonly now: () => number = () => performance.now()) {}

  /** Runs `start` now if the window allows, else when it does (FIFO). */
  enter (start: () => void): WindowTicket {
    const t: WindowTicket = { start, started: false, cancelled: false }
    this.waiting.push(t)
    this.pump()
    return t
  }

  /** The transaction finished (or was abandoned before it started). */
  leave (t: WindowTicket): void {
    if (t.started) this.inFlight--
    else t.cancelled = true
    this.pump()
  }

  /** A replica answered busy: shrink (once per period) and hold new sends for `retryAfterMs`. */
  busy (retryAfterMs: number): void {
    const now = this.now()
    this.lastBusyMs = now
    if (now - this.lastShrinkMs >= retryAfterMs) {
      this.size = Math.max(1, Math.floor(this.size / 2))
      this.lastShrinkMs = now
    }
    this.openAtMs = Math.max(this.openAtMs, now + retryAfterMs)
    this.pump()
  }

  /** True when a busy answer arrived within the last `ms`. */
  busySinceMs (ms: number): boolean { return this.now() - this.lastBusyMs <= ms }

  committed (): void {
    this.size = Math.min(SEND_WINDOW_MAX, this.size + 1)
    this.pump()
  }

  status (): { size: number, inFlight: number, waiting: number } {
    return { size: this.size, inFlight: this.inFlight, waiting: this.waiting.filter(t => !t.cancelled).length }
  }

  stop (): void { clearTimeout(this.timer) }

  private pump (): void {
    while (this.waiting.length > 0 && this.waiting[0]!.cancelled) this.waiting.shift()
    if (this.waiting.length === 0) return
    const wait = this.openAtMs - this.now()
    if (wait > 0) {
      if (this.timer === undefined) this.timer = setTimeout(() => { this.timer = undefined; this.pump() }, wait)
      return
    }
    while (this.inFlight < this.size && this.waiting.length > 0) {
      const t = this.waiting.shift()!
      if (t.cancelled) continue
      t.started = true
      this.inFlight++
      t.start()
    }
  }
}
