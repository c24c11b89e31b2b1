// An admin command (switch a replica's traitor mode), signed with the admin key from genesis
// (the replica refuses any other signature). Used by `pbft byzantine` and the dashboard.
import { pb, signingBytes, type AdminCommand } from '../codec/index.js'
import { createSigner } from '../crypto/ed25519.js'
import type { Genesis } from '../ledger/genesis.js'
import { apiUrl, CliError } from './http.js'

export async function sendAdmin (g: Genesis, adminSeed: Uint8Array, replica: number, action: 'set' | 'clear', modes: string[], targets: number[] = [], fromHeight = 0): Promise<unknown> {
  if (g.replicas[replica] === undefined) throw new CliError(`no replica ${replica} in this cluster (ids 0..${g.replicas.length - 1})`)
  const cmd: AdminCommand = { chainId: g.chainId, replica, nonce: Date.now(), action, modes, targets, fromHeight, signature: new Uint8Array(0) }
  cmd.signature = createSigner(adminSeed).sign(signingBytes('adminCommand', cmd))
  const res = await fetch(`${apiUrl(g, replica)}/admin`, {
    method: 'POST', headers: { 'content-type': 'application/octet-stream' }, body: pb.AdminCommand.encode(cmd), signal: AbortSignal.timeout(5000)
  })
  const body = await res.json() as { error?: string }
  if (!res.ok) throw new CliError(`replica ${replica} refused: ${body.error ?? res.statusText}`)
  return body
}
