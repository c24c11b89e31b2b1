// One simulation run, driven by one integer seed: a safety phase with faults, then a liveness
// phase in which the healed cluster must commit every client transaction.
import { assertNever } from '../codec/index.js'
import { createSigner } from '../crypto/ed25519.js'
import { AttestationMemo } from '../crypto/tx-proof.js'
import { sha256, toHex } from '../crypto/hash.js'
import { TRAITOR_MODES, type TraitorMode, type TraitorSettings } from '../byzantine/modes.js'
import type { Genesis } from '../ledger/genesis.js'
import type { PlantedFault } from '../protocol/index.js'
import { CLIENT_RETRY_MS, CLIENT_WINDOW_MAX, SimClient, type PlantedClientFault } from './clients.js'
import { Director, N_DIRECTED, planFor, type DirectedPlan } from './directed.js'
import { Prng } from './prng.js'
import { StorageFaults } from './storage-faults.js'
import { TICK_MS, World } from './world.js'

/** Default bound of the liveness phase (see SimOptions.livenessMs). */
export const LIVENESS_MS = 120_000

export const FAULT_CLASSES = ['drop', 'dup', 'reorder', 'partition', 'crash', 'skew'] as const
export type FaultClass = typeof FAULT_CLASSES[number]
/** Traitor modes the simulator can run (all of src/byzantine). */
export const SIM_TRAITOR_MODES = Object.keys(TRAITOR_MODES) as TraitorMode[]

export interface SimOptions {
  replicas?: number
  faults?: FaultClass[]
  plant?: PlantedFault[]
  /** Test-only bugs in the simulated clients (src/sim/clients.ts). */
  plantClient?: PlantedClientFault[]
  /** 'random': with probability 1/2 up to f traitors with random modes; or explicit settings. */
  traitors?: 'none' | 'random' | Map<number, TraitorSettings>
  clients?: number
  txsPerClient?: number
  /** Transfers each client keeps in flight, 1..CLIENT_WINDOW_MAX (default: chosen by the seed). */
  clientWindow?: number
  /** Clients 0 and 1 sign for one account (default: chosen by the seed, half the runs). */
  sharedAccount?: boolean
  faultMs?: number
  /**
   * How long after the faults stop every client transaction must have committed. Default 120 s,
   * a generous bound: view-change timeouts double up to 16 x 300 ms. (Seed 7090 of the sweep
   * needed 57.6 s before the NEW-VIEW timer waited for 2f+1 VIEW-CHANGEs, PBFT §4.5.2; now
   * it commits everything within the fault phase.)
   */
  livenessMs?: number
  trace?: boolean
  /**
   * Directed mode (src/sim/directed.ts): n = 4, no random faults unless `faults` is given, and
   * the seed picks a scenario that loses or rewrites exactly the messages that steer the cluster
   * into a rare situation of the paper.
   */
  directed?: boolean
  /** Failed and torn WAL writes in the fault phase (storage-faults.ts). */
  storageFaults?: boolean
}

export interface SeedResult {
  seed: number, n: number, f: number, blocks: number, viewChanges: number, txsSubmitted: number, txsCommitted: number
  clientWindow: number, sharedAccount: boolean
  /** Transfers that succeeded after a higher nonce of their account had (delayed or overtaken). */
  reordered: number
  /** Accepted reply sets whose receipt was checked (the receipts invariant), and replies the clients refused. */
  receipts: number
  invalidReplies: number
  faults: { dropped: number, duplicated: number, crashes: number, partitions: number, failedWrites: number, tornWrites: number }
  traitors: Array<{ id: number, modes: string[] }>
  evidence: Array<{ accused: number, kind: string }>
  /** Provable lies that reached an up, honest replica (src/sim/lie-witness.ts), per traitor. */
  lies: Array<{ traitor: number, kinds: string[] }>
  /** Directed mode: the scenario the seed picked. */
  plan?: DirectedPlan
  /** How often each situation of situations.ts was reached. */
  situations: Record<string, number>
  /** After a safety loss (more than f traitors): the replicas both commit certificates convict. */
  forensics: Array<{ height: number, culprits: number[] }>
  violations: string[], virtualMs: number, wallMs: number, traceHash: string, trace: string[]
  replicas: Array<{ inflight: string, id: number, up: boolean, honest: boolean, view: number, viewChanging: boolean, executed: number, stable: number, pending: number, height: number }>
}

