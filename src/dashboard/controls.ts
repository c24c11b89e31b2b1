// What the dashboard's buttons do, on the server: switch or clear a traitor mode (a command
// signed with the admin key, which stays in this process and is never sent to the browser),
// kill or restart a replica process of a local cluster (by its PID file), submit a transfer
// between the cluster's demo accounts. Every input is checked; errors name what is wrong.
import { existsSync } from 'node:fs'
import { parseModes, TraitorModeError } from '../byzantine/modes.js'
import type { Client } from '../client/client.js'
import { connectClient } from '../client/connect.js'
import { loadKeyFile } from '../crypto/keyfile.js'
import type { Genesis } from '../ledger/genesis.js'
import type { ClusterDir } from '../cluster/cluster-dir.js'
import { sendAdmin } from '../cluster/admin.js'
import { isAlive, readPid, startReplicaProcess } from '../cluster/processes.js'

export const TRANSFER_AMOUNT_MAX = 1_000_000n

export class ControlError extends Error {
  override readonly name = 'ControlError'
  constructor (readonly status: number, message: string) { super(message) }
}

function replicaId (g: Genesis, v: unknown): number {
  if (typeof v !== 'number' || !Number.isInteger(v) || g.replicas[v] === undefined) {
    throw new ControlError(400, `replica must be one of 0..${g.replicas.length - 1}, got ${JSON.stringify(v)}`)
  }
  return v
}

function accountIndex (accounts: number, v: unknown, name: string): number {
  if (typeof v !== 'number' || !Number.isInteger(v) || v < 0 || v >= accounts) throw new ControlError(400, `${name} must be an account index 0..${accounts - 1}, got ${JSON.stringify(v)}`)
  return v
}

export class Controls {
  private readonly clients = new Map<number, Promise<Client>>()

  constructor (private readonly c: ClusterDir, private readonly genesis: Genesis, private readonly note: (text: string) => void) {}

  /** Demo accounts whose keys this cluster directory holds. */
  accounts (): number {
    let k = 0
    while (k < this.genesis.accounts.length && existsSync(this.c.accountKey(k))) k++
    return k
  }

  async traitor (body: Record<string, unknown>): Promise<unknown> {
    const replica = replicaId(this.genesis, body.replica)
    const raw = Array.isArray(body.modes) ? body.modes : typeof body.mode === 'string' ? body.mode.split('+') : undefined
    if (raw === undefined || raw.length === 0 || !raw.every(m => typeof m === 'string')) throw new ControlError(400, 'modes must be a non-empty list of traitor mode names')
    let modes
    try { modes = parseModes(raw as string[]) } catch (err) {
      if (err instanceof TraitorModeError) throw new ControlError(400, err.message)
      throw err
    }
    const targets = Array.isArray(body.targets) ? body.targets.map(t => replicaId(this.genesis, t)) : []
    const res = await this.admin(replica, 'set', modes, targets)
    this.note(`dashboard: replica ${replica} switched to ${modes.join('+')}`)
    return res
  }

  async clear (body: Record<string, unknown>): Promise<unknown> {
    const replica = replicaId(this.genesis, body.replica)
    const res = await this.admin(replica, 'clear', [], [])
    this.note(`dashboard: replica ${replica} cleared`)
    return res
  }

  private async admin (replica: number, action: 'set' | 'clear', modes: string[], targets: number[]): Promise<unknown> {
    if (!existsSync(this.c.adminKey)) throw new ControlError(409, `the admin key ${this.c.adminKey} is not here, so traitor modes cannot be switched from this dashboard`)
    try {
      return await sendAdmin(this.genesis, loadKeyFile(this.c.adminKey).seed, replica, action, modes, targets)
    } catch (err) {
      throw new ControlError(502, err instanceof Error ? err.message : String(err))
    }
  }

  /** Kills replica `id` with SIGKILL (a crash, not a clean stop). */
  kill (body: Record<string, unknown>): unknown {
    const replica = replicaId(this.genesis, body.replica)
    const pid = readPid(this.c, replica)
    if (pid === undefined || !isAlive(pid)) throw new ControlError(409, `replica ${replica} is not running as a local process of ${this.c.dir}`)
    process.kill(pid, 'SIGKILL')
    this.note(`dashboard: replica ${replica} killed (SIGKILL, pid ${pid})`)
    return { ok: true, replica, pid }
  }

  restart (body: Record<string, unknown>): unknown {
    const replica = replicaId(this.genesis, body.replica)
    const running = readPid(this.c, replica)
    if (running !== undefined && isAlive(running)) throw new ControlError(409, `replica ${replica} is already running (pid ${running})`)
    const pid = startReplicaProcess(this.c, replica, ['--log-level', process.env.PBFT_E2E_LOG_LEVEL ?? 'warn'])
    this.note(`dashboard: replica ${replica} restarted (pid ${pid})`)
    return { ok: true, replica, pid }
  }

  async transfer (body: Record<string, unknown>): Promise<unknown> {
    const accounts = this.accounts()
    if (accounts < 2) throw new ControlError(409, 'this cluster directory holds fewer than two account keys')
    const from = accountIndex(accounts, body.from ?? 0, 'from')
    const to = accountIndex(accounts, body.to ?? 1, 'to')
    if (from === to) throw new ControlError(400, 'from and to must be different accounts')
    const amount = typeof body.amount === 'number' && Number.isSafeInteger(body.amount) ? BigInt(body.amount) : typeof body.amount === 'string' && /^\d{1,7}$/.test(body.amount) ? BigInt(body.amount) : 1n
    if (amount < 1n || amount > TRANSFER_AMOUNT_MAX) throw new ControlError(400, `amount must be 1..${TRANSFER_AMOUNT_MAX}`)
    const client = await this.client(from)
    const proof = await client.transfer(loadKeyFile(this.c.accountKey(to)).publicKey, amount)
    return { ok: true, txId: proof.txId, height: proof.height, replicas: proof.replicas }
  }

  private async client (k: number): Promise<Client> {
    let p = this.clients.get(k)
    if (p === undefined) {
      p = connectClient(this.genesis, loadKeyFile(this.c.accountKey(k)).seed, { retryMs: 500, timeoutMs: 20_000 })
      p.catch(() => { this.clients.delete(k) })
      this.clients.set(k, p)
    }
    return await p
  }

  async close (): Promise<void> {
    await Promise.all([...this.clients.values()].map(async p => { await (await p).close() }).map(async p => { await p.catch(() => {}) }))
    this.clients.clear()
  }
}
