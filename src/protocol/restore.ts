// Restart from the write-ahead records: rebuild the view, every message this replica signed,
// accepted pre-prepares with their batches, prepared certificates and checkpoints, so it can
// never sign a conflicting message and can still report what it prepared in a view change.
import { assertNever, type Commit, type Prepare } from '../codec/index.js'
import { toHex } from '../crypto/hash.js'
import { markInFlight } from './requests.js'
import { digestOf, requestKey, type State } from './state.js'
import type { RestoreState, WalRecord } from './types.js'

type Rec<K extends WalRecord['kind']> = Extract<WalRecord, { kind: K }>

function restorePrePrepare (s: State, rec: Rec<'pre-prepare'>): void {
  const { prePrepare: pp, batch } = rec
  const d = toHex(pp.digest)
  s.claim(pp.replica === s.id ? 'pre-prepare' : 'prepare', pp.view, pp.seq, d)
  if (pp.seq > s.stableSeq) {
    const slot = s.slot(pp.seq, pp.view)
    if (slot.view === pp.view) { slot.prePrepare = pp; slot.batch = batch; slot.digest = d }
  }
  if (pp.seq > s.lastExecuted) for (const tx of batch.txs) markInFlight(s, requestKey(tx))
  if (pp.replica === s.id) s.nextSeq = Math.max(s.nextSeq, pp.seq + 1)
}

/**
 * Our own vote counts again and is retransmitted, as before the crash: without it a restarted
 * replica needed one more vote from the others than the quorum, and never re-sent its own vote
 * to replicas that had lost it.
 */
function restoreOwnVote (s: State, v: Prepare | Commit, kind: 'prepare' | 'commit'): void {
  const slot = s.log.get(v.seq)
  if (slot === undefined || slot.view !== v.view || slot.digest !== toHex(v.digest)) return
  if (kind === 'prepare') slot.prepares.set(s.id, v)
  else { slot.commits.set(s.id, v); slot.prepared = true }
}

function restoreCommit (s: State, rec: Rec<'commit'>): void {
  const c = rec.commit
  s.claim('commit', c.view, c.seq, toHex(c.digest))
  restoreOwnVote(s, c, 'commit')
  const slot = s.log.get(c.seq)
  const batch = slot?.digest === toHex(c.digest) ? slot.batch : undefined
  if (batch !== undefined && digestOf(batch) === toHex(c.digest)) {
    s.preparedCerts.set(c.seq, { cert: rec.prepared, batch, view: c.view, digest: toHex(c.digest) })
  }
}

/** Our own NEW-VIEW: its O pre-prepares are signed by us; never propose another digest there. */
function restoreOwnNewView (s: State, rec: Rec<'new-view'>): void {
  s.newViewSent = Math.max(s.newViewSent, rec.newView.view)
  s.ownNewView = { newView: rec.newView, batches: rec.batches }
  const byDigest = new Map(rec.batches.map(b => [digestOf(b), b]))
  for (const pp of rec.newView.prePrepares) {
    const d = toHex(pp.digest)
    s.claim('pre-prepare', pp.view, pp.seq, d)
    s.nextSeq = Math.max(s.nextSeq, pp.seq + 1)
    if (pp.seq <= s.stableSeq) continue
    const batch = byDigest.get(d) ?? s.nullBatch(pp.seq, pp.view)
    if (digestOf(batch) !== d) continue
    const slot = s.resetSlot(pp.seq, pp.view)
    slot.prePrepare = pp; slot.batch = batch; slot.digest = d
  }
}

export function restore (s: State, r: RestoreState): void {
  s.lastExecuted = r.lastExecuted.seq
  s.lastExecuteEmitted = r.lastExecuted.seq
  s.nextSeq = r.lastExecuted.seq + 1
  // Prepared certificates matter for every seq above the stable checkpoint, executed or not:
  // a view change must report them (found by the simulator: a restarted replica left out a
  // seq it had executed, and a NEW-VIEW re-proposed a null batch there).
  for (const rec of r.records) if (rec.kind === 'stable-checkpoint' && rec.seq > s.stableSeq) { s.stableSeq = rec.seq; s.stableHash = rec.blockHash; s.stableProof = rec.proof }
  for (const rec of r.records) {
    switch (rec.kind) {
      case 'view':
        if (rec.view > s.view) { s.view = rec.view; s.viewChanging = true }
        break
      case 'pre-prepare':
        restorePrePrepare(s, rec)
        break
      case 'prepare':
        s.claim('prepare', rec.prepare.view, rec.prepare.seq, toHex(rec.prepare.digest))
        restoreOwnVote(s, rec.prepare, 'prepare')
        break
      case 'commit':
        restoreCommit(s, rec)
        break
      case 'checkpoint':
        s.claim('checkpoint', 0, rec.checkpoint.seq, toHex(rec.checkpoint.blockHash))
        break
      case 'stable-checkpoint':
        if (rec.seq > s.stableSeq) { s.stableSeq = rec.seq; s.stableHash = rec.blockHash; s.stableProof = rec.proof }
        break
      case 'view-change':
        s.ownViewChange = { vc: rec.viewChange, batches: rec.batches }
        if (rec.viewChange.newView >= s.view) { s.view = rec.viewChange.newView; s.viewChanging = true }
        break
      case 'new-view':
        if (rec.newView.replica === s.id) restoreOwnNewView(s, rec)
        if (rec.newView.view >= s.view) { s.view = rec.newView.view; s.viewChanging = false; s.activeView = s.view }
        break
      default: assertNever(rec)
    }
  }
  for (const [seq] of s.log) if (seq <= s.stableSeq) s.log.delete(seq)
  if (s.view > 0 && s.viewChanging) s.viewChangeStartedMs = 0
  // A backup that restarts in a view it already installed resumes it; one that crashed
  // mid-view-change resumes the view change (its view-change timer counts from the restart, state.ts timerMs).
  if (!s.viewChanging && s.view > 0 && s.activeView < s.view) s.activeView = s.view
  s.nextSeq = Math.max(s.nextSeq, s.stableSeq + 1)
  // Crashed while fetching blocks up to a stable checkpoint: resume the transfer (found by the
  // simulator: the restarted replica sat behind its stable checkpoint with no transfer running).
  if (s.stableSeq > s.lastExecuted) {
    s.fetching = s.stableSeq
    s.fetchOnStart = true
  }
}