function makeGenesis (prng: Prng, n: number, clientKeys: Uint8Array[]): { genesis: Genesis, seeds: Uint8Array[] } {
  const seeds = [...Array(n)].map(() => prng.bytes32())
  const genesis: Genesis = {
    chainId: 'sim', genesisTimeMs: 0, f: Math.floor((n - 1) / 3),
    replicas: seeds.map((s, id) => ({ id, publicKey: createSigner(s).publicKey, peerId: `sim-${id}`, addrs: [], api: '' })),
    params: { batchTxsMax: 8, batchBytesMax: 64 * 1024, batchTimeoutMs: 5, checkpointInterval: 4, window: 16, viewChangeTimeoutMs: 300, timestampDriftMs: 600_000 },
    accounts: clientKeys.map(publicKey => ({ publicKey, balance: 1_000_000n })),
    adminPublicKey: new Uint8Array(32), traitorModesEnabled: true
  }
  return { genesis, seeds }
}

/** Client i sends to the next client's account that is not its own (or to a new account). */
function targetOf (keys: Uint8Array[], i: number): Uint8Array {
  const own = toHex(keys[i] as Uint8Array)
  for (let d = 1; d < keys.length; d++) {
    const k = keys[(i + d) % keys.length] as Uint8Array
    if (toHex(k) !== own) return k
  }
  return sha256(keys[i] as Uint8Array)
}

function pickTraitors (prng: Prng, n: number, f: number, opt: SimOptions['traitors']): Map<number, TraitorSettings> {
  if (opt instanceof Map) return opt
  const out = new Map<number, TraitorSettings>()
  if (opt !== 'random' || !prng.chance(0.5)) return out
  const ids = prng.shuffle([...Array(n).keys()]).slice(0, prng.int(1, f))
  for (const id of ids) out.set(id, { modes: prng.shuffle([...SIM_TRAITOR_MODES]).slice(0, prng.int(1, 2)) })
  return out
}

/** Everything one run's event loop works on. */
interface Run {
  w: World
  prng: Prng
  clients: SimClient[]
  /** The account each client sends to: the next client's with another key. */
  targets: Uint8Array[]
  faults: Set<FaultClass>
  faultMs: number
  deadline: number
  n: number
  f: number
  note: (line: string) => void
}

/** The trace: an FNV-1a hash of every event (same seed, same hash) and, with `keep`, the last 200 lines. */
class Trace {
  hash = 0x811c9dc5
  readonly lines: string[] = []
  constructor (private readonly keep: boolean) {}
  note (s: string): void {
    for (let i = 0; i < s.length; i++) this.hash = Math.imul(this.hash ^ s.charCodeAt(i), 16777619) >>> 0
    if (this.keep) { this.lines.push(s); if (this.lines.length > 200) this.lines.shift() }
  }
}

