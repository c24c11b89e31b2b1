// A synchronous in-memory cluster for the CFT core (like test/protocol/helpers.ts TestCluster):
// a message queue the test delivers from (in order, or picked at random), a WAL per replica
// (what `persist` actions wrote, which is what a restart reads back), a fake ledger, and the
// checks of Raft's safety properties after every step (Figure 3 of the paper).
import { pb, signingBytes, type BlockHeader, type Transaction } from '../../src/codec/index.js'
import { proposalDigest } from '../../src/crypto/digests.js'
import { createSigner } from '../../src/crypto/ed25519.js'
import { bytesEqual, sha256, toHex } from '../../src/crypto/hash.js'
import { CftReplica } from '../../src/cft/replica.js'
import { ackBytes } from '../../src/cft/log.js'
import type { CftAction, CftConfig, CftCrypto, CftEvent, CftMessage, CftRecord, CommitCert } from '../../src/cft/types.js'

export const CHAIN = 'cft-test'
export const TICK_MS = 10

/** Fast stand-in for ed25519 (the core only sees sign/verify): a replica's "signature" is sha256(key, bytes). */
export const keyOf = (i: number): Uint8Array => new Uint8Array(32).fill(i + 1)
export function fakeCrypto (id: number): CftCrypto {
  return {
    sign: bytes => sha256(keyOf(id), bytes),
    verify: (key, bytes, sig) => bytesEqual(sha256(key, bytes), sig)
  }
}

export function cftConfig (n: number, id: number, over: Partial<CftConfig> = {}): CftConfig {
  return {
    chainId: CHAIN, id, publicKeys: [...Array(n).keys()].map(keyOf), electionTimeoutMs: 100, heartbeatMs: 20,
    batchTxsMax: 4, seed: 1000 + id, ...over
  }
}

const clients = [...Array(4).keys()].map(i => createSigner(new Uint8Array(32).fill(200 + i)))

/** A transfer from client `client` (0..3); the core orders transactions without checking them, so `signed` is optional. */
export function tx (client: number, nonce: number, signed = false): Transaction {
  const signer = clients[client]!
  const t: Transaction = { chainId: CHAIN, client: signer.publicKey, nonce, payload: pb.Transfer.encode({ to: new Uint8Array(32), amount: 1n }), signature: new Uint8Array(64) }
  if (signed) t.signature = signer.sign(signingBytes('transaction', { ...t, signature: new Uint8Array(0) }))
  return t
}

/** Checks a certificate as `pbft ledger verify` will (docs/cft.md), against the chain digest it names. */
export function certValid (cert: CommitCert, n: number, termAtIndex: number, leader: number): boolean {
  const signers = new Set(cert.acks.map(a => a.replica))
  const ok = cert.acks.every(a => bytesEqual(sha256(keyOf(a.replica), ackBytes(CHAIN, cert.term, cert.index, cert.digest)), a.signature))
  return ok && signers.size === cert.acks.length && signers.size >= Math.floor(n / 2) + 1 && signers.has(leader) && termAtIndex === cert.term
}

export interface Envelope { from: number, to: number, message: CftMessage }

export class CftCluster {
  replicas: CftReplica[]
  queue: Envelope[] = []
  wal: CftRecord[][] = []
  /** Per replica, the digest (hex of the proposal) it executed at each index. */
  executed: string[][] = []
  replies: CftAction[][] = []
  down = new Set<number>()
  /** Deliver only envelopes this accepts (partitions, targeted loss). */
  filter: (e: Envelope) => boolean = () => true
  nowMs = 0
  violations: string[] = []
  /** Committed (executed anywhere) proposal digest per index; leader per term. */
  readonly committed = new Map<number, string>()
  readonly leaders = new Map<number, number>()
  /** Leader append-only (§5.3): each replica's log while it leads a term, and where it was seen to shrink or change. */
  private readonly leaderLogs = new Map<number, { term: number, digests: Uint8Array[] }>()
  readonly leaderLogShrank: string[] = []
  /** Called for every execute action (tests inspect certificates). */
  onExecute: (i: number, a: Extract<CftAction, { type: 'execute' }>) => void = () => {}

  constructor (readonly n: number, readonly over: (id: number) => Partial<CftConfig> = () => ({})) {
    this.replicas = [...Array(n).keys()].map(i => new CftReplica(cftConfig(n, i, over(i)), fakeCrypto(i)))
    for (let i = 0; i < n; i++) { this.wal.push([]); this.executed.push([]); this.replies.push([]) }
  }

  crash (i: number): void { this.down.add(i) }

  /** Restarts replica i from what it persisted and what its ledger executed. */
  restart (i: number): void {
    this.replicas[i] = new CftReplica(cftConfig(this.n, i, this.over(i)), fakeCrypto(i), { records: this.wal[i]!, lastExecuted: this.executed[i]!.length })
    this.down.delete(i)
  }

  step (i: number, event: CftEvent): void {
    if (this.down.has(i)) return
    this.perform(i, this.replicas[i]!.step(event))
    this.check(i)
  }

