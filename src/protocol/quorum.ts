// Quorum arithmetic (DESIGN.md §1). n >= 3f+1; q = ceil((n+f+1)/2), which is 2f+1 when n = 3f+1.
export interface Quorum { n: number, f: number, q: number }

export function quorum (n: number): Quorum {
  if (!Number.isInteger(n) || n < 4) throw new RangeError(`PBFT needs n >= 4 replicas, got ${n}`)
  const f = Math.floor((n - 1) / 3)
  return { n, f, q: Math.ceil((n + f + 1) / 2) }
}

export function primaryOf (view: number, n: number): number {
  return view % n
}
