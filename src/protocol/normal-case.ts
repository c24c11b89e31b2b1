// Normal-case operation (PBFT §4.2): PRE-PREPARE, PREPARE, COMMIT, and in-order execution.
import { encodeReplicaMessage, type Batch, type Commit, type PrePrepare, type Prepare } from '../codec/index.js'
import { evidenceProblem } from '../crypto/evidence.js'
import { toHex } from '../crypto/hash.js'
import { observe, report } from './evidence.js'
import { checkTransaction, markInFlight, startTimer } from './requests.js'
import { assert, digestOf, requestKey, type Slot, type State } from './state.js'
import { contentMatches } from './view-change.js'

/** The primary proposes a batch: persist, then multicast PRE-PREPARE with the batch. */
export function propose (s: State, batch: Batch): void {
  const seq = batch.proposal.seq
  const digest = digestOf(batch)
  assert(s.claim('pre-prepare', s.view, seq, digest), 'primary proposes one digest per (view, seq)')
  const pp: PrePrepare = s.sign('prePrepare', { chainId: s.cfg.chainId, view: s.view, seq, digest: Buffer.from(digest, 'hex'), replica: s.id, signature: new Uint8Array(0) })
  const slot = s.slot(seq)
  slot.prePrepare = pp
  slot.batch = batch
  slot.digest = digest
  s.persist({ kind: 'pre-prepare', prePrepare: pp, batch })
  s.broadcast({ type: 'pre-prepare', prePrepare: pp, batch })
  startTimer(s)
}

/** Why a backup refuses a pre-prepare's content, or undefined when it is acceptable. */
export function batchProblem (s: State, batch: Batch, pp: PrePrepare, normalCase: boolean): string | undefined {
  const p = batch.proposal
  if (p.chainId !== s.cfg.chainId || p.seq !== pp.seq) return 'proposal does not match the pre-prepare'
  if (digestOf(batch) !== toHex(pp.digest)) return 'digest does not match the batch'
  if (normalCase && (p.view !== pp.view || p.proposer !== s.primary(pp.view))) return 'proposal is not from this view\'s primary'
  // Counts too: a block whose txCount or evidenceCount contradicts its content executes, but no
  // verifier accepts it (ledger verifyContent), so no lagging replica could ever fetch it. The
  // codec's frame validation refuses such a batch too; the core does not rely on its caller.
  if (!contentMatches(batch)) return 'roots or counts do not match the content'
  if (normalCase && Math.abs(p.timestampMs - s.nowMs) > s.cfg.timestampDriftMs) return 'timestamp outside the allowed drift'
  for (const e of batch.evidence) if (evidenceProblem(s.cfg.publicKeys, s.cfg.chainId, e) !== undefined) return 'invalid evidence'
  const seen = new Set<string>()
  for (const tx of batch.txs) {
    const key = requestKey(tx)
    if (seen.has(key)) return 'duplicate transaction in batch'
    seen.add(key)
    const v = checkTransaction(s, tx)
    // A stale nonce is not a fault of the batch: whether a nonce is stale depends on how far each
    // replica has executed, and a primary a block behind may propose a transaction that a backup
    // already sees superseded. Refusing the batch made every primary propose it again and every
    // view change fail (sweep seed 8817). It commits and executes as a failed, no-op transfer.
    if (v === 'bad-signature' || v === 'bad-chain') return 'invalid-transaction'
  }
  return undefined
}

export function onPrePrepare (s: State, from: number, pp: PrePrepare, batch: Batch): void {
  if (pp.replica !== from || from !== s.primary(pp.view) || from === s.id) return s.drop('pre-prepare-not-from-primary')
  if (pp.chainId !== s.cfg.chainId) return s.drop('wrong-chain')
  if (!s.verifyFrom('prePrepare', from, pp)) return s.drop('bad-signature')
  if (!s.inWindow(pp.seq)) return s.drop('outside-window')
  observe(s, { type: 'pre-prepare', prePrepare: pp, batch })
  const slot = s.slot(pp.seq)
  if (slot.prePrepare !== undefined && !s.planted.has('accept-second-pre-prepare')) return s.drop('second-pre-prepare')
  const problem = batchProblem(s, batch, pp, true)
  if (problem === 'invalid-transaction') {
    const proof = encodeReplicaMessage({ type: 'pre-prepare', prePrepare: pp, batch })
    report(s, { accused: from, kind: 'invalid-transaction', messages: [proof] }, `invalid-tx/${from}/${pp.view}/${pp.seq}`)
    s.timerStartedMs = -Infinity // a provably faulty primary: change view at the next tick
    return s.drop('pre-prepare-invalid-transaction')
  }
  if (problem !== undefined) return s.drop('pre-prepare-rejected')
  acceptPrePrepare(s, slot, pp, batch)
}

/** A backup accepts a pre-prepare (normal case or from NEW-VIEW): persist, then PREPARE. */
export function acceptPrePrepare (s: State, slot: Slot, pp: PrePrepare, batch: Batch): void {
  const digest = toHex(pp.digest)
  const bug = s.planted.has('accept-second-pre-prepare') // the planted bug has no equivocation guard either
  if (!s.claim('prepare', pp.view, pp.seq, digest) && !bug) return s.drop('would-equivocate')
  slot.prePrepare = pp
  slot.batch = batch
  slot.digest = digest
  if (pp.seq > s.lastExecuteEmitted) for (const tx of batch.txs) markInFlight(s, requestKey(tx))
  const prepare: Prepare = s.sign('prepare', { chainId: s.cfg.chainId, view: pp.view, seq: pp.seq, digest: pp.digest, replica: s.id, signature: new Uint8Array(0) })
  slot.prepares.set(s.id, prepare)
  s.persist({ kind: 'pre-prepare', prePrepare: pp, batch }, { kind: 'prepare', prepare })
  s.broadcast({ type: 'prepare', prepare })
  startTimer(s)
  checkPrepared(s, slot)
}

