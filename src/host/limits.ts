// Limits of the host's event queues (driver.ts) and of state transfer (transfer.ts); relations
// are checked once at load.
import { limits } from '../codec/index.js'

/** Replica events waiting to be stepped (messages beyond it are dropped and counted). */
export const EVENT_QUEUE_MAX = 50_000
/** Replica events stepped in one round (one group commit). */
export const EVENTS_PER_ROUND_MAX = 512
/** Client requests waiting to be stepped; when full, `push` says no and the node answers busy. */
export const REQUEST_QUEUE_MAX = 4096
/** Client requests stepped in one round, after every replica event of the round. */
export const REQUESTS_PER_ROUND_MAX = 256

/** A peer asked for blocks that has not answered after this long is skipped (the next is asked). */
export const STATE_REQUEST_TIMEOUT_MS = 2_000
/** After an empty answer (the peer is not ahead of us), the next peer is asked this much later. */
export const STATE_EMPTY_RETRY_MS = 100
/** Encoded bytes of blocks in one state response: half a frame, so the response always fits. */
export const STATE_RESPONSE_BYTES_MAX = limits.FRAME_BYTES_MAX / 2
/** Blocks in one state response (the codec's limit on what a peer may send us). */
export const STATE_RESPONSE_BLOCKS_MAX = limits.STATE_RESPONSE_BLOCKS_MAX

/**
 * State requests served to one peer within STATE_SERVE_WINDOW_MS, at most; beyond, they are
 * dropped and counted. An honest fetcher asks one peer at a time and waits for the answer (up
 * to STATE_RESPONSE_BLOCKS_MAX blocks), so 20 a second (1,280 blocks) outruns the verification
 * of what it fetches; a traitor asking in a loop no longer has this replica read its store flat out.
 */
export const STATE_SERVES_PER_PEER_MAX = 20
export const STATE_SERVE_WINDOW_MS = 1_000

export function checkHostLimits (): void {
  if (STATE_EMPTY_RETRY_MS >= STATE_REQUEST_TIMEOUT_MS) throw new Error('an empty answer would be retried no sooner than a silent peer')
  if (EVENTS_PER_ROUND_MAX > EVENT_QUEUE_MAX) throw new Error('a round would take more events than the queue holds')
  if (REQUESTS_PER_ROUND_MAX > REQUEST_QUEUE_MAX) throw new Error('a round would take more requests than the queue holds')
  if (STATE_SERVES_PER_PEER_MAX * STATE_REQUEST_TIMEOUT_MS < STATE_SERVE_WINDOW_MS) throw new Error('an honest fetcher re-asking after each timeout would be refused')
  if (REQUESTS_PER_ROUND_MAX > EVENTS_PER_ROUND_MAX) throw new Error('client requests would outnumber replica events in a full round')
}

checkHostLimits()
