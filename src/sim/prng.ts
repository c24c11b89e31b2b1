// A small seeded PRNG (sfc32): one integer seed drives a whole simulation, byte for byte.
export class Prng {
  private a: number
  private b: number
  private c: number
  private d: number

  constructor (seed: number) {
    this.a = 0x9e3779b9; this.b = 0x243f6a88; this.c = 0xb7e15162; this.d = seed >>> 0
    for (let i = 0; i < 16; i++) this.next()
  }

  /** Uniform in [0, 2^32). */
  next (): number {
    this.a >>>= 0; this.b >>>= 0; this.c >>>= 0; this.d >>>= 0
    const t = (this.a + this.b) | 0
    this.a = this.b ^ (this.b >>> 9)
    this.b = (this.c + (this.c << 3)) | 0
    this.c = (this.c << 21) | (this.c >>> 11)
    this.d = (this.d + 1) | 0
    const r = (t + this.d) | 0
    this.c = (this.c + r) | 0
    return r >>> 0
  }

  /** Uniform in [0, 1). */
  float (): number { return this.next() / 4294967296 }
  /** Integer in [lo, hi]. */
  int (lo: number, hi: number): number { return lo + Math.floor(this.float() * (hi - lo + 1)) }
  chance (p: number): boolean { return this.float() < p }
  pick<T> (xs: readonly T[]): T { return xs[Math.floor(this.float() * xs.length)] as T }
  shuffle<T> (xs: T[]): T[] {
    for (let i = xs.length - 1; i > 0; i--) { const j = Math.floor(this.float() * (i + 1)); [xs[i], xs[j]] = [xs[j] as T, xs[i] as T] }
    return xs
  }
  /** A 32-byte seed for keys. */
  bytes32 (): Uint8Array { const b = new Uint8Array(32); for (let i = 0; i < 32; i++) b[i] = this.next() & 0xff; return b }
}
