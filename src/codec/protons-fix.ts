// A fix for protons-runtime 7.1.2, which every encoder of this codec goes through. Its writer's
// uint64(bigint) keeps the low 32 bits as a signed int32, and the varint loop stops at a
// negative value: a value in [2^31, 2^32) is written as one wrong byte followed by four bytes of
// uninitialised pool memory. That hit Transfer.amount (the only bigint field of the schema):
// 3,000,000,000 went on the wire as garbage. Values below 2^53 take the writer's number path
// (uint8-varint), which is correct; larger ones have their high bits set and were always right.
// test/codec/roundtrip.test.ts checks the written bytes against the varint of the value.
import { writer } from 'protons-runtime'

interface Uint64Writer { uint64: (value: bigint) => unknown, uint64Number: (value: number) => unknown }

const TWO_53 = 2n ** 53n
const proto = Object.getPrototypeOf(writer()) as Uint64Writer
const uint64 = proto.uint64

proto.uint64 = function (this: Uint64Writer, value: bigint) {
  return value >= 0n && value < TWO_53 ? this.uint64Number(Number(value)) : uint64.call(this, value)
}
