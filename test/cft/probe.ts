// One CFT replica driven directly through `step`, with forged inputs (like test/protocol/paper/forge.ts).
import { evidenceRoot, txRoot } from '../../src/crypto/digests.js'
import { sha256 } from '../../src/crypto/hash.js'
import { ackBytes } from '../../src/cft/log.js'
import { CftReplica } from '../../src/cft/replica.js'
import type { CftAction, CftConfig, CftEvent, CftMessage, CftRecord, Entry } from '../../src/cft/types.js'
import type { Transaction } from '../../src/codec/index.js'
import { CHAIN, cftConfig, fakeCrypto, keyOf } from './cluster.js'

export type Sent<T extends CftMessage['type']> = Extract<CftMessage, { type: T }> & { to: number | 'all' }

/** An entry of `term` at `index` holding `txs`, proposed by `proposer`. */
export function entry (term: number, index: number, txs: Transaction[] = [], proposer = 0): Entry {
  return {
    term,
    batch: {
      proposal: { chainId: CHAIN, seq: index, view: term, timestampMs: 0, proposer, txRoot: txRoot(txs), txCount: txs.length, evidenceRoot: evidenceRoot([]), evidenceCount: 0 },
      txs, evidence: []
    }
  }
}

/** Persisted records holding `terms` as the log (entry i+1 of term terms[i]) and the hard state. */
export function records (terms: number[], term = Math.max(0, ...terms), votedFor?: number): CftRecord[] {
  return [{ kind: 'hard-state', term, votedFor }, { kind: 'entries', from: 1, entries: terms.map((t, i) => entry(t, i + 1)) }]
}

export class CftProbe {
  readonly core: CftReplica
  readonly all: CftAction[] = []
  readonly wal: CftRecord[]
  nowMs = 0

  constructor (readonly id: number, readonly n = 3, readonly over: Partial<CftConfig> = {}, restore: CftRecord[] = [], readonly lastExecuted = 0) {
    this.wal = [...restore]
    this.core = new CftReplica(cftConfig(n, id, over), fakeCrypto(id), restore.length > 0 ? { records: restore, lastExecuted } : undefined)
  }

  step (e: CftEvent): CftAction[] {
    const out = this.core.step(e)
    for (const a of out) if (a.type === 'persist') this.wal.push(...a.records)
    this.all.push(...out)
    return out
  }

  deliver (from: number, message: CftMessage): CftAction[] { return this.step({ type: 'message', from, message }) }

  /** Time passes in steps of `by` ms. */
  tick (ms: number, by = 10): CftAction[] {
    const out: CftAction[] = []
    for (const end = this.nowMs + ms; this.nowMs < end;) {
      this.nowMs += by
      out.push(...this.step({ type: 'tick', nowMs: this.nowMs }))
    }
    return out
  }

  /** The same replica after a crash: what it persisted, nothing else. */
  restart (): CftProbe { return new CftProbe(this.id, this.n, this.over, this.wal, this.lastExecuted) }

  /** Times out, asks for votes and gets them from `voters`: leader of the next term. */
  elect (voters: number[]): void {
    this.tick(400)
    const term = this.core.status().term
    for (const v of voters) this.deliver(v, { type: 'vote', term, granted: true })
  }

  /** Replica `replica`'s ack of this probe's entry `index` in `term`. */
  ack (replica: number, term: number, index: number): Uint8Array {
    const digest = this.core.logView().digests[index - 1] as Uint8Array
    return sha256(keyOf(replica), ackBytes(CHAIN, term, index, digest))
  }

  sent<T extends CftMessage['type']> (type: T, out: CftAction[] = this.all): Array<Sent<T>> {
    return out.flatMap(a => (a.type === 'send' || a.type === 'broadcast') && a.message.type === type
      ? [{ ...(a.message as Extract<CftMessage, { type: T }>), to: a.type === 'send' ? a.to : 'all' as const }]
      : [])
  }

  executes (out: CftAction[] = this.all): Array<Extract<CftAction, { type: 'execute' }>> {
    return out.flatMap(a => a.type === 'execute' ? [a] : [])
  }

  terms (): number[] { return this.core.logView().terms }
}
