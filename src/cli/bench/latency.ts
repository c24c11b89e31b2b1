// Latency samples with a fixed memory bound: the first LATENCY_SAMPLES_MAX are kept, then
// reservoir sampling (deterministic LCG) keeps a uniform sample of all.

export const LATENCY_SAMPLES_MAX = 200_000

export class LatencySamples {
  private readonly samples = new Float64Array(LATENCY_SAMPLES_MAX)
  private seen = 0
  private rng = 0x2545f491

  add (ms: number): void {
    if (this.seen < LATENCY_SAMPLES_MAX) this.samples[this.seen] = ms
    else {
      this.rng = (Math.imul(this.rng, 1664525) + 1013904223) >>> 0
      const j = this.rng % (this.seen + 1)
      if (j < LATENCY_SAMPLES_MAX) this.samples[j] = ms
    }
    this.seen++
  }

  get count (): number { return this.seen }

  /** Quantiles q in [0, 1] of the samples, in ms (0 when empty). */
  quantiles (qs: number[]): number[] {
    const n = Math.min(this.seen, LATENCY_SAMPLES_MAX)
    const sorted = this.samples.slice(0, n).sort()
    return qs.map(q => n === 0 ? 0 : sorted[Math.min(n - 1, Math.floor(q * n))] as number)
  }
}
