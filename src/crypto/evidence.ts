// Evidence of misbehaviour is checkable by anyone holding the replicas' public keys: every
// message must be validly signed by the accused, and conflicting ones must really conflict.
import { decodeEvidenceMessage, signingBytes, type Evidence, type EvidenceMessage, type NewView, type PrePrepare } from '../codec/index.js'
import { nullDigest, proposalDigest, txRoot } from './digests.js'
import { verify } from './ed25519.js'
import { bytesEqual, toHex } from './hash.js'

/** Why an evidence record is not valid proof, or undefined when it is. [field, reason]. */
export function evidenceProblem (publicKeys: Uint8Array[], chainId: string, e: Evidence): [string, string] | undefined {
  const key = publicKeys[e.accused]
  if (key === undefined) return ['accused', `no replica ${e.accused}`]
  const signed = []
  for (let i = 0; i < e.messages.length; i++) {
    const m = decodeEvidenceMessage(e.messages[i] as Uint8Array)
    if (!m.ok) return [`messages[${i}]`, m.error.message]
    if (m.value.replica !== e.accused) return [`messages[${i}]`, 'not signed by the accused replica']
    if ((m.value.body as { chainId?: string }).chainId !== chainId) return [`messages[${i}]`, 'wrong chain']
    if (!verify(key, signingBytes(m.value.kind, m.value.body), m.value.body.signature)) return [`messages[${i}].signature`, 'invalid signature']
    signed.push(m.value)
  }
  if (e.kind.startsWith('conflicting-')) {
    const [a, b] = signed
    if (a === undefined || b === undefined || signed.length !== 2) return ['messages', 'conflicting evidence needs two messages']
    if (a.kind !== b.kind || a.view !== b.view || a.seq !== b.seq || a.digest === b.digest) return ['messages', 'the two messages do not conflict']
    return undefined
  }
  const [only] = signed
  if ((e.kind === 'invalid-transaction' || e.kind === 'bad-new-view') && (only === undefined || signed.length !== 1)) return ['messages', `${e.kind} evidence holds one signed message`]
  if (e.kind === 'invalid-transaction') return invalidTransactionProblem(chainId, only as EvidenceMessage)
  if (e.kind === 'bad-new-view') return badNewViewProblem(publicKeys, only as EvidenceMessage)
  return ['kind', `unknown evidence kind ${JSON.stringify(e.kind)}`]
}

/** The signed pre-prepare's own batch must carry a transaction whose client signature fails. */
function invalidTransactionProblem (chainId: string, m: EvidenceMessage): [string, string] | undefined {
  const batch = m.batches[0]
  if (m.kind !== 'prePrepare' || batch?.proposal == null) return ['messages[0]', 'invalid-transaction evidence is a pre-prepare with its batch']
  const pp = m.body as PrePrepare
  const proposal = batch.proposal
  if (toHex(proposalDigest(proposal)) !== toHex(pp.digest) || !bytesEqual(txRoot(batch.txs), proposal.txRoot) || batch.txs.length !== proposal.txCount) {
    return ['messages[0].batch', 'the batch is not the one the pre-prepare signs']
  }
  const bad = batch.txs.some(tx => tx.chainId !== chainId || !verify(tx.client, signingBytes('transaction', tx), tx.signature))
  return bad ? undefined : ['messages[0].batch', 'every transaction in the batch is validly signed']
}

/**
 * The NEW-VIEW must contradict its own view-changes. An honest primary's NEW-VIEW never does,
 * so it cannot be framed with one.
 */
function badNewViewProblem (publicKeys: Uint8Array[], m: EvidenceMessage): [string, string] | undefined {
  const nv = m.body as NewView
  if (m.kind !== 'newView' || nv.replica !== nv.view % publicKeys.length) return ['messages[0]', 'bad-new-view evidence is a NEW-VIEW signed by the primary of its view']
  return newViewContradicts(publicKeys, nv) ? undefined : ['messages[0]', 'the NEW-VIEW re-issues exactly what its view-changes prove: no contradiction']
}

/**
 * Whether a NEW-VIEW re-issues something other than what its own view-changes prove: O
 * recomputed digest by digest (the highest-view prepared certificate per seq above the highest
 * stable checkpoint, else the null batch), as every backup does (src/protocol/new-view.ts),
 * against its pre-prepares (seq, view, signer, digest, signature by the primary of its view).
 */
export function newViewContradicts (publicKeys: Uint8Array[], nv: NewView, verifySig = verify): boolean {
  const primary = nv.view % publicKeys.length
  const minS = Math.max(0, ...nv.viewChanges.map(vc => vc.stableSeq))
  const best = new Map<number, { view: number, digest: string }>()
  for (const vc of nv.viewChanges) {
    for (const pc of vc.prepared) {
      const pp = pc.prePrepare
      const cur = best.get(pp.seq)
      if (pp.seq > minS && (cur === undefined || pp.view > cur.view)) best.set(pp.seq, { view: pp.view, digest: toHex(pp.digest) })
    }
  }
  const maxS = Math.max(minS, ...best.keys())
  if (maxS - minS !== nv.prePrepares.length) return true
  const key = publicKeys[primary] as Uint8Array
  return nv.prePrepares.some((pp, i) => {
    const seq = minS + 1 + i
    const digest = best.get(seq)?.digest ?? toHex(nullDigest(nv.chainId, seq, nv.view, primary))
    return pp.seq !== seq || pp.view !== nv.view || pp.replica !== primary || toHex(pp.digest) !== digest || !verifySig(key, signingBytes('prePrepare', pp), pp.signature)
  })
}
