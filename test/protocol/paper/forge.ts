// Builders for the paper tests: any replica's signed messages (every key is known here), so a
// test can put one replica, through `step` alone, into the exact situation a rule speaks of.
import { signingBytes, type Batch, type Checkpoint, type Commit, type Evidence, type NewView, type PrePrepare, type Prepare, type PreparedCert, type ReplicaMessage, type SignedKind, type Transaction, type TxResult, type ViewChange } from '../../../src/codec/index.js'
import { evidenceRoot, nullProposal, proposalDigest, txRoot } from '../../../src/crypto/digests.js'
import { createSigner } from '../../../src/crypto/ed25519.js'
import { toHex } from '../../../src/crypto/hash.js'
import { Replica } from '../../../src/protocol/replica.js'
import { TIMER_FULL_STEP_MS } from '../../../src/protocol/limits.js'
import type { Action, ProtocolConfig, ProtocolCrypto, ProtocolEvent, RestoreState, WalRecord } from '../../../src/protocol/types.js'
import { CHAIN, config, crypto, headerOf } from '../helpers.js'

export const N = 4
export const F = 1
export const Q = 3
/** The replicas' clock in these tests (ticks set it; proposals are stamped with it). */
export const NOW = 10_000

const signers = new Map<number, ReturnType<typeof createSigner>>()
function signer (id: number): ReturnType<typeof createSigner> {
  let s = signers.get(id)
  if (s === undefined) { s = createSigner(new Uint8Array(32).fill(id + 1)); signers.set(id, s) }
  return s
}

export function signAs<T extends { signature: Uint8Array }> (id: number, kind: SignedKind, m: T): T {
  return { ...m, signature: signer(id).sign(signingBytes(kind, { ...m, signature: new Uint8Array(0) })) }
}

export const primaryOf = (view: number): number => view % N

export interface BatchOptions { timestampMs?: number, evidence?: Evidence[], chainId?: string, proposer?: number }

/** A well-formed batch proposed by the primary of `view` for `seq`. */
export function batch (view: number, seq: number, txs: Transaction[], o: BatchOptions = {}): Batch {
  const evidence = o.evidence ?? []
  return {
    proposal: {
      chainId: o.chainId ?? CHAIN, seq, view, timestampMs: o.timestampMs ?? NOW, proposer: o.proposer ?? primaryOf(view),
      txRoot: txRoot(txs), txCount: txs.length, evidenceRoot: evidenceRoot(evidence), evidenceCount: evidence.length
    },
    txs,
    evidence
  }
}

export function nullBatch (view: number, seq: number): Batch {
  return { proposal: nullProposal(CHAIN, seq, view, primaryOf(view)), txs: [], evidence: [] }
}

export const digestOf = (b: Batch): Uint8Array => proposalDigest(b.proposal)
export const hexOf = (b: Batch): string => toHex(digestOf(b))

export function prePrepare (view: number, seq: number, b: Batch, from = primaryOf(view), over: Partial<PrePrepare> = {}): PrePrepare {
  return signAs(from, 'prePrepare', { chainId: CHAIN, view, seq, digest: digestOf(b), replica: from, signature: new Uint8Array(0), ...over })
}

export function prepare (view: number, seq: number, digest: Uint8Array, from: number, over: Partial<Prepare> = {}): Prepare {
  return signAs(from, 'prepare', { chainId: CHAIN, view, seq, digest, replica: from, signature: new Uint8Array(0), ...over })
}

export function commit (view: number, seq: number, digest: Uint8Array, from: number): Commit {
  return signAs(from, 'commit', { chainId: CHAIN, view, seq, digest, replica: from, signature: new Uint8Array(0) })
}

export function checkpoint (seq: number, blockHash: Uint8Array, from: number): Checkpoint {
  return signAs(from, 'checkpoint', { chainId: CHAIN, seq, blockHash, replica: from, signature: new Uint8Array(0) })
}

/** A prepared certificate for `b` at (view, seq): the primary's pre-prepare and 2f backups' prepares. */
export function preparedCert (view: number, seq: number, b: Batch, preparers?: number[]): PreparedCert {
  const p = primaryOf(view)
  const who = preparers ?? [...Array(N).keys()].filter(r => r !== p).slice(0, Q - 1)
  return { prePrepare: prePrepare(view, seq, b), prepares: who.map(r => prepare(view, seq, digestOf(b), r)) }
}

