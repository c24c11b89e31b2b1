// The traitor catalogue: each mode names what it attacks. Modes rewrite the honest replica's
// actions (or events) and keep its keys, so their lies are signed and provable.
export const TRAITOR_MODES = {
  equivocate: 'primary sends different pre-prepares (different batches) for one (view, seq) to different backups',
  silent: 'primary stops proposing (pre-prepares and new-views are never sent)',
  censor: 'primary never proposes the transactions of chosen clients (all clients if none chosen)',
  slow: 'primary holds each pre-prepare until just under the view-change timeout',
  'forge-tx': 'primary inserts a transaction with an invalid client signature into its batches',
  'replay-tx': 'primary re-proposes a transaction that was already committed',
  'conflicting-votes': 'prepares and commits for a different digest are sent to half of the peers',
  'bogus-certs': 'commits and checkpoints for digests the replica never prepared',
  'stale-replay': 'old-view and below-watermark messages are re-sent alongside current ones',
  'bad-signatures': 'every signed message goes out with a corrupted signature',
  impersonate: 'messages claim to come from another replica id',
  'lying-view-change': 'view-changes omit prepared certificates; as new primary, NEW-VIEW re-issues null batches instead of prepared ones',
  'view-change-storm': 'keeps asking for view changes to ever higher views',
  'false-checkpoints': 'checkpoints carry a wrong block hash',
  'withhold-checkpoints': 'checkpoints are never sent',
  'bad-state-transfer': 'serves altered blocks and certificates to lagging replicas',
  'wrong-replies': 'replies to clients with wrong results',
  flood: 're-sends 64 of its earlier signed messages per tick, and 8 frames that do not decode',
  amnesia: 'forgets its persisted votes (restarts from nothing) whenever it has seqs in flight, and votes again; as primary it re-proposes other batches for those seqs',
  collude: 'more than f traitors agree: with an equivocating colluding primary, targets get one batch and the rest another, and each colluder votes for both sides; with f+1 colluders safety is lost, and the two commit certificates name them'
} as const

export type TraitorMode = keyof typeof TRAITOR_MODES

export function isTraitorMode (s: string): s is TraitorMode {
  return Object.prototype.hasOwnProperty.call(TRAITOR_MODES, s)
}

export interface TraitorSettings {
  modes: TraitorMode[]
  /** Replicas that receive the lies (default: every other replica). */
  targets?: number[]
  /** Lie only from this sequence number on (default 0). */
  fromSeq?: number
  /** For `collude`: the other colluders (they receive both batches of an equivocating primary). */
  colluders?: number[]
  /** For `censor`: client public keys (hex) to censor; empty = every client. */
  censorClients?: string[]
}

export class TraitorModeError extends Error {
  override readonly name = 'TraitorModeError'
}

export function parseModes (modes: string[]): TraitorMode[] {
  const out: TraitorMode[] = []
  for (const m of modes) {
    if (!isTraitorMode(m)) throw new TraitorModeError(`unknown traitor mode "${m}"; known modes: ${Object.keys(TRAITOR_MODES).join(', ')}`)
    if (!out.includes(m)) out.push(m)
  }
  return out
}
