// The dashboard's live state: the cluster is polled every POLL_INTERVAL_MS (one poll at a time)
// and each new state is pushed to every open server-sent event stream.
import type { ServerResponse } from 'node:http'
import { ControlError } from './controls.js'
import type { ClusterPoller } from './poller.js'
import type { DashboardState } from './state.js'

export const POLL_INTERVAL_MS = 500
export const SSE_CLIENTS_MAX = 32

const frame = (state: DashboardState): string => `event: state\ndata: ${JSON.stringify(state)}\n\n`

export class StateStream {
  private readonly streams = new Set<ServerResponse>()
  private last: DashboardState | undefined
  private polling = false
  private readonly timer: NodeJS.Timeout

  /** Starts polling at once. */
  constructor (private readonly poller: ClusterPoller) {
    this.timer = setInterval(() => { void this.tick() }, POLL_INTERVAL_MS)
    void this.tick()
  }

  /** The latest state polled (undefined until the first poll ends). */
  latest (): DashboardState | undefined { return this.last }

  /** The latest state, or a poll now if none has ended yet. */
  async current (): Promise<DashboardState> { return this.last ?? await this.poller.poll() }

  /** Opens an event stream on `res`: the latest state now, then each new one (at most SSE_CLIENTS_MAX streams). */
  open (res: ServerResponse): void {
    if (this.streams.size >= SSE_CLIENTS_MAX) throw new ControlError(503, `at most ${SSE_CLIENTS_MAX} open dashboards`)
    res.writeHead(200, { 'content-type': 'text/event-stream', 'cache-control': 'no-cache', connection: 'keep-alive' })
    res.write('retry: 1000\n\n')
    if (this.last !== undefined) res.write(frame(this.last))
    this.streams.add(res)
    res.on('close', () => { this.streams.delete(res) })
  }

  /** Stops polling and ends every stream. */
  close (): void {
    clearInterval(this.timer)
    for (const res of this.streams) res.end()
  }

  private async tick (): Promise<void> {
    if (this.polling) return
    this.polling = true
    try {
      this.last = await this.poller.poll()
      const text = frame(this.last)
      for (const res of this.streams) res.write(text)
    } finally { this.polling = false }
  }
}
