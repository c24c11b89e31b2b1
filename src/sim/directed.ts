// The directed simulator: instead of random faults, a seed picks one scenario that steers a
// 4-replica cluster into a rare situation of the paper, by losing exactly the messages that
// keep it from happening, and (for lying primaries) by rewriting a traitor's pre-prepares.
//   split-certs     seq 1 is prepared by one replica X in view 0 only (its VIEW-CHANGE(1) is
//                   lost), then prepared with another batch in view 1 and committed there by Y
//                   alone; NEW-VIEW(2) must carry the view-1 batch. X is the primary of view 2
//                   (its certificate comes first in V) or is not (it comes last): either way a
//                   NEW-VIEW that picks the wrong certificate makes honest replicas disagree.
//   commit-at-one   seq s (1, 2, 3 or 5) is prepared everywhere in view 0 but committed by one replica Z
//                   only; the view change must re-propose that batch at s.
//   lying-primary   the primary of view 0 is a traitor whose pre-prepares carry one lie (a field
//                   a backup must check) and reach exactly 2f backups, enough for a quorum with
//                   it; an honest replica that prepares a lie is a violation.
// Every run also counts the situations it reached (situations.ts); a sweep prints them.
import { assertNever, normalCaseVote, type pb, signingBytes, type Batch, type PrePrepare, type Proposal, type ReplicaMessage } from '../codec/index.js'
import { createSigner } from '../crypto/ed25519.js'
import { proposalDigest } from '../crypto/digests.js'
import { sha256, toHex } from '../crypto/hash.js'
import { rebatch } from '../byzantine/resign.js'
import type { Prng } from './prng.js'

export const DIRECTED_SCENARIOS = ['split-certs', 'commit-at-one', 'lying-primary'] as const
export type DirectedScenario = typeof DIRECTED_SCENARIOS[number]

/** The fields of a PRE-PREPARE (and its batch) a backup must check, one lie each. */
/** (A txCount or evidenceCount that contradicts the batch never gets past the codec: test/protocol covers those.) */
export const PRE_PREPARE_LIES = [
  'bad-tx-signature', 'duplicate-tx', 'tx-root', 'evidence-root', 'proposal-view', 'proposal-seq', 'proposer',
  'timestamp', 'digest', 'proposal-chain', 'pre-prepare-chain', 'invalid-evidence', 'beyond-window'
] as const
export type PrePrepareLie = typeof PRE_PREPARE_LIES[number]

export interface DirectedPlan {
  scenario: DirectedScenario
  /** split-certs: the replica that alone prepares seq 1 in view 0, and the one that alone commits it in view 1. */
  x: number
  y: number
  /** commit-at-one: the seq (5: above the first stable checkpoint), and the replica that alone commits it in view 0. */
  seq: number
  z: number
  /** lying-primary: the lie, and the 2f backups it reaches. */
  lie: PrePrepareLie
  liars: number[]
}

export const N_DIRECTED = 4
const PRIMARY_OF_2 = 2

/** The plan a seed picks: scenarios in turn, details from the seed's stream. */
export function planFor (seed: number, prng: Prng): DirectedPlan {
  const scenario = DIRECTED_SCENARIOS[seed % DIRECTED_SCENARIOS.length] as DirectedScenario
  const lie = PRE_PREPARE_LIES[Math.floor(seed / DIRECTED_SCENARIOS.length) % PRE_PREPARE_LIES.length] as PrePrepareLie
  return {
    scenario,
    x: Math.floor(seed / DIRECTED_SCENARIOS.length) % 2 === 0 ? PRIMARY_OF_2 : 3,
    y: 1,
    seq: prng.pick([1, 2, 3, 5]),
    z: prng.int(1, 3),
    lie,
    liars: prng.shuffle([1, 2, 3]).slice(0, 2)
  }
}


export class Director {
  /** Lies sent, by `${view}/${seq}/${digest}`: an honest PREPARE for one of them is a violation. */
  readonly lies = new Map<string, PrePrepareLie>()
  private readonly sign: (b: Uint8Array) => Uint8Array

  constructor (readonly plan: DirectedPlan, traitorSeed: Uint8Array, private readonly window: number, private readonly driftMs: number) {
    this.sign = createSigner(traitorSeed).sign
  }

