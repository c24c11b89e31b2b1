// The simulated ports of a replica's host (src/host): the host's write-ahead log over an
// in-memory disk (src/host/wal.ts, the compaction the node runs), the lossy
// network of the world, the real ledger over an in-memory block store (executing, and serving
// and applying blocks for the host's state transfer), clients reached through the event queue,
// and the checks the world makes of what an honest replica does (every vote persisted before it
// is sent, every block agreed and certified however it came, every evidence provable, no block
// an honest peer served refused).
import { limits, encodeReplicaMessage, type Evidence } from '../codec/index.js'
import { toHex } from '../crypto/hash.js'
import { evidenceProblem } from '../crypto/evidence.js'
import type { HostPorts, WalPort } from '../host/ports.js'
import type { TransferStorePort } from '../host/transfer.js'
import { persistedKeyOf } from './invariants.js'
import { SITUATIONS } from './situations.js'
import type { Host, SimWorld } from './machine.js'

/** A crashed replica restarts after a random pause in this range. */
export const RESTART_AFTER_MS = { min: 50, max: 2000 }

export function simPorts (w: SimWorld, id: number, wal: WalPort): HostPorts {
  const h = (): Host => w.hosts[id] as Host
  return {
    core: { step: e => h().core.step(e), outbound: (to, m) => h().core.outbound(to, m) },
    wal: {
      persist: records => {
        const { persisted } = h()
        for (const r of records) { const key = persistedKeyOf(r); if (key !== undefined) persisted.add(key) }
        const done = wal.persist(records) // synchronous (MemoryWalStorage); a failed or torn write throws
        h().durable.written(records)
        return done
      }
    },
    network: {
      send: (to, m) => {
        if (h().honest) w.sentByHonest(h(), m)
        w.transmit(h(), to, m, encodeReplicaMessage(m))
      },
      broadcast: m => {
        if (h().honest) w.sentByHonest(h(), m)
        const bytes = encodeReplicaMessage(m)
        for (let j = 0; j < w.hosts.length; j++) if (j !== id) w.transmit(h(), j, m, bytes)
      },
      broadcastFrame: frame => { for (let j = 0; j < w.hosts.length; j++) if (j !== id) w.transmitFrame(h(), j, frame) }
    },
    clients: {
      reply: (client, reply) => {
        const clients = w.clientIndex.get(toHex(client))
        if (clients === undefined || w.lost(id, -1)) return
        const at = w.now + w.delay()
        for (const c of clients) w.q.push(at, { kind: 'reply', client: c, from: id, reply })
      },
      reject: tx => { w.onReject(tx) }
    },
    ledger: {
      applyCommitted: async (seq, view, batch, cert) => {
        const { ledger, honest } = h()
        const prev = toHex(ledger.head().blockHash)
        const applied = await ledger.applyCommitted(seq, view, batch, cert)
        if (honest) w.inv.onBlock(id, applied.block, toHex(applied.blockHash), prev)
        return applied
      }
    },
    evidence: e => { recordEvidence(w, h(), e) },
    transfer: {
      id,
      chainId: w.genesis.chainId,
      blocks: simBlocks(w, id),
      log: { badPeer: (peer, reason) => { refused(w, h(), peer, reason) } }
    },
    fetchState: () => { if (h().honest) w.situations.note(SITUATIONS.stateTransfer) },
    crash: () => { w.crash(id, w.now + w.prng.int(RESTART_AFTER_MS.min, RESTART_AFTER_MS.max)) }
  }
}

/** Replica id's ledger as state transfer sees it; every block an honest replica applies is checked like an executed one. */
function simBlocks (w: SimWorld, id: number): TransferStorePort {
  const h = (): Host => w.hosts[id] as Host
  return {
    head: () => h().ledger.head(),
    prunedBelow: () => h().ledger.prunedBelow(),
    getBlock: async height => await h().ledger.getBlock(height),
    applyTransferred: async block => {
      const { ledger, honest } = h()
      const prev = toHex(ledger.head().blockHash)
      const applied = await ledger.applyTransferred(block)
      if (honest) w.inv.onBlock(id, applied.block, toHex(applied.blockHash), prev)
      return applied
    }
  }
}

/** Honest state transfer: an honest replica refuses only what a traitor served (an honest peer's blocks are the agreed ones). */
export function refused (w: SimWorld, h: Host, peer: number, reason: string): void {
  if (!h.honest) return
  w.situations.note(SITUATIONS.transferRefused)
  if (w.hosts[peer]?.honest === true) w.inv.violate(`honest state transfer: replica ${h.id} refused a block honest replica ${peer} served (${reason})`)
}

/** An honest replica's evidence must accuse a traitor, and a third party must accept it. */
function recordEvidence (w: SimWorld, h: Host, e: Evidence): void {
  w.stats.evidence.push({ accused: e.accused, kind: e.kind })
  if (!h.honest) return
  w.situations.note(`evidence recorded: ${e.kind}`)
  if (w.hosts[e.accused]?.honest === true) w.inv.violate(`accountability: honest replica ${h.id} accused honest replica ${e.accused} (${e.kind})`)
  // Records too large to go into a block (a NEW-VIEW of a big window) stay local, unchecked.
  if (e.messages.every(b => b.byteLength <= limits.EVIDENCE_MESSAGE_BYTES_MAX)) {
    const problem = evidenceProblem(w.genesis.replicas.map(r => r.publicKey), w.genesis.chainId, e)
    if (problem !== undefined) w.inv.violate(`accountability: honest replica ${h.id} recorded ${e.kind} evidence that a third party would refuse (${problem.join(': ')})`)
  }
}
