// The protocol core's drop counters (ReplicaCore.drops(), src/protocol) are on /metrics as
// pbft_core_dropped_total{reason}: a real 4-replica cluster in this process, replica 1 switched
// to the bad-signatures traitor mode by a signed admin command, transfers committed; the honest
// replicas then report the votes they refused under reason="bad-signature", and every reason
// their cores counted is listed.
import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { ClusterDir } from '../../src/cluster/cluster-dir.js'
import { sendAdmin } from '../../src/cluster/admin.js'
import { initCluster } from '../../src/cli/init.js'
import { freeBasePort } from '../../src/cli/ports.js'
import type { Client } from '../../src/client/client.js'
import { connectClient } from '../../src/client/connect.js'
import { loadKeyFile } from '../../src/crypto/keyfile.js'
import type { Genesis } from '../../src/ledger/genesis.js'
import { startReplica, type ReplicaNode } from '../../src/node/replica-node.js'
import { Traitor } from '../../src/byzantine/traitor.js'
import { createSigner, verify } from '../../src/crypto/ed25519.js'
import { Replica } from '../../src/protocol/replica.js'
import { DROP_REASONS } from '../../src/protocol/drops.js'
import { waitFor } from '../e2e/harness.js'
import { config, seedOf, tx } from '../protocol/helpers.js'

const TRAITOR = 1
let root: string
let c: ClusterDir
let genesis: Genesis
let nodes: ReplicaNode[] = []
let client: Client | undefined

beforeAll(async () => {
  root = mkdtempSync(join(tmpdir(), 'pbft-core-drops-'))
  ;({ c, genesis } = await initCluster({ dir: join(root, 'cluster'), replicas: 4, basePort: await freeBasePort(4), accounts: 2, host: '127.0.0.1', balance: 1000n }))
  nodes = await Promise.all([0, 1, 2, 3].map(async id => await startReplica({ genesisPath: c.genesis, keyPath: c.replicaKey(id), dataDir: c.data(id), id, logLevel: 'silent' })))
}, 60_000)

afterAll(async () => {
  await client?.close()
  await Promise.all(nodes.map(async n => { await n.stop() }))
  rmSync(root, { recursive: true, force: true })
})

/** pbft_core_dropped_total by reason, as replica `id` serves it on /metrics. */
async function coreDrops (id: number): Promise<Record<string, number>> {
  const text = await (await fetch(`http://127.0.0.1:${nodes[id]!.apiPort}/metrics`)).text()
  const out: Record<string, number> = {}
  for (const line of text.split('\n')) {
    const m = /^pbft_core_dropped_total\{([^}]*)\} (\S+)$/.exec(line)
    if (m === null) continue
    const labels = Object.fromEntries(m[1]!.split(',').map(kv => kv.split('=')).map(([k, v]) => [k, JSON.parse(v!) as string]))
    expect(labels.replica).toBe(String(id))
    out[labels.reason!] = Number(m[2])
  }
  return out
}


describe('core drop counters on /metrics after a traitor run', () => {
  it('honest replicas count the traitor\'s badly signed votes as reason="bad-signature"; every reason their cores counted is listed', async () => {
    for (const id of [0, 1, 2, 3]) {
      const served = await coreDrops(id)
      expect(Object.keys(served).sort(), 'every reason is listed from the start').toEqual([...DROP_REASONS].sort())
      expect(served['bad-signature']).toBe(0)
    }
    await sendAdmin(genesis, loadKeyFile(c.adminKey).seed, TRAITOR, 'set', ['bad-signatures'])
    expect(nodes[TRAITOR]!.core.current().modes).toEqual(['bad-signatures'])

    client = await connectClient(genesis, loadKeyFile(c.accountKey(0)).seed, { timeoutMs: 20_000 })
    const to = loadKeyFile(c.accountKey(1)).publicKey
    for (let i = 0; i < 3; i++) expect((await client.transfer(to, 1n)).code).toBe(0)

    const honest = [0, 2, 3]
    // Each honest replica got the traitor's PREPAREs/COMMITs of three blocks with broken signatures.
    await waitFor(async () => (await Promise.all(honest.map(coreDrops))).every(d => (d['bad-signature'] ?? 0) >= 3), 15_000, 'bad-signature >= 3 on every honest replica')
    for (const id of honest) {
      const counted = nodes[id]!.core.drops()
      const served = await coreDrops(id)
      expect(Object.keys(counted).length).toBeGreaterThan(0)
      for (const [reason, n] of Object.entries(counted)) expect(served[reason], reason).toBeGreaterThanOrEqual(n)
      // and nothing else: every exported reason is a named one, and no count is above the core's (counters only grow)
      const after = nodes[id]!.core.drops()
      for (const reason of Object.keys(served)) {
        expect(DROP_REASONS as readonly string[], reason).toContain(reason)
        expect(after[reason] ?? 0, reason).toBeGreaterThanOrEqual(served[reason]!)
      }
    }
    // The honest replicas sign correctly: the traitor's own core refused no signature.
    expect((await coreDrops(TRAITOR))['bad-signature']).toBe(0)
  }, 60_000)
})

describe('a traitor\'s drop counters only grow', () => {
  it('amnesia replaces the core, but the drops the old core counted stay in Traitor.drops()', () => {
    const crypto = { sign: createSigner(seedOf(1)).sign, verify }
    const traitor = new Traitor(config(4, 1), crypto, restore => new Replica(config(4, 1), crypto, restore))
    traitor.step({ type: 'tick', nowMs: 1_000 })
    for (let i = 0; i < 2; i++) traitor.step({ type: 'message', from: 9, message: { type: 'request', request: tx(1, 1) } })
    expect(traitor.drops()).toEqual({ 'unknown-sender': 2 })
    traitor.set({ modes: ['amnesia'] }) // a fresh core that knows only what was executed
    traitor.step({ type: 'message', from: 9, message: { type: 'request', request: tx(1, 2) } })
    expect(traitor.drops()).toEqual({ 'unknown-sender': 3 })
  })
})
