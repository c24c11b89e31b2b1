import { multiaddr } from '@multiformats/multiaddr'
import { describe, expect, it } from 'vitest'
import { AddressPool, addressKey } from '../../src/net/address-pool.js'
import { CONNECTION_LIMITS, checkConnectionLimits } from '../../src/net/limits.js'

describe('per-address limits', () => {
  it('an IPv6 host counts as one address per /64; an IPv4-mapped address as its IPv4 address', () => {
    const key = (a: string): string | undefined => addressKey(multiaddr(a))
    expect(key('/ip4/10.1.2.3/tcp/9')).toBe('10.1.2.3')
    expect(key('/ip6/2001:db8:1:2::1/tcp/9')).toBe('2001:db8:1:2::/64')
    expect(key('/ip6/2001:db8:1:2:ffff:eeee:dddd:cccc/tcp/9')).toBe('2001:db8:1:2::/64')
    expect(key('/ip6/2001:0db8:0001:0003::1/tcp/9')).toBe('2001:db8:1:3::/64')
    expect(key('/ip6/::1/tcp/9')).toBe('0:0:0:0::/64')
    expect(key('/ip6/::ffff:192.0.2.7/tcp/9')).toBe('192.0.2.7')
  })

  it('when full, only an address holding two more than the newcomer\'s gives one up, its first by rank', () => {
    const pool = new AddressPool<{ address: string, sinceMs: number }>(4, 3)
    const byAge = (a: { sinceMs: number }, b: { sinceMs: number }): number => a.sinceMs - b.sinceMs
    for (const [address, sinceMs] of [['a', 3], ['a', 1], ['a', 2], ['b', 0]] as const) pool.add({ address, sinceMs })
    expect(pool.victimFor('c', byAge)).toMatchObject({ address: 'a', sinceMs: 1 })
    expect(pool.victimFor('b', byAge)).toMatchObject({ address: 'a', sinceMs: 1 })
    pool.delete(pool.victimFor('c', byAge)!)
    pool.add({ address: 'c', sinceMs: 4 })
    expect(pool.victimFor('b', byAge)).toBeUndefined() // a 2, b 1, c 1: a fair share each
  })

  it('limits where one address could take half or more of the client slots are refused', () => {
    expect(() => { checkConnectionLimits({ ...CONNECTION_LIMITS, addressConnectionsMax: CONNECTION_LIMITS.clientConnectionsMax }) }).toThrow(/one address/)
    expect(() => { checkConnectionLimits({ ...CONNECTION_LIMITS, peerConnectionsMax: CONNECTION_LIMITS.addressConnectionsMax + 1 }) }).toThrow(/one peer/)
    expect(() => { checkConnectionLimits(CONNECTION_LIMITS) }).not.toThrow()
  })
})
