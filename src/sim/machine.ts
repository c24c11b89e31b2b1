// The simulated replica machine and the world's events, and what the simulated ports
// (ports.ts) reach of the world (world.ts implements it).
import type { ReplicaMessage, Transaction, TxReply } from '../codec/index.js'
import type { Traitor } from '../byzantine/traitor.js'
import type { ReplicaHost } from '../host/host.js'
import type { MemoryWalStorage } from '../host/wal.js'
import type { Genesis } from '../ledger/genesis.js'
import type { Ledger } from '../ledger/ledger.js'
import type { Invariants } from './invariants.js'
import type { Prng } from './prng.js'
import type { EventQueue } from './queue.js'
import type { Situations } from './situations.js'
import type { WalDurability } from './wal-check.js'

export type WorldEvent =
  | { kind: 'deliver', to: number, from: number, bytes: Uint8Array }
  | { kind: 'tick', replica: number }
  | { kind: 'client', client: number }
  | { kind: 'reply', client: number, from: number, reply: TxReply }
  | { kind: 'restart', replica: number }
  /** `to`'s connection to `replica` closed (it crashed) or opened again (it restarted). */
  | { kind: 'peer', to: number, replica: number, up: boolean }
  | { kind: 'request', to: number, tx: Transaction }
  | { kind: 'fault', apply: () => void }

/** A simulated replica machine: its core (behind a traitor wrapper), the host that performs its actions, its disks. */
export interface Host {
  id: number
  honest: boolean
  core: Traitor
  host: ReplicaHost
  up: boolean
  /** The write-ahead log's disk: what survives a crash (the host's WalLog compacts it). */
  disk: MemoryWalStorage
  /** Every record key this replica ever persisted: the checker's, for persist-before-send. */
  persisted: Set<string>
  /** The records of its completed WAL writes the disk must keep (wal-check.ts). */
  durable: WalDurability
  ledger: Ledger
  rate: number
  viewChanges: number
}

/** The world as its replicas' ports see it. */
export interface SimWorld {
  readonly hosts: Host[]
  readonly now: number
  readonly q: EventQueue<WorldEvent>
  readonly prng: Prng
  readonly genesis: Genesis
  readonly inv: Invariants
  readonly situations: Situations
  readonly stats: { evidence: Array<{ accused: number, kind: string }> }
  readonly clientIndex: Map<string, number[]>
  onReject: (tx: Transaction) => void
  /** Whether a message from `from` to `to` (-1: a client) is lost. */
  lost: (from: number, to: number) => boolean
  delay: () => number
  transmit: (h: Host, to: number, m: ReplicaMessage, bytes: Uint8Array) => void
  /** Bytes that may not decode (a traitor's garbage), over the same lossy network. */
  transmitFrame: (h: Host, to: number, bytes: Uint8Array) => void
  sentByHonest: (h: Host, m: ReplicaMessage) => void
  crash: (i: number, restartAt: number) => void
}
