// The simulated ports of a replica's host (src/host): the host's write-ahead log over an
// in-memory disk (src/host/wal.ts, the compaction the node runs), the lossy
// network of the world, the real ledger over an in-memory block store, clients reached through
// the event queue, and the checks the world makes of what an honest replica does (every vote
// persisted before it is sent, every block agreed, every evidence provable).
import { limits, encodeReplicaMessage, type Evidence } from '../codec/index.js'
import { toHex } from '../crypto/hash.js'
import { evidenceProblem } from '../crypto/evidence.js'
import type { HostPorts, WalPort } from '../host/ports.js'
import { persistedKeyOf } from './invariants.js'
import { SITUATIONS } from './situations.js'
import type { Host, SimWorld } from './machine.js'

/** A crashed replica restarts after a random pause in this range. */
export const RESTART_AFTER_MS = { min: 50, max: 2000 }

export function simPorts (w: SimWorld, id: number, wal: WalPort): HostPorts {
  const h = (): Host => w.hosts[id] as Host
  return {
    core: { step: e => h().core.step(e) },
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
      }
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
    fetchState: seq => {
      if (h().honest) w.situations.note(SITUATIONS.stateTransfer)
      w.q.push(w.now + 1, { kind: 'fetch', replica: id, seq })
    },
    crash: () => { w.crash(id, w.now + w.prng.int(RESTART_AFTER_MS.min, RESTART_AFTER_MS.max)) }
  }
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
