// Length-prefixed frames (unsigned varint length, then the bytes) on libp2p streams, read
// through it-pipe over `messageStreamToDuplex`. A length above the maximum is refused as soon
// as its varint is read, before any of the frame is buffered.
import { LengthPrefixedDecoder, messageStreamToDuplex } from '@libp2p/utils'
import type { Stream } from '@libp2p/interface'
import { pipe } from 'it-pipe'
import type { Uint8ArrayList } from 'uint8arraylist'

export class FrameTooLargeError extends Error {
  override readonly name = 'FrameTooLargeError'
}

function varint (n: number): Uint8Array {
  const out: number[] = []
  while (n >= 0x80) { out.push((n & 0x7f) | 0x80); n = Math.floor(n / 128) }
  out.push(n)
  return Uint8Array.from(out)
}

/** Concatenates frames, each with its length prefix, into one buffer for one stream send. */
export function encodeFrames (frames: Uint8Array[]): Uint8Array {
  const prefixes = frames.map(f => varint(f.byteLength))
  let total = 0
  for (let i = 0; i < frames.length; i++) total += (prefixes[i] as Uint8Array).byteLength + (frames[i] as Uint8Array).byteLength
  const out = new Uint8Array(total)
  let off = 0
  for (let i = 0; i < frames.length; i++) {
    out.set(prefixes[i] as Uint8Array, off); off += (prefixes[i] as Uint8Array).byteLength
    out.set(frames[i] as Uint8Array, off); off += (frames[i] as Uint8Array).byteLength
  }
  return out
}

/**
 * Reads frames from `stream` until it ends, calling `onFrame` for each. Resolves when the
 * stream ends; rejects with FrameTooLargeError (the stream is aborted) for an oversized frame.
 */
export async function readFrames (stream: Stream, maxFrameBytes: number, onFrame: (frame: Uint8Array) => void): Promise<void> {
  const decoder = new LengthPrefixedDecoder({ maxDataLength: maxFrameBytes, maxBufferSize: maxFrameBytes + 16 })
  try {
    await pipe(
      messageStreamToDuplex(stream),
      async function * (source) {
        for await (const chunk of source) yield * decoder.decode(chunk)
      },
      async (frames: AsyncIterable<Uint8ArrayList>) => {
        for await (const f of frames) onFrame(f.subarray())
      }
    )
  } catch (err) {
    const tooLarge = err instanceof Error && (err.name === 'InvalidMessageLengthError' || err.name === 'InvalidParametersError')
    stream.abort(tooLarge ? new FrameTooLargeError(`frame larger than ${maxFrameBytes} bytes`) : err as Error)
    if (tooLarge) throw new FrameTooLargeError(`frame larger than ${maxFrameBytes} bytes`)
    throw err
  }
}

/** Sends with backpressure: waits for the stream's next 'drain' (not onDrain; see the notes §3). */
export async function sendWithBackpressure (stream: Stream, bytes: Uint8Array): Promise<void> {
  if (stream.send(bytes)) return
  await new Promise<void>(resolve => {
    const done = (): void => {
      stream.removeEventListener('drain', done)
      stream.removeEventListener('close', done)
      resolve()
    }
    stream.addEventListener('drain', done)
    stream.addEventListener('close', done)
  })
}
