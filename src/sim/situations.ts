// Coverage of situations: how often a run reached each rare situation of the paper, seen from
// outside the replicas (the messages honest replicas send and receive, and their status). A
// sweep adds the counts up and prints them, so a schedule that never reaches a rule's situation
// shows as a zero instead of as a passing run.
import { nullDigest } from '../crypto/digests.js'
import { toHex } from '../crypto/hash.js'
import type { ReplicaMessage, ViewChange } from '../codec/index.js'

export const SITUATIONS = {
  vcPrepared: 'VIEW-CHANGE carries a prepared, unexecuted seq',
  vcCommittedElsewhere: 'VIEW-CHANGE carries a seq another honest replica already executed (O must keep it)',
  joined: 'VIEW-CHANGE sent after f+1 others asked for that view or a higher one',
  nvSplit: 'NEW-VIEW: V holds prepared certificates of two views with two batches for one seq',
  nvReproposed: 'NEW-VIEW re-proposes a prepared batch',
  nvNull: 'NEW-VIEW fills a gap with a null request',
  nvAboveCheckpoint: 'NEW-VIEW starts above a stable checkpoint (min-s > 0)',
  /** Noted as `${lieReached}: ${lie}`, per lie of src/sim/directed.ts. */
  lieReached: 'lying PRE-PREPARE reached an honest backup',
  stateTransfer: 'state transfer started',
  transferRefused: 'state transfer refused a bad block',
  powerCut: 'a crash lost executed blocks appended without fsync'
} as const

export interface HostView { id: number, honest: boolean, up: boolean, lastExecuted: () => number }

export class Situations {
  readonly counts = new Map<string, number>()
  /** VIEW-CHANGEs delivered to each honest replica: receiver -> sender -> highest view asked. */
  private readonly asked = new Map<number, Map<number, number>>()
  private readonly ownAsked = new Map<number, number>()

  constructor (private readonly f: number, private readonly chainId: string) {}

  note (what: string, by = 1): void { this.counts.set(what, (this.counts.get(what) ?? 0) + by) }

  /** A message an honest replica sent (once per send or broadcast action). */
  sent (from: HostView, m: ReplicaMessage, hosts: HostView[]): void {
    if (m.type === 'view-change') this.viewChangeSent(from, m.viewChange, hosts)
    else if (m.type === 'new-view' && m.newView.replica === from.id) this.newViewSent(m.newView.view, m.newView.viewChanges, m.newView.prePrepares)
  }

  /** A message delivered to an honest, up replica. */
  delivered (from: number, to: number, m: ReplicaMessage): void {
    if (m.type !== 'view-change' || m.viewChange.replica !== from) return
    const byFrom = this.asked.get(to) ?? new Map<number, number>()
    byFrom.set(from, Math.max(byFrom.get(from) ?? 0, m.viewChange.newView))
    this.asked.set(to, byFrom)
  }

  private viewChangeSent (from: HostView, vc: ViewChange, hosts: HostView[]): void {
    if ((this.ownAsked.get(from.id) ?? -1) < vc.newView) {
      this.ownAsked.set(from.id, vc.newView)
      const others = [...(this.asked.get(from.id) ?? new Map<number, number>()).entries()].filter(([r, v]) => r !== from.id && v >= vc.newView)
      if (others.length >= this.f + 1) this.note(SITUATIONS.joined)
    } else return // a retransmission
    const executed = from.lastExecuted()
    const open = vc.prepared.filter(pc => pc.prePrepare.seq > executed)
    if (open.length === 0) return
    this.note(SITUATIONS.vcPrepared)
    const elsewhere = hosts.filter(h => h.honest && h.up && h.id !== from.id).map(h => h.lastExecuted())
    if (open.some(pc => elsewhere.some(e => e >= pc.prePrepare.seq))) this.note(SITUATIONS.vcCommittedElsewhere)
  }

  private newViewSent (view: number, vcs: ViewChange[], prePrepares: Array<{ seq: number, digest: Uint8Array, replica: number }>): void {
    const certs = new Map<number, Map<number, string>>()
    for (const vc of vcs) {
      for (const pc of vc.prepared) {
        const bySeq = certs.get(pc.prePrepare.seq) ?? new Map<number, string>()
        bySeq.set(pc.prePrepare.view, toHex(pc.prePrepare.digest))
        certs.set(pc.prePrepare.seq, bySeq)
      }
    }
    for (const byView of certs.values()) if (byView.size >= 2 && new Set(byView.values()).size >= 2) this.note(SITUATIONS.nvSplit)
    for (const pp of prePrepares) {
      if (toHex(pp.digest) === toHex(nullDigest(this.chainId, pp.seq, view, pp.replica))) this.note(SITUATIONS.nvNull)
      else this.note(SITUATIONS.nvReproposed)
    }
    if (vcs.some(vc => vc.stableSeq > 0) && prePrepares.length > 0) this.note(SITUATIONS.nvAboveCheckpoint)
  }

  /** Adds another run's counts. */
  add (other: Record<string, number>): void {
    for (const [k, v] of Object.entries(other)) this.note(k, v)
  }

  toJSON (): Record<string, number> { return Object.fromEntries([...this.counts].sort((a, b) => a[0].localeCompare(b[0]))) }
}

/** A printable table of summed counts, every known situation listed (zeros too). */
export function situationTable (counts: Record<string, number>): string {
  const keys = [...new Set([...Object.values(SITUATIONS).filter(k => k !== SITUATIONS.lieReached), ...Object.keys(counts)])]
  const width = Math.max(...keys.map(k => k.length))
  return keys.map(k => `${k.padEnd(width)}  ${counts[k] ?? 0}`).join('\n')
}
