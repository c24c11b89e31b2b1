// Admin commands: switch a replica's traitor mode at runtime. A command must be signed by the
// admin key named in genesis, name this replica and chain, and carry a nonce above the last
// one applied (persisted, so a replayed command is refused after a restart too).
import { existsSync, readFileSync, writeFileSync, renameSync } from 'node:fs'
import { decodeAdminCommand, signingBytes, type AdminCommand } from '../codec/index.js'
import { verify } from '../crypto/ed25519.js'
import { parseModes, type TraitorSettings } from '../byzantine/modes.js'
import type { Genesis } from '../ledger/genesis.js'

export class AdminRejectedError extends Error {
  override readonly name = 'AdminRejectedError'
  constructor (readonly reason: string, message: string) { super(message) }
}

export class AdminGate {
  private lastNonce = 0

  constructor (private readonly genesis: Genesis, private readonly id: number, private readonly nonceFile: string) {
    if (existsSync(nonceFile)) this.lastNonce = Number(readFileSync(nonceFile, 'utf8').trim()) || 0
  }

  /** Checks a command; returns the traitor settings to apply (empty modes = clear). */
  check (bytes: Uint8Array): { settings: TraitorSettings, command: AdminCommand } {
    const d = decodeAdminCommand(bytes)
    if (!d.ok) throw new AdminRejectedError('malformed', `malformed admin command: ${d.error.message}`)
    const c = d.value
    if (!this.genesis.traitorModesEnabled) throw new AdminRejectedError('disabled', 'traitor modes are disabled in this cluster\'s genesis')
    if (c.chainId !== this.genesis.chainId) throw new AdminRejectedError('wrong-chain', `admin command for chain ${c.chainId}, this is ${this.genesis.chainId}`)
    if (c.replica !== this.id) throw new AdminRejectedError('wrong-replica', `admin command for replica ${c.replica}, this is replica ${this.id}`)
    if (!verify(this.genesis.adminPublicKey, signingBytes('adminCommand', c), c.signature)) throw new AdminRejectedError('bad-signature', 'admin command is not signed by the genesis admin key')
    if (c.nonce <= this.lastNonce) throw new AdminRejectedError('replay', `admin command nonce ${c.nonce} is not above the last applied ${this.lastNonce}`)
    const modes = c.action === 'clear' ? [] : parseModes(c.modes)
    if (c.action === 'set' && modes.length === 0) throw new AdminRejectedError('malformed', 'set needs at least one mode')
    this.lastNonce = c.nonce
    writeFileSync(`${this.nonceFile}.tmp`, `${c.nonce}\n`)
    renameSync(`${this.nonceFile}.tmp`, this.nonceFile)
    return { settings: { modes, targets: c.targets, fromSeq: c.fromHeight }, command: c }
  }
}
