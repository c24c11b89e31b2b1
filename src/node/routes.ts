// The replica's HTTP endpoints (see http-api.ts for the server and error handling).
import type { Server } from 'node:http'
import { blockHash } from '../crypto/digests.js'
import { fromHex, toHex } from '../crypto/hash.js'
import type { Logger } from 'pino'
import type { AccountsApp } from '../app/accounts.js'
import { TraitorModeError } from '../byzantine/modes.js'
import type { Traitor } from '../byzantine/traitor.js'
import type { Evidence } from '../codec/index.js'
import type { Genesis } from '../ledger/genesis.js'
import type { Ledger } from '../ledger/ledger.js'
import { AdminRejectedError, type AdminGate } from './admin.js'
import { HttpError, hexParam, intParam, startHttpApi, type PostContentType } from './http-api.js'
import { BLOCKS_PER_PAGE_MAX } from './limits.js'
import type { NodeMetrics } from './metrics.js'

export { BLOCKS_PER_PAGE_MAX }

/**
 * What the endpoints read and change. ReplicaNode provides it; the routes name only this, so
 * replica-node.ts (which starts the API) and this file do not import each other.
 */
export interface ApiNode {
  readonly genesis: Genesis
  readonly id: number
  readonly ledger: Ledger
  readonly app: Pick<AccountsApp, 'account'>
  readonly evidence: ReadonlyArray<{ evidence: Evidence, atMs: number }>
  readonly admin: Pick<AdminGate, 'check'>
  readonly core: Pick<Traitor, 'set' | 'current'>
  readonly metrics: Pick<NodeMetrics, 'traitor' | 'adminRejected' | 'httpRefused' | 'registry'>
  readonly log: Logger
  status: () => Record<string, unknown>
}

/**
 * The bytes of an admin command: the encoded AdminCommand as the body
 * (application/octet-stream), or `{ "command": "<hex of it>" }` (application/json).
 */
export function adminCommandBytes (body: Uint8Array | undefined, contentType: PostContentType | undefined): Uint8Array {
  const bytes = body ?? new Uint8Array(0)
  if (contentType !== 'application/json') return bytes
  let v: unknown
  try { v = JSON.parse(Buffer.from(bytes).toString('utf8')) } catch { throw new HttpError(400, 'the body is not valid JSON') }
  const hex = typeof v === 'object' && v !== null ? (v as { command?: unknown }).command : undefined
  if (typeof hex !== 'string' || hex.length % 2 !== 0 || !/^[0-9a-fA-F]*$/.test(hex)) {
    throw new HttpError(400, 'a JSON admin body must be { "command": "<hex of an encoded AdminCommand>" } (an even number of hex characters)')
  }
  return fromHex(hex)
}

export async function startApi (node: ApiNode, portOverride?: number): Promise<{ server: Server, port: number }> {
  const [host, port] = (node.genesis.replicas[node.id]?.api ?? '127.0.0.1:0').split(':')
  return await startHttpApi(host ?? '127.0.0.1', portOverride ?? Number(port), {
    get: {
      status: async () => node.status(),
      blocks: async ({ path, query }) => path[0] !== undefined ? await getBlock(node, intParam(path[0], 'height', 1)) : await getHeaders(node, query),
      tx: async ({ path }) => await getTx(node, hexParam(path[0], 'transaction id', 32)),
      accounts: async ({ path }) => getAccount(node, hexParam(path[0], 'account (ed25519 public key)', 32)),
      evidence: async () => node.evidence.map(e => ({ ...e.evidence, atMs: e.atMs }))
    },
    post: {
      admin: async ({ body, contentType }) => postAdmin(node, adminCommandBytes(body, contentType))
    },
    metrics: async () => ({ contentType: node.metrics.registry.contentType, body: await node.metrics.registry.metrics() })
  }, { refused: reason => { node.metrics.httpRefused.inc({ reason }) } })
}

/** GET /blocks/H: the block at height H, or its header and certificate if it is pruned. */
async function getBlock (node: ApiNode, h: number): Promise<unknown> {
  const b = await node.ledger.getBlock(h)
  if (b !== undefined) return b
  const pruned = h < node.ledger.prunedBelow() ? await node.ledger.store.header(h) : undefined
  if (pruned !== undefined) return { ...pruned, pruned: true }
  throw new HttpError(404, `no block at height ${h} (head is ${node.ledger.head().height})`)
}

/** GET /blocks?from=&to=: a page of block headers (default: the last 20), at most BLOCKS_PER_PAGE_MAX. */
async function getHeaders (node: ApiNode, query: URLSearchParams): Promise<unknown[]> {
  const head = node.ledger.head().height
  const to = query.has('to') ? Math.min(intParam(query.get('to'), 'to'), head) : head
  const from = query.has('from') ? intParam(query.get('from'), 'from', 1) : Math.max(1, to - 19)
  if (to - from + 1 > BLOCKS_PER_PAGE_MAX) throw new HttpError(400, `at most ${BLOCKS_PER_PAGE_MAX} blocks per request`)
  const out = []
  for (let h = from; h <= to; h++) {
    const b = await node.ledger.store.header(h)
    if (b !== undefined) out.push({ height: h, hash: blockHash(b.header), header: b.header, txs: b.header.txCount, signers: b.cert.commits.map(c => c.replica), pruned: h < node.ledger.prunedBelow() })
  }
  return out
}

/** GET /tx/ID: where the transaction is in the ledger, with its result. */
async function getTx (node: ApiNode, id: Uint8Array): Promise<unknown> {
  const loc = await node.ledger.store.txLocation(id)
  const below = node.ledger.prunedBelow()
  if (loc === undefined) throw new HttpError(404, `transaction ${toHex(id)} is not in the ledger${below > 1 ? ` (blocks below ${below} are pruned and not searched)` : ''}`)
  const b = await node.ledger.getBlock(loc.height)
  return { ...loc, tx: b?.txs[loc.index], result: b?.results[loc.index] }
}

/** GET /accounts/KEY: balance and nonce at the current head. */
function getAccount (node: ApiNode, key: Uint8Array): unknown {
  const a = node.app.account(key)
  return { account: toHex(key), balance: (a?.balance ?? 0n).toString(), nonce: a?.nonce ?? 0, height: node.ledger.head().height }
}

/** POST /admin: a signed admin command switching traitor modes (logged loudly, counted in /metrics). */
function postAdmin (node: ApiNode, bytes: Uint8Array): unknown {
  try {
    const { settings } = node.admin.check(bytes)
    node.core.set(settings)
    node.metrics.traitor.reset()
    for (const m of settings.modes) node.metrics.traitor.set({ mode: m }, 1)
    if (settings.modes.length > 0) node.log.warn({ modes: settings.modes, targets: settings.targets }, 'TRAITOR MODE ON: this replica now lies')
    else node.log.warn('traitor mode cleared: this replica is honest again')
    return { ok: true, traitor: node.core.current() }
  } catch (err) {
    if (err instanceof AdminRejectedError) { node.metrics.adminRejected.inc({ reason: err.reason }); throw new HttpError(err.reason === 'bad-signature' ? 403 : 400, err.message) }
    if (err instanceof TraitorModeError) throw new HttpError(400, err.message)
    throw err
  }
}
