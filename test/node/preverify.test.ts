// The node checks the client signatures inside replica messages a chunk at a time, yielding to
// the event loop between chunks, before the core steps them; replica messages keep their order.
import { describe, expect, it } from 'vitest'
import type { ReplicaMessage } from '../../src/codec/index.js'
import { verify as ed25519Verify } from '../../src/crypto/ed25519.js'
import { PREVERIFY_CHUNK, PREVERIFY_MIN_TXS, PREVERIFY_QUEUE_MAX, PreVerifier } from '../../src/node/preverify.js'
import { CHAIN, tx } from '../protocol/helpers.js'
import { batch, digestOf, prePrepare, prepare } from '../protocol/paper/forge.js'

const big = batch(0, 1, [...Array(PREVERIFY_MIN_TXS + 5).keys()].map(k => tx(1, k + 1)))
const bigPrePrepare: ReplicaMessage = { type: 'pre-prepare', prePrepare: prePrepare(0, 1, big), batch: big }
const vote: ReplicaMessage = { type: 'prepare', prepare: prepare(0, 1, digestOf(big), 2) }
const nextTurn = async (): Promise<void> => { await new Promise(resolve => setImmediate(resolve)) }

function setup (): { pv: PreVerifier, pushed: string[], checks: number[], log: string[] } {
  const pushed: string[] = []
  const checks: number[] = []
  const log: string[] = []
  const pv = new PreVerifier(CHAIN, (pub, bytes, sig) => { checks.push(1); log.push('check'); return ed25519Verify(pub, bytes, sig) }, e => { pushed.push(e.message.type); log.push(`push ${e.message.type}`) })
  return { pv, pushed, checks, log }
}

describe('PreVerifier', () => {
  it('a message with fewer than PREVERIFY_MIN_TXS transactions, nothing waiting, goes on at once and unchecked (the core checks it)', () => {
    const { pv, pushed, checks } = setup()
    expect(pv.submit({ type: 'message', from: 2, message: vote })).toBe(true)
    const small = batch(0, 2, [...Array(PREVERIFY_MIN_TXS - 1).keys()].map(k => tx(2, k + 1)))
    pv.submit({ type: 'message', from: 0, message: { type: 'pre-prepare', prePrepare: prePrepare(0, 2, small), batch: small } })
    expect(pushed).toEqual(['prepare', 'pre-prepare'])
    expect(checks).toHaveLength(0)
  })

  it('a large batch is checked in chunks with the event loop running between them, then stepped; a vote sent after it waits behind it', async () => {
    const { pv, pushed, checks, log } = setup()
    pv.submit({ type: 'message', from: 0, message: bigPrePrepare })
    pv.submit({ type: 'message', from: 2, message: vote })
    expect(pushed).toEqual([]) // nothing yet: the batch is not checked
    expect(pv.backlog()).toBe(2)
    // something else of the process gets its turn between chunks
    const turns = setInterval(() => { log.push('other') }, 0)
    while (pushed.length < 2) await nextTurn()
    clearInterval(turns)
    expect(pushed).toEqual(['pre-prepare', 'prepare'])
    expect(checks).toHaveLength(big.txs.length)
    const chunks = log.join(' ').split(/ ?other ?/).filter(s => s.includes('check'))
    expect(chunks.length).toBeGreaterThanOrEqual(Math.ceil(big.txs.length / PREVERIFY_CHUNK))
    for (const c of chunks) expect(c.split(' ').filter(w => w === 'check').length).toBeLessThanOrEqual(PREVERIFY_CHUNK)
    expect(pv.backlog()).toBe(0)
  })

  it('waiting messages are bounded: beyond PREVERIFY_QUEUE_MAX they are dropped and counted; stop() drops the rest and passes nothing on', async () => {
    const { pv, pushed } = setup()
    pv.submit({ type: 'message', from: 0, message: bigPrePrepare })
    for (let k = 1; k < PREVERIFY_QUEUE_MAX; k++) expect(pv.submit({ type: 'message', from: 2, message: vote })).toBe(true)
    expect(pv.submit({ type: 'message', from: 2, message: vote })).toBe(false)
    expect(pv.dropped).toBe(1)
    pv.stop()
    for (let k = 0; k < 20; k++) await nextTurn()
    expect(pushed).toEqual([])
    expect(pv.submit({ type: 'message', from: 2, message: vote })).toBe(false)
  })

  it('transactions of another chain are not checked (the core refuses them before any signature)', async () => {
    const { pv, pushed, checks } = setup()
    const foreign = { ...tx(1, 1), chainId: 'other-chain' }
    const b = batch(0, 1, [...Array(PREVERIFY_MIN_TXS).keys()].map(() => foreign))
    pv.submit({ type: 'message', from: 0, message: { type: 'pre-prepare', prePrepare: prePrepare(0, 1, b), batch: b } })
    while (pushed.length < 1) await nextTurn()
    expect(checks).toHaveLength(0)
  })
})
