// The SDK's shapes: what a Client is given (options, a transport) and what it gives back (a
// proof of commit, busy answers, counters).
import type { Receipt } from '../codec/index.js'
import type { VerifyFn } from '../crypto/ed25519.js'

/** Frames to and from replicas, by replica id (src/net's client connection implements it). */
export interface ClientTransport {
  send: (replica: number, bytes: Uint8Array) => void
  onFrame: (handler: (replica: number, bytes: Uint8Array) => void) => void
  /** Called when the stream to a replica closed (its route to this client is gone). */
  onStreamClosed?: (handler: (replica: number) => void) => void
  close: () => Promise<void>
}

/** A busy answer: which replica, the wait it asked for, and how long after the send it came. */
export interface BusyInfo { replica: number, retryAfterMs: number, latencyMs: number }

export interface ClientOptions {
  chainId: string
  /** Replica public keys from genesis, index = replica id. */
  replicaKeys: Uint8Array[]
  /** The client's 32-byte ed25519 seed; its public key is the account. */
  seed: Uint8Array
  transport: ClientTransport
  /** The cluster's signature rule (src/crypto `verify`). */
  verify: VerifyFn
  /**
   * Re-send to every replica when no proof arrived within this time, or within the observed
   * commit latency's retransmission timeout if that is longer (TCP's SRTT + 4 RTTVAR, so a
   * loaded cluster is not sent copies of requests it is merely still ordering); each further
   * re-send waits twice as long (up to RETRY_BACKOFF_MAX_MS). Default 1000 ms.
   */
  retryMs?: number
  /** Give up after this time. Default 30 s. */
  timeoutMs?: number
  /** Called for every busy answer (for load generators and dashboards). */
  onBusy?: (info: BusyInfo) => void
  /**
   * How long a transaction may wait for the cluster to take it — busy answers, or waiting behind
   * the send window — before `submit` rejects with ClusterBusyError, an explicit "overloaded,
   * try later" instead of a timeout. Default 2000 ms.
   */
  busyWaitMs?: number
}

export interface CommitProof {
  txId: string
  height: number
  index: number
  code: number
  log: string
  blockHash: string
  /** The f+1 distinct replicas whose matching attestations of the block were accepted. */
  replicas: number[]
  /**
   * Offline proof of this result: `verifyReceipt(receipt, genesis)`; `encodeReceipt(receipt)`
   * gives the bytes `pbft receipt verify FILE --genesis G` checks.
   */
  receipt: Receipt
}

/** Busy answers, re-sends to every replica, re-sends on losing the primary, and replies refused (bad attestation, header or proof). */
export interface ClientStats { busy: number, resentToAll: number, resentOnPrimaryLoss: number, invalidReplies: number, resendsDeferred: number }
