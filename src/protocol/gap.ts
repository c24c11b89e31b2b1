// Catching up below a gap: a replica that was down (or lost messages) sees seqs above its next
// one commit, while the next one never will for it: the others committed it while it was away.
// Waiting for the next stable checkpoint can take a whole checkpoint interval, during which its
// request timer fires and it starts a view change nobody joins (found by the dashboard e2e
// test: a restarted backup under load stayed one interval behind, alone in the next view).
// So after a short wait it fetches the missing blocks from every peer; each block proves itself
// by its commit certificate. If nobody has them (a primary that skipped a seq), nothing is
// transferred, and the request timer deposes that primary as before.
import type { State } from './state.js'

/** How long a gap must last before it is fetched: longer than a pipeline reordering. */
export function gapWaitMs (s: State): number {
  return Math.max(20, Math.floor(s.cfg.viewChangeTimeoutMs / 10))
}

/** Tick: fetch blocks up to the lowest committed seq above a gap, once it lasted gapWaitMs. */
export function onGapTimer (s: State): void {
  const next = s.lastExecuteEmitted + 1
  const above = s.cfg.gapFetch !== false && s.fetching === undefined && !s.viewChanging && s.log.get(next)?.committed !== true
    ? lowestCommittedAbove(s, next)
    : undefined
  if (above === undefined) {
    s.gapSinceMs = undefined
    return
  }
  if (s.gapSinceMs === undefined) s.gapSinceMs = s.nowMs
  if (s.nowMs - s.gapSinceMs < gapWaitMs(s)) return
  const to = above - 1
  // One fetch at a time; again only after it had time to finish (the host's state transfer rotates peers itself).
  if (to <= s.gapFetchedTo && s.nowMs - s.gapFetchedAtMs < s.cfg.viewChangeTimeoutMs) return
  s.gapFetchedTo = to
  s.gapFetchedAtMs = s.nowMs
  const peers = [...Array(s.n).keys()].filter(r => r !== s.id)
  s.out.push({ type: 'fetch-state', seq: to, blockHash: undefined, peers })
}

function lowestCommittedAbove (s: State, next: number): number | undefined {
  let lowest: number | undefined
  for (const [seq, slot] of s.log) {
    if (seq > next && slot.committed && (lowest === undefined || seq < lowest)) lowest = seq
  }
  return lowest
}
