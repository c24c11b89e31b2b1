// Invariants checked after every step of a simulation (honest replicas only):
//   agreement      no two honest replicas execute different blocks at one height
//   certified      every block an honest replica appends, executed or applied by state transfer,
//                  carries a commit certificate valid for it (2f+1 signed COMMITs of its proposal)
//   honest state transfer  with agreement and certified: an honest replica applies no block but
//                  the agreed one at its height; and it refuses no block an honest peer served (src/sim/ports.ts)
//   validity       every executed tx is validly signed; each (client, nonce) succeeds at most once
//   honest results every client transfer succeeds, unless it is a retransmission or replay of one
//                  that already succeeded (then it fails as a duplicate or too old nonce): no
//                  delay, reordering or second writer of an account makes an honest transfer fail
//   hash chain     every block links to the one below it
//   no self-equivocation  an honest replica never signs two digests for one (kind, view, seq)
//   persist-before-send   every vote an honest replica sends was persisted before it was sent
//   current view   an honest replica votes only in the view it is in
//   bounded memory pending requests and in-flight slots stay under the core's limits
//   accountability an honest replica never records evidence against an honest replica, and
//                  all it records that fits a block is valid proof to a third party (src/crypto/evidence.ts)
//   receipts       every reply a client accepts is backed by the block honest replicas executed
//                  at its height (that hash, that transaction at that index, that result), and
//                  the accepted set makes a receipt that verifies offline with genesis alone
import { assertNever, signedFields, signingBytes, type Block, type Commit, type ReplicaMessage, type Transaction, type TxReply, type TxResult } from '../codec/index.js'
import { CODE } from '../app/accounts.js'
import { txId } from '../crypto/digests.js'
import { toHex } from '../crypto/hash.js'
import { verifyCertificate } from '../ledger/block.js'
import type { Genesis } from '../ledger/genesis.js'
import { receiptOf, verifyReceipt } from '../ledger/receipt.js'
import { protocolLimits, type WalRecord } from '../protocol/index.js'

export const VIOLATIONS_MAX = 20

type Verify = (pub: Uint8Array, msg: Uint8Array, sig: Uint8Array) => boolean

function signedKey (m: ReplicaMessage): { key: string, digest: string, view?: number } | undefined {
  const f = signedFields(m)
  if (f === undefined) return undefined
  return { key: `${f.kind}/${f.replica}/${f.view}/${f.seq}`, digest: f.digest, view: f.kind === 'checkpoint' ? undefined : f.view }
}

/** The record kind that must be on disk before a message of this type goes out. */
export function persistedKeyOf (r: WalRecord): string | undefined {
  switch (r.kind) {
    case 'prepare': return `prepare/${r.prepare.replica}/${r.prepare.view}/${r.prepare.seq}/${toHex(r.prepare.digest)}`
    case 'commit': return `commit/${r.commit.replica}/${r.commit.view}/${r.commit.seq}/${toHex(r.commit.digest)}`
    case 'pre-prepare': return `pre-prepare/${r.prePrepare.replica}/${r.prePrepare.view}/${r.prePrepare.seq}/${toHex(r.prePrepare.digest)}`
    case 'checkpoint': return `checkpoint/${r.checkpoint.replica}/0/${r.checkpoint.seq}/${toHex(r.checkpoint.blockHash)}`
    case 'view':
    case 'stable-checkpoint':
    case 'view-change':
    case 'new-view': return undefined
    default: return assertNever(r)
  }
}

export class Invariants {
  readonly violations: string[] = []
  private readonly committed = new Map<number, string>()
  private readonly certs = new Map<number, Commit[]>()
  /** The first honest block at each height: its transactions' ids and results (for receipts). */
  private readonly contents = new Map<number, { ids: string[], results: TxResult[] }>()
  /** Receipts checked (accepted reply sets). */
  receipts = 0
  /** Replicas proven to have signed conflicting commits, per height where safety was lost. */
  readonly forensics: Array<{ height: number, culprits: number[] }> = []
  /** Where each (client, nonce) first succeeded, and the id of the transaction that did. */
  private readonly succeeded = new Map<string, { height: number, index: number, id: string }>()
  private readonly signed = new Map<string, string>()
  /** Highest nonce that succeeded, per account, and how many succeeded below it (out of order). */
  private readonly highest = new Map<string, number>()
  reordered = 0

  constructor (private readonly verify: Verify, private readonly window: number, private readonly publicKeys: Uint8Array[] = [],
    private readonly genesis?: Genesis) {}

  violate (what: string): void {
    if (this.violations.length < VIOLATIONS_MAX) this.violations.push(what)
  }

  /**
   * Forensics after a safety loss: two commit certificates for one height in one view, each
   * 2f+1 signed COMMITs for different digests, intersect in at least f+1 replicas, and every
   * replica in the intersection signed two conflicting commits: proof that names it.
   */
  private convict (height: number, a: Commit[], b: Commit[]): void {
    if (this.forensics.some(x => x.height === height)) return
    const culprits = a.filter(x => b.some(y => y.replica === x.replica && y.view === x.view && toHex(y.digest) !== toHex(x.digest) &&
      this.verify(this.publicKeys[x.replica] ?? new Uint8Array(32), signingBytes('commit', x), x.signature) &&
      this.verify(this.publicKeys[y.replica] ?? new Uint8Array(32), signingBytes('commit', y), y.signature))).map(x => x.replica)
    this.forensics.push({ height, culprits: [...new Set(culprits)].sort((x, y) => x - y) })
  }

