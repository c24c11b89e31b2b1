// A synchronous in-memory cluster for driving the core through its host (src/host) in tests.
import { pb, signingBytes, type Batch, type BlockHeader, type Transaction, type TxResult, type ReplicaMessage } from '../../src/codec/index.js'
import { createSigner, verify } from '../../src/crypto/ed25519.js'
import { toHex } from '../../src/crypto/hash.js'
import { blockHash, proposalDigest, resultsRoot } from '../../src/crypto/digests.js'
import { Replica } from '../../src/protocol/replica.js'
import { TIMER_FULL_STEP_MS } from '../../src/protocol/limits.js'
import type { Action, ProtocolConfig, ProtocolEvent, RestoreState, WalRecord } from '../../src/protocol/types.js'
import { ReplicaHost } from '../../src/host/host.js'
import type { AppliedBlock, HostPorts } from '../../src/host/ports.js'
import { MemoryWalStorage, WalLog } from '../../src/host/wal.js'

export const CHAIN = 'test-chain'
export const seedOf = (i: number): Uint8Array => new Uint8Array(32).fill(i + 1)
export const clientSeed = (i: number): Uint8Array => new Uint8Array(32).fill(200 + i)

export function config (n: number, id: number, over: Partial<ProtocolConfig> = {}): ProtocolConfig {
  return {
    chainId: CHAIN, id, publicKeys: [...Array(n).keys()].map(i => createSigner(seedOf(i)).publicKey),
    batchTxsMax: 10, batchBytesMax: 1 << 20, batchTimeoutMs: 5, checkpointInterval: 4, window: 8,
    viewChangeTimeoutMs: 1000, timestampDriftMs: 60_000, ...over
  }
}

export function crypto (id: number) {
  const signer = createSigner(seedOf(id))
  return { sign: signer.sign, verify }
}

export function tx (client: number, nonce: number, amount = 1n): Transaction {
  const signer = createSigner(clientSeed(client))
  const t: Transaction = { chainId: CHAIN, client: signer.publicKey, nonce, payload: pb.Transfer.encode({ to: new Uint8Array(32), amount }), signature: new Uint8Array(0) }
  t.signature = signer.sign(signingBytes('transaction', t))
  return t
}

/** The header of the block a test ledger appends for `batch` (no state: a zero state root). */
export function headerOf (batch: Batch, prevHash: Uint8Array, results: TxResult[]): BlockHeader {
  const p = batch.proposal
  return {
    chainId: p.chainId, height: p.seq, view: p.view, prevHash, txRoot: p.txRoot, stateRoot: new Uint8Array(32),
    resultsRoot: resultsRoot(results), timestampMs: p.timestampMs, proposer: p.proposer, evidenceRoot: p.evidenceRoot, txCount: p.txCount, evidenceCount: p.evidenceCount
  }
}

interface Envelope { from: number, to: number, message: ReplicaMessage }

/**
 * n replicas, each with its host (src/host, run synchronously) over array ports: a message
 * queue, a fake ledger (headers chained by hash, no state) and a WAL per replica.
 */
export class TestCluster {
  replicas: Replica[]
  readonly hosts: ReplicaHost[]
  queue: Envelope[] = []
  executed: Array<Array<{ seq: number, digest: string, txs: number }>> = []
  heads: Uint8Array[] = []
  /** Every record each replica persisted, in order (its WAL before compaction). */
  wal: WalRecord[][] = []
  /** Each replica's WAL disk: what compaction (src/host/wal.ts) kept, what a restart reads. */
  readonly disks: MemoryWalStorage[]
  private readonly logs: WalLog[]
  replies: Action[][] = []
  evidence: Action[][] = []
  other: Action[][] = []
  down = new Set<number>()
  /** Drop messages matching this predicate. */
  filter: (e: Envelope) => boolean = () => true
  nowMs = 1000

