// Collusion of more than f traitors (issue 6: "with f+1 traitors, what happens"). The traitors
// agree on one rule: for a (view, seq) with two batches, the targets get the batch with the
// smaller digest and everyone else the larger one. The colluding primary sends each side its
// batch (and both to the other colluders); every colluder, once it knows both digests, sends
// each receiver a PREPARE and a COMMIT for that receiver's side. With f+1 colluders each side
// gathers 2f+1 commits, so two honest replicas commit different blocks at one height: safety is
// lost, as PBFT's bound says it may be. The two commit certificates then convict the colluders
// (each signed commits for both digests), which the simulator's forensics shows. A colluder
// never votes otherwise, so without an equivocating partner it is a silent voter.
import { signingBytes, type Commit, type Prepare, type ReplicaMessage } from '../codec/index.js'
import { toHex } from '../crypto/hash.js'
import type { Sign } from './resign.js'

/** Remembered (view, seq) slots. */
export const COLLUDE_SLOTS_MAX = 1024

interface Slot { digests: Uint8Array[], done: boolean }

export class Collusion {
  private readonly slots = new Map<string, Slot>()

  constructor (private readonly me: { id: number, n: number, chainId: string, sign: Sign, primary: (view: number) => number },
    private readonly targeted: (to: number) => boolean) {}

  /** Splits a pre-prepare pair [lie, honest] into what each receiver gets. */
  split (pair: ReplicaMessage[], colluders: number[]): Map<number, ReplicaMessage[]> {
    const sorted = [...pair].sort((a, b) => hexOf(a).localeCompare(hexOf(b)))
    const out = new Map<number, ReplicaMessage[]>()
    for (let to = 0; to < this.me.n; to++) {
      if (to === this.me.id) continue
      out.set(to, colluders.includes(to) ? sorted : [this.targeted(to) ? sorted[0] as ReplicaMessage : sorted[sorted.length - 1] as ReplicaMessage])
    }
    return out
  }

  /** A batch digest seen (or sent) for (view, seq); returns the votes once both sides are known. */
  note (view: number, seq: number, digest: Uint8Array): Array<{ to: number, message: ReplicaMessage }> {
    const key = `${view}/${seq}`
    let slot = this.slots.get(key)
    if (slot === undefined) {
      slot = { digests: [], done: false }
      this.slots.set(key, slot)
      if (this.slots.size > COLLUDE_SLOTS_MAX) this.slots.delete(this.slots.keys().next().value as string)
    }
    if (slot.done || slot.digests.some(d => toHex(d) === toHex(digest))) return []
    slot.digests.push(digest)
    if (slot.digests.length < 2) return []
    slot.done = true
    const [small, large] = [...slot.digests].sort((a, b) => toHex(a).localeCompare(toHex(b))) as [Uint8Array, Uint8Array]
    const out: Array<{ to: number, message: ReplicaMessage }> = []
    for (let to = 0; to < this.me.n; to++) {
      if (to === this.me.id) continue
      const digest = this.targeted(to) ? small : large
      const vote = { chainId: this.me.chainId, view, seq, digest, replica: this.me.id, signature: new Uint8Array(0) }
      if (this.me.primary(view) !== this.me.id) {
        const prepare: Prepare = { ...vote, signature: this.me.sign(signingBytes('prepare', vote)) }
        out.push({ to, message: { type: 'prepare', prepare } })
      }
      const commit: Commit = { ...vote, signature: this.me.sign(signingBytes('commit', vote)) }
      out.push({ to, message: { type: 'commit', commit } })
    }
    return out
  }
}

function hexOf (m: ReplicaMessage): string {
  return m.type === 'pre-prepare' ? toHex(m.prePrepare.digest) : ''
}