  private perform (i: number, actions: CftAction[]): void {
    for (const a of actions) {
      switch (a.type) {
        case 'persist': this.wal[i]!.push(...a.records); break
        case 'send': this.queue.push({ from: i, to: a.to, message: a.message }); break
        case 'broadcast': for (let j = 0; j < this.n; j++) if (j !== i) this.queue.push({ from: i, to: j, message: a.message }); break
        case 'execute': this.execute(i, a); break
        case 'reply': this.replies[i]!.push(a); break
        case 'reject': break
      }
    }
  }

  private execute (i: number, a: Extract<CftAction, { type: 'execute' }>): void {
    this.onExecute(i, a)
    const digest = toHex(proposalDigest(a.batch.proposal))
    const ex = this.executed[i]!
    if (a.index !== ex.length + 1) this.violations.push(`replica ${i} executed ${a.index} after ${ex.length}`)
    ex.push(digest)
    const before = this.committed.get(a.index)
    if (before !== undefined && before !== digest) this.violations.push(`state machine safety: two entries committed at index ${a.index} (replica ${i})`)
    this.committed.set(a.index, digest)
    if (a.cert === undefined || a.cert.index < a.index) this.violations.push(`replica ${i} executed ${a.index} without a certificate covering it`)
    const p = a.batch.proposal
    const header: BlockHeader = {
      chainId: CHAIN, height: a.index, view: p.view, prevHash: new Uint8Array(32), txRoot: p.txRoot, stateRoot: new Uint8Array(32), resultsRoot: new Uint8Array(32),
      timestampMs: p.timestampMs, proposer: p.proposer, evidenceRoot: p.evidenceRoot, txCount: p.txCount, evidenceCount: 0
    }
    const results = a.batch.txs.map(() => ({ code: 0, log: 'ok' }))
    this.perform(i, this.replicas[i]!.step({ type: 'executed', index: a.index, blockHash: sha256(pb.BlockHeader.encode(header)), header, results }))
  }

  /** Election safety and leader completeness, after every step of replica i. */
  private check (i: number): void {
    const st = this.replicas[i]!.status()
    if (st.role !== 'leader') return
    this.checkAppendOnly(i, st.term)
    const had = this.leaders.get(st.term)
    if (had !== undefined && had !== i) this.violations.push(`election safety: replicas ${had} and ${i} both lead term ${st.term}`)
    if (had === undefined) {
      this.leaders.set(st.term, i)
      const log = this.replicas[i]!.logView()
      for (const [index, digest] of this.committed) {
        const mine = this.entryDigest(i, index)
        if (mine !== digest) this.violations.push(`leader completeness: leader ${i} of term ${st.term} lacks committed entry ${index} (log ${log.terms.length})`)
      }
    }
  }

  private checkAppendOnly (i: number, term: number): void {
    const now = this.replicas[i]!.logView().digests
    const before = this.leaderLogs.get(i)
    if (before !== undefined && before.term === term && (now.length < before.digests.length || !bytesEqual(now[before.digests.length - 1] ?? new Uint8Array(0), before.digests.at(-1) ?? new Uint8Array(0)))) {
      this.leaderLogShrank.push(`leader ${i} of term ${term} changed its log`)
      this.violations.push(`leader append-only: leader ${i} of term ${term} changed its log`)
    }
    this.leaderLogs.set(i, { term, digests: now })
  }

  /** The proposal digest of replica i's entry at index (undefined past its log). */
  entryDigest (i: number, index: number): string | undefined {
    const b = this.replicas[i]!.entryAt(index)
    return b === undefined ? undefined : toHex(proposalDigest(b.batch.proposal))
  }

  /** §5.3 log matching across all pairs: same index and term => same chain digest (so identical prefixes). */
  checkLogMatching (): void {
    const views = this.replicas.map(r => r.logView())
    for (let a = 0; a < this.n; a++) {
      for (let b = a + 1; b < this.n; b++) {
        const va = views[a]!; const vb = views[b]!
        for (let k = 0; k < Math.min(va.terms.length, vb.terms.length); k++) {
          if (va.terms[k] === vb.terms[k] && !bytesEqual(va.digests[k]!, vb.digests[k]!)) {
            this.violations.push(`log matching: replicas ${a} and ${b} hold term ${va.terms[k]} at index ${k + 1} with different prefixes`)
            return
          }
        }
      }
    }
  }

  /** Delivers one envelope (the first, or index `at`). */
  deliver (at = 0): void {
    const [e] = this.queue.splice(at, 1)
    if (e === undefined || this.down.has(e.to) || !this.filter(e)) return
    this.step(e.to, { type: 'message', from: e.from, message: e.message })
  }

  /** Delivers in order until the queue is empty. */
  run (max = 100_000): void {
    for (let k = 0; k < max && this.queue.length > 0; k++) this.deliver()
  }

  /** Time passes in ticks of TICK_MS for every live replica, delivering everything in between. */
  tick (ms: number): void {
    for (const end = this.nowMs + ms; this.nowMs < end;) {
      this.nowMs += TICK_MS
      for (let i = 0; i < this.n; i++) this.step(i, { type: 'tick', nowMs: this.nowMs })
      this.run()
    }
  }

  submit (to: number, t: Transaction): void { this.step(to, { type: 'request', tx: t }) }

  leader (): number | undefined {
    const live = this.replicas.map((r, i) => ({ i, st: r.status() })).filter(x => !this.down.has(x.i) && x.st.role === 'leader')
    return live.sort((a, b) => b.st.term - a.st.term)[0]?.i
  }
}