export function viewChange (newView: number, from: number, prepared: PreparedCert[] = [], stableSeq = 0, proof: Checkpoint[] = []): ViewChange {
  return signAs(from, 'viewChange', { chainId: CHAIN, newView, stableSeq, checkpointProof: proof, prepared, replica: from, signature: new Uint8Array(0) })
}

export function newView (view: number, vcs: ViewChange[], prePrepares: PrePrepare[], from = primaryOf(view)): NewView {
  return signAs(from, 'newView', { chainId: CHAIN, view, viewChanges: vcs, prePrepares, replica: from, signature: new Uint8Array(0) })
}

/** One replica under test, with helpers to feed it events and read what it did. */
export class Probe {
  readonly core: Replica
  readonly all: Action[] = []
  nowMs = NOW

  constructor (readonly id: number, readonly over: Partial<ProtocolConfig> = {}, restore?: RestoreState, nowMs = NOW, verify?: ProtocolCrypto['verify']) {
    const c = crypto(id)
    this.core = new Replica(config(N, id, { viewChangeTimeoutMs: 1000, ...over }), verify === undefined ? c : { ...c, verify }, restore)
    this.nowMs = nowMs
    if (restore === undefined) this.step({ type: 'tick', nowMs: this.nowMs })
  }

  /** Everything this replica persisted, in order (its write-ahead log). */
  wal (): WalRecord[] { return this.all.flatMap(a => a.type === 'persist' ? a.records : []) }

  /** The same replica after a crash: restored from its write-ahead log and what its ledger executed. */
  restart (lastExecuted = { seq: 0, blockHash: new Uint8Array(32) }): Probe {
    return new Probe(this.id, this.over, { records: this.wal(), lastExecuted }, this.nowMs)
  }

  step (e: ProtocolEvent): Action[] {
    const out = this.core.step(e)
    this.all.push(...out)
    return out
  }

  deliver (from: number, message: ReplicaMessage): Action[] {
    return this.step({ type: 'message', from, message })
  }

  /** Time passes in ticks of at most TIMER_FULL_STEP_MS (each counted in full), as a running replica that keeps up sees it. */
  tick (ms: number): Action[] {
    const end = this.nowMs + ms
    const out: Action[] = []
    do {
      this.nowMs = Math.min(end, this.nowMs + TIMER_FULL_STEP_MS)
      out.push(...this.step({ type: 'tick', nowMs: this.nowMs }))
    } while (this.nowMs < end)
    return out
  }

  /** Messages of `type` this replica sent (broadcast or to one replica) in `actions`. */
  static sent<T extends ReplicaMessage['type']> (actions: Action[], type: T): Array<Extract<ReplicaMessage, { type: T }>> {
    const out: ReplicaMessage[] = []
    for (const a of actions) if ((a.type === 'broadcast' || a.type === 'send') && a.message.type === type) out.push(a.message)
    return out as never
  }

  prepares (actions = this.all): Prepare[] { return Probe.sent(actions, 'prepare').map(m => m.prepare) }
  commits (actions = this.all): Commit[] { return Probe.sent(actions, 'commit').map(m => m.commit) }
  evidence (actions = this.all): Evidence[] { return actions.flatMap(a => a.type === 'evidence' ? [a.evidence] : []) }
  executes (actions = this.all): Array<Action & { type: 'execute' }> { return actions.flatMap(a => a.type === 'execute' ? [a] : []) }
  fetches (actions = this.all): Array<Action & { type: 'fetch-state' }> { return actions.flatMap(a => a.type === 'fetch-state' ? [a] : []) }
  drops (): Record<string, number> { return this.core.drops() }

  /**
   * The node's `executed` event for the `execute` of `seq` this replica emitted: a block header
   * built from its batch and `results` (all ok by default), under the given block hash.
   */
  executedEvent (seq: number, blockHash: Uint8Array, results?: TxResult[]): ProtocolEvent {
    const ex = this.executes().find(e => e.seq === seq)
    if (ex === undefined) throw new Error(`replica ${this.id} emitted no execute for seq ${seq}`)
    const rs = results ?? ex.batch.txs.map(() => ({ code: 0, log: 'ok' }))
    const header = { ...headerOf(ex.batch, new Uint8Array(32), rs), chainId: CHAIN, height: seq }
    return { type: 'executed', seq, blockHash, header, results: rs }
  }
}
