// Members grouped by remote address, with a cap on the total and on each address's share, and
// the fairness rule used when the total is full: a newcomer may push out a member of the
// address holding the most, if that address holds at least two more than the newcomer's.
import type { Multiaddr } from '@multiformats/multiaddr'

export interface PoolMember {
  /** Address key (see addressKey). */
  readonly address: string
  /** When the member joined the pool (ms). */
  readonly sinceMs: number
}

export class AddressPool<M extends PoolMember> {
  private readonly byAddress = new Map<string, Set<M>>()
  private count = 0

  constructor (readonly max: number, readonly perAddressMax: number) {}

  get size (): number { return this.count }
  get addresses (): number { return this.byAddress.size }
  has (m: M): boolean { return this.byAddress.get(m.address)?.has(m) ?? false }
  held (address: string): number { return this.byAddress.get(address)?.size ?? 0 }
  * members (): Generator<M> { for (const set of this.byAddress.values()) yield * set }

  add (m: M): void {
    let set = this.byAddress.get(m.address)
    if (set === undefined) this.byAddress.set(m.address, set = new Set())
    if (set.has(m)) return
    set.add(m)
    this.count++
  }

  delete (m: M): boolean {
    const set = this.byAddress.get(m.address)
    if (set === undefined || !set.delete(m)) return false
    this.count--
    if (set.size === 0) this.byAddress.delete(m.address)
    return true
  }

  /** The member of `address` that `rank` puts first (lowest), if any. */
  first (address: string, rank: (a: M, b: M) => number): M | undefined {
    let best: M | undefined
    for (const m of this.byAddress.get(address) ?? []) if (best === undefined || rank(m, best) < 0) best = m
    return best
  }

  /**
   * When the pool is full: the member a newcomer from `address` may push out, chosen by `rank`
   * from the address holding the most, if that address holds at least two more than `address`
   * (so pushing one out never makes it lighter than the newcomer's). Undefined = refuse.
   */
  victimFor (address: string, rank: (a: M, b: M) => number): M | undefined {
    let heaviest: string | undefined
    let most = 0
    for (const [a, set] of this.byAddress) if (set.size > most) { heaviest = a; most = set.size }
    if (heaviest === undefined || most < this.held(address) + 2) return undefined
    return this.first(heaviest, rank)
  }
}

/**
 * The unit of the per-address limits: an IPv4 address, or the /64 prefix of an IPv6 address
 * (one host is routinely given a whole /64). Undefined for non-IP addresses (e.g. a unix socket).
 */
export function addressKey (ma: Multiaddr): string | undefined {
  for (const c of ma.getComponents()) {
    if (c.name === 'ip4' && c.value !== undefined) return c.value
    if (c.name === 'ip6' && c.value !== undefined) return ipv6Prefix64(c.value)
  }
  return undefined
}

function ipv6Prefix64 (ip: string): string {
  const groups = ipv6Groups(ip.split('%')[0] as string)
  // IPv4-mapped (::ffff:a.b.c.d): the IPv4 address
  if (groups.slice(0, 5).every(g => g === 0) && groups[5] === 0xffff) {
    const [hi, lo] = [groups[6] as number, groups[7] as number]
    return [hi >> 8, hi & 0xff, lo >> 8, lo & 0xff].join('.')
  }
  return `${groups.slice(0, 4).map(g => g.toString(16)).join(':')}::/64`
}

/** The 8 groups of an IPv6 address (with `::` expanded and a dotted IPv4 tail as two groups). */
function ipv6Groups (ip: string): number[] {
  const parse = (part: string): number[] => part === ''
    ? []
    : part.split(':').flatMap(g => {
      if (!g.includes('.')) return [parseInt(g, 16)]
      const [a, b, c, d] = g.split('.').map(Number) as [number, number, number, number]
      return [(a << 8) | b, (c << 8) | d]
    })
  const [head, tail] = ip.split('::') as [string, string | undefined]
  const h = parse(head)
  if (tail === undefined) return h
  const t = parse(tail)
  return [...h, ...Array<number>(Math.max(0, 8 - h.length - t.length)).fill(0), ...t]
}
