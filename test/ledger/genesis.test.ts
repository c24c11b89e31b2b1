import { describe, expect, it } from 'vitest'
import { GenesisError, parseGenesis } from '../../src/ledger/genesis.js'
import { genesisJson } from './fixtures.js'

function fieldOf (json: unknown): string | undefined {
  try { parseGenesis(json, 'g') } catch (err) { return err instanceof GenesisError ? err.field : `not a GenesisError: ${String(err)}` }
  return undefined
}

describe('genesis validation names the field', () => {
  it('a valid genesis parses, with f derived from n', async () => {
    const g = parseGenesis(await genesisJson(), 'g')
    expect(g.replicas).toHaveLength(4)
    expect(g.f).toBe(1)
    expect(g.accounts[0]!.balance).toBe(1000n)
  })

  const cases: Array<[string, (j: any) => void, string]> = [
    ['fewer than 4 replicas', j => { j.replicas = j.replicas.slice(0, 3) }, 'replicas'],
    ['ids out of order', j => { j.replicas[1].id = 2 }, 'replicas[1].id'],
    ['duplicate public key', j => { j.replicas[2].publicKey = j.replicas[1].publicKey }, 'replicas[2].peerId'],
    ['bad hex key', j => { j.replicas[0].publicKey = 'zz' }, 'replicas[0].publicKey'],
    ['peer id of another key', j => { j.replicas[0].peerId = j.replicas[1].peerId }, 'replicas[0].peerId'],
    ['bad multiaddr', j => { j.replicas[3].addrs = ['not-an-addr'] }, 'replicas[3].addrs[0]'],
    ['wrong f', j => { j.f = 2 }, 'f'],
    ['window not a multiple of the checkpoint interval', j => { j.params = { checkpointInterval: 10, window: 25 } }, 'params.window'],
    ['negative balance', j => { j.accounts[0].balance = '-5' }, 'accounts[0].balance'],
    ['duplicate account', j => { j.accounts[1].publicKey = j.accounts[0].publicKey }, 'accounts'],
    ['missing admin key', j => { delete j.adminPublicKey }, 'adminPublicKey'],
    ['empty chain id', j => { j.chainId = '' }, 'chainId']
  ]
  for (const [name, mutate, field] of cases) {
    it(`rejects ${name}`, async () => {
      const j = await genesisJson()
      mutate(j)
      expect(fieldOf(j)).toBe(field)
    })
  }
})
