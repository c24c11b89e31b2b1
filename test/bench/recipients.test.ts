// A bench transfer always pays another account of the bench cluster: a transfer to oneself
// fails (SELF_TRANSFER), which made every transaction of a one-client run a failure.
import { describe, expect, it } from 'vitest'
import { benchAccounts, recipientOf } from '../../src/cli/bench/cluster.js'

describe('bench recipients', () => {
  it('every client pays an account other than its own, and the cluster creates that account', () => {
    const bad: string[] = []
    for (let clients = 1; clients <= 256; clients++) {
      if (benchAccounts(clients) < clients) bad.push(`${clients} clients, ${benchAccounts(clients)} accounts`)
      for (let k = 0; k < clients; k++) {
        const to = recipientOf(k, clients)
        if (to === k || to >= benchAccounts(clients)) bad.push(`${clients} clients: client ${k} pays ${to}`)
      }
    }
    expect(bad).toEqual([])
  })

  it('a single client gets one spare recipient; more clients pay each other as before', () => {
    expect(benchAccounts(1)).toBe(2)
    expect(recipientOf(0, 1)).toBe(1)
    expect(benchAccounts(8)).toBe(8)
    expect([...Array(8).keys()].map(k => recipientOf(k, 8))).toEqual([1, 2, 3, 4, 5, 6, 7, 0])
  })
})
