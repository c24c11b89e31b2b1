// Signature verification with a bounded memo. A transaction is verified once on arrival and
// again inside every PRE-PREPARE that carries it; the verdict is a pure function of
// (key, bytes, signature), so remembering recent verdicts is sound and saves the second check.
import { sha256, toHex } from '../crypto/hash.js'

export const VERIFY_CACHE_ENTRIES_MAX = 65_536

export class VerifyCache {
  private readonly verdicts = new Map<string, boolean>()
  hits = 0
  misses = 0

  constructor (private readonly verifyFn: (pub: Uint8Array, bytes: Uint8Array, sig: Uint8Array) => boolean,
    private readonly max = VERIFY_CACHE_ENTRIES_MAX) {}

  readonly verify = (pub: Uint8Array, bytes: Uint8Array, sig: Uint8Array): boolean => {
    const key = toHex(sha256(pub, sig, bytes))
    const known = this.verdicts.get(key)
    if (known !== undefined) {
      this.hits++
      return known
    }
    this.misses++
    const ok = this.verifyFn(pub, bytes, sig)
    if (this.verdicts.size >= this.max) {
      const oldest = this.verdicts.keys().next().value
      if (oldest !== undefined) this.verdicts.delete(oldest)
    }
    this.verdicts.set(key, ok)
    return ok
  }
}
