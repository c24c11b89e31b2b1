// Retransmission (Castro & Liskov TOCS §5.2 assume reliable channels built from retransmits):
// when a replica has made no progress for a while, it re-sends the votes it already signed
// and persisted for sequence numbers above the stable checkpoint, and its checkpoints, so
// replicas that lost messages can finish those seqs without waiting for a view change.
import type { ReplicaMessage } from '../codec/index.js'
import { retransmitMs, type State } from './state.js'
import { sendViewChange } from './view-change.js'

export function onRetransmitTimer (s: State): void {
  const every = retransmitMs(s)
  if (s.nowMs - s.lastProgressMs < every || s.nowMs - s.lastRetransmitMs < every) return
  s.lastRetransmitMs = s.nowMs
  if (s.viewChanging) {
    if (s.ownViewChange !== undefined && s.ownViewChange.vc.newView === s.view) {
      sendViewChange(s, s.ownViewChange.vc, s.ownViewChange.batches)
    }
    return
  }
  const out: ReplicaMessage[] = []
  for (const slot of [...s.log.values()].sort((a, b) => a.seq - b.seq)) {
    if (slot.seq <= s.stableSeq || slot.view !== s.view) continue
    if (slot.prePrepare !== undefined && slot.batch !== undefined && slot.prePrepare.replica === s.id) out.push({ type: 'pre-prepare', prePrepare: slot.prePrepare, batch: slot.batch })
    const p = slot.prepares.get(s.id)
    if (p !== undefined) out.push({ type: 'prepare', prepare: p })
    const c = slot.commits.get(s.id)
    if (c !== undefined) out.push({ type: 'commit', commit: c })
  }
  for (const [seq, bySender] of s.checkpoints) {
    const own = bySender.get(s.id)
    if (seq > s.stableSeq && own !== undefined) out.push({ type: 'checkpoint', checkpoint: own })
  }
  for (const m of out) s.broadcast(m)
}
