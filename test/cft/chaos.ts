// One seeded run of the CFT core under crashes, message loss, duplication, reordering and
// partitions (a safety phase), then a healed phase in which every replica must catch up with
// everything committed (a liveness phase), TigerBeetle VOPR style: a failing run names its seed.
import { Prng } from '../../src/sim/prng.js'
import type { CftPlantedFault } from '../../src/cft/types.js'
import { CftCluster, TICK_MS, tx } from './cluster.js'

export interface ChaosResult { seed: number, n: number, violations: string[], committed: number }

export function chaos (seed: number, planted: CftPlantedFault[] = [], chaosMs = 3000): ChaosResult {
  const rng = new Prng(seed)
  const n = rng.chance(0.5) ? 3 : 5
  const c = new CftCluster(n, id => ({ seed: seed * 7919 + id, plantedFaults: planted }))
  let nonce = 0
  for (let t = 0; t < chaosMs; t += TICK_MS) {
    c.nowMs += TICK_MS
    for (let i = 0; i < n; i++) c.step(i, { type: 'tick', nowMs: c.nowMs })
    deliverSome(c, rng)
    injectFaults(c, rng)
    if (rng.chance(0.6)) c.submit(rng.int(0, n - 1), tx(rng.int(0, 3), ++nonce))
    if (t % 50 === 0) c.checkLogMatching()
  }
  // Heal: everyone up, no loss, time passes; all must converge on what was committed.
  for (const i of [...c.down]) c.restart(i)
  c.filter = () => true
  c.tick(3000)
  c.checkLogMatching()
  const committed = Math.max(0, ...c.committed.keys())
  for (let i = 0; i < n; i++) {
    const ex = c.executed[i]!
    if (ex.length < committed) c.violations.push(`liveness: replica ${i} applied ${ex.length} of ${committed} committed entries after heal`)
  }
  if (c.leader() === undefined) c.violations.push('liveness: no leader after heal')
  return { seed, n, violations: c.violations, committed }
}

/** Delivers what is queued, each message possibly lost, duplicated or overtaken by a later one. */
function deliverSome (c: CftCluster, rng: Prng): void {
  for (let k = c.queue.length; k > 0 && c.queue.length > 0; k--) {
    if (rng.chance(0.3)) continue // delayed to a later tick
    const at = rng.chance(0.3) ? rng.int(0, c.queue.length - 1) : 0
    if (rng.chance(0.1)) { c.queue.splice(at, 1); continue }
    if (rng.chance(0.05)) c.queue.push(c.queue[at]!)
    c.deliver(at)
  }
}

/** Crashes (at most f down at once), restarts, partitions and heals. */
function injectFaults (c: CftCluster, rng: Prng): void {
  const f = (c.n - 1) / 2
  const live = [...Array(c.n).keys()].filter(i => !c.down.has(i))
  if (rng.chance(0.04) && c.down.size < f) c.crash(rng.pick(live))
  if (rng.chance(0.04) && c.down.size > 0) c.restart(rng.pick([...c.down]))
  if (rng.chance(0.02)) {
    // Half the time the current leader is cut off with at most a minority (it keeps taking requests it cannot commit).
    const leader = c.leader()
    const side = [...Array(c.n).keys()].map(() => rng.int(0, 1))
    if (leader !== undefined && rng.chance(0.5)) side.forEach((_, i) => { side[i] = i === leader || (i < f && rng.chance(0.5)) ? 1 : 0 })
    c.filter = e => side[e.from] === side[e.to]
  }
  if (rng.chance(0.03)) c.filter = () => true
}
