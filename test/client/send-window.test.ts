// The client's congestion window (src/client/send-window.ts): AIMD on busy answers and commits.
import { describe, expect, it } from 'vitest'
import { SEND_WINDOW_INITIAL, SEND_WINDOW_MAX, SendWindow } from '../../src/client/send-window.js'

describe('send window', () => {
  it('starts transactions up to its size, in order, and the next one when one leaves', () => {
    let now = 0
    const w = new SendWindow(() => now)
    w.size = 2
    const started: number[] = []
    const t = [0, 1, 2].map(i => w.enter(() => { started.push(i) }))
    expect(started).toEqual([0, 1])
    w.leave(t[0]!)
    expect(started).toEqual([0, 1, 2])
    w.stop()
  })

  it('a busy answer halves the window once per retry period and holds new sends until it passes', async () => {
    let now = 1000
    const w = new SendWindow(() => now)
    w.size = SEND_WINDOW_MAX
    w.busy(50)
    w.busy(50) // same period: no second halving
    expect(w.size).toBe(SEND_WINDOW_MAX / 2)
    const started: number[] = []
    w.enter(() => { started.push(1) })
    expect(started).toEqual([])
    now += 60
    await new Promise(resolve => setTimeout(resolve, 80))
    expect(started).toEqual([1])
    now += 60
    w.busy(50)
    expect(w.size).toBe(SEND_WINDOW_MAX / 4)
    w.committed()
    expect(w.size).toBe(SEND_WINDOW_MAX / 4 + 1)
    w.stop()
  })

  it('slow start: a new window is small and each commit widens it by one, up to the maximum', () => {
    const w = new SendWindow(() => 0)
    expect(w.size).toBe(SEND_WINDOW_INITIAL)
    for (let i = 0; i < 1000; i++) w.committed()
    expect(w.size).toBe(SEND_WINDOW_MAX)
  })

  it('a transaction abandoned before it started is never started', () => {
    const w = new SendWindow(() => 0)
    w.size = 1
    const started: number[] = []
    const a = w.enter(() => { started.push(1) })
    const b = w.enter(() => { started.push(2) })
    w.leave(b)
    w.leave(a)
    expect(started).toEqual([1])
    expect(w.status().waiting).toBe(0)
  })
})
