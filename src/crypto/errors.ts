/** Bad hex text where bytes were expected. */
export class HexError extends Error {
  override readonly name = 'HexError'
}

export type KeyFileErrorCode = 'NOT_FOUND' | 'PERMISSIONS' | 'TRUNCATED' | 'MALFORMED' | 'EXISTS' | 'IO'

/** A key file could not be read or written; the message names the file and the problem. */
export class KeyFileError extends Error {
  override readonly name = 'KeyFileError'
  constructor (readonly path: string, readonly code: KeyFileErrorCode, problem: string) {
    super(`key file ${path}: ${problem}`)
  }
}
