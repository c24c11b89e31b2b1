// NEW-VIEW (PBFT §4.4): the new primary computes O from 2f+1 view-changes; every backup
// recomputes O from the same view-changes with the SAME function and rejects a NEW-VIEW whose
// O differs. Then the view is installed and O is processed as pre-prepares.
import { encodeReplicaMessage, type Batch, type Checkpoint, type NewView, type PrePrepare, type ViewChange } from '../codec/index.js'
import { toHex } from '../crypto/hash.js'
import { becomeStable } from './checkpoints.js'
import { observe, report } from './evidence.js'
import { acceptPrePrepare, tryExecute } from './normal-case.js'
import { adoptRequest, markInFlight, requeue, startTimer } from './requests.js'
import { digestOf, requestKey, type State } from './state.js'
import { batchFor, byDigest, viewChangeProblem } from './view-change.js'

export interface OEntry { seq: number, digest: string, batch: Batch }
/** O; `missing` holds entries (seq, digest) whose batch content is not at hand. */
export interface ComputedO { minS: number, stableHash: Uint8Array, proof: Checkpoint[], entries: OEntry[], missing: Array<{ seq: number, digest: string }> }

/** O from a set of valid view-changes (§4.4): highest-view prepared cert per seq, else null. */
export function computeO (s: State, view: number, vcs: ViewChange[], batches: Batch[]): ComputedO {
  let minS = 0
  let stableHash: Uint8Array = new Uint8Array(32)
  let proof: Checkpoint[] = []
  for (const vc of vcs) {
    if (vc.stableSeq > minS) {
      minS = vc.stableSeq
      proof = vc.checkpointProof
      stableHash = proof[0]?.blockHash ?? stableHash
    }
  }
  const best = new Map<number, PrePrepare>()
  for (const vc of vcs) {
    for (const pc of vc.prepared) {
      const pp = pc.prePrepare
      if (pp.seq <= minS) continue
      const cur = best.get(pp.seq)
      if (cur === undefined || pp.view > cur.view) best.set(pp.seq, pp)
    }
  }
  const candidates = byDigest(batches)
  const maxS = Math.max(minS, ...best.keys())
  const entries: OEntry[] = []
  const missing: ComputedO['missing'] = []
  for (let seq = minS + 1; seq <= maxS; seq++) {
    const pp = best.get(seq)
    const batch = pp !== undefined ? batchFor(s, seq, toHex(pp.digest), candidates) : s.nullBatch(seq, view)
    if (batch === undefined) missing.push({ seq, digest: toHex((pp as PrePrepare).digest) })
    else entries.push({ seq, digest: digestOf(batch), batch })
  }
  return { minS, stableHash, proof, entries, missing }
}

/** The new primary: 2f+1 view-changes in hand, send NEW-VIEW(v, V, O). */
export function sendNewView (s: State, replay: () => void): void {
  const received = s.viewChanges.get(s.view)
  if (received === undefined || received.size < s.q || s.newViewSent >= s.view) return
  const chosen = [...received.entries()].sort((a, b) => (a[0] === s.id ? -1 : b[0] === s.id ? 1 : a[0] - b[0])).slice(0, s.q)
  const vcs = chosen.map(([, e]) => e.vc)
  const o = computeO(s, s.view, vcs, chosen.flatMap(([, e]) => e.batches))
  // Never sign a NEW-VIEW whose O lacks a batch: backups would recompute the seq and accuse us.
  if (o.missing.length > 0) return s.drop('new-view-missing-batch')
  const prePrepares: PrePrepare[] = []
  for (const e of o.entries) {
    if (!s.claim('pre-prepare', s.view, e.seq, e.digest)) return s.drop('would-equivocate')
    prePrepares.push(s.sign('prePrepare', { chainId: s.cfg.chainId, view: s.view, seq: e.seq, digest: Buffer.from(e.digest, 'hex'), replica: s.id, signature: new Uint8Array(0) }))
  }
  const nv: NewView = s.sign('newView', { chainId: s.cfg.chainId, view: s.view, viewChanges: vcs, prePrepares, replica: s.id, signature: new Uint8Array(0) })
  // Every batch but the null batch travels with the NEW-VIEW, also an empty one with another
  // timestamp (an equivocating primary's): backups cannot rebuild it from the digest alone.
  const batches = o.entries.filter(e => e.digest !== digestOf(s.nullBatch(e.seq, s.view))).map(e => e.batch)
  s.newViewSent = s.view
  s.ownNewView = { newView: nv, batches }
  s.persist({ kind: 'new-view', newView: nv, batches })
  s.broadcast({ type: 'new-view', newView: nv, batches })
  installNewView(s, o, prePrepares)
  replay()
}

/**
 * A NEW-VIEW is self-authenticating (the new primary's signature over 2f+1 signed VIEW-CHANGEs),
 * so it is accepted from whoever relays it: backups forward the one they installed to replicas
 * still waiting for it (view-change.ts). `relayedBy` only names the sender.
 */
