// Issue #15, per-operator set-up: a genesis from public material only, and a replica that finds
// its id from its own key.
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, describe, expect, it } from 'vitest'
import { replicaFiles } from '../../src/cli/commands/replica.js'
import { genesisFingerprint } from '../../src/cli/commands/genesis.js'
import { accountEntry, assembleGenesis, replicaEntry } from '../../src/cli/genesis-new.js'
import { generateKeyPair } from '../../src/crypto/ed25519.js'
import { toHex } from '../../src/crypto/hash.js'
import { peerIdFromSeed, peerIdOfPublicKey, writeKeyFile } from '../../src/crypto/keyfile.js'
import { genesisToJson } from '../../src/ledger/genesis.js'

const keys = [0, 1, 2, 3].map(() => generateKeyPair())
const spec = (over: Partial<Parameters<typeof assembleGenesis>[0]> = {}) => ({
  replicas: keys.map((k, i) => `${toHex(k.publicKey)}@/ip4/10.0.0.${i + 1}/tcp/7100`),
  admin: toHex(generateKeyPair().publicKey),
  accounts: [`${toHex(generateKeyPair().publicKey)}=1000`],
  ...over
})
const dir = mkdtempSync(join(tmpdir(), 'pbft-genesis-new-'))
afterAll(() => { rmSync(dir, { recursive: true, force: true }) })

describe('pbft genesis new', () => {
  it('derives each replica\'s peer id from its public key alone (the same id its seed gives)', async () => {
    for (const k of keys) expect(peerIdOfPublicKey(k.publicKey)).toBe(await peerIdFromSeed(k.seed))
  })

  it('assembles replicas in the order given, with the API at the TCP port + 100 unless named', () => {
    const g = assembleGenesis(spec({ chainId: 'acme', genesisTimeMs: 5 }), 0)
    expect(g.chainId).toBe('acme')
    expect(g.genesisTimeMs).toBe(5)
    expect(g.f).toBe(1)
    expect(g.replicas.map(r => r.addrs[0])).toEqual([1, 2, 3, 4].map(i => `/ip4/10.0.0.${i}/tcp/7100`))
    expect(g.replicas.map(r => r.api)).toEqual([1, 2, 3, 4].map(i => `10.0.0.${i}:7200`))
    expect(g.replicas.map(r => toHex(r.publicKey))).toEqual(keys.map(k => toHex(k.publicKey)))
    expect(g.traitorModesEnabled).toBe(false)
    expect(replicaEntry(`${toHex(keys[0]!.publicKey)}@/ip4/10.0.0.9/tcp/7100@api.example:8080`, 0).api).toBe('api.example:8080')
  })

  it.each([
    ['three replicas', spec({ replicas: spec().replicas.slice(0, 3) }), 'at least 4 replicas'],
    ['a replica without an address', spec({ replicas: [...spec().replicas.slice(0, 3), toHex(keys[3]!.publicKey)] }), 'expected PUBKEY@MULTIADDR'],
    ['a bad public key', spec({ replicas: [...spec().replicas.slice(0, 3), 'abcd@/ip4/10.0.0.4/tcp/7100'] }), 'not a 32-byte hex public key'],
    ['an address without TCP', spec({ replicas: [...spec().replicas.slice(0, 3), `${toHex(keys[3]!.publicKey)}@/ip4/10.0.0.4/udp/7100`] }), 'not a TCP address'],
    ['the same key twice', spec({ replicas: [...spec().replicas.slice(0, 3), spec().replicas[0]!] }), 'duplicates another replica'],
    ['a negative balance', spec({ accounts: [`${toHex(keys[0]!.publicKey)}=-5`] }), 'PUBKEY=BALANCE'],
    ['a bad admin key', spec({ admin: 'zz' }), '--admin']
  ])('refuses %s, naming the problem', (_name, s, message) => {
    expect(() => assembleGenesis(s, 0)).toThrow(message)
  })

  it('parses an account as PUBKEY=BALANCE', () => {
    expect(accountEntry(`${toHex(keys[1]!.publicKey)}=42`)).toEqual({ publicKey: toHex(keys[1]!.publicKey), balance: '42' })
  })

  it('gives two operators\' copies of one genesis the same fingerprint, and a changed one another', () => {
    const g = assembleGenesis(spec({ chainId: 'x', genesisTimeMs: 1 }), 0)
    const copy = assembleGenesis({ ...spec({ chainId: 'x', genesisTimeMs: 1 }), replicas: spec().replicas, admin: toHex(g.adminPublicKey), accounts: g.accounts.map(a => `${toHex(a.publicKey)}=${a.balance}`) }, 0)
    expect(genesisFingerprint(copy)).toBe(genesisFingerprint(g))
    expect(genesisFingerprint({ ...g, chainId: 'y' })).not.toBe(genesisFingerprint(g))
  })
})

describe('pbft replica --genesis --key --data', () => {
  const g = assembleGenesis(spec(), 0)
  const genesisPath = join(dir, 'genesis.json')
  writeFileSync(genesisPath, JSON.stringify(genesisToJson(g)))
  keys.forEach((k, i) => { writeKeyFile(join(dir, `host-${i}.key`), k.seed) })
  const stranger = generateKeyPair()
  writeKeyFile(join(dir, 'stranger.key'), stranger.seed)

  it('takes its id from where its own public key stands in genesis', () => {
    expect(replicaFiles({ genesis: genesisPath, key: join(dir, 'host-2.key'), data: join(dir, 'd2'), logLevel: 'info' })).toEqual({ genesisPath, keyPath: join(dir, 'host-2.key'), dataDir: join(dir, 'd2'), id: 2 })
  })

  it('refuses a key that is not a replica of this genesis, and half-given or mixed options', () => {
    expect(() => replicaFiles({ genesis: genesisPath, key: join(dir, 'stranger.key'), data: dir, logLevel: 'info' })).toThrow('is not a replica of')
    expect(() => replicaFiles({ genesis: genesisPath, key: join(dir, 'host-0.key'), logLevel: 'info' })).toThrow('go together')
    expect(() => replicaFiles({ genesis: genesisPath, key: join(dir, 'host-0.key'), data: dir, dir, id: 0, logLevel: 'info' })).toThrow('not both')
    expect(() => replicaFiles({ logLevel: 'info' })).toThrow('--dir and --id')
  })
})
