/** Untrusted bytes did not decode to a valid message. `field` names the offending field path. */
export class DecodeError extends Error {
  override readonly name = 'DecodeError'
  constructor (readonly type: string, readonly field: string, readonly reason: string) {
    super(`${type}: ${field}: ${reason}`)
  }
}

/** A frame was larger than the maximum for its stream; refused before decoding. */
export class FrameTooLargeError extends Error {
  override readonly name = 'FrameTooLargeError'
  constructor (readonly bytes: number, readonly maxBytes: number) {
    super(`frame of ${bytes} bytes exceeds the maximum of ${maxBytes}`)
  }
}

export type Decoded<T> = { ok: true, value: T } | { ok: false, error: DecodeError | FrameTooLargeError }
