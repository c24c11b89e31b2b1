// JSON for the HTTP API and logs: bytes as lowercase hex, bigints as decimal strings.
export function toJson (value: unknown): unknown {
  if (value instanceof Uint8Array) return Buffer.from(value.buffer, value.byteOffset, value.byteLength).toString('hex')
  if (typeof value === 'bigint') return value.toString()
  if (Array.isArray(value)) return value.map(toJson)
  if (value !== null && typeof value === 'object') {
    const out: Record<string, unknown> = {}
    for (const [k, v] of Object.entries(value)) if (v !== undefined) out[k] = toJson(v)
    return out
  }
  return value
}

export function stringify (value: unknown): string {
  return JSON.stringify(toJson(value))
}
