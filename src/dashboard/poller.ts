// Polls every replica's HTTP API (status, new blocks, evidence) and turns the answers into the
// dashboard's state: who is up, views and primaries, view changes as events, evidence naming
// the traitor, the latest blocks, and a throughput series. A replica that does not answer
// within the timeout is shown as down; nothing it sends can break the poller.
import { TRAITOR_MODES } from '../byzantine/modes.js'
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

interface BlockSummary { height: number, hash?: string, txs: number, signers: number[], header: { proposer: number, view: number, timestampMs: number } }
interface EvidenceJson { accused: number, kind: string, atMs: number }

export class ClusterPoller {
  private readonly replicas: ReplicaView[]
  private readonly events: EventView[] = []
  private readonly evidence = new Map<string, EvidenceView>()
  private readonly evidenceSeen: number[]
  private blocks: BlockView[] = []
  private lastBlock = -1
  private readonly perSecond = new Map<number, number>()
  private lastView = -1
  private readonly lastTraitor: string[]

  constructor (readonly genesis: Genesis, private readonly controls: DashboardState['controls'], private readonly now: () => number = Date.now) {
    this.replicas = genesis.replicas.map(r => ({ id: r.id, up: false, api: `http://${r.api}` }))
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
      evidence: [...this.evidence.values()].slice(-EVIDENCE_SHOWN_MAX),
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
    const list = await getJson(`${r.api}/evidence`) as EvidenceJson[]
    if (!Array.isArray(list)) return
    this.evidenceSeen[r.id] = count
    for (const e of list) {
      if (typeof e?.accused !== 'number' || typeof e.kind !== 'string') continue
      const key = `${e.accused}/${e.kind}`
      const known = this.evidence.get(key)
      if (known === undefined) {
        if (this.evidence.size >= EVIDENCE_SHOWN_MAX) this.evidence.delete(this.evidence.keys().next().value as string)
        this.evidence.set(key, { accused: e.accused, kind: e.kind, reportedBy: [r.id], atMs: e.atMs })
        this.note('evidence', `evidence: replica ${e.accused} lied (${e.kind}), signed proof kept by replica ${r.id}`)
      } else if (!known.reportedBy.includes(r.id)) known.reportedBy.push(r.id)
    }
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
