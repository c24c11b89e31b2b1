// The network layer's log: a scoped logger handed in by whoever builds the network (the node
// passes a pino child logger, { scope: 'net' }), never one made here. Drops can come thousands a
// second under a flood, so each drop reason is logged once as a warning and after that only
// counted (pbft_network_dropped_total) and logged at debug level.
import type { Logger } from 'pino'

/** The part of a pino logger the network layer uses. */
export type NetLogger = Pick<Logger, 'debug' | 'info' | 'warn' | 'isLevelEnabled'>

/** For hosts nobody watches (the client SDK's): writes nothing. */
export const SILENT_NET_LOGGER: NetLogger = Object.freeze({ debug () {}, info () {}, warn () {}, isLevelEnabled: () => false })

/** Drop counters by reason, with the first drop of each reason logged. */
export class DropLog {
  readonly counts: Record<string, number> = {}

  constructor (private readonly log: NetLogger, private readonly what: string) {}

  drop (reason: string, fields?: Record<string, unknown>): void {
    const n = (this.counts[reason] ?? 0) + 1
    this.counts[reason] = n
    if (n === 1) this.log.warn({ reason, ...fields }, `${this.what} dropped: ${reason} (from now on counted in pbft_network_dropped_total, logged at debug level)`)
    else if (this.log.isLevelEnabled('debug')) this.log.debug({ reason, count: n, ...fields }, `${this.what} dropped: ${reason}`)
  }
}
