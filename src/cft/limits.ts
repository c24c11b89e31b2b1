// Every buffer of the CFT core has a named maximum; relations are checked once at load.

/** Entries one AppendEntries carries, at most (the rest follow as acknowledgements arrive). */
export const APPEND_ENTRIES_MAX = 64
/**
 * Entries a leader has appended beyond its commit index, at most: it stops proposing until some
 * commit. Bounds the leader's held acknowledgements and how far a block's certificate may name a
 * later height (docs/cft.md).
 */
export const UNCOMMITTED_ENTRIES_MAX = 256
/** Client transactions waiting at one replica (to be proposed, or forwarded to a leader). */
export const PENDING_REQUESTS_MAX = 20_000
/** Transactions one forward message carries, at most. */
export const FORWARD_TXS_MAX = 512
/** Transactions per entry, at most, whatever the config says. */
export const BATCH_TXS_MAX = 2048
/** Recently proposed request keys a leader remembers to refuse a retransmitted duplicate. */
export const PROPOSED_KEYS_MAX = 100_000
/** Clients waiting for a reply from this replica (the ones that reached it directly). */
export const WAITING_REPLIES_MAX = 100_000
/** Log length a core holds before the host must compact it (later step: snapshots). */
export const LOG_ENTRIES_MAX = 1_000_000

export function checkCftLimits (): void {
  if (APPEND_ENTRIES_MAX > UNCOMMITTED_ENTRIES_MAX) throw new Error('one append must fit the uncommitted pipeline')
  if (FORWARD_TXS_MAX > PENDING_REQUESTS_MAX) throw new Error('one forward must fit the pending bound')
  if (UNCOMMITTED_ENTRIES_MAX >= LOG_ENTRIES_MAX) throw new Error('the pipeline must fit the log')
}

checkCftLimits()
