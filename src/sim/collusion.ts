// The f+1 collusion scenario (src/byzantine/collude.ts): replicas 0..f collude, replica 0 (the
// primary of view 0) equivocates; the first f honest replicas are sent one batch, the other f
// honest replicas the other. Each side then sees 2f+1 commits: f+1 colluders + its f honest.
import type { TraitorSettings } from '../byzantine/modes.js'

export function collusionTraitors (n: number): Map<number, TraitorSettings> {
  const f = Math.floor((n - 1) / 3)
  const colluders = [...Array(f + 1).keys()]
  const targets = [...Array(f).keys()].map(i => f + 1 + i)
  return new Map(colluders.map(id => [id, {
    modes: id === 0 ? ['equivocate', 'collude'] : ['collude'],
    targets,
    colluders: colluders.filter(c => c !== id)
  }]))
}
