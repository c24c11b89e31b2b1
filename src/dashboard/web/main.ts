// The dashboard page: renders each state the server streams (server-sent events), and sends
// the controls as JSON to the server, which holds the admin key. No framework, no CDN.
import type { DashboardState, InFlight, ReplicaView } from '../state.js'

const $ = <T extends HTMLElement = HTMLElement>(id: string): T => document.getElementById(id) as T

function el (tag: string, attrs: Record<string, string> = {}, ...children: Array<Node | string>): HTMLElement {
  const e = document.createElement(tag)
  for (const [k, v] of Object.entries(attrs)) e.setAttribute(k, v)
  e.append(...children)
  return e
}

const short = (hex: string): string => hex.length > 12 ? `${hex.slice(0, 12)}…` : hex
const time = (ms: number): string => new Date(ms).toLocaleTimeString()

function renderReplicas (s: DashboardState): void {
  const rows = s.replicas.map((r: ReplicaView) => {
    const st = r.status
    const traitor = st?.traitor?.modes?.join(' + ') ?? ''
    const cls = [!r.up ? 'down' : '', st !== undefined && st.role === 'primary' ? 'primary' : '', traitor !== '' ? 'traitor' : ''].filter(Boolean).join(' ')
    return el('tr', { 'data-replica': String(r.id), class: cls },
      el('td', { class: 'num' }, String(r.id)),
      el('td', { class: r.up ? 'state state-up' : 'state state-down' }, r.up ? (st?.viewChanging === true ? 'view change' : 'up') : 'down'),
      el('td', { class: 'role' }, st?.role ?? '–'),
      el('td', { class: 'view num' }, st !== undefined ? String(st.view) : '–'),
      el('td', { class: 'height num' }, st !== undefined ? String(st.height) : '–'),
      el('td', { class: 'num' }, st !== undefined ? String(st.stableCheckpoint) : '–'),
      el('td', {}, st !== undefined ? st.peersConnected.join(',') : '–'),
      el('td', { class: 'mode' }, traitor !== '' ? traitor : (st !== undefined ? 'honest' : '–')))
  })
  $('replicas').querySelector('tbody')?.replaceChildren(...rows)
}

function voteCell (f: InFlight, id: number): HTMLElement {
  if (f.commits.includes(id)) return el('span', { class: 'vote c', title: `commit from replica ${id}` }, 'C')
  if (f.prepares.includes(id)) return el('span', { class: 'vote p', title: `prepare from replica ${id}` }, 'P')
  return el('span', { class: 'vote none', title: `nothing yet from replica ${id}` }, '·')
}

function renderPipeline (s: DashboardState): void {
  $('pipeline-from').textContent = s.pipelineFrom !== undefined ? `(as replica ${s.pipelineFrom} sees it)` : ''
  const head = el('tr', {}, el('th', { scope: 'col' }, 'seq'), el('th', { scope: 'col' }, 'view'), el('th', { scope: 'col' }, 'digest'), el('th', { scope: 'col' }, 'phase'), el('th', { scope: 'col' }, 'votes per replica (P = prepare, C = commit)'))
  $('pipeline').querySelector('thead')?.replaceChildren(head)
  const ids = s.replicas.map(r => r.id)
  const rows = s.pipeline.slice(-16).map(f => el('tr', { 'data-seq': String(f.seq) },
    el('td', { class: 'num' }, String(f.seq)), el('td', { class: 'num' }, String(f.view)), el('td', {}, el('code', {}, short(f.digest))),
    el('td', { class: `phase-${f.phase}` }, f.phase), el('td', {}, ...ids.map(id => voteCell(f, id)))))
  if (rows.length === 0) rows.push(el('tr', {}, el('td', { colspan: '5' }, 'nothing in flight')))
  $('pipeline').querySelector('tbody')?.replaceChildren(...rows)
}

function renderThroughput (s: DashboardState): void {
  const svg = $('throughput')
  const max = Math.max(1, ...s.throughput.map(p => p.txs))
  const w = 600 / Math.max(1, s.throughput.length)
  const NS = 'http://www.w3.org/2000/svg'
  const bars = s.throughput.map((p, i) => {
    const r = document.createElementNS(NS, 'rect')
    const h = (p.txs / max) * 110
    r.setAttribute('x', String(i * w)); r.setAttribute('width', String(Math.max(1, w - 1)))
    r.setAttribute('y', String(120 - h)); r.setAttribute('height', String(h))
    const t = document.createElementNS(NS, 'title'); t.textContent = `${p.txs} tx at ${time(p.t * 1000)}`
    r.append(t)
    return r
  })
  svg.replaceChildren(...bars)
  const recent = s.throughput.slice(-6, -1)
  $('throughput-now').textContent = `${(recent.reduce((a, p) => a + p.txs, 0) / Math.max(1, recent.length)).toFixed(0)} tx/s (5 s average), peak ${max} tx/s`
}

