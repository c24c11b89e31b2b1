// Polls every replica's HTTP API (status, new blocks, evidence) and turns the answers into the
// dashboard's state: who is up, views and primaries, view changes as events, evidence naming
// the traitor, the latest blocks, and a throughput series. A replica that does not answer
// within the timeout is shown as down; nothing it sends can break the poller.
import { TRAITOR_MODES } from '../byzantine/modes.js'
import { EvidenceBook } from '../cluster/evidence.js'
import type { Genesis } from '../ledger/genesis.js'
import {
  BLOCKS_SHOWN, EVENTS_MAX, EVIDENCE_SHOWN_MAX, THROUGHPUT_POINTS, pushBounded,
  type BlockView, type DashboardState, type EventView, type EvidenceView, type ReplicaStatusJson, type ReplicaView
} from './state.js'

export const POLL_TIMEOUT_MS = 800
export const BLOCKS_PER_POLL_MAX = 100

async function getJson (url: string, timeoutMs = POLL_TIMEOUT_MS): Promise<unknown> {
  const res = await fetch(url, { signal: AbortSignal.timeout(timeoutMs) })
  if (!res.ok) throw new Error(`${url}: HTTP ${res.status}`)
  return await res.json()
}

interface BlockSummary { height: number, hash?: string, txs: number, signers: number[], header: { proposer: number, view: number, timestampMs: number, evidenceCount?: number } }

export class ClusterPoller {
  private readonly replicas: ReplicaView[]
  private readonly events: EventView[] = []
  private readonly evidence: EvidenceBook
  /** accused/kind pairs already announced as an event (one event per kind of lie, not per record). */
  private readonly announced = new Set<string>()
  private readonly evidenceSeen: number[]
  private blocks: BlockView[] = []
  private lastBlock = -1
  private readonly perSecond = new Map<number, number>()
  private lastView = -1
  private readonly lastTraitor: string[]

  constructor (readonly genesis: Genesis, private readonly controls: DashboardState['controls'], private readonly now: () => number = Date.now) {
    this.replicas = genesis.replicas.map(r => ({ id: r.id, up: false, api: `http://${r.api}` }))
    this.evidence = new EvidenceBook(genesis, EVIDENCE_SHOWN_MAX)
    this.evidenceSeen = genesis.replicas.map(() => 0)
    this.lastTraitor = genesis.replicas.map(() => '')
  }

  note (kind: EventView['kind'], text: string): void {
    pushBounded(this.events, { atMs: this.now(), kind, text }, EVENTS_MAX)
  }

  async poll (): Promise<DashboardState> {
    await Promise.all(this.replicas.map(async r => { await this.pollReplica(r) }))
    const up = this.replicas.filter(r => r.up && r.status !== undefined).map(r => r.status as ReplicaStatusJson)
    const view = up.reduce((v, s) => Math.max(v, s.view), 0)
    if (up.length > 0 && view > this.lastView) {
      if (this.lastView >= 0) this.note('view-change', `view change: view ${view}, primary is now replica ${view % this.genesis.replicas.length}`)
      this.lastView = view
    }
    const leader = up.filter(s => s.view === view).sort((a, b) => b.height - a.height)[0]
    await this.pollBlocks(up)
    const primary = up.find(s => s.view === view && s.role === 'primary') ?? leader
    return {
      chainId: this.genesis.chainId,
      n: this.genesis.replicas.length,
      f: this.genesis.f,
      nowMs: this.now(),
      view,
      primary: up.length > 0 ? view % this.genesis.replicas.length : undefined,
      replicas: this.replicas.map(r => ({ ...r })),
      pipeline: primary?.inFlight ?? [],
      pipelineFrom: primary?.id,
      blocks: this.blocks,
      evidence: this.evidenceViews(),
      events: [...this.events],
      throughput: this.throughput(),
      controls: { ...this.controls, modes: TRAITOR_MODES }
    }
  }

