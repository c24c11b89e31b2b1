// Limits of the replica's local HTTP API (docs/security.md, Local HTTP API); relations are
// checked once at load.

/** Open connections in total (Node destroys sockets above this before any byte is read). */
export const API_CONNECTIONS_MAX = 256
/**
 * Open connections from one remote address. Above it a new connection gets a 503 and is
 * closed, so one address holding slow connections cannot take the whole pool.
 */
export const API_CONNECTIONS_PER_ADDRESS_MAX = 32
/** A request's headers must arrive within this time of the connection (or of the last response). */
export const API_HEADERS_TIMEOUT_MS = 3000
/** A whole request (headers and body) must arrive within this time. */
export const API_REQUEST_TIMEOUT_MS = 5000
/** An idle keep-alive connection is closed after this time. */
export const API_KEEP_ALIVE_TIMEOUT_MS = 5000
/** How often Node checks the header and request timeouts (its default is 30 s). */
export const API_TIMEOUT_CHECK_MS = 500
/** Bytes of a POST body (a signed admin command is far smaller). */
export const ADMIN_BODY_BYTES_MAX = 16 * 1024
/** Blocks per GET /blocks?from&to page. */
export const BLOCKS_PER_PAGE_MAX = 100

export function checkApiLimits (): void {
  if (API_CONNECTIONS_PER_ADDRESS_MAX * 2 > API_CONNECTIONS_MAX) throw new Error('one address may take half the API connection pool')
  if (API_HEADERS_TIMEOUT_MS > API_REQUEST_TIMEOUT_MS) throw new Error('the header timeout exceeds the request timeout (Node refuses that)')
  if (API_TIMEOUT_CHECK_MS * 2 > API_HEADERS_TIMEOUT_MS) throw new Error('timeouts are checked too rarely to hold the header timeout')
}

checkApiLimits()
