// Checkpoints and garbage collection (PBFT §4.3), and the state-transfer trigger.
import type { Checkpoint } from '../codec/index.js'
import { bytesEqual, toHex } from '../crypto/hash.js'
import { collectEvidenceGarbage, observe } from './evidence.js'
import { CHECKPOINTS_PER_SENDER_MAX } from './limits.js'
import { removePending } from './requests.js'
import type { State } from './state.js'

/** After executing a checkpoint seq: sign, persist and multicast CHECKPOINT(seq, block hash). */
export function makeCheckpoint (s: State, seq: number, blockHash: Uint8Array): void {
  if (seq % s.cfg.checkpointInterval !== 0) return
  if (!s.claim('checkpoint', 0, seq, toHex(blockHash))) return s.drop('would-equivocate')
  const c: Checkpoint = s.sign('checkpoint', { chainId: s.cfg.chainId, seq, blockHash, replica: s.id, signature: new Uint8Array(0) })
  s.persist({ kind: 'checkpoint', checkpoint: c })
  s.broadcast({ type: 'checkpoint', checkpoint: c })
  remember(s, c)
}

export function onCheckpoint (s: State, from: number, c: Checkpoint): void {
  if (c.replica !== from) return s.drop('checkpoint-impersonated')
  if (c.chainId !== s.cfg.chainId) return s.drop('wrong-chain')
  if (c.seq <= s.stableSeq || c.seq % s.cfg.checkpointInterval !== 0) return s.drop('checkpoint-stale')
  if (!s.verifyFrom('checkpoint', from, c)) return s.drop('bad-signature')
  if (c.seq <= s.high) observe(s, { type: 'checkpoint', checkpoint: c })
  remember(s, c)
}

/** Keeps each sender's most recent checkpoints only (bounded), then checks stability. */
function remember (s: State, c: Checkpoint): void {
  const seqs = s.checkpointsBySender.get(c.replica) ?? []
  if (seqs.includes(c.seq)) return
  seqs.push(c.seq)
  seqs.sort((a, b) => a - b)
  while (seqs.length > CHECKPOINTS_PER_SENDER_MAX) {
    const old = seqs.shift() as number
    const bySeq = s.checkpoints.get(old)
    bySeq?.delete(c.replica)
    if (bySeq?.size === 0) s.checkpoints.delete(old)
  }
  s.checkpointsBySender.set(c.replica, seqs)
  // Below the sender's CHECKPOINTS_PER_SENDER_MAX highest: pushed out at once, so it must not be
  // recorded either, or a faulty sender of ever lower seqs grows s.checkpoints without bound.
  if (!seqs.includes(c.seq)) return s.drop('checkpoint-below-sender-window')
  const bySeq = s.checkpoints.get(c.seq) ?? new Map<number, Checkpoint>()
  bySeq.set(c.replica, c)
  s.checkpoints.set(c.seq, bySeq)
  checkStable(s, c.seq, c.blockHash)
}

function checkStable (s: State, seq: number, blockHash: Uint8Array): void {
  const proof = [...(s.checkpoints.get(seq)?.values() ?? [])].filter(c => bytesEqual(c.blockHash, blockHash))
  if (proof.length >= s.q) becomeStable(s, seq, blockHash, proof.sort((a, b) => a.replica - b.replica).slice(0, s.q))
}

/** A proof of q matching signed checkpoints is valid for `seq` (used for VIEW-CHANGE too). */
export function validCheckpointProof (s: State, seq: number, proof: Checkpoint[]): Uint8Array | undefined {
  if (seq === 0) return proof.length === 0 ? new Uint8Array(32) : undefined
  const first = proof[0]
  if (first === undefined) return undefined
  const signers = new Set<number>()
  for (const c of proof) {
    if (c.seq !== seq || c.chainId !== s.cfg.chainId || !bytesEqual(c.blockHash, first.blockHash)) return undefined
    if (signers.has(c.replica) || !s.verifyFrom('checkpoint', c.replica, c)) return undefined
    signers.add(c.replica)
  }
  return signers.size >= s.q ? first.blockHash : undefined
}

/** Stable checkpoint: persist it, discard state at or below it, move the watermarks (§4.3). */
export function becomeStable (s: State, seq: number, blockHash: Uint8Array, proof: Checkpoint[]): void {
  if (seq <= s.stableSeq) return
  s.stableSeq = seq
  s.stableHash = blockHash
  s.stableProof = proof
  s.persist({ kind: 'stable-checkpoint', seq, blockHash, proof })
  for (const k of [...s.log.keys()]) if (k <= seq) s.log.delete(k)
  for (const k of [...s.preparedCerts.keys()]) if (k <= seq) s.preparedCerts.delete(k)
  for (const k of [...s.checkpoints.keys()]) if (k <= seq) s.checkpoints.delete(k)
  for (const [key] of s.ownSigned) {
    const kseq = Number(key.split('/')[2])
    if (kseq <= seq && !key.startsWith('view-change')) s.ownSigned.delete(key)
  }
  collectEvidenceGarbage(s)
  if (s.nextSeq <= seq) s.nextSeq = seq + 1
  if (s.lastExecuteEmitted < seq) {
    // We are behind: fetch the blocks up to the stable checkpoint from those who proved it.
    s.fetching = seq
    s.out.push({ type: 'fetch-state', seq, blockHash, peers: proof.map(c => c.replica).filter(r => r !== s.id) })
  }
}

/** State transfer finished: the ledger holds every block up to `seq`. */
export function onStateTransferred (s: State, seq: number): void {
  if (seq < s.lastExecuted) return
  // A gap fetch (gap.ts) that execution overtook: the emitted executes report themselves.
  if (s.fetching === undefined && seq <= s.lastExecuteEmitted) return
  s.lastExecuted = seq
  s.lastExecuteEmitted = Math.max(s.lastExecuteEmitted, seq)
  if (s.fetching !== undefined && seq >= s.fetching) s.fetching = undefined
  if (s.nextSeq <= seq) s.nextSeq = seq + 1
  // The transferred blocks executed requests we cannot name here: forget what was in flight or
  // pending (clients retransmit what is still outstanding), so no stale request keeps the
  // view-change timer running (found by the SIGKILL loop: a restarted replica kept timing out
  // alone into ever higher views after catching up by state transfer).
  for (const [k] of s.log) if (k <= seq) s.log.delete(k)
  for (const [k] of s.executing) if (k <= seq) s.executing.delete(k)
  s.inFlight.clear()
  for (const p of [...s.pending.values()]) removePending(s, p.key, toHex(p.tx.client))
  s.timerStartedMs = undefined
  s.lastProgressMs = s.nowMs
}
