// An in-process cluster for SDK tests: real cores (optionally traitors), real ledgers with the
// accounts app in memory, and a ClientTransport that carries encoded client frames to them and
// their replies back. One async pump steps events in order; ticks come from the wall clock.
import { decodeClientFrame, encodeClientFrame, type ReplicaMessage } from '../../src/codec/index.js'
import { AccountsApp } from '../../src/app/accounts.js'
import { Traitor } from '../../src/byzantine/traitor.js'
import type { TraitorSettings } from '../../src/byzantine/modes.js'
import type { ClientTransport } from '../../src/client/types.js'
import { createSigner, verify } from '../../src/crypto/ed25519.js'
import { toHex } from '../../src/crypto/hash.js'
import { txId } from '../../src/crypto/digests.js'
import type { Genesis } from '../../src/ledger/genesis.js'
import { Ledger } from '../../src/ledger/ledger.js'
import { MemoryBlockStore } from '../../src/ledger/store-memory.js'
import { Replica, type Action, type ProtocolConfig, type ProtocolEvent } from '../../src/protocol/index.js'

export const replicaSeed = (i: number): Uint8Array => new Uint8Array(32).fill(50 + i)
export const accountSeed = (k: number): Uint8Array => new Uint8Array(32).fill(150 + k)

/** A genesis for `n` replicas with seeds replicaSeed(i) and `accounts` funded accounts. */
export function testGenesis (n = 4, accounts = 2): Genesis {
  return {
    chainId: 'receipts-test', genesisTimeMs: 0, f: Math.floor((n - 1) / 3),
    replicas: [...Array(n).keys()].map(id => ({ id, publicKey: createSigner(replicaSeed(id)).publicKey, peerId: `p${id}`, addrs: [], api: '' })),
    params: { batchTxsMax: 64, batchBytesMax: 256 * 1024, batchTimeoutMs: 5, checkpointInterval: 16, window: 64, viewChangeTimeoutMs: 2000, timestampDriftMs: 60_000 },
    accounts: [...Array(accounts).keys()].map(k => ({ publicKey: createSigner(accountSeed(k)).publicKey, balance: 1_000_000n })),
    adminPublicKey: new Uint8Array(32), traitorModesEnabled: true
  }
}

export class InProcessCluster {
  readonly cores: Traitor[] = []
  readonly ledgers: Ledger[] = []
  /** Every reply frame sent to the client, by replica (for tests that count them). */
  readonly frames: Array<{ replica: number, bytes: Uint8Array }> = []
  private readonly queue: Array<{ to: number, event: ProtocolEvent }> = []
  private pumping = false
  private handler: (replica: number, bytes: Uint8Array) => void = () => {}
  private readonly timer: NodeJS.Timeout

  private constructor (readonly genesis: Genesis, seeds: (i: number) => Uint8Array, traitors: Map<number, TraitorSettings>, ledgers: Ledger[]) {
    this.ledgers = ledgers
    genesis.replicas.forEach((_, i) => {
      const config: ProtocolConfig = { chainId: genesis.chainId, id: i, publicKeys: genesis.replicas.map(r => r.publicKey), ...genesis.params }
      const crypto = { sign: createSigner(seeds(i)).sign, verify }
      const core = new Traitor(config, crypto, restore => new Replica(config, crypto, restore))
      const settings = traitors.get(i)
      if (settings !== undefined) core.set(settings)
      this.cores.push(core)
    })
    this.timer = setInterval(() => { this.cores.forEach((_, i) => { this.push(i, { type: 'tick', nowMs: Date.now() }) }) }, 5)
    this.cores.forEach((_, i) => { this.push(i, { type: 'tick', nowMs: Date.now() }) })
  }

  static async start (genesis: Genesis, opts: { seeds?: (i: number) => Uint8Array, traitors?: Map<number, TraitorSettings> } = {}): Promise<InProcessCluster> {
    const ledgers = await Promise.all(genesis.replicas.map(async () => await Ledger.open(genesis, new AccountsApp(genesis.accounts), new MemoryBlockStore())))
    return new InProcessCluster(genesis, opts.seeds ?? replicaSeed, opts.traitors ?? new Map(), ledgers)
  }

  transport (): ClientTransport {
    return {
      send: (replica, bytes) => {
        const d = decodeClientFrame(bytes)
        if (d.ok && d.value.request != null) this.push(replica, { type: 'request', tx: d.value.request })
      },
      onFrame: handler => { this.handler = handler },
      close: async () => {}
    }
  }

  stop (): void { clearInterval(this.timer) }

  private push (to: number, event: ProtocolEvent): void {
    this.queue.push({ to, event })
    if (!this.pumping) void this.pump()
  }

  private async pump (): Promise<void> {
    this.pumping = true
    try {
      for (let e = this.queue.shift(); e !== undefined; e = this.queue.shift()) await this.perform(e.to, this.cores[e.to]!.step(e.event))
    } finally {
      this.pumping = false
    }
  }

  private async perform (i: number, actions: Action[]): Promise<void> {
    const deliver = (to: number, message: ReplicaMessage): void => { this.queue.push({ to, event: { type: 'message', from: i, message } }) }
    for (const a of actions) {
      switch (a.type) {
        case 'send': deliver(a.to, a.message); break
        case 'broadcast': for (let j = 0; j < this.cores.length; j++) if (j !== i) deliver(j, a.message); break
        case 'execute': {
          const applied = await this.ledgers[i]!.applyCommitted(a.seq, a.view, a.batch, a.cert)
          this.queue.push({ to: i, event: { type: 'executed', seq: a.seq, blockHash: applied.blockHash, header: applied.block.header, results: applied.results } })
          break
        }
        case 'reply': this.toClient(i, encodeClientFrame({ txReply: a.reply })); break
        case 'reject': this.toClient(i, encodeClientFrame({ error: `${toHex(txId(a.tx))}: ${a.reason}` })); break
        default: break
      }
    }
  }

  private toClient (replica: number, bytes: Uint8Array): void {
    this.frames.push({ replica, bytes })
    setImmediate(() => { this.handler(replica, bytes) })
  }
}
