// Length-prefixed frames (unsigned varint length, then the bytes) on libp2p streams, read
// through it-pipe over `messageStreamToDuplex`. A length above the maximum is refused as soon
// as its varint is read, before any of the frame is buffered.
import { LengthPrefixedDecoder, messageStreamToDuplex } from '@libp2p/utils'
import type { Stream } from '@libp2p/interface'
import { pipe } from 'it-pipe'
import type { Uint8ArrayList } from 'uint8arraylist'

/** Frames handled from one stream before the reader yields to the event loop. */
export const FRAMES_PER_TURN = 64

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
  // The decoder's buffer holds at most a partial frame plus one slice: chunks (a peer's
  // coalesced sends, e.g. 500 small frames) are fed in slices of at most one frame's size, so a
  // chunk of many small frames is not mistaken for one oversized frame.
  const decoder = new LengthPrefixedDecoder({ maxDataLength: maxFrameBytes, maxBufferSize: 2 * maxFrameBytes + 16 })
  try {
    await pipe(
      messageStreamToDuplex(stream),
      async function * (source) {
        for await (const chunk of source) {
          for (let off = 0; off < chunk.byteLength; off += maxFrameBytes) {
            yield * decoder.decode(chunk.subarray(off, Math.min(chunk.byteLength, off + maxFrameBytes)))
          }
        }
      },
      async (frames: AsyncIterable<Uint8ArrayList>) => {
        let sinceYield = 0
        for await (const f of frames) {
          onFrame(f.subarray())
          // A burst of thousands of frames in one chunk must not hold the event loop: other
          // streams, timers and the HTTP API get a turn every FRAMES_PER_TURN frames.
          if (++sinceYield >= FRAMES_PER_TURN) { sinceYield = 0; await new Promise(resolve => setImmediate(resolve)) }
        }
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
