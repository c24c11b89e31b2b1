// View changes (PBFT §4.4): timers, VIEW-CHANGE messages and their validation, the f+1 rule.
import type { Batch, PreparedCert, ViewChange } from '../codec/index.js'
import { evidenceRoot, txRoot } from '../crypto/digests.js'
import { bytesEqual, toHex } from '../crypto/hash.js'
import { validCheckpointProof } from './checkpoints.js'
import type { ViewChangeProblem } from './drops.js'
import { PRIMARY_LOST_GRACE_MS, VIEW_CHANGE_BACKOFF_MAX_EXP } from './limits.js'
import { digestOf, retransmitMs, type State } from './state.js'

export function viewChangeTimeoutMs (s: State): number {
  return s.cfg.viewChangeTimeoutMs * 2 ** Math.min(s.consecutiveViewChanges, VIEW_CHANGE_BACKOFF_MAX_EXP)
}

/**
 * Progress after view changes brings the timeout back down one step per checkpoint interval of
 * executions (not at the first execution): a cluster whose rounds take longer than the base
 * timeout under load keeps the longer timeout the last view change taught it, instead of
 * deposing each new primary as soon as one batch executed (found by the n = 7 closed-loop
 * bench: a view change every 3-6 s, all replicas timing out together). Only a view change
 * raises the exponent, so a slow primary cannot stretch its own timeout.
 */
export function decayBackoff (s: State): void {
  if (s.consecutiveViewChanges === 0) return
  s.calmExecutions++
  if (s.calmExecutions < s.cfg.checkpointInterval) return
  s.calmExecutions = 0
  s.consecutiveViewChanges--
}

/**
 * Tick: the request timer of §4.4, and the NEW-VIEW timer of a view change in progress. The
 * request timer is a backup's (§4.4: "a backup starts a timer when it receives a request"): a
 * primary whose own batches take longer than the timeout under load no longer votes to depose
 * itself, which with one backup's timeout made the f+1 join rule move everyone. Both timers fire
 * early when the host reports the (new) primary's connection closed (ProtocolEvent 'peer').
 */
export function onViewTimers (s: State): void {
  const t = viewChangeTimeoutMs(s)
  if (s.viewChanging) {
    if (s.timerMs - s.viewChangeStartedMs >= t) {
      startViewChange(s, s.view + 1, `view-change-timer: no NEW-VIEW for view ${s.view} in ${t} ms`)
      return
    }
    // The new primary's connection closed: it cannot send NEW-VIEW (the timer runs once 2f+1 ask).
    const lost = primaryLostAt(s, s.viewChangeStartedMs)
    if (lost !== undefined) {
      startViewChange(s, s.view + 1, `primary-lost: connection to ${s.primary(s.view)}, primary of view ${s.view}, closed ${Math.round(s.timerMs - lost)} ms ago, no NEW-VIEW`)
    }
  } else if (s.timerStartedMs !== undefined && !s.isPrimary() && s.fetching === undefined) {
    const waiting = `with ${s.pending.size} requests pending, ${s.inFlight.size} in flight, last executed ${s.lastExecuted}`
    if (s.timerMs - s.timerStartedMs >= t) {
      startViewChange(s, s.view + 1, `request-timer: nothing executed for ${Math.round(s.timerMs - s.timerStartedMs)} ms (timeout ${t} ms) ${waiting}`)
      return
    }
    // The connection to the primary closed and nothing executed since (the request timer restarts
    // on progress): a crashed primary costs PRIMARY_LOST_GRACE_MS, not the whole timeout.
    const lost = primaryLostAt(s, s.timerStartedMs)
    if (lost !== undefined) {
      startViewChange(s, s.view + 1, `primary-lost: connection to primary ${s.primary(s.view)} closed ${Math.round(s.timerMs - lost)} ms ago, nothing executed for ${Math.round(s.timerMs - s.timerStartedMs)} ms ${waiting}`)
    }
  }
}

