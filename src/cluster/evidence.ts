// Evidence as an operator needs it: gathered from every replica that answers and from the
// committed blocks, one record per misbehaviour, with the replicas that hold it and the height
// of the block that commits it. Asking one replica is not enough: the first to answer may be
// the traitor, and a replica's in-memory list is empty after a restart. Every record is checked
// with genesis alone, so a replica cannot frame another with made-up evidence.
import { createHash } from 'node:crypto'
import { decodeEvidenceMessage } from '../codec/index.js'
import { evidenceProblem } from '../crypto/evidence.js'
import type { Genesis } from '../ledger/genesis.js'
import { BLOCKS_PER_PAGE_MAX } from '../node/limits.js'
import { apiUrl, getJson } from './http.js'

/** An evidence record as the HTTP API serves it (GET /evidence, and `evidence` of GET /blocks/H). */
export interface EvidenceJson { accused: number, kind: string, messages: string[], atMs?: number }

export interface EvidenceRecord {
  key: string
  accused: number
  kind: string
  /** View and sequence number of the first signed message, when it names them. */
  view?: number
  seq?: number
  /** Replicas whose GET /evidence lists this record. */
  holders: number[]
  /** Height of the first committed block that carries it. */
  committed?: number
  /** Why it is not valid proof against `accused` (checked with genesis), or undefined. */
  problem?: string
  /** Earliest time a holder recorded it. */
  firstSeenMs?: number
}

export interface EvidenceReport {
  records: EvidenceRecord[]
  answered: number[]
  unreachable: Array<{ id: number, error: string }>
  /** Where the blocks were read from, and pruned heights whose evidence is no longer kept. */
  blocks: { from?: number, head: number, prunedWithEvidence: number[] }
}

const isEvidence = (e: unknown): e is EvidenceJson => typeof e === 'object' && e !== null &&
  typeof (e as EvidenceJson).accused === 'number' && typeof (e as EvidenceJson).kind === 'string' &&
  Array.isArray((e as EvidenceJson).messages) && (e as EvidenceJson).messages.every(m => typeof m === 'string' && /^[0-9a-f]*$/i.test(m) && m.length % 2 === 0)

/** One key per misbehaviour: accused, kind and a hash of its signed messages in any order. */
export function evidenceKey (e: Pick<EvidenceJson, 'accused' | 'kind' | 'messages'>): string {
  const h = createHash('sha256')
  for (const m of e.messages.map(x => x.toLowerCase()).sort()) h.update(m).update(',')
  return `${e.accused}/${e.kind}/${h.digest('hex').slice(0, 32)}`
}

/** Merges evidence records into a map by key; builds (and checks) the record the first time. */
export class EvidenceBook {
  readonly records = new Map<string, EvidenceRecord>()

  /** `max`: records kept, the oldest dropped first (the dashboard keeps a bounded list). */
  constructor (private readonly genesis: Genesis, private readonly max = Infinity) {}

  add (e: unknown, source: { holder: number, atMs?: number } | { committed: number }): EvidenceRecord | undefined {
    if (!isEvidence(e)) return undefined
    const key = evidenceKey(e)
    let r = this.records.get(key)
    if (r === undefined) {
      r = { key, accused: e.accused, kind: e.kind, holders: [], ...this.describe(e) }
      if (this.records.size >= this.max) this.records.delete(this.records.keys().next().value as string)
      this.records.set(key, r)
    }
    if ('holder' in source) {
      if (!r.holders.includes(source.holder)) r.holders.push(source.holder)
      r.holders.sort((a, b) => a - b)
      if (source.atMs !== undefined) r.firstSeenMs = Math.min(r.firstSeenMs ?? Infinity, source.atMs)
    } else r.committed = Math.min(r.committed ?? Infinity, source.committed)
    return r
  }

  private describe (e: EvidenceJson): Pick<EvidenceRecord, 'view' | 'seq' | 'problem'> {
    const messages = e.messages.map(m => new Uint8Array(Buffer.from(m, 'hex')))
    const first = messages[0] !== undefined ? decodeEvidenceMessage(messages[0]) : undefined
    const p = evidenceProblem(this.genesis.replicas.map(r => r.publicKey), this.genesis.chainId, { accused: e.accused, kind: e.kind, messages })
    const at = first?.ok !== true ? {} : first.value.kind === 'newView' ? { view: first.value.view } : { view: first.value.view, seq: first.value.seq }
    return { ...at, ...(p !== undefined ? { problem: `${p[0]}: ${p[1]}` } : {}) }
  }
}

interface BlockSummaryJson { height: number, header?: { evidenceCount?: number } }

