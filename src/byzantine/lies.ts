// Per-message lies: given one outgoing message and its receiver, what a traitor sends instead
// (possibly nothing, possibly several messages). Pure functions of the settings and state.
import { assertNever, signingBytes, type ReplicaMessage, type Transaction } from '../codec/index.js'
import type { TraitorMode } from './modes.js'
import { corrupt, fakeDigest, nullDigest, rebatch, resignCheckpoint, resignPrePrepare, resignVote, type Sign } from './resign.js'

export interface LieContext {
  modes: ReadonlySet<TraitorMode>
  sign: Sign
  n: number
  id: number
  /** True when `to` is one of the replicas chosen to receive lies. */
  targeted: boolean
  /** A transaction already committed, for replay-tx. */
  committedTx?: Transaction
}

function forgedTx (base: Transaction): Transaction {
  return { ...base, nonce: base.nonce + 1, signature: corrupt(base.signature) }
}

function lieAboutPrePrepare (m: Extract<ReplicaMessage, { type: 'pre-prepare' }>, c: LieContext): ReplicaMessage[] {
  if (c.modes.has('silent')) return []
  let { prePrepare, batch } = m
  const forge = c.modes.has('forge-tx') && batch.txs[0] !== undefined
  const replay = c.modes.has('replay-tx') && c.committedTx !== undefined
  if (forge || replay) {
    const extra = forge ? forgedTx(batch.txs[0] as Transaction) : c.committedTx as Transaction
    const r = rebatch(batch, [...batch.txs, extra])
    batch = r.batch
    prePrepare = resignPrePrepare(c.sign, prePrepare, r.digest)
  }
  const honest: ReplicaMessage = { type: 'pre-prepare', prePrepare, batch }
  if (c.modes.has('equivocate') && c.targeted) {
    // Targets get the truth AND a second, different batch for the same (view, seq).
    const r = rebatch(batch, batch.txs.slice(0, Math.max(0, batch.txs.length - 1)), { timestampMs: batch.proposal.timestampMs + 1 })
    const lie: ReplicaMessage = { type: 'pre-prepare', prePrepare: resignPrePrepare(c.sign, prePrepare, r.digest), batch: r.batch }
    return [lie, honest]
  }
  return [honest]
}

function lieAboutVote (m: Extract<ReplicaMessage, { type: 'prepare' | 'commit' }>, c: LieContext): ReplicaMessage[] {
  const out: ReplicaMessage[] = []
  const conflicting = c.modes.has('conflicting-votes') && c.targeted
  if (m.type === 'prepare') {
    // Targets get a vote for another digest AND the true one: two signed votes, one (view, seq).
    if (conflicting) out.push({ type: 'prepare', prepare: resignVote(c.sign, 'prepare', m.prepare, fakeDigest(m.prepare.digest)) })
    out.push({ type: 'prepare', prepare: m.prepare })
    if (c.modes.has('bogus-certs')) {
      out.push({ type: 'commit', commit: resignVote(c.sign, 'commit', { ...m.prepare }, fakeDigest(fakeDigest(m.prepare.digest))) })
    }
  } else {
    if (conflicting) out.push({ type: 'commit', commit: resignVote(c.sign, 'commit', m.commit, fakeDigest(m.commit.digest)) })
    out.push({ type: 'commit', commit: m.commit })
  }
  return out
}

function lieAboutViewChange (m: ReplicaMessage, c: LieContext): ReplicaMessage[] {
  if (m.type === 'view-change' && c.modes.has('lying-view-change')) {
    const vc = { ...m.viewChange, prepared: [] }
    return [{ type: 'view-change', viewChange: { ...vc, signature: c.sign(signingBytes('viewChange', vc)) }, batches: [] }]
  }
  if (m.type === 'new-view' && (c.modes.has('silent') || c.modes.has('lying-view-change'))) {
    if (c.modes.has('silent')) return []
    // Re-issue O as null batches only, dropping what was prepared: backups recompute O from V
    // and must refuse this NEW-VIEW (and keep it as evidence).
    const prePrepares = m.newView.prePrepares.map(pp => resignPrePrepare(c.sign, pp, nullDigest(pp.chainId, pp.seq, pp.view, c.id)))
    const nv = { ...m.newView, prePrepares }
    return [{ type: 'new-view', newView: { ...nv, signature: c.sign(signingBytes('newView', nv)) }, batches: [] }]
  }
  return [m]
}

/** What a traitor sends to one receiver in place of the honest message `m`. */
export function lie (m: ReplicaMessage, c: LieContext): ReplicaMessage[] {
  let out: ReplicaMessage[]
  switch (m.type) {
    case 'pre-prepare': out = lieAboutPrePrepare(m, c); break
    case 'prepare':
    case 'commit': out = lieAboutVote(m, c); break
    case 'checkpoint':
      if (c.modes.has('withhold-checkpoints')) out = []
      else if (c.modes.has('false-checkpoints') || (c.modes.has('bogus-certs') && c.targeted)) out = [{ type: 'checkpoint', checkpoint: resignCheckpoint(c.sign, m.checkpoint, fakeDigest(m.checkpoint.blockHash)) }]
      else out = [m]
      break
    case 'view-change':
    case 'new-view': out = lieAboutViewChange(m, c); break
    case 'state-request':
    case 'state-response':
    case 'request': out = [m]; break
    default: out = assertNever(m)
  }
  if (c.modes.has('bad-signatures') || c.modes.has('impersonate')) out = out.map(x => tamper(x, c))
  return out
}

/** bad-signatures flips a signature bit; impersonate claims the next replica's id (own key). */
function tamper (m: ReplicaMessage, c: LieContext): ReplicaMessage {
  const other = (c.id + 1) % c.n
  const fix = <T extends { signature: Uint8Array, replica: number }>(x: T, kind: 'prePrepare' | 'prepare' | 'commit' | 'checkpoint'): T => {
    let y = x
    if (c.modes.has('impersonate')) {
      y = { ...y, replica: other }
      y = { ...y, signature: c.sign(signingBytes(kind, y)) }
    }
    if (c.modes.has('bad-signatures')) y = { ...y, signature: corrupt(y.signature) }
    return y
  }
  switch (m.type) {
    case 'pre-prepare': return { ...m, prePrepare: fix(m.prePrepare, 'prePrepare') }
    case 'prepare': return { ...m, prepare: fix(m.prepare, 'prepare') }
    case 'commit': return { ...m, commit: fix(m.commit, 'commit') }
    case 'checkpoint': return { ...m, checkpoint: fix(m.checkpoint, 'checkpoint') }
    case 'view-change':
    case 'new-view':
    case 'state-request':
    case 'state-response':
    case 'request': return m
    default: return assertNever(m)
  }
}
