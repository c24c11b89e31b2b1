// The no-collapse acceptance test's parts that need no cluster: the targets as a function of a
// run's figures (a run that meets them all, and one that fails each), the recovery window on the
// commit timeline, /status figures, and an open loop whose offered rate changes while it runs.
import { describe, expect, it } from 'vitest'
import type { Client } from '../../src/client/client.js'
import { ClusterBusyError, TxRejectedError } from '../../src/client/errors.js'
import type { Transaction } from '../../src/codec/index.js'
import { committedIn, errorKind, firstSecondReachingMs, startLoad, TIMELINE_BUCKET_MS, type LoadClient } from '../../src/cli/bench/load.js'
import { increase } from '../../src/cli/bench/overload-result.js'
import { evaluateTargets, formatTargets, type TargetInput } from '../../src/cli/bench/overload-targets.js'
import { statusFigures } from '../../src/cli/bench/status.js'

const status = (maxMs: number, misses = 0): TargetInput['status'] => [0, 1, 2, 3].map(replica => ({ replica, polls: 100, misses, p99Ms: Math.min(maxMs, 20), maxMs }))

const passing: TargetInput = {
  capacityTxPerSec: 1000,
  overload: [{ multiple: 2, committedTxPerSec: 950, exhausted: false }, { multiple: 4, committedTxPerSec: 820, exhausted: false }, { multiple: 10, committedTxPerSec: 800, exhausted: false }],
  viewChanges: 0,
  busy: { answers: 5000, p99Ms: 12 },
  errorsByName: { TxRejectedError: 3 },
  status: status(80),
  recovery: { offeredTxPerSec: 500, reachedAfterS: 1, exhausted: false }
}

describe('overload targets', () => {
  it('a run that holds 90 % of C at 2C and 80 % at 4C and 10C, without view changes, timeouts or slow /status, and serves 0.5C within 5 s meets all', () => {
    const t = evaluateTargets(passing)
    expect(t.map(x => x.id)).toEqual(['committed-at-2x', 'committed-at-4x', 'committed-at-10x', 'no-view-changes', 'busy-answers-fast', 'no-timeouts', 'status-responsive', 'recovery'])
    expect(t.filter(x => !x.met)).toEqual([])
    const text = formatTargets(t)
    expect(text).toMatch(/8 of 8 met/)
    expect(text).toMatch(/\[met\] at 2xC offered, committed >= 90% of C: 950 tx\/s = 95% of C/)
    expect(text).toMatch(/other errors: 3 TxRejectedError/)
  })

  it('each shortfall fails its own target and no other', () => {
    const failed = (over: Partial<TargetInput>): string[] => evaluateTargets({ ...passing, ...over }).filter(x => !x.met).map(x => x.id)
    expect(failed({ overload: [{ multiple: 2, committedTxPerSec: 899, exhausted: false }, ...passing.overload.slice(1)] })).toEqual(['committed-at-2x'])
    expect(failed({ overload: passing.overload.slice(0, 2) })).toEqual(['committed-at-10x'])
    expect(failed({ overload: [...passing.overload.slice(0, 2), { multiple: 10, committedTxPerSec: 900, exhausted: true }] })).toEqual(['committed-at-10x'])
    expect(failed({ viewChanges: 1 })).toEqual(['no-view-changes'])
    expect(failed({ busy: { answers: 5000, p99Ms: 51 } })).toEqual(['busy-answers-fast'])
    expect(failed({ busy: { answers: 0, p99Ms: 0 } })).toEqual(['busy-answers-fast'])
    expect(failed({ errorsByName: { ClusterBusyError: 1 } })).toEqual([]) // the SDK's explicit busy answer, not a timeout
    expect(failed({ errorsByName: { TxTimeoutError: 2, InsufficientRepliesError: 1 } })).toEqual(['no-timeouts'])
    expect(failed({ status: status(101) })).toEqual(['status-responsive'])
    expect(failed({ status: status(50, 1) })).toEqual(['status-responsive'])
    expect(failed({ status: [] })).toEqual(['status-responsive'])
    expect(failed({ recovery: { offeredTxPerSec: 500, reachedAfterS: 5.01, exhausted: false } })).toEqual(['recovery'])
    expect(failed({ recovery: { offeredTxPerSec: 500, reachedAfterS: null, exhausted: false } })).toEqual(['recovery'])
    expect(formatTargets(evaluateTargets({ ...passing, viewChanges: 2 }))).toMatch(/\[NOT met\] 0 view changes in the whole run: 2/)
  })
})