  onBlock (replica: number, block: Block, hash: string, prevHash: string): void {
    const h = block.header.height
    const first = this.committed.get(h)
    if (first === undefined) {
      this.committed.set(h, hash)
      this.certs.set(h, block.cert.commits)
      this.contents.set(h, { ids: block.txs.map(tx => toHex(txId(tx))), results: block.results })
    } else if (first !== hash) {
      this.violate(`agreement: replica ${replica} executed block ${hash.slice(0, 12)} at height ${h}, another honest replica ${first.slice(0, 12)}`)
      this.convict(h, this.certs.get(h) ?? [], block.cert.commits)
    }
    if (first === undefined) this.countReordered(block)
    if (toHex(block.header.prevHash) !== prevHash) this.violate(`hash chain: replica ${replica} block ${h} does not link to its predecessor`)
    this.checkCertified(replica, block)
    block.txs.forEach((tx, i) => {
      if (!this.verify(tx.client, signingBytes('transaction', tx), tx.signature)) this.violate(`validity: replica ${replica} executed a transaction with an invalid signature at height ${h}`)
      const key = `${toHex(tx.client)}/${tx.nonce}`
      const at = this.succeeded.get(key)
      const result = block.results[i]
      if (result?.code === CODE.OK) {
        if (at === undefined) this.succeeded.set(key, { height: h, index: i, id: toHex(txId(tx)) })
        else if (at.height !== h || at.index !== i) this.violate(`validity: transaction ${key.slice(0, 16)} executed at heights ${at.height} and ${h}`)
        return
      }
      const replay = (result?.code === CODE.DUPLICATE_NONCE || result?.code === CODE.NONCE_TOO_OLD) && at !== undefined &&
        (at.height < h || (at.height === h && at.index < i)) && at.id === toHex(txId(tx))
      if (!replay) this.violate(`honest results: transfer ${key.slice(0, 16)}…/${tx.nonce} failed at height ${h} (code ${result?.code ?? '?'}: ${result?.log ?? 'no result'}) and is no replay of one that succeeded`)
    })
  }

  private checkCertified (replica: number, block: Block): void {
    if (this.genesis === undefined) return
    try {
      verifyCertificate(this.genesis, block.header, block.cert.commits, this.verify)
    } catch (err) {
      this.violate(`certified: replica ${replica} appended block ${block.header.height} whose commit certificate does not certify it (${err instanceof Error ? err.message : String(err)})`)
    }
  }

  /**
   * A client accepted `replies` (f+1 matching) for `tx`: each must be backed by the block honest
   * replicas executed at its height (that hash, this transaction at its index, its result), and
   * the receipt made of them must verify offline with genesis alone.
   */
  onAccepted (client: number, tx: Transaction, replies: TxReply[]): void {
    this.receipts++
    const id = toHex(txId(tx))
    const what = `client ${client} accepted transaction ${id.slice(0, 12)}`
    for (const r of replies) {
      const h = r.attestation.height
      const at = r.proof.index
      const block = this.contents.get(h)
      const result = block?.results[at]
      const from = `from replica ${r.attestation.replica}`
      if (this.committed.get(h) !== toHex(r.attestation.blockHash) || block === undefined) this.violate(`receipts: ${what} ${from} in block ${toHex(r.attestation.blockHash).slice(0, 12)} at height ${h}, which no honest replica executed`)
      else if (block.ids[at] !== id) this.violate(`receipts: ${what} ${from} at index ${at} of height ${h}, where the honest block holds another transaction`)
      else if (result?.code !== r.proof.result.code || result.log !== r.proof.result.log) this.violate(`receipts: ${what} ${from} with result ${r.proof.result.code}, the honest block says ${result?.code ?? '?'}`)
    }
    if (this.genesis === undefined || replies.length === 0) return
    const v = verifyReceipt(receiptOf(tx, replies), this.genesis, { verify: this.verify })
    if (!v.ok) this.violate(`receipts: ${what}, but its receipt does not verify (${v.part}: ${v.reason})`)
  }

  /** Once per height, in height order: transfers that succeeded below a higher executed nonce. */
  private countReordered (block: Block): void {
    block.txs.forEach((tx, i) => {
      if (block.results[i]?.code !== CODE.OK) return
      const account = toHex(tx.client)
      const top = this.highest.get(account) ?? 0
      if (tx.nonce < top) this.reordered++
      else this.highest.set(account, tx.nonce)
    })
  }

  /** A message an honest replica sent, with what it had persisted and its current view. */
  onSent (replica: number, m: ReplicaMessage, persisted: Set<string>, view: number): void {
    const k = signedKey(m)
    if (k === undefined) return
    const prev = this.signed.get(k.key)
    if (prev === undefined) this.signed.set(k.key, k.digest)
    else if (prev !== k.digest) this.violate(`self-equivocation: honest replica ${replica} signed two digests for ${k.key}`)
    if ((m.type === 'prepare' || m.type === 'commit' || m.type === 'checkpoint') && !persisted.has(`${k.key}/${k.digest}`)) {
      this.violate(`persist-before-send: replica ${replica} sent ${k.key} before persisting it`)
    }
    if ((m.type === 'prepare' || m.type === 'commit') && k.view !== undefined && k.view !== view) {
      this.violate(`current view: replica ${replica} voted in view ${k.view} while in view ${view}`)
    }
  }

  checkMemory (replica: number, s: { pendingRequests: number, slots: number }): void {
    if (s.pendingRequests > protocolLimits.PENDING_REQUESTS_MAX) this.violate(`memory: replica ${replica} holds ${s.pendingRequests} pending requests`)
    if (s.slots > this.window * 2 + 8) this.violate(`memory: replica ${replica} holds ${s.slots} log slots`)
  }

  heights (): number { return this.committed.size }
}