export function onNewView (s: State, relayedBy: number, nv: NewView, batches: Batch[], replay: () => void): void {
  const from = nv.replica
  if (from !== s.primary(nv.view) || from === s.id || relayedBy === s.id) return s.drop('new-view-not-from-primary')
  if (nv.view < s.view || (nv.view === s.view && s.activeView === s.view)) return s.drop('new-view-stale')
  if (nv.chainId !== s.cfg.chainId || !s.verifyFrom('newView', from, nv)) return s.drop('bad-signature')
  const senders = new Set<number>()
  for (const vc of nv.viewChanges) {
    if (vc.newView !== nv.view || senders.has(vc.replica)) return s.drop('new-view-bad-view-changes')
    if (viewChangeProblem(s, vc, [], false) !== undefined) return s.drop('new-view-bad-view-changes')
    senders.add(vc.replica)
  }
  if (senders.size < s.q) return s.drop('new-view-too-few-view-changes')
  const o = s.planted.has('trust-new-view')
    ? trustedO(s, nv, batches)
    : computeO(s, nv.view, nv.viewChanges, batches)
  // O is compared digest by digest, so a batch we lack is not mistaken for a lie.
  const expected = [...o.entries, ...o.missing].sort((a, b) => a.seq - b.seq)
  const matches = expected.length === nv.prePrepares.length && expected.every((e, i) => {
    const pp = nv.prePrepares[i] as PrePrepare
    return pp.seq === e.seq && pp.view === nv.view && pp.replica === from && toHex(pp.digest) === e.digest && s.verifyFrom('prePrepare', from, pp)
  })
  if (!matches || o.missing.length > 0) {
    s.timerStartedMs = -Infinity
    if (s.viewChanging) s.viewChangeStartedMs = -Infinity
    if (matches) return s.drop('new-view-missing-batch')
    // The primary signed a NEW-VIEW that its own view-changes contradict: evidence, next view.
    report(s, { accused: from, kind: 'bad-new-view', messages: [encodeReplicaMessage({ type: 'new-view', newView: nv, batches: [] })] }, `bad-new-view/${from}/${nv.view}`)
    return s.drop('new-view-wrong-o')
  }
  s.view = nv.view
  s.installedNewView = { newView: nv, batches }
  s.persist({ kind: 'new-view', newView: nv, batches: [] })
  installNewView(s, o, nv.prePrepares)
  replay()
}

/** Planted fault `trust-new-view`: take O as the primary sent it, without recomputing. */
function trustedO (s: State, nv: NewView, batches: Batch[]): ComputedO {
  const given = new Map(batches.map(b => [digestOf(b), b]))
  const entries: OEntry[] = []
  for (const pp of nv.prePrepares) {
    const nul = s.nullBatch(pp.seq, nv.view)
    const batch = given.get(toHex(pp.digest)) ?? (digestOf(nul) === toHex(pp.digest) ? nul : undefined)
    if (batch !== undefined) entries.push({ seq: pp.seq, digest: toHex(pp.digest), batch })
  }
  const minS = Math.max(0, ...nv.viewChanges.map(vc => vc.stableSeq))
  const withProof = nv.viewChanges.find(vc => vc.stableSeq === minS)
  return { minS, stableHash: withProof?.checkpointProof[0]?.blockHash ?? new Uint8Array(32), proof: withProof?.checkpointProof ?? [], entries: entries.filter(e => e.seq > minS), missing: [] }
}

/** Enter the new view: adopt its stable checkpoint, then process O as pre-prepares. */
function installNewView (s: State, o: ComputedO, prePrepares: PrePrepare[]): void {
  s.lastProgressMs = s.nowMs // the retransmit timer waits from here (view-change.ts startViewChange)
  s.viewChanging = false
  s.activeView = s.view
  s.timerStartedMs = undefined
  if (o.minS > s.stableSeq) becomeStable(s, o.minS, o.stableHash, o.proof)
  const keep = new Set<string>()
  for (const e of o.entries) for (const tx of e.batch.txs) keep.add(requestKey(tx))
  requeue(s, keep)
  // Requests of older-view batches that O drops (pre-prepared, never prepared by a quorum) are
  // still client requests: keep them pending, so the new primary proposes them at once. Without
  // this only requests a replica had straight from a client survived, and after the primary's
  // SIGKILL the rest waited for the clients' next re-send, about a second.
  for (const slot of s.log.values()) {
    if (slot.view >= s.view || slot.committed || slot.batch === undefined || slot.seq <= s.lastExecuteEmitted) continue
    for (const tx of slot.batch.txs) {
      const key = requestKey(tx)
      if (!keep.has(key)) adoptRequest(s, tx, key)
    }
  }
  for (const [seq, slot] of s.log) if (slot.view < s.view && !slot.committed) s.log.delete(seq)
  o.entries.forEach((e, i) => {
    const pp = prePrepares[i] as PrePrepare
    if (e.seq <= s.stableSeq) return
    // Every replica votes on every entry of O, also for seqs it already committed or executed
    // (same digest by safety): others may still need its votes to complete them (§4.4).
    const slot = s.resetSlot(e.seq, s.view)
    if (s.isPrimary()) {
      slot.prePrepare = pp
      slot.batch = e.batch
      slot.digest = e.digest
      // Its requests are in flight, as a backup's are once it accepts the pre-prepare: without
      // this the new primary proposed them a second time at the next free seq.
      if (e.seq > s.lastExecuteEmitted) for (const tx of e.batch.txs) markInFlight(s, requestKey(tx))
    } else {
      // Remembered like any pre-prepare: a later one from this primary for the same (view, seq)
      // with another digest (a forged or re-batched retransmission) is then provable equivocation.
      observe(s, { type: 'pre-prepare', prePrepare: pp, batch: e.batch })
      acceptPrePrepare(s, slot, pp, e.batch)
    }
  })
  s.nextSeq = Math.max(s.stableSeq, ...o.entries.map(e => e.seq), s.lastExecuteEmitted) + 1
  startTimer(s)
  tryExecute(s)
}