/**
 * When the host reported the connection to the primary of `s.view` closed, if it has stayed
 * closed for PRIMARY_LOST_GRACE_MS counted from that report or from `sinceMs` (the running
 * timer's start), whichever is later; otherwise undefined.
 */
function primaryLostAt (s: State, sinceMs: number): number | undefined {
  const lost = s.peersLost.get(s.primary(s.view))
  return lost !== undefined && s.timerMs - Math.max(lost, sinceMs) >= PRIMARY_LOST_GRACE_MS ? lost : undefined
}

/** Move to `newView`: stop normal-case work, persist and multicast VIEW-CHANGE. */
export function startViewChange (s: State, newView: number, cause: string): void {
  if (newView <= s.view && !(newView === s.view && !s.viewChanging && s.activeView < newView)) return
  s.viewChangeCause = cause
  s.view = newView
  s.viewChanging = true
  // PBFT §4.5.2: the timer for the NEW-VIEW starts once 2f+1 replicas ask for this view or a
  // higher one (storeViewChange starts it). A replica alone in a higher view does not climb
  // further on its own, so it cannot run ahead of the others one timeout at a time, forever.
  s.viewChangeStartedMs = Infinity
  s.consecutiveViewChanges++
  s.calmExecutions = 0
  s.viewChangesTotal++
  s.timerStartedMs = undefined
  let own = s.ownViewChange
  if (own === undefined || own.vc.newView !== newView) {
    const prepared: PreparedCert[] = []
    const batches: Batch[] = []
    for (const [seq, e] of [...s.preparedCerts].sort((a, b) => a[0] - b[0])) {
      if (seq <= s.stableSeq) continue
      prepared.push(e.cert)
      batches.push(e.batch)
    }
    const vc = s.sign('viewChange', { chainId: s.cfg.chainId, newView, stableSeq: s.stableSeq, checkpointProof: s.stableProof, prepared, replica: s.id, signature: new Uint8Array(0) })
    own = { vc, batches }
    s.ownViewChange = own
  }
  s.persist({ kind: 'view', view: newView }, { kind: 'view-change', viewChange: own.vc, batches: own.batches })
  sendViewChange(s, own.vc, own.batches)
  storeViewChange(s, s.id, own.vc, own.batches)
  // A view change is progress for the retransmit timer: without this a replica idle for 500 ms
  // before it re-sent its VIEW-CHANGE (and the new primary its NEW-VIEW's pre-prepares, with
  // their batches) at once, megabytes on the links the view change itself needed.
  s.lastProgressMs = s.nowMs
}

/**
 * VIEW-CHANGE to every replica, with the batches of its prepared certificates only to the
 * primary of the new view: it is the one that may re-propose them, and the backups get the
 * batches O re-proposes with its NEW-VIEW. After a busy spell the batches are up to a
 * checkpoint interval of full blocks, about a megabyte, which each replica sent to every other.
 */
export function sendViewChange (s: State, vc: ViewChange, batches: Batch[]): void {
  const primary = s.primary(vc.newView)
  for (let r = 0; r < s.n; r++) if (r !== s.id) s.send(r, { type: 'view-change', viewChange: vc, batches: r === primary ? batches : [] })
}

function storeViewChange (s: State, from: number, vc: ViewChange, batches: Batch[]): void {
  for (const [v, byReplica] of s.viewChanges) {
    if (v < vc.newView) byReplica.delete(from)
    if (byReplica.size === 0) s.viewChanges.delete(v)
  }
  const m = s.viewChanges.get(vc.newView) ?? new Map()
  m.set(from, { vc, batches })
  s.viewChanges.set(vc.newView, m)
  if (s.viewChanging && vc.newView >= s.view && s.viewChangeStartedMs === Infinity && askersFrom(s, s.view) >= s.q) s.viewChangeStartedMs = s.timerMs
}

/** Replicas whose latest VIEW-CHANGE asks for `view` or a higher one: they have all left lower views. */
function askersFrom (s: State, view: number): number {
  const who = new Set<number>()
  for (const [v, byReplica] of s.viewChanges) if (v >= view) for (const r of byReplica.keys()) who.add(r)
  return who.size
}

