// The simulator's independent witness of provable lies: it watches every message a traitor
// delivers to an up, honest replica and notes, per traitor, which provable lies really arrived:
//   conflicting-<type>   one honest replica received two signed pre-prepares / prepares /
//                        commits from the traitor for one (view, seq) with different digests;
//   invalid-transaction  a pre-prepare from the traitor carried a transaction whose client
//                        signature does not verify;
//   bad-new-view         a NEW-VIEW from the traitor re-issues something other than what its own
//                        view-changes prove (the check evidence records must pass, src/crypto/evidence.ts).
// The traitor matrix compares this with the evidence honest replicas recorded: every run in
// which a provable lie arrived should end with evidence naming that traitor.
import { signingBytes, type ReplicaMessage } from '../codec/index.js'
import { newViewContradicts } from '../crypto/evidence.js'
import { toHex } from '../crypto/hash.js'

/** Bound on remembered (receiver, type, view, seq) votes; a simulation run stays far below it. */
export const WITNESS_KEYS_MAX = 200_000

type Verify = (pub: Uint8Array, msg: Uint8Array, sig: Uint8Array) => boolean

export class LieWitness {
  private readonly seen = new Map<string, string>()
  readonly lies = new Map<number, Set<string>>()

  constructor (private readonly traitors: Set<number>, private readonly verify: Verify, private readonly publicKeys: Uint8Array[]) {}

  /**
   * A message delivered to `to`. Like the replica, the witness counts votes above the receiver's
   * stable checkpoint and not from a view the receiver has left (PBFT discards those unread).
   */
  observe (from: number, to: number, m: ReplicaMessage, receiver: () => { stableCheckpoint: number, view: number }): void {
    if (!this.traitors.has(from) || this.traitors.has(to)) return
    const r = receiver()
    if (m.type === 'pre-prepare') {
      this.vote(r, from, to, 'pre-prepare', m.prePrepare.view, m.prePrepare.seq, m.prePrepare.digest)
      if (m.batch.txs.some(tx => !this.verify(tx.client, signingBytes('transaction', tx), tx.signature))) this.note(from, 'invalid-transaction')
    } else if (m.type === 'prepare') this.vote(r, from, to, 'prepare', m.prepare.view, m.prepare.seq, m.prepare.digest)
    else if (m.type === 'commit') this.vote(r, from, to, 'commit', m.commit.view, m.commit.seq, m.commit.digest)
    else if (m.type === 'new-view' && m.newView.replica === from && newViewContradicts(this.publicKeys, m.newView, this.verify)) this.note(from, 'bad-new-view')
  }

  /** A crashed replica loses what it had seen; so does the witness, for that replica. */
  forget (replica: number): void {
    for (const key of this.seen.keys()) if (key.startsWith(`${replica}/`)) this.seen.delete(key)
  }

  private vote (receiver: { stableCheckpoint: number, view: number }, from: number, to: number, type: string, view: number, seq: number, digest: Uint8Array): void {
    if (seq <= receiver.stableCheckpoint || view < receiver.view) return
    const key = `${to}/${from}/${type}/${view}/${seq}`
    const d = toHex(digest)
    const prev = this.seen.get(key)
    if (prev === undefined) { if (this.seen.size < WITNESS_KEYS_MAX) this.seen.set(key, d) } else if (prev !== d) this.note(from, `conflicting-${type}`)
  }

  private note (traitor: number, kind: string): void {
    let s = this.lies.get(traitor)
    if (s === undefined) { s = new Set(); this.lies.set(traitor, s) }
    s.add(kind)
  }
}
