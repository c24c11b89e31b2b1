// Every buffer of the core has a named maximum; relations are checked once at load.
import { limits as codec } from '../codec/index.js'

/** Client requests waiting to be ordered, in total and per client. */
export const PENDING_REQUESTS_MAX = 20_000
/**
 * Above what a replica's node admits of one client directly (src/node/admission.ts, 256), so a
 * primary never drops a request a backup forwarded: a dropped one would wait at the backup, its
 * view-change timer running, until the load stopped and the timer deposed the primary.
 */
export const PENDING_PER_CLIENT_MAX = 1024
/** Clients whose last reply is cached (least recently executed evicted first). */
export const CLIENT_TABLE_MAX = 100_000
/**
 * Replies cached per client, for retransmissions of requests that were in flight together: at
 * least the SDK's send window (256), or a late retransmission of an executed transaction is
 * ordered again and its client told it failed as a duplicate nonce. All clients together cache
 * at most CACHED_REPLIES_MAX (least recently executed clients evicted first).
 */
export const REPLIES_PER_CLIENT_MAX = 256
export const CACHED_REPLIES_MAX = 262_144
/**
 * Bytes of cached replies over all clients, counted per reply as its proof's sibling hashes, its
 * result's log and CACHED_REPLY_OVERHEAD_BYTES (an estimate of the objects around them; the
 * block's header and attestation are shared by its replies and not counted). A reply from a
 * block of 2,048 transactions counts at most 22 x 32 + 256 + 512 = 1,472 bytes; from blocks of
 * 512 (the default batch), 1,344.
 */
export const CACHED_REPLY_BYTES_MAX = 256 * 1024 * 1024
export const CACHED_REPLY_OVERHEAD_BYTES = 512
/** The most one cached reply can count (a proof in a full batch, the longest log). */
export const CACHED_REPLY_BYTES_PER_REPLY_MAX = 2 * codec.MERKLE_SIBLINGS_MAX * codec.DIGEST_BYTES + codec.REPLY_LOG_BYTES_MAX + CACHED_REPLY_OVERHEAD_BYTES
/**
 * Batches the primary has proposed and not yet executed, at most (Castro's congestion window of
 * batches in progress). Without it a busy primary proposed a small batch every batch timeout,
 * up to the whole window: on a CPU-bound cluster every replica then shared its time among tens
 * of rounds at once, none finished within the request timer (n = 10 on 2 cores: nothing
 * executed for 1 s with 8 batches of 64 in flight, three view changes, collapse), and each
 * round's fixed cost (2(n-1) votes to check, one block to write) was paid per small batch.
 * Capped, requests wait at the primary and the next batches are fuller.
 */
export const PROPOSALS_IN_PROGRESS_MAX = 4
/** Messages held for a future view or above the high watermark, per sender. */
export const FUTURE_MESSAGES_PER_SENDER_MAX = 512
/** Checkpoints remembered per sender (its most recent ones). */
export const CHECKPOINTS_PER_SENDER_MAX = 8
/** Evidence records waiting to be proposed in a block. */
export const PENDING_EVIDENCE_MAX = 64
/** Evidence already reported (keys), so each misbehaviour is reported once. */
export const REPORTED_EVIDENCE_MAX = 4096
/** Base of the exponential view-change backoff is capped at 2^this. */
export const VIEW_CHANGE_BACKOFF_MAX_EXP = 4
/**
 * The most one tick advances the liveness timers (state.ts timerMs, timerAdvance). Ticks come
 * every 10 ms (node and simulator) when the replica keeps up; a tick later than this follows a
 * stall (the node logs those, src/node/replica-node.ts STALL_WARN_MS): the replica was not
 * running, and the rest of the stall does not count.
 */
export const TIMER_STEP_MAX_MS = 250
/**
 * Ticks up to this far apart count in full. A longer gap means the replica spent it in its own
 * steps (CPU-bound: n = 10 on 2 cores ran 40-290 ms rounds back to back), with the COMMITs that
 * would let it execute possibly still waiting in its own queue and socket; beyond this the gap
 * counts at 1/TIMER_BUSY_DIVISOR. A busy backup then blames the primary about 3x later, but it does:
 * ticks 300 ms apart still advance the timers 112 ms each, so a primary that keeps a backup busy
 * (flooding it) delays its own deposition by a bounded factor only. An idle backup waiting on a
 * silent primary gets its ticks on time and its timers run at full speed.
 */
export const TIMER_FULL_STEP_MS = 50
export const TIMER_BUSY_DIVISOR = 4

/** How far the liveness timers advance for `elapsedMs` between two ticks. */
export function timerAdvance (elapsedMs: number): number {
  if (elapsedMs <= TIMER_FULL_STEP_MS) return elapsedMs
  return Math.min(TIMER_FULL_STEP_MS + (elapsedMs - TIMER_FULL_STEP_MS) / TIMER_BUSY_DIVISOR, TIMER_STEP_MAX_MS)
}
/**
 * A backup whose connection to the primary closed (ProtocolEvent 'peer') and stayed closed this
 * long, with requests waiting and nothing executed meanwhile, starts a view change without
 * waiting for the rest of its request timer (never later than the timer itself). Longer than
 * the node's redial (src/net REDIAL_MS 300 ms, but a closed stream is redialled at once), so a
 * connection that merely dropped and came back does not depose a working primary.
 */
export const PRIMARY_LOST_GRACE_MS = 250

export function checkProtocolLimits (): void {
  if (PENDING_PER_CLIENT_MAX > PENDING_REQUESTS_MAX) throw new Error('per-client pending bound exceeds the total bound')
  if (REPLIES_PER_CLIENT_MAX > CACHED_REPLIES_MAX) throw new Error('per-client reply cache exceeds the total')
  if (REPLIES_PER_CLIENT_MAX * CACHED_REPLY_BYTES_PER_REPLY_MAX > CACHED_REPLY_BYTES_MAX) throw new Error('one client\'s cached replies must fit the byte bound')
  if (codec.WINDOW_MAX > FUTURE_MESSAGES_PER_SENDER_MAX * 4) throw new Error('future buffer too small for the window')
  if (TIMER_FULL_STEP_MS <= 0 || TIMER_FULL_STEP_MS > TIMER_STEP_MAX_MS || TIMER_BUSY_DIVISOR < 1) throw new Error('the liveness timers must count on-time ticks in full and never more than TIMER_STEP_MAX_MS per tick')
  if (PRIMARY_LOST_GRACE_MS <= 0 || PRIMARY_LOST_GRACE_MS > TIMER_STEP_MAX_MS * 4) throw new Error('the primary-lost grace must be positive and short')
}

checkProtocolLimits()
