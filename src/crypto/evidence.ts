// Evidence of misbehaviour is checkable by anyone holding the replicas' public keys: every
// message must be validly signed by the accused, and conflicting ones must really conflict.
import { decodeEvidenceMessage, signingBytes, type Evidence } from '../codec/index.js'
import { verify } from './ed25519.js'

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
  if (e.kind === 'invalid-transaction' || e.kind === 'bad-new-view') return signed.length === 1 ? undefined : ['messages', `${e.kind} evidence holds one signed message`]
  return ['kind', `unknown evidence kind ${JSON.stringify(e.kind)}`]
}
