// The SDK re-sends what is out to every replica as soon as the primary's stream closes (its
// process died), not at the re-send timeout.
import { afterEach, describe, expect, it, vi } from 'vitest'
import { Client } from '../../src/client/client.js'

afterEach(() => { vi.useRealTimers() })

function setup () {
  const sent: number[] = []
  let closed: (replica: number) => void = () => {}
  const c = new Client({
    chainId: 'test', replicaKeys: [0, 1, 2, 3].map(i => new Uint8Array(32).fill(i)), seed: new Uint8Array(32).fill(9), verify: () => true, retryMs: 1000, timeoutMs: 60_000,
    transport: { send: r => { sent.push(r) }, onFrame: () => {}, onStreamClosed: h => { closed = h }, close: async () => {} }
  })
  return { c, sent, close: (r: number) => { closed(r) } }
}

describe('losing the primary', () => {
  it('sends every transaction out there to every replica at once when the primary\'s stream closes', async () => {
    vi.useFakeTimers()
    const { c, sent, close } = setup()
    const to = new Uint8Array(32).fill(5)
    void c.transfer(to, 1n).catch(() => {})
    void c.transfer(to, 2n).catch(() => {})
    await vi.advanceTimersByTimeAsync(1)
    sent.length = 0 // the first sends (the first one goes to every replica, the next to the primary)
    await vi.advanceTimersByTimeAsync(100)
    expect(sent).toEqual([])
    close(0)
    expect(sent.sort()).toEqual([0, 0, 1, 1, 2, 2, 3, 3])
    expect(c.stats.resentOnPrimaryLoss).toBe(1)
    await c.close()
  })

  it('sends a NEW transaction to every replica while the primary it knows is lost (its earlier ones committed from the backups), and to the primary alone once the primary answers', async () => {
    vi.useFakeTimers()
    const { c, sent, close } = setup()
    const to = new Uint8Array(32).fill(5)
    void c.transfer(to, 1n).catch(() => {}) // introduces the client to every replica
    await vi.advanceTimersByTimeAsync(1)
    close(0)
    sent.length = 0
    void c.transfer(to, 2n).catch(() => {})
    await vi.advanceTimersByTimeAsync(1)
    expect(sent.sort()).toEqual([0, 1, 2, 3])
    await c.close()
  })

  it('sends a new transaction to the primary alone while its stream is up', async () => {
    vi.useFakeTimers()
    const { c, sent, close } = setup()
    const to = new Uint8Array(32).fill(5)
    void c.transfer(to, 1n).catch(() => {})
    await vi.advanceTimersByTimeAsync(1)
    close(2) // a backup: the primary is still there
    sent.length = 0
    void c.transfer(to, 2n).catch(() => {})
    await vi.advanceTimersByTimeAsync(1)
    expect(sent).toEqual([0, 2]) // the primary, and the backup whose new stream has not seen this client yet
    await c.close()
  })

  it('a backup\'s stream closing re-sends nothing (replies still come from the primary and the others)', async () => {
    vi.useFakeTimers()
    const { c, sent, close } = setup()
    void c.transfer(new Uint8Array(32).fill(5), 1n).catch(() => {})
    await vi.advanceTimersByTimeAsync(1)
    sent.length = 0
    close(2)
    expect(sent).toEqual([])
    expect(c.stats.resentOnPrimaryLoss).toBe(0)
    await c.close()
  })
})