export async function runSeed (seed: number, o: SimOptions = {}): Promise<SeedResult> {
  const t0 = Date.now()
  const prng = new Prng(seed)
  const directed = o.directed === true
  const n = directed ? N_DIRECTED : o.replicas ?? prng.pick([4, 7, 10])
  const f = Math.floor((n - 1) / 3)
  const faults = new Set(o.faults ?? (directed ? [] : FAULT_CLASSES))
  const faultMs = o.faultMs ?? 3000
  const deadline = faultMs + (o.livenessMs ?? LIVENESS_MS)
  const clientSeeds = [...Array(o.clients ?? 3)].map(() => prng.bytes32())
  // The clients' shape comes from its own stream: a run with one writer per account and one
  // transfer in flight is event for event the run this seed gave before clients had windows.
  const shape = new Prng(seed ^ 0x6e6f6e63)
  const window = o.clientWindow ?? shape.int(1, CLIENT_WINDOW_MAX)
  const shared = clientSeeds.length >= 2 && (o.sharedAccount ?? shape.chance(0.5))
  if (shared) clientSeeds[1] = clientSeeds[0] as Uint8Array
  const clientKeys = clientSeeds.map(s => createSigner(s).publicKey)
  const { genesis, seeds } = makeGenesis(prng, n, clientKeys.filter((k, i) => clientKeys.findIndex(x => toHex(x) === toHex(k)) === i))
  const plan = directed ? planFor(seed, prng) : undefined
  const traitors = plan?.scenario === 'lying-primary' ? new Map([[0, { modes: [] }]]) : pickTraitors(prng, n, f, o.traitors ?? 'none')
  const w = new World(prng, genesis, seeds, o.plant ?? [], traitors, plan === undefined)
  equip(w, o, seed, plan, faultMs)
  await w.init(traitors)
  const clients = clientSeeds.map((s, i) => new SimClient(i, s, genesis.chainId, o.txsPerClient ?? 6, n, f, window, shared && i < 2 ? i : undefined, new Set(o.plantClient)))
  clientKeys.forEach((k, i) => { w.clientIndex.set(toHex(k), [...(w.clientIndex.get(toHex(k)) ?? []), i]) })
  const targets = clientKeys.map((_, i) => targetOf(clientKeys, i))
  const memo = new AttestationMemo(genesis.replicas.map(r => r.publicKey), genesis.chainId, w.verify)
  w.onReply = (c, from, reply) => {
    const client = clients[c]
    if (client === undefined || genesis.replicas[from] === undefined) return
    const accepted = client.onReply(from, reply, memo)
    if (accepted === undefined) return
    w.inv.onAccepted(c, accepted.tx, accepted.replies)
    w.q.push(w.now + prng.int(0, 20), { kind: 'client', client: c })
  }
  scheduleFaults(w, prng, faults, faultMs, n, f)
  clients.forEach((_, i) => { w.q.push(prng.int(0, 50), { kind: 'client', client: i }) })
  const trace = new Trace(o.trace === true)
  const run: Run = { w, prng, clients, targets, faults, faultMs, deadline, n, f, note: line => { trace.note(line) } }
  try {
    await loop(run)
  } catch (err) {
    w.inv.violate(`exception in an honest replica: ${err instanceof Error ? err.stack ?? err.message : String(err)}`)
  }
  const violations = [...w.inv.violations]
  if (violations.length === 0 && !clients.every(c => c.finished())) {
    violations.push(`liveness: ${clients.reduce((a, c) => a + c.total - c.done, 0)} client transactions not committed ${deadline - faultMs} ms after the faults stopped`)
  }
  return {
    seed, n, f, blocks: w.inv.heights(), viewChanges: Math.max(...w.hosts.map(h => h.core.status().viewChanges)),
    txsSubmitted: clients.reduce((a, c) => a + c.created, 0), txsCommitted: clients.reduce((a, c) => a + c.done, 0),
    clientWindow: window, sharedAccount: shared, reordered: w.inv.reordered,
    receipts: w.inv.receipts, invalidReplies: clients.reduce((a, c) => a + c.invalidReplies, 0),
    faults: { dropped: w.stats.dropped, duplicated: w.stats.duplicated, crashes: w.stats.crashes, partitions: w.stats.partitions, failedWrites: w.stats.failedWrites, tornWrites: w.stats.tornWrites },
    traitors: [...traitors].map(([id, s]) => ({ id, modes: s.modes })), evidence: w.stats.evidence,
    ...(plan !== undefined ? { plan } : {}), situations: w.situations.toJSON(),
    forensics: w.inv.forensics,
    lies: [...w.witness.lies].map(([traitor, kinds]) => ({ traitor, kinds: [...kinds].sort() })),
    violations, virtualMs: w.now, wallMs: Date.now() - t0, traceHash: trace.hash.toString(16), trace: trace.lines,
    replicas: w.hosts.map(h => replicaSummary(h))
  }
}

/** The world's optional fault drivers: the directed mode's director, the storage faults (their own stream of the seed). */
function equip (w: World, o: SimOptions, seed: number, plan: DirectedPlan | undefined, faultMs: number): void {
  const { params, f } = w.genesis
  if (plan !== undefined) w.director = new Director(plan, w.seeds[0] as Uint8Array, params.window, params.timestampDriftMs)
  if (o.storageFaults === true) w.storageFaults = new StorageFaults(new Prng(seed ^ 0x77616c21), faultMs, f)
}

function replicaSummary (h: World['hosts'][number]): SeedResult['replicas'][number] {
  const s = h.core.status()
  return {
    id: h.id, up: h.up, honest: h.honest, view: s.view, viewChanging: s.viewChanging,
    inflight: s.inFlight.map(x => `${x.seq}@${x.view}:${x.phase[0]}:p${x.prepares.join('')}:c${x.commits.join('')}:${x.digest.slice(0, 4)}`).join(' '),
    executed: s.lastExecuted, stable: s.stableCheckpoint, pending: s.pendingRequests, height: h.ledger.head().height
  }
}

/** The event loop: until the deadline, a violation, or every client finished after the faults. */
async function loop (r: Run): Promise<void> {
  const { w } = r
  while (w.q.size > 0 && w.inv.violations.length === 0) {
    const e = w.q.pop()
    if (e === undefined || e.at > r.deadline) break
    w.now = e.at
    const ev = e.item
    r.note(`${w.now} ${ev.kind} ${'to' in ev ? ev.to : 'replica' in ev ? ev.replica : 'client' in ev ? ev.client : ''}${ev.kind === 'deliver' ? ` from ${ev.from} ${toHex(ev.bytes.subarray(0, 6))}` : ''}`)
    await handle(r, ev)
    if (w.now > r.faultMs && r.clients.every(c => c.finished())) break
  }
}

