// decodeSnapshot's structural refusals (src/app/snapshot.ts), each as the SnapshotError's
// [field, reason] beside the valid bytes it differs from in one thing. Layout:
//   version (1) || count (4 BE) || count x (pubkey 32 || balance 16 || floor 8 || k 2 || k x nonce 8)
import { describe, expect, it } from 'vitest'
import { RECENT_NONCES_MAX } from '../../src/app/nonces.js'
import { decodeSnapshot, encodeSnapshot, SNAPSHOT_BYTES_MAX, SNAPSHOT_RECORD_FIXED_BYTES as FIXED, SnapshotError, type SnapshotAccount } from '../../src/app/snapshot.js'

const account = (keyByte: number, recent: number[] = [], floor = 0): SnapshotAccount =>
  ({ key: keyByte.toString(16).padStart(2, '0').repeat(32), balance: 7n, floor, recent })

/** `bytes` with `edit` applied to a copy through a DataView. */
function patched (bytes: Uint8Array, edit: (v: DataView) => void): Uint8Array {
  const copy = bytes.slice()
  edit(new DataView(copy.buffer))
  return copy
}

/** decodeSnapshot's refusal as [field, reason], or ['accepted', number of accounts]. */
function outcome (bytes: Uint8Array): [string, string | number] {
  try { return ['accepted', decodeSnapshot(bytes).length] } catch (e) {
    if (e instanceof SnapshotError) return [e.field, e.reason]
    throw e
  }
}

it('a SnapshotError names its field and reason, and its message is "field: reason"', () => {
  const e = new SnapshotError('snapshot.count', 'says 2 accounts')
  expect([e.name, e.message, e.field, e.reason, e instanceof Error]).toEqual(['SnapshotError', 'snapshot.count: says 2 accounts', 'snapshot.count', 'says 2 accounts', true])
})

describe('header: 5 bytes, version 2, at most SNAPSHOT_BYTES_MAX', () => {
  it('the empty state is the 5-byte header alone, and decodes', () => {
    const empty = encodeSnapshot([])
    expect([...empty]).toEqual([2, 0, 0, 0, 0])
    expect(outcome(empty)).toEqual(['accepted', 0])
  })

  it('fewer than 5 bytes are too short', () => {
    expect(outcome(Uint8Array.of(2, 0, 0, 0))).toEqual(['snapshot', 'has 4 bytes, too short'])
    expect(outcome(new Uint8Array(0))).toEqual(['snapshot', 'has 0 bytes, too short'])
  })

  it('another version is refused, naming it', () => {
    expect(outcome(Uint8Array.of(1, 0, 0, 0, 0))).toEqual(['snapshot.version', 'is 1, expected 2'])
  })

  it('SNAPSHOT_BYTES_MAX bytes pass the size check (and are refused for what follows the accounts); one more is too many', () => {
    const big = (n: number): Uint8Array => { const b = new Uint8Array(n); b[0] = 2; return b }
    expect(outcome(big(SNAPSHOT_BYTES_MAX))).toEqual(['snapshot.count', `says 0 accounts, ${SNAPSHOT_BYTES_MAX - 5} bytes follow them`])
    expect(outcome(big(SNAPSHOT_BYTES_MAX + 1))).toEqual(['snapshot.bytes', `${SNAPSHOT_BYTES_MAX + 1} bytes exceed the limit of ${SNAPSHOT_BYTES_MAX}`])
  })

  it('encodeSnapshot refuses a state that needs more than SNAPSHOT_BYTES_MAX, saying how many bytes', () => {
    const huge = { ...account(1), recent: new Array<number>(9_000_000) } // sized, never written
    const size = 5 + FIXED + 8 * 9_000_000
    expect(() => encodeSnapshot([huge])).toThrow(expect.objectContaining({ field: 'snapshot.bytes', reason: `1 accounts need ${size} bytes, more than the limit of ${SNAPSHOT_BYTES_MAX}` }))
  })
})

describe('count: the bytes hold exactly count records', () => {
  const two = encodeSnapshot([account(1, [1]), account(2)]) // 5 + 66 + 58 bytes

  it('two records, the first with one recent nonce, decode', () => {
    expect(outcome(two)).toEqual(['accepted', 2])
  })

  it('a count whose fixed-size records alone do not fit is refused before any record is read', () => {
    const one = encodeSnapshot([account(1)])
    expect(outcome(patched(one, v => { v.setUint32(1, 2) }))).toEqual(['snapshot.count', `says 2 accounts, the snapshot has ${5 + FIXED} bytes`])
  })

  it('a record that starts past the end, after the recent nonces of the one before, is refused by its index', () => {
    expect(outcome(two.subarray(0, two.byteLength - 8))).toEqual(['snapshot.count', 'says 2 accounts, the bytes end in account 1'])
  })

  it('recent nonces that run past the end are refused by their record\'s index', () => {
    const one = encodeSnapshot([account(1, [1, 2])])
    expect(outcome(one.subarray(0, one.byteLength - 8))).toEqual(['snapshot.count', 'says 1 accounts, the bytes end in account 0'])
  })

  it('bytes after the last record are refused, counted', () => {
    expect(outcome(Uint8Array.of(...two, 0, 0, 0))).toEqual(['snapshot.count', 'says 2 accounts, 3 bytes follow them'])
  })
})

describe('records: keys strictly ascending, floor and recent nonces as execution leaves them', () => {
  it('a key equal to the one before is refused (strictly ascending)', () => {
    expect(outcome(encodeSnapshot([account(1), account(2), account(2)]))).toEqual(['snapshot.accounts[2].publicKey', 'accounts must be sorted strictly ascending'])
  })

  it('a floor above 2^53 - 1 is refused as the floor; 2^53 - 1 itself is read (and refused only for its too small recent set)', () => {
    const at = (floor: bigint): Uint8Array => patched(encodeSnapshot([account(1)]), v => { v.setBigUint64(5 + 48, floor) })
    expect(outcome(at(2n ** 53n))).toEqual(['snapshot.accounts[0].floor', 'exceeds 2^53-1'])
    expect(outcome(at(2n ** 53n - 1n))).toEqual(['snapshot.accounts[0].recent', 'a floor above 0 requires a full recent set'])
  })

  it('more than RECENT_NONCES_MAX recent nonces are refused from the count alone, before their bytes are read', () => {
    const over = patched(encodeSnapshot([account(1)]), v => { v.setUint16(5 + 56, RECENT_NONCES_MAX + 1) })
    expect(outcome(over)).toEqual(['snapshot.accounts[0].recent', `holds ${RECENT_NONCES_MAX + 1} nonces, more than ${RECENT_NONCES_MAX}`])
  })

  it('recent nonces out of order or above 2^53 - 1 are refused with nonceStateProblem\'s reason', () => {
    const reason = 'recent nonces must be above the floor, strictly ascending, at most 2^53-1'
    expect(outcome(encodeSnapshot([account(1, [9, 3])]))).toEqual(['snapshot.accounts[0].recent', reason])
    const high = patched(encodeSnapshot([account(1, [3, 4])]), v => { v.setUint32(5 + FIXED + 8, 0x20_0000) })
    expect(outcome(high)).toEqual(['snapshot.accounts[0].recent', reason])
  })
})
