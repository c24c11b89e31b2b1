// What the dashboard shows, built from the replicas' HTTP APIs: one snapshot per poll, sent to
// every open page. Everything here is bounded (events, evidence, blocks, throughput points).

export const EVENTS_MAX = 100
export const EVIDENCE_SHOWN_MAX = 50
export const BLOCKS_SHOWN = 10
export const THROUGHPUT_POINTS = 60

export interface InFlight { seq: number, view: number, digest: string, phase: 'pre-prepared' | 'prepared' | 'committed', prepares: number[], commits: number[] }

/** The fields of a replica's GET /status that the dashboard uses. */
export interface ReplicaStatusJson {
  id: number
  view: number
  role: 'primary' | 'backup'
  primary: number
  viewChanging: boolean
  height: number
  blockHash: string
  stableCheckpoint: number
  peersConnected: number[]
  traitor: { modes: string[], targets?: number[] }
  inFlight: InFlight[]
  evidence: number
  viewChanges: number
  stateTransfer: boolean
}

export interface ReplicaView {
  id: number
  up: boolean
  api: string
  status?: ReplicaStatusJson
  error?: string
}

export interface BlockView { height: number, hash: string, txs: number, signers: number[], proposer: number, view: number, timestampMs: number }
/**
 * One evidence record (one misbehaviour: accused, kind, the signed messages): the replicas
 * whose /evidence lists it, the height of the block committing it, and whether it checks out
 * with genesis alone.
 */
export interface EvidenceView { accused: number, kind: string, view?: number, seq?: number, reportedBy: number[], committedAt?: number, valid: boolean, atMs: number }
export interface EventView { atMs: number, kind: 'view-change' | 'down' | 'up' | 'traitor' | 'evidence' | 'control', text: string }

export interface DashboardState {
  chainId: string
  n: number
  f: number
  nowMs: number
  view: number
  primary: number | undefined
  replicas: ReplicaView[]
  /** In-flight sequence numbers as the primary (or the most advanced replica) sees them. */
  pipeline: InFlight[]
  pipelineFrom: number | undefined
  blocks: BlockView[]
  evidence: EvidenceView[]
  events: EventView[]
  /** Transactions committed per second, oldest first, one point per second. */
  throughput: Array<{ t: number, txs: number }>
  controls: { processes: boolean, accounts: number, modes: Record<string, string> }
}

/** Appends to a bounded list, dropping the oldest. */
export function pushBounded<T> (list: T[], item: T, max: number): void {
  list.push(item)
  if (list.length > max) list.splice(0, list.length - max)
}