describe('overload figures', () => {
  it('recovery is the end of the first one-second window that holds the needed commits', () => {
    const t = new Uint32Array(8000 / TIMELINE_BUCKET_MS)
    for (let ms = 2500; ms < 8000; ms += TIMELINE_BUCKET_MS) t[ms / TIMELINE_BUCKET_MS] = 5 // 500 tx/s from 2.5 s on
    expect(committedIn(t, 3000, 4000)).toBe(500)
    expect(firstSecondReachingMs(t, 1000, 8000, 450)).toBe(2400) // window [2.4, 3.4) s holds 450
    expect(firstSecondReachingMs(t, 3000, 8000, 450)).toBe(1000)
    expect(firstSecondReachingMs(t, 0, 8000, 501)).toBeUndefined()
    expect(firstSecondReachingMs(t, 0, 2000, 1)).toBeUndefined()
  })

  it('/status figures count misses and take p99 and max of the answered polls in the window', () => {
    const samples = [...Array(100).keys()].map(i => ({ replica: i % 2, atMs: 1000 + i * 10, ms: i === 98 ? null : i }))
    const [r0, r1] = statusFigures(samples, 2, 1000, 2000)
    expect(r0).toEqual({ replica: 0, polls: 50, misses: 1, p99Ms: 96, maxMs: 96 })
    expect(r1).toEqual({ replica: 1, polls: 50, misses: 0, p99Ms: 99, maxMs: 99 })
    expect(statusFigures(samples, 2, 0, 1000)[0]).toEqual({ replica: 0, polls: 0, misses: 0, p99Ms: 0, maxMs: 0 })
  })

  it('view changes are the largest increase of one replica, ignoring replicas that were not read', () => {
    expect(increase([3, 0, 1, 2], [3, 0, 1, 2])).toBe(0)
    expect(increase([3, 0, undefined, 2], [4, 2, 9, undefined])).toBe(2)
  })
})

describe('open loop', () => {
  it('offers the new rate from the moment it changes, and sheds above its in-flight bound', async () => {
    const never = new Promise<never>(() => {})
    const client = { submit: async () => await never } as unknown as Client
    const work: LoadClient[] = [{ client, txs: Array.from({ length: 100_000 }, () => ({}) as Transaction), next: 0, nonce: 0 }]
    let t = 0
    const run = startLoad(work, { kind: 'open', rate: 1000 }, 5000, { now: () => t })
    t = 100
    await new Promise(resolve => setTimeout(resolve, 20))
    expect(run.stats.submitted).toBe(100)
    run.setRate(20_000)
    t = 200
    await new Promise(resolve => setTimeout(resolve, 20))
    expect(run.stats.submitted + run.stats.shed).toBe(2100)
    expect(run.inFlight()).toBe(run.stats.submitted)
    t = 1000
    await new Promise(resolve => setTimeout(resolve, 20))
    expect(run.stats.submitted).toBe(10_000) // one client: the SDK's own pending bound
    expect(run.stats.shed).toBe(18_100 - 10_000)
    run.stop()
  })
})

describe('error kinds', () => {
  it('one kind per error whatever its numbers and transaction ids', () => {
    const a = errorKind(new ClusterBusyError(30_000, 5))
    expect(a).toBe(errorKind(new ClusterBusyError(30_000, 12)))
    expect(a).toMatch(/^ClusterBusyError: the cluster stayed busy for N ms \(N busy answers\)/)
    expect(errorKind(new TxRejectedError(`${'ab'.repeat(32)}: stale nonce`))).toBe('TxRejectedError: transaction rejected: <tx>: stale nonce')
  })
})
