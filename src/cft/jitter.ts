// Election-timeout jitter from a seed the host passes in (mulberry32): the core never calls
// Math.random, so a simulator run replays exactly from its seed.
export class Jitter {
  private state: number

  constructor (seed: number) { this.state = seed >>> 0 }

  /** An integer uniform in [0, bound). */
  below (bound: number): number {
    this.state = (this.state + 0x6d2b79f5) >>> 0
    let t = this.state
    t = Math.imul(t ^ (t >>> 15), t | 1)
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61)
    const u = ((t ^ (t >>> 14)) >>> 0) / 4294967296
    return Math.floor(u * bound)
  }
}