/** A structurally and cryptographically valid VIEW-CHANGE (§4.4 "correct" view-change). */
/**
 * `requireBatches`: a VIEW-CHANGE sent directly must carry the batch of each prepared
 * certificate (the new primary may re-propose any of them); inside a NEW-VIEW only the batches
 * that O re-proposes travel along, and computeO checks those. With `requireBatches`, the batch each
 * certificate resolved to (batchFor) is appended to `resolved`, in order.
 */
export function viewChangeProblem (s: State, vc: ViewChange, batches: Batch[], requireBatches = true, resolved: Batch[] = []): ViewChangeProblem | undefined {
  if (vc.chainId !== s.cfg.chainId) return 'wrong chain'
  if (vc.replica >= s.n || !s.verifyFrom('viewChange', vc.replica, vc)) return 'bad signature'
  if (validCheckpointProof(s, vc.stableSeq, vc.checkpointProof) === undefined) return 'bad checkpoint proof'
  const attached = byDigest(batches)
  const seqs = new Set<number>()
  for (const pc of vc.prepared) {
    const problem = preparedCertProblem(s, pc, vc)
    if (problem !== undefined) return problem
    if (seqs.has(pc.prePrepare.seq)) return 'two prepared certificates for one seq'
    seqs.add(pc.prePrepare.seq)
    if (!requireBatches) continue
    const batch = batchFor(s, pc.prePrepare.seq, toHex(pc.prePrepare.digest), attached)
    if (batch === undefined) return 'prepared certificate without its batch'
    resolved.push(batch)
  }
  return undefined
}

/** Batches by the digest of their proposal (cheap: the content is not checked here). */
export function byDigest (batches: Batch[]): Map<string, Batch[]> {
  const out = new Map<string, Batch[]>()
  for (const b of batches) {
    const d = digestOf(b)
    const list = out.get(d)
    if (list === undefined) out.set(d, [b])
    else list.push(b)
  }
  return out
}

/**
 * The batch with `digest` for `seq`: this replica's own (its content was checked when its
 * pre-prepare was accepted, or it built it), else the first candidate whose content matches its
 * proposal. A view change after a busy spell carries up to a checkpoint interval of full batches
 * in every VIEW-CHANGE; hashing each of their transactions once per copy cost the new primary
 * and every backup 30-130 ms of a failover.
 */
export function batchFor (s: State, seq: number, digest: string, candidates: Map<string, Batch[]>): Batch | undefined {
  const own = ownBatch(s, seq, digest)
  if (own !== undefined) return own
  return candidates.get(digest)?.find(contentMatches)
}

function ownBatch (s: State, seq: number, digest: string): Batch | undefined {
  const prepared = s.preparedCerts.get(seq)
  if (prepared !== undefined && prepared.digest === digest) return prepared.batch
  const slot = s.log.get(seq)
  if (slot?.batch !== undefined && slot.digest === digest) return slot.batch
  return undefined
}

/** The batch's transactions and evidence are the ones its proposal commits to. */
export function contentMatches (b: Batch): boolean {
  return bytesEqual(txRoot(b.txs), b.proposal.txRoot) && bytesEqual(evidenceRoot(b.evidence), b.proposal.evidenceRoot) &&
    b.txs.length === b.proposal.txCount && b.evidence.length === b.proposal.evidenceCount
}

function preparedCertProblem (s: State, pc: PreparedCert, vc: ViewChange): ViewChangeProblem | undefined {
  const pp = pc.prePrepare
  if (pp.seq <= vc.stableSeq || pp.seq > vc.stableSeq + s.cfg.window) return 'prepared certificate outside the window'
  if (pp.view >= vc.newView || pp.replica !== s.primary(pp.view) || pp.chainId !== s.cfg.chainId) return 'prepared certificate from a wrong view or primary'
  if (!s.verifyFrom('prePrepare', pp.replica, pp)) return 'prepared certificate with a bad pre-prepare signature'
  const signers = new Set<number>()
  const d = toHex(pp.digest)
  for (const p of pc.prepares) {
    if (p.view !== pp.view || p.seq !== pp.seq || toHex(p.digest) !== d || p.replica === pp.replica || p.chainId !== s.cfg.chainId) return 'prepared certificate with a mismatched prepare'
    if (signers.has(p.replica) || !s.verifyFrom('prepare', p.replica, p)) return 'prepared certificate with a bad prepare'
    signers.add(p.replica)
  }
  return signers.size >= s.q - 1 ? undefined : 'prepared certificate with too few prepares'
}

