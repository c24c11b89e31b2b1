// View changes are logged at info level with the old view, the new view and why (as far as the
// replica's status tells).
import { describe, expect, it } from 'vitest'
import { TIMER_BUSY_DIVISOR } from '../../src/protocol/limits.js'
import { pb, signingBytes, type Transaction } from '../../src/codec/index.js'
import { createSigner } from '../../src/crypto/ed25519.js'
import { loadKeyFile } from '../../src/crypto/keyfile.js'
import { ViewWatch } from '../../src/node/view-log.js'
import { startLoneReplica } from './lone-replica.js'

describe('view-change log lines', () => {
  it('the first status is the baseline; a timeout, its installation and a NEW-VIEW jump are each one event', () => {
    const w = new ViewWatch()
    expect(w.observe({ view: 0, primary: 0, viewChanging: false })).toBeUndefined()
    expect(w.observe({ view: 0, primary: 0, viewChanging: false })).toBeUndefined()
    expect(w.observe({ view: 1, primary: 1, viewChanging: true })).toEqual({ msg: 'view change started', oldView: 0, newView: 1, primary: 1, reason: 'timeout-or-joined' })
    expect(w.observe({ view: 2, primary: 2, viewChanging: true })).toEqual({ msg: 'view change started', oldView: 1, newView: 2, primary: 2, reason: 'timeout-or-joined' })
    expect(w.observe({ view: 2, primary: 2, viewChanging: true })).toBeUndefined()
    expect(w.observe({ view: 2, primary: 2, viewChanging: false })).toEqual({ msg: 'new view installed', oldView: 0, newView: 2, primary: 2, reason: 'installed' })
    expect(w.observe({ view: 3, primary: 3, viewChanging: false })).toEqual({ msg: 'view changed', oldView: 2, newView: 3, primary: 3, reason: 'new-view' })
  })

  it('a view change started carries the core\'s cause', () => {
    const w = new ViewWatch()
    w.observe({ view: 0, primary: 0, viewChanging: false })
    expect(w.observe({ view: 1, primary: 1, viewChanging: true, viewChangeCause: 'joined: replicas 2, 3 asked for higher views' })?.cause).toBe('joined: replicas 2, 3 asked for higher views')
  })

  it('a real replica whose request times out logs "view change started" at info, 0 -> 1', async () => {
    const r = await startLoneReplica(1)
    try {
      const lines: Array<[unknown, string]> = []
      r.node.log.info = ((obj: unknown, msg: string) => { lines.push([obj, msg]) }) as typeof r.node.log.info
      // Replica 1 is a backup, alone: the primary never orders the request, the request timer expires.
      const s = createSigner(loadKeyFile(r.c.accountKey(0)).seed)
      const tx: Transaction = { chainId: r.genesis.chainId, client: s.publicKey, nonce: 1, payload: pb.Transfer.encode({ to: loadKeyFile(r.c.accountKey(1)).publicKey, amount: 1n }), signature: new Uint8Array(0) }
      tx.signature = s.sign(signingBytes('transaction', tx))
      // After the first ticks (a request before any tick meets a request timer started at time 0).
      await new Promise(resolve => setTimeout(resolve, 100))
      r.node.driver.push({ type: 'request', tx })
      // Late ticks (a loaded machine) count at a quarter beyond TIMER_FULL_STEP_MS: allow for it.
      const end = Date.now() + r.genesis.params.viewChangeTimeoutMs * 5 * TIMER_BUSY_DIVISOR
      while (!lines.some(([, msg]) => msg === 'view change started') && Date.now() < end) await new Promise(resolve => setTimeout(resolve, 50))
      const started = lines.find(([, msg]) => msg === 'view change started')?.[0]
      expect(started).toMatchObject({ oldView: 0, newView: 1, primary: 1, reason: 'timeout-or-joined' })
      // the replica's own account: its request timer, with the request it waited for
      expect((started as { cause: string }).cause).toMatch(/^request-timer: nothing executed for \d+ ms \(timeout \d+ ms\) with 1 requests pending/)
      expect(r.node.status().viewChangeCause).toBe((started as { cause: string }).cause)
    } finally {
      await r.close()
    }
  })
})
