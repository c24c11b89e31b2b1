// A min-heap of timed events; ties broken by insertion order, so runs are deterministic.
export interface Timed<T> { at: number, order: number, item: T }

export class EventQueue<T> {
  private readonly heap: Array<Timed<T>> = []
  private order = 0

  get size (): number { return this.heap.length }

  push (at: number, item: T): void {
    const h = this.heap
    h.push({ at, order: this.order++, item })
    let i = h.length - 1
    while (i > 0) {
      const p = (i - 1) >> 1
      if (!less(h[i] as Timed<T>, h[p] as Timed<T>)) break
      ;[h[i], h[p]] = [h[p] as Timed<T>, h[i] as Timed<T>]
      i = p
    }
  }

  pop (): Timed<T> | undefined {
    const h = this.heap
    const top = h[0]
    const last = h.pop()
    if (h.length > 0 && last !== undefined) {
      h[0] = last
      let i = 0
      for (;;) {
        const l = 2 * i + 1; const r = l + 1
        let m = i
        if (l < h.length && less(h[l] as Timed<T>, h[m] as Timed<T>)) m = l
        if (r < h.length && less(h[r] as Timed<T>, h[m] as Timed<T>)) m = r
        if (m === i) break
        ;[h[i], h[m]] = [h[m] as Timed<T>, h[i] as Timed<T>]
        i = m
      }
    }
    return top
  }

  peekAt (): number | undefined { return this.heap[0]?.at }
}

function less<T> (a: Timed<T>, b: Timed<T>): boolean {
  return a.at < b.at || (a.at === b.at && a.order < b.order)
}