/**
 * Sends `to` the NEW-VIEW of the highest view this replica installed (the one it sent as primary
 * or the one it accepted), at most once per retransmit interval per replica; false if it has none.
 */
export function sendInstalledNewView (s: State, to: number): boolean {
  const installed = [s.ownNewView, s.installedNewView].find(x => x !== undefined && x.newView.view === s.activeView)
  if (installed === undefined) return false
  if (s.nowMs - (s.newViewSentTo.get(to) ?? -Infinity) < retransmitMs(s)) return true
  s.newViewSentTo.set(to, s.nowMs)
  s.send(to, { type: 'new-view', newView: installed.newView, batches: installed.batches })
  return true
}

export function onViewChange (s: State, from: number, vc: ViewChange, batches: Batch[], sendNewView: () => void): void {
  if (vc.replica !== from) return s.drop('view-change-impersonated')
  if (vc.newView <= s.activeView && sendInstalledNewView(s, from)) {
    // A replica still waits for the NEW-VIEW of our view or of a lower one (lost, or its primary
    // has moved on): send it the NEW-VIEW of the highest view we installed, the one we sent or
    // the one we accepted; it is that primary's signed message over 2f+1 VIEW-CHANGEs, checked
    // as usual, and the laggard may install it directly. PBFT assumes retransmission here (TOCS
    // §5.2, Castro's thesis §5.2: a replica in a higher view answers a replica in a lower view
    // with its NEW-VIEW). Dropping a VIEW-CHANGE for a lower view as stale, as this did, left
    // replicas that missed view v's NEW-VIEW asking for v forever: the replicas that installed
    // v no longer re-send their VIEW-CHANGE, so the laggards never saw the f+1 needed to join
    // and the higher view lacked their votes for good (seed 277: 4 and 5 asking for view 1
    // while the others were in views 2-4, 7 of 10 needed and only 7 honest).
    // Also while we are changing to a view above it: that view may never be installed.
    return
  }
  if (vc.newView < s.view || (vc.newView === s.view && s.activeView === s.view)) return s.drop('view-change-stale')
  // Only the new primary needs the batches (sendViewChange): it alone re-proposes them.
  const primary = s.primary(vc.newView) === s.id
  // The new primary keeps, with the VIEW-CHANGE, the batch each certificate resolved to: its own
  // copy when the message left it out. A stable checkpoint may collect its own copy before it
  // sends NEW-VIEW, and O would then lack that seq (found by mutation testing, issue #17).
  const resolved: Batch[] = []
  const problem = viewChangeProblem(s, vc, batches, primary, resolved)
  if (problem !== undefined) return s.drop(`view-change-invalid: ${problem}`)
  storeViewChange(s, from, vc, resolved)
  // Join a view change once f+1 others asked for higher views: one of them is honest (§4.5.2).
  const higher = new Map<number, number>()
  for (const [v, byReplica] of s.viewChanges) if (v > s.view) for (const r of byReplica.keys()) if (r !== s.id) higher.set(r, Math.min(v, higher.get(r) ?? v))
  if (higher.size >= s.f + 1) startViewChange(s, Math.min(...higher.values()), `joined: replicas ${[...higher.keys()].sort((a, b) => a - b).join(', ')} asked for higher views`)
  if (s.viewChanging && s.primary() === s.id && (s.viewChanges.get(s.view)?.size ?? 0) >= s.q && s.newViewSent < s.view) sendNewView()
}
