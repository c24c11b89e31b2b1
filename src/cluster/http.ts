// Talking to a replica's HTTP API: its address from genesis, GET as JSON. Shared by the CLI and
// the dashboard, so it lives below both.
import type { Genesis } from '../ledger/genesis.js'

/** An error whose message is meant for the operator (the `pbft` command prints it without a stack). */
export class CliError extends Error {
  override readonly name = 'CliError'
}

export function apiUrl (g: Genesis, id: number): string {
  return `http://${g.replicas[id]?.api ?? '127.0.0.1:0'}`
}

export async function getJson (url: string, timeoutMs = 2000): Promise<unknown> {
  const res = await fetch(url, { signal: AbortSignal.timeout(timeoutMs) })
  const body = await res.json() as { error?: string }
  if (!res.ok) throw new CliError(`${url}: ${body.error ?? res.statusText}`)
  return body
}