/** Asks every replica for its evidence and reads the evidence committed in blocks. */
export async function gatherEvidence (g: Genesis, timeoutMs = 2000): Promise<EvidenceReport> {
  const book = new EvidenceBook(g)
  const answered: Array<{ id: number, height: number }> = []
  const unreachable: EvidenceReport['unreachable'] = []
  await Promise.all(g.replicas.map(async r => {
    try {
      const [status, list] = await Promise.all([getJson(`${apiUrl(g, r.id)}/status`, timeoutMs), getJson(`${apiUrl(g, r.id)}/evidence`, timeoutMs)])
      if (!Array.isArray(list)) throw new Error('GET /evidence did not answer a list')
      for (const e of list) book.add(e, { holder: r.id, atMs: typeof e?.atMs === 'number' ? e.atMs : undefined })
      answered.push({ id: r.id, height: typeof (status as { height?: unknown }).height === 'number' ? (status as { height: number }).height : 0 })
    } catch (err) {
      unreachable.push({ id: r.id, error: err instanceof Error ? err.message : String(err) })
    }
  }))
  answered.sort((a, b) => b.height - a.height || a.id - b.id)
  const blocks: EvidenceReport['blocks'] = { from: answered[0]?.id, head: answered[0]?.height ?? 0, prunedWithEvidence: [] }
  if (blocks.from !== undefined) await readCommitted(g, blocks.from, blocks.head, book, blocks.prunedWithEvidence, timeoutMs)
  const records = [...book.records.values()].sort((a, b) => a.accused - b.accused || (a.seq ?? 0) - (b.seq ?? 0) || a.kind.localeCompare(b.kind) || a.key.localeCompare(b.key))
  return { records, answered: answered.map(a => a.id).sort((a, b) => a - b), unreachable: unreachable.sort((a, b) => a.id - b.id), blocks }
}

/** Headers 1..head in pages; whole blocks only where a header counts evidence. */
async function readCommitted (g: Genesis, from: number, head: number, book: EvidenceBook, pruned: number[], timeoutMs: number): Promise<void> {
  const base = apiUrl(g, from)
  for (let lo = 1; lo <= head; lo += BLOCKS_PER_PAGE_MAX) {
    const page = await getJson(`${base}/blocks?from=${lo}&to=${Math.min(head, lo + BLOCKS_PER_PAGE_MAX - 1)}`, timeoutMs) as BlockSummaryJson[]
    for (const b of Array.isArray(page) ? page : []) {
      if ((b?.header?.evidenceCount ?? 0) === 0) continue
      const block = await getJson(`${base}/blocks/${b.height}`, timeoutMs) as { pruned?: boolean, evidence?: unknown[] }
      if (block.pruned === true || !Array.isArray(block.evidence)) { pruned.push(b.height); continue }
      for (const e of block.evidence) book.add(e, { committed: b.height })
    }
  }
}

/** The report as lines of text. */
export function formatEvidence (r: EvidenceReport): string {
  const out: string[] = []
  for (const e of r.records) {
    const where = e.seq !== undefined ? ` (view ${e.view ?? '?'}, seq ${e.seq})` : e.view !== undefined ? ` (view ${e.view})` : ''
    const held = e.holders.length > 0 ? `held by replica${e.holders.length > 1 ? 's' : ''} ${e.holders.join(', ')}` : 'held by no replica that answered'
    const committed = e.committed !== undefined ? `committed at height ${e.committed}` : 'not committed'
    const proof = e.problem === undefined ? 'valid proof' : `NOT valid proof (${e.problem})`
    out.push(`replica ${e.accused} lied: ${e.kind}${where}; ${held}; ${committed}; ${proof}`)
  }
  if (r.records.length === 0) out.push('no evidence recorded')
  const accused = [...new Set(r.records.filter(e => e.problem === undefined).map(e => e.accused))]
  for (const a of accused) out.push(`replica ${a}: ${r.records.filter(e => e.accused === a && e.problem === undefined).length} valid record(s) against it`)
  out.push(`asked replicas ${r.answered.join(', ') || '(none)'}` + (r.unreachable.length > 0 ? `; no answer from ${r.unreachable.map(u => u.id).join(', ')}` : '') +
    (r.blocks.from !== undefined ? `; blocks 1..${r.blocks.head} read from replica ${r.blocks.from}` : ''))
  if (r.blocks.prunedWithEvidence.length > 0) out.push(`pruned blocks carried evidence that is no longer kept: heights ${r.blocks.prunedWithEvidence.join(', ')}`)
  return out.join('\n') + '\n'
}
