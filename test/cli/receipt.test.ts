// `pbft receipt verify FILE --genesis G`: a receipt from the SDK checks out offline with the
// cluster's genesis file alone; a tampered one, or another cluster's genesis, fails naming the part.
import { execFile } from 'node:child_process'
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { promisify } from 'node:util'
import { afterAll, describe, expect, it } from 'vitest'
import { initCluster } from '../../src/cli/init.js'
import { PACKAGE_ROOT } from '../../src/cluster/processes.js'
import { Client } from '../../src/client/client.js'
import { encodeReceipt } from '../../src/codec/index.js'
import { verify } from '../../src/crypto/ed25519.js'
import { loadKeyFile } from '../../src/crypto/keyfile.js'
import { InProcessCluster } from '../client/in-process.js'

let cluster: InProcessCluster | undefined
afterAll(() => { cluster?.stop() })

async function pbft (...args: string[]): Promise<{ code: number, stdout: string, stderr: string }> {
  return await promisify(execFile)(process.execPath, [join(PACKAGE_ROOT, 'bin', 'pbft'), ...args], { timeout: 20_000 })
    .then(r => ({ code: 0, ...r }), (e: { code: number, stdout: string, stderr: string }) => e)
}

describe('pbft receipt verify', () => {
  it('prints OK for a receipt from the SDK, FAIL naming the part for a tampered one or another genesis', async () => {
    const root = mkdtempSync(join(tmpdir(), 'pbft-receipt-'))
    const { c, genesis } = await initCluster({ dir: join(root, 'cluster'), replicas: 4, basePort: 7900, accounts: 2, host: '127.0.0.1', balance: 1000n })
    cluster = await InProcessCluster.start(genesis, { seeds: i => loadKeyFile(c.replicaKey(i)).seed })
    const client = new Client({ chainId: genesis.chainId, replicaKeys: genesis.replicas.map(r => r.publicKey), seed: loadKeyFile(c.accountKey(0)).seed, transport: cluster.transport(), verify })
    const p = await client.transfer(loadKeyFile(c.accountKey(1)).publicKey, 5n)
    await client.close()
    const file = join(root, 'tx.receipt')
    writeFileSync(file, encodeReceipt(p.receipt))

    const ok = await pbft('receipt', 'verify', file, '--genesis', c.genesis)
    expect(ok.code).toBe(0)
    expect(ok.stdout).toBe(`OK tx=${p.txId} height=${p.height} index=${p.index} code=0 log="ok" block=${p.blockHash} signers=${p.replicas.join(',')}\n`)

    const bytes = readFileSync(file)
    bytes[bytes.length - 10]! ^= 0x01 // inside the last attestation's signature
    const tampered = join(root, 'tampered.receipt')
    writeFileSync(tampered, bytes)
    const bad = await pbft('receipt', 'verify', tampered, '--genesis', c.genesis)
    expect(bad.code).toBe(1)
    expect(bad.stdout).toMatch(/^FAIL attestations\[1\]\.signature: invalid signature of replica \d\n$/)

    const other = await initCluster({ dir: join(root, 'other'), replicas: 4, basePort: 7950, accounts: 1, host: '127.0.0.1', balance: 1n })
    const foreign = await pbft('receipt', 'verify', file, '--genesis', other.c.genesis)
    expect(foreign.code).toBe(1)
    expect(foreign.stdout).toMatch(/^FAIL attestations\[0\]\.chainId: is "pbft-/)

    const missing = await pbft('receipt', 'verify', join(root, 'nope.receipt'), '--genesis', c.genesis)
    expect(missing.code).toBe(1)
    expect(missing.stderr).toMatch(/^pbft: cannot read receipt .*nope\.receipt/)
  }, 60_000)
})