  /** False when the message from -> to is to be lost. */
  pass (from: number, to: number, m: ReplicaMessage): boolean {
    const p = this.plan
    if (p.scenario === 'commit-at-one') {
      const v = normalCaseVote(m)
      return !(m.type === 'commit' && v?.view === 0 && v.seq === p.seq && to !== p.z)
    }
    if (p.scenario !== 'split-certs') return true
    if (m.type === 'view-change') {
      if (m.viewChange.newView === 1 && from === p.x) return false
      return !(m.viewChange.newView === PRIMARY_OF_2 && p.x !== PRIMARY_OF_2 && from === 0 && to === PRIMARY_OF_2)
    }
    const v = normalCaseVote(m)
    if (v === undefined || v.seq !== 1) return true
    if (v.view === 0) return m.type === 'pre-prepare' || (m.type === 'prepare' && to === p.x)
    if (v.view === 1) return to !== p.x && (m.type !== 'commit' || to === p.y)
    return true
  }

  /** What the traitor (replica 0, lying-primary only) sends to `to` instead of `m`; undefined: `m` itself. */
  rewrite (from: number, to: number, m: ReplicaMessage): ReplicaMessage | null | undefined {
    if (this.plan.scenario !== 'lying-primary' || from !== 0 || m.type !== 'pre-prepare' || m.prePrepare.replica !== 0) return undefined
    if (!this.plan.liars.includes(to)) return null
    const out = this.lieAbout(m.prePrepare, m.batch)
    if (out === undefined) return undefined
    this.lies.set(`${out.prePrepare.view}/${out.prePrepare.seq}/${toHex(out.prePrepare.digest)}`, this.plan.lie)
    return out
  }

  /** The lie named by the plan about (pp, batch), re-signed by the traitor; undefined when it does not apply. */
  private lieAbout (pp: PrePrepare, batch: Batch): (ReplicaMessage & { type: 'pre-prepare' }) | undefined {
    const first = batch.txs[0]
    const withProposal = (proposal: Proposal, txs = batch.txs, evidence = batch.evidence, over: Partial<PrePrepare> = {}): ReplicaMessage & { type: 'pre-prepare' } => {
      const unsigned = { ...pp, digest: proposalDigest(proposal), ...over }
      return { type: 'pre-prepare', prePrepare: { ...unsigned, signature: this.sign(signingBytes('prePrepare', unsigned)) }, batch: { proposal, txs, evidence } }
    }
    const p = batch.proposal
    switch (this.plan.lie) {
      case 'bad-tx-signature': {
        if (first === undefined) return undefined
        const bad = { ...first, nonce: first.nonce + 1_000_000 } // its client's signature no longer covers it
        const r = rebatch(batch, [...batch.txs, bad])
        return withProposal(r.batch.proposal, r.batch.txs)
      }
      case 'duplicate-tx': {
        if (first === undefined) return undefined
        const r = rebatch(batch, [...batch.txs, first])
        return withProposal(r.batch.proposal, r.batch.txs)
      }
      case 'tx-root': return withProposal({ ...p, txRoot: sha256(p.txRoot) })
      case 'evidence-root': return withProposal({ ...p, evidenceRoot: sha256(p.evidenceRoot) })
      case 'proposal-view': return withProposal({ ...p, view: p.view + 1 })
      case 'proposal-seq': return withProposal({ ...p, seq: p.seq + 1 })
      case 'proposer': return withProposal({ ...p, proposer: (p.proposer + 1) % N_DIRECTED })
      case 'timestamp': return withProposal({ ...p, timestampMs: p.timestampMs + this.driftMs + 1000 })
      case 'proposal-chain': return withProposal({ ...p, chainId: `${p.chainId}-other` })
      case 'pre-prepare-chain': return withProposal(p, batch.txs, batch.evidence, { chainId: `${pp.chainId}-other` })
      case 'digest': return withProposal(p, batch.txs, batch.evidence, { digest: sha256(new TextEncoder().encode('lie'), pp.digest) })
      case 'invalid-evidence': {
        const r = rebatch({ ...batch, evidence: [...batch.evidence, bogusEvidence()] }, batch.txs)
        return withProposal(r.batch.proposal, r.batch.txs, r.batch.evidence)
      }
      case 'beyond-window': {
        const seq = pp.seq + this.window
        return withProposal({ ...p, seq }, batch.txs, batch.evidence, { seq })
      }
      default: return assertNever(this.plan.lie)
    }
  }
}

/** Evidence no third party accepts: it names replica 1 and holds nothing it signed. */
function bogusEvidence (): pb.Evidence {
  return { accused: 1, kind: 'conflicting-prepare', messages: [new Uint8Array([1, 2, 3]), new Uint8Array([4, 5, 6])] }
}