function renderBlocks (s: DashboardState): void {
  const rows = [...s.blocks].reverse().map(b => el('tr', { 'data-height': String(b.height) },
    el('td', { class: 'num' }, String(b.height)), el('td', {}, el('code', { title: b.hash }, short(b.hash))), el('td', { class: 'num' }, String(b.txs)),
    el('td', { class: 'num' }, String(b.view)), el('td', { class: 'num' }, String(b.proposer)), el('td', {}, b.signers.join(', '))))
  $('blocks').querySelector('tbody')?.replaceChildren(...rows)
}

function renderLists (s: DashboardState): void {
  const ev = s.evidence.map(e => {
    const at = e.seq !== undefined ? ` (view ${e.view ?? '?'}, seq ${e.seq})` : ''
    const held = e.reportedBy.length > 0 ? `signed proof held by replica(s) ${e.reportedBy.join(', ')}` : 'held by no replica now'
    const committed = e.committedAt !== undefined ? `committed at height ${e.committedAt}` : 'not committed yet'
    const text = `replica ${e.accused} lied: ${e.kind}${at} — ${held}; ${committed}${e.valid ? '' : '; NOT valid proof'} (${time(e.atMs)})`
    return el('li', { 'data-accused': String(e.accused), 'data-committed': String(e.committedAt ?? '') }, text)
  })
  if (ev.length === 0) ev.push(el('li', { class: 'none' }, 'none'))
  $('evidence').replaceChildren(...ev)
  $('events').replaceChildren(...[...s.events].reverse().map(e => el('li', { class: e.kind }, `${time(e.atMs)} ${e.text}`)))
}

let controlsBuilt = false
function buildControls (s: DashboardState): void {
  if (controlsBuilt) return
  controlsBuilt = true
  $('control-replica').replaceChildren(...s.replicas.map(r => el('option', { value: String(r.id) }, `replica ${r.id}`)))
  const modeSelect = $<HTMLSelectElement>('control-mode')
  modeSelect.replaceChildren(...Object.keys(s.controls.modes).map(m => el('option', { value: m }, m)))
  const help = (): void => { $('mode-help').textContent = s.controls.modes[modeSelect.value] ?? '' }
  modeSelect.addEventListener('change', help)
  help()
  for (const id of ['btn-kill', 'btn-restart']) ($<HTMLButtonElement>(id)).disabled = !s.controls.processes
  $<HTMLButtonElement>('btn-transfer').disabled = s.controls.accounts < 2
}

function render (s: DashboardState): void {
  buildControls(s)
  const up = s.replicas.filter(r => r.up).length
  $('summary').textContent = `chain ${s.chainId} · n = ${s.n}, f = ${s.f} · view ${s.view} · primary ${s.primary ?? '?'} · ${up}/${s.n} up`
  renderReplicas(s)
  renderPipeline(s)
  renderThroughput(s)
  renderBlocks(s)
  renderLists(s)
}

async function control (action: string, body: Record<string, unknown>): Promise<unknown> {
  const res = await fetch(`/api/${action}`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) })
  const out = await res.json() as { error?: string }
  if (!res.ok) throw new Error(out.error ?? res.statusText)
  return out
}

function report (p: Promise<string>): void {
  const out = $('control-result')
  out.textContent = '…'
  p.then(text => { out.textContent = text; out.className = 'ok' }, (err: Error) => { out.textContent = `error: ${err.message}`; out.className = 'error' })
}

const replica = (): number => Number($<HTMLSelectElement>('control-replica').value)
$('traitor-form').addEventListener('submit', ev => {
  ev.preventDefault()
  const mode = $<HTMLSelectElement>('control-mode').value
  report(control('traitor', { replica: replica(), modes: [mode] }).then(() => `replica ${replica()} is now a traitor: ${mode}`))
})
$('btn-clear').addEventListener('click', () => { report(control('clear', { replica: replica() }).then(() => `replica ${replica()} is honest again`)) })
$('btn-kill').addEventListener('click', () => { report(control('kill', { replica: replica() }).then(() => `replica ${replica()} killed`)) })
$('btn-restart').addEventListener('click', () => { report(control('restart', { replica: replica() }).then(() => `replica ${replica()} restarting`)) })
$('transfer-form').addEventListener('submit', ev => {
  ev.preventDefault()
  const num = (id: string): number => Number($<HTMLInputElement>(id).value)
  const count = Math.min(100, Math.max(1, num('tx-count')))
  const body = { from: num('tx-from'), to: num('tx-to'), amount: num('tx-amount') }
  report(Promise.all([...Array(count).keys()].map(async () => await control('transfer', body) as { height: number }))
    .then(rs => `${rs.length} transfer(s) committed, last in block ${Math.max(...rs.map(r => r.height))}`))
})

const source = new EventSource('/events')
source.addEventListener('state', ev => {
  $('link').textContent = 'live'
  $('link').className = 'link up'
  render(JSON.parse((ev as MessageEvent<string>).data) as DashboardState)
})
source.addEventListener('error', () => { $('link').textContent = 'reconnecting…'; $('link').className = 'link down' })