  private async pollReplica (r: ReplicaView): Promise<void> {
    try {
      const s = await getJson(`${r.api}/status`) as ReplicaStatusJson
      if (typeof s !== 'object' || s === null || typeof s.view !== 'number') throw new Error('status is not a replica status')
      if (!r.up) this.note('up', `replica ${r.id} is up (view ${s.view}, height ${s.height})`)
      r.up = true
      r.status = s
      r.error = undefined
      const traitor = (s.traitor?.modes ?? []).join('+')
      if (traitor !== this.lastTraitor[r.id]) {
        this.note('traitor', traitor === '' ? `replica ${r.id} is honest again` : `replica ${r.id} is now a traitor: ${traitor}`)
        this.lastTraitor[r.id] = traitor
      }
      if (s.evidence !== this.evidenceSeen[r.id]) await this.pollEvidence(r, s.evidence)
    } catch (err) {
      if (r.up) this.note('down', `replica ${r.id} is down`)
      r.up = false
      r.status = undefined
      r.error = err instanceof Error ? err.message : String(err)
    }
  }

  private async pollEvidence (r: ReplicaView, count: number): Promise<void> {
    const list = await getJson(`${r.api}/evidence`)
    if (!Array.isArray(list)) return
    this.evidenceSeen[r.id] = count
    for (const e of list) this.addEvidence(e, { holder: r.id, atMs: typeof e?.atMs === 'number' ? e.atMs : undefined }, `signed proof kept by replica ${r.id}`)
  }

  private addEvidence (e: unknown, source: Parameters<EvidenceBook['add']>[1], where: string): void {
    const rec = this.evidence.add(e, source)
    if (rec !== undefined) rec.firstSeenMs ??= this.now()
    if (rec === undefined || rec.problem !== undefined || this.announced.has(`${rec.accused}/${rec.kind}`)) return
    this.announced.add(`${rec.accused}/${rec.kind}`)
    this.note('evidence', `evidence: replica ${rec.accused} lied (${rec.kind}), ${where}`)
  }

  private evidenceViews (): EvidenceView[] {
    return [...this.evidence.records.values()].map(r => ({
      accused: r.accused, kind: r.kind, view: r.view, seq: r.seq, reportedBy: [...r.holders], committedAt: r.committed, valid: r.problem === undefined, atMs: r.firstSeenMs ?? 0
    }))
  }

  /** Evidence committed in a block the poller just listed (its header counts evidence). */
  private async pollBlockEvidence (api: string, height: number): Promise<void> {
    const b = await getJson(`${api}/blocks/${height}`) as { evidence?: unknown }
    if (Array.isArray(b?.evidence)) for (const e of b.evidence) this.addEvidence(e, { committed: height }, `committed in block ${height}`)
  }

  private async pollBlocks (up: ReplicaStatusJson[]): Promise<void> {
    const top = up.sort((a, b) => b.height - a.height)[0]
    if (top === undefined || top.height <= this.lastBlock) return
    const from = this.lastBlock < 0 ? Math.max(1, top.height - BLOCKS_SHOWN + 1) : this.lastBlock + 1
    const to = Math.min(top.height, from + BLOCKS_PER_POLL_MAX - 1)
    if (to < from) { this.lastBlock = top.height; return }
    try {
      const list = await getJson(`${this.replicas[top.id]?.api ?? ''}/blocks?from=${from}&to=${to}`) as BlockSummary[]
      if (!Array.isArray(list)) return
      for (const b of list) {
        if ((b.header?.evidenceCount ?? 0) > 0) await this.pollBlockEvidence(this.replicas[top.id]?.api ?? '', b.height)
        const v: BlockView = { height: b.height, hash: b.hash ?? '', txs: b.txs, signers: b.signers, proposer: b.header.proposer, view: b.header.view, timestampMs: b.header.timestampMs }
        pushBounded(this.blocks, v, BLOCKS_SHOWN)
        const sec = Math.floor(this.now() / 1000)
        if (this.lastBlock >= 0) this.perSecond.set(sec, (this.perSecond.get(sec) ?? 0) + b.txs)
      }
      this.lastBlock = to
    } catch {
      // the replica went away between status and blocks; the next poll tries again
    }
  }

  private throughput (): Array<{ t: number, txs: number }> {
    const now = Math.floor(this.now() / 1000)
    for (const k of this.perSecond.keys()) if (k <= now - THROUGHPUT_POINTS) this.perSecond.delete(k)
    const out: Array<{ t: number, txs: number }> = []
    for (let t = now - THROUGHPUT_POINTS + 1; t <= now; t++) out.push({ t, txs: this.perSecond.get(t) ?? 0 })
    return out
  }
}
