// Client.nextNonce: wall-clock µs, strictly increasing per Client, and two Clients signing for
// one account in the same millisecond do not pick the same nonce (their µs digits are random).
import { afterEach, describe, expect, it, vi } from 'vitest'
import { Client } from '../../src/client/client.js'

const client = (): Client => new Client({
  chainId: 'test', replicaKeys: [new Uint8Array(32)], seed: new Uint8Array(32).fill(9), verify: () => true,
  transport: { send: () => {}, onFrame: () => {}, close: async () => {} }
})

afterEach(() => { vi.restoreAllMocks() })

describe('Client.nextNonce', () => {
  it('Clients of one account signing in the same millisecond get different nonces, within that millisecond', () => {
    vi.spyOn(Date, 'now').mockReturnValue(1_800_000_000_000)
    const nonces = Array.from({ length: 20 }, () => client().nextNonce())
    for (const n of nonces) expect(n >= 1_800_000_000_000_000 && n < 1_800_000_000_001_000).toBe(true)
    expect(new Set(nonces).size).toBeGreaterThan(1)
  })

  it('is random in its µs digits yet strictly increasing per Client, even when the clock stands still or goes back', () => {
    const now = vi.spyOn(Date, 'now').mockReturnValue(1_800_000_000_000)
    const firsts = Array.from({ length: 20 }, () => client().nextNonce() % 1000)
    expect(new Set(firsts).size).toBeGreaterThan(1)
    const c = client()
    const seen: number[] = []
    for (let i = 0; i < 2000; i++) {
      if (i === 1000) now.mockReturnValue(1_799_999_999_000)
      seen.push(c.nextNonce())
    }
    for (let i = 1; i < seen.length; i++) expect(seen[i]!).toBeGreaterThan(seen[i - 1]!)
    expect(seen[seen.length - 1]! - seen[0]!).toBeLessThan(3000) // it stays next to the clock
  })
})
