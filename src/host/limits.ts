// Limits of the host's event queues (driver.ts); relations are checked once at load.

/** Replica events waiting to be stepped (messages beyond it are dropped and counted). */
export const EVENT_QUEUE_MAX = 50_000
/** Replica events stepped in one round (one group commit). */
export const EVENTS_PER_ROUND_MAX = 512
/** Client requests waiting to be stepped; when full, `push` says no and the node answers busy. */
export const REQUEST_QUEUE_MAX = 4096
/** Client requests stepped in one round, after every replica event of the round. */
export const REQUESTS_PER_ROUND_MAX = 256

export function checkHostLimits (): void {
  if (EVENTS_PER_ROUND_MAX > EVENT_QUEUE_MAX) throw new Error('a round would take more events than the queue holds')
  if (REQUESTS_PER_ROUND_MAX > REQUEST_QUEUE_MAX) throw new Error('a round would take more requests than the queue holds')
  if (REQUESTS_PER_ROUND_MAX > EVENTS_PER_ROUND_MAX) throw new Error('client requests would outnumber replica events in a full round')
}

checkHostLimits()
