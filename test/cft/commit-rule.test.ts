// Raft §5.4.2, Figure 8: a leader commits an entry of an earlier term only through an entry of
// its own term. Counting replicas is not enough for the older entry: a later leader whose log
// ends in a higher (but still older) term can win an election and overwrite it.
// n = 5 (majority 3); replica 0 plays S1, replica 4 S5, as in the paper's figure.
import { describe, expect, it } from 'vitest'
import type { CftPlantedFault } from '../../src/cft/types.js'
import { CftProbe, records } from './probe.js'

/**
 * Figure 8 (c): S1 led term 2 and put entry 2 (term 2) on S2 only; S5 led term 3 and wrote its own
 * entry 2 (term 3) locally; S1 now leads term 4, and S2 and S3 acknowledge entry 2 of term 2, so a
 * majority (S1, S2, S3) holds it. S1's own entry 3 (term 4) is on S1 alone.
 */
function figure8 (planted: CftPlantedFault[] = []): CftProbe {
  const s1 = new CftProbe(0, 5, { plantedFaults: planted }, records([1, 2], 3))
  s1.elect([1, 2])
  const term = s1.core.status().term
  expect(s1.core.status()).toMatchObject({ role: 'leader', lastIndex: 3 })
  expect(s1.terms()).toEqual([1, 2, term])
  for (const r of [1, 2]) s1.deliver(r, { type: 'append-response', term, success: true, matchIndex: 2, acks: [s1.ack(r, term, 2)] })
  return s1
}

describe('§5.4.2 commit only entries of the current term by counting (Figure 8)', () => {
  it('(c) an entry of an earlier term held by a majority is not committed by counting', () => {
    const s1 = figure8()
    expect(s1.core.status().commitIndex).toBe(0)
    expect(s1.executes()).toEqual([])
  })

  it('(d) why: S5, whose log ends in term 3, can still win a later term with votes from replicas that hold entry 2 of term 2, and would overwrite it', () => {
    const s2 = new CftProbe(1, 5, {}, records([1, 2], 4))
    s2.deliver(4, { type: 'request-vote', term: 5, lastLogIndex: 2, lastLogTerm: 3 })
    expect(s2.sent('vote').map(v => v.granted)).toEqual([true])
  })

  it('(e) once S1\'s own entry of term 4 is on a majority, it commits, and entry 2 with it; the certificate names the term-4 entry', () => {
    const s1 = figure8()
    const term = s1.core.status().term
    for (const r of [1, 2]) s1.deliver(r, { type: 'append-response', term, success: true, matchIndex: 3, acks: [s1.ack(r, term, 3)] })
    expect(s1.core.status().commitIndex).toBe(3)
    expect(s1.executes().map(e => [e.index, e.cert?.index, e.cert?.term, e.cert?.acks.map(a => a.replica)])).toEqual([
      [1, 3, term, [0, 1, 2]], [2, 3, term, [0, 1, 2]], [3, 3, term, [0, 1, 2]]
    ])
  })

  it('planted fault commit-earlier-term: the leader commits entry 2 of term 2 by counting, as in (c) it must not (caught by this directed test)', () => {
    const s1 = figure8(['commit-earlier-term'])
    expect(s1.core.status().commitIndex).toBe(2)
    expect(s1.executes().map(e => e.index)).toEqual([1, 2])
  })
})
