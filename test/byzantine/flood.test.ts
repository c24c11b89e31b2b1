// Mode flood's undecodable frames come from the Traitor (src/byzantine), so the simulator and a
// replica process send the same ones: deterministic, none decodes, none without the mode.
import { describe, expect, it } from 'vitest'
import { Traitor } from '../../src/byzantine/traitor.js'
import { decodeReplicaFrame } from '../../src/codec/index.js'
import { Replica } from '../../src/protocol/replica.js'
import { config, crypto } from '../protocol/helpers.js'

function traitor (modes: Array<'flood' | 'silent'>): Traitor {
  const t = new Traitor(config(4, 2), crypto(2), restore => new Replica(config(4, 2), crypto(2), restore))
  t.set({ modes })
  return t
}

describe('flood: frames that do not decode', () => {
  it('8 frames of 64..176 bytes per call, none of which decodes, the same for the same replica and different each call', () => {
    const a = traitor(['flood'])
    const b = traitor(['flood'])
    const first = a.malformed()
    expect(first.map(f => f.byteLength)).toEqual([64, 80, 96, 112, 128, 144, 160, 176])
    for (const f of first) expect(decodeReplicaFrame(f).ok).toBe(false)
    expect(b.malformed()).toEqual(first)
    const second = a.malformed()
    expect(second[0]).not.toEqual(first[0])
  })

  it('none without the mode', () => {
    expect(traitor(['silent']).malformed()).toEqual([])
  })
})