type SimEvent = NonNullable<ReturnType<World['q']['pop']>>['item']

async function handle (r: Run, ev: SimEvent): Promise<void> {
  const { w, prng } = r
  switch (ev.kind) {
    case 'tick': {
      const h = w.hosts[ev.replica]
      if (h === undefined) break
      if (h.up) await w.step(h.id, { type: 'tick', nowMs: w.clock(h) })
      w.q.push(w.now + TICK_MS, ev)
      break
    }
    case 'deliver': {
      const crash = r.faults.has('crash') && w.now < r.faultMs && prng.chance(0.0015) && w.hosts.filter(h => !h.up).length < r.f
      if (crash) await w.step(ev.to, { type: 'tick', nowMs: w.clock(w.hosts[ev.to]!) }, prng.int(0, 3))
      await w.deliver(ev.to, ev.from, ev.bytes)
      break
    }
    case 'request': await w.step(ev.to, { type: 'request', tx: ev.tx }); break
    case 'reply': w.onReply(ev.client, ev.from, ev.reply); break
    case 'restart': await w.restart(ev.replica); break
    case 'peer': await w.step(ev.to, { type: 'peer', replica: ev.replica, up: ev.up }); break
    case 'fault': ev.apply(); break
    case 'client': onClientTurn(r, ev.client); break
    default: assertNever(ev)
  }
}

/**
 * A client sends new transactions (filling its window) to the primary and re-sends to all
 * replicas the outstanding ones sent at least CLIENT_RETRY_MS ago, or, when it has nothing new,
 * every outstanding one.
 */
function onClientTurn (r: Run, i: number): void {
  const { w, prng } = r
  const c = r.clients[i] as SimClient
  const fresh = c.fill(prng, r.targets[i] as Uint8Array, w.now)
  const again = c.resend(w.now, fresh.length === 0 ? 0 : CLIENT_RETRY_MS)
  if (fresh.length === 0 && again.length === 0) return
  const send = (tx: typeof fresh[number], targets: number[]): void => {
    for (const t of targets) if (!w.lost(-1, t)) w.q.push(w.now + w.delay(), { kind: 'request', to: t, tx })
  }
  for (const tx of fresh) send(tx, [c.primary()])
  for (const tx of again) send(tx, [...Array(r.n).keys()])
  w.q.push(w.now + CLIENT_RETRY_MS, { kind: 'client', client: i })
}

/** The safety phase's fault schedule; everything heals at faultMs. */
function scheduleFaults (w: World, prng: Prng, faults: Set<FaultClass>, faultMs: number, n: number, f: number): void {
  w.net = {
    drop: faults.has('drop') ? prng.float() * 0.08 : 0,
    dup: faults.has('dup') ? prng.float() * 0.05 : 0,
    delayMs: prng.int(1, 5),
    jitterMs: faults.has('reorder') ? prng.int(2, 25) : 0
  }
  if (!faults.has('skew')) for (const h of w.hosts) h.rate = 1
  if (faults.has('partition')) {
    for (let k = prng.int(0, 2); k > 0; k--) {
      const at = prng.int(0, faultMs - 200)
      const side = prng.shuffle([...Array(n).keys()]).slice(0, prng.int(1, Math.max(1, f)))
      const oneWay = prng.chance(0.3)
      const heal = Math.min(faultMs, at + prng.int(100, 1500))
      w.q.push(at, { kind: 'fault', apply: () => { setPartition(w, side, oneWay, true); w.stats.partitions++ } })
      w.q.push(heal, { kind: 'fault', apply: () => { setPartition(w, side, oneWay, false) } })
    }
  }
  w.q.push(faultMs, {
    kind: 'fault',
    apply: () => {
      w.net = { drop: 0, dup: 0, delayMs: 2, jitterMs: 3 }
      for (const row of w.blocked) row.fill(false)
      for (const h of w.hosts) if (!h.up) w.q.push(w.now + 1, { kind: 'restart', replica: h.id })
    }
  })
}

function setPartition (w: World, side: number[], oneWay: boolean, on: boolean): void {
  const inSide = new Set(side)
  for (let a = 0; a < w.hosts.length; a++) {
    for (let b = 0; b < w.hosts.length; b++) {
      if (inSide.has(a) && !inSide.has(b)) (w.blocked[a] as boolean[])[b] = on
      if (!oneWay && !inSide.has(a) && inSide.has(b)) (w.blocked[a] as boolean[])[b] = on
    }
  }
}