export function onPrepare (s: State, from: number, p: Prepare): void {
  if (p.replica !== from || from === s.primary(p.view)) return s.drop('prepare-from-primary-or-impersonated')
  if (p.chainId !== s.cfg.chainId) return s.drop('wrong-chain')
  if (!s.verifyFrom('prepare', from, p)) return s.drop('bad-signature')
  if (!s.inWindow(p.seq)) return s.drop('outside-window')
  observe(s, { type: 'prepare', prepare: p })
  const slot = s.slot(p.seq)
  if (slot.view !== p.view) return s.drop('prepare-other-view')
  if (keepVote(slot, slot.prepares.get(from), p)) slot.prepares.set(from, p)
  checkPrepared(s, slot)
}

export function onCommit (s: State, from: number, c: Commit): void {
  if (c.replica !== from) return s.drop('commit-impersonated')
  if (c.chainId !== s.cfg.chainId) return s.drop('wrong-chain')
  if (!s.verifyFrom('commit', from, c)) return s.drop('bad-signature')
  if (!s.inWindow(c.seq)) return s.drop('outside-window')
  observe(s, { type: 'commit', commit: c })
  const slot = s.slot(c.seq)
  if (slot.view !== c.view) return s.drop('commit-other-view')
  if (keepVote(slot, slot.commits.get(from), c)) slot.commits.set(from, c)
  checkCommitted(s, slot)
}

/**
 * One vote per sender and slot: the first, unless it names another digest than the slot's
 * pre-prepare and this one names that digest. §4.2 counts "2f prepares from different backups
 * that match the pre-prepare" in the log: a faulty sender's matching vote counts even after a
 * conflicting one (which observe() has already recorded as evidence). Keeping only the first let
 * a traitor that sends a bogus COMMIT before its real one withhold its vote, and with f honest
 * replicas left behind that cost the quorum (sim seeds 277 and 834).
 */
function keepVote (slot: Slot, have: { digest: Uint8Array } | undefined, vote: { digest: Uint8Array }): boolean {
  if (have === undefined) return true
  return slot.digest !== undefined && toHex(have.digest) !== slot.digest && toHex(vote.digest) === slot.digest
}

function matching<T extends { digest: Uint8Array }> (votes: Map<number, T>, digest: string): T[] {
  return [...votes.values()].filter(v => toHex(v.digest) === digest)
}

/** prepared(m, v, n, i): pre-prepare + 2f matching prepares from distinct backups (§4.2). */
export function checkPrepared (s: State, slot: Slot): void {
  if (slot.prepared || slot.prePrepare === undefined || slot.batch === undefined || slot.digest === undefined) return
  const needed = s.planted.has('weak-quorum') ? s.q - 2 : s.q - 1
  const prepares = matching(slot.prepares, slot.digest).filter(p => p.replica !== s.primary(slot.view))
  if (prepares.length < needed) return
  slot.prepared = true
  if (!s.claim('commit', slot.view, slot.seq, slot.digest)) return s.drop('would-equivocate')
  const prepared = { prePrepare: slot.prePrepare, prepares }
  s.preparedCerts.set(slot.seq, { cert: prepared, batch: slot.batch, view: slot.view, digest: slot.digest })
  const commit: Commit = s.sign('commit', { chainId: s.cfg.chainId, view: slot.view, seq: slot.seq, digest: slot.prePrepare.digest, replica: s.id, signature: new Uint8Array(0) })
  slot.commits.set(s.id, commit)
  s.persist({ kind: 'commit', commit, prepared })
  s.broadcast({ type: 'commit', commit })
  checkCommitted(s, slot)
}

/** committed-local(m, v, n, i): prepared + 2f+1 matching commits (§4.2). */
export function checkCommitted (s: State, slot: Slot): void {
  if (slot.committed || !slot.prepared || slot.digest === undefined) return
  const needed = s.planted.has('weak-quorum') ? s.q - 1 : s.q
  if (matching(slot.commits, slot.digest).length < needed) return
  slot.committed = true
  tryExecute(s)
}

/** Emits `execute` for committed seqs strictly in order (§4.2, "executes ... in order"). */
export function tryExecute (s: State): void {
  if (s.fetching !== undefined) return
  for (;;) {
    const slot = s.log.get(s.lastExecuteEmitted + 1)
    if (slot === undefined || !slot.committed || slot.batch === undefined || slot.digest === undefined) return
    const needed = s.planted.has('weak-quorum') ? s.q - 1 : s.q
    const cert = matching(slot.commits, slot.digest).slice(0, Math.max(needed, s.q)).sort((a, b) => a.replica - b.replica)
    s.lastExecuteEmitted = slot.seq
    s.executing.set(slot.seq, slot.batch)
    s.out.push({ type: 'execute', seq: slot.seq, view: slot.view, batch: slot.batch, cert })
  }
}