  constructor (readonly n: number, readonly over: Partial<ProtocolConfig> = {}) {
    this.replicas = [...Array(n).keys()].map(i => new Replica(config(n, i, over), crypto(i)))
    for (let i = 0; i < n; i++) { this.executed.push([]); this.heads.push(new Uint8Array(32)); this.wal.push([]); this.replies.push([]); this.evidence.push([]); this.other.push([]) }
    this.disks = [...Array(n).keys()].map(() => new MemoryWalStorage())
    this.logs = this.disks.map(d => new WalLog(d))
    this.hosts = [...Array(n).keys()].map(i => new ReplicaHost(this.ports(i), { plantedFaults: over.plantedFaults }))
  }

  /** Replica i after a crash: restored from what its WAL disk kept (or `records`) and its ledger. */
  restart (i: number, records = this.disks[i]!.stored().map(s => s.record)): void {
    this.logs[i] = new WalLog(this.disks[i]!, this.disks[i]!.stored())
    const executed = this.executed[i] as unknown[]
    const restoreFrom: RestoreState = { records, lastExecuted: { seq: executed.length, blockHash: this.heads[i] as Uint8Array } }
    this.replicas[i] = new Replica(config(this.n, i, this.over), crypto(i), restoreFrom)
    this.down.delete(i)
  }

  step (i: number, event: ProtocolEvent): void {
    if (this.down.has(i)) return
    this.hosts[i]!.stepSync([event])
  }

  private ports (i: number): HostPorts {
    return {
      core: { step: e => this.replicas[i]!.step(e) },
      wal: { persist: records => { this.wal[i]!.push(...records); return this.logs[i]!.persist(records) } },
      network: {
        send: (to, message) => { this.queue.push({ from: i, to, message }) },
        broadcast: message => { for (let j = 0; j < this.n; j++) if (j !== i) this.queue.push({ from: i, to: j, message }) }
      },
      clients: {
        reply: (client, reply) => { this.replies[i]!.push({ type: 'reply', client, reply }) },
        reject: (tx, reason) => { this.other[i]!.push({ type: 'reject', tx, reason }) }
      },
      ledger: { applyCommitted: (seq, _view, batch) => this.append(i, seq, batch) },
      evidence: evidence => { this.evidence[i]!.push({ type: 'evidence', evidence }) },
      fetchState: (seq, blockHash, peers) => { this.other[i]!.push({ type: 'fetch-state', seq, blockHash, peers }) }
    }
  }

  /** The fake ledger: the block's header chained to the last one, every result ok. */
  private append (i: number, seq: number, batch: Batch): AppliedBlock {
    this.executed[i]!.push({ seq, digest: toHex(proposalDigest(batch.proposal)), txs: batch.txs.length })
    const results = batch.txs.map(() => ({ code: 0, log: 'ok' }))
    const header = { ...headerOf(batch, this.heads[i]!, results), chainId: CHAIN, height: seq }
    this.heads[i] = blockHash(header)
    return { block: { header }, blockHash: this.heads[i]!, results }
  }

  /** Delivers queued messages until none are left (or `max` deliveries). */
  run (max = 100_000): number {
    let delivered = 0
    while (this.queue.length > 0 && delivered < max) {
      const e = this.queue.shift() as Envelope
      if (this.down.has(e.to) || !this.filter(e)) continue
      delivered++
      this.step(e.to, { type: 'message', from: e.from, message: e.message })
    }
    return delivered
  }

  /** Time passes in ticks of at most TIMER_FULL_STEP_MS (each counted in full), as a running replica that keeps up sees it. */
  tick (ms: number): void {
    const end = this.nowMs + ms
    do {
      this.nowMs = Math.min(end, this.nowMs + TIMER_FULL_STEP_MS)
      for (let i = 0; i < this.n; i++) this.step(i, { type: 'tick', nowMs: this.nowMs })
      this.run()
    } while (this.nowMs < end)
  }

  /** Time passes for `ids` only (the others' clocks stand still), in ticks as `tick` does. */
  tickOnly (ids: number[], ms: number): void {
    const end = this.nowMs + ms
    do {
      this.nowMs = Math.min(end, this.nowMs + TIMER_FULL_STEP_MS)
      for (const i of ids) this.step(i, { type: 'tick', nowMs: this.nowMs })
      this.run()
    } while (this.nowMs < end)
  }

  submit (to: number, t: Transaction): void {
    this.step(to, { type: 'request', tx: t })
    this.run()
  }
}
