/** f+1 replicas refused the transaction before ordering it (bad signature, stale nonce, ...). */
export class TxRejectedError extends Error {
  override readonly name = 'TxRejectedError'
  constructor (readonly reason: string) { super(`transaction rejected: ${reason}`) }
}

/** No proof of commit arrived in time. */
export class TxTimeoutError extends Error {
  override readonly name = 'TxTimeoutError'
  constructor (readonly timeoutMs: number, readonly replies: number) {
    super(`no proof of commit within ${timeoutMs} ms (${replies} replies received)`)
  }
}

/** Replies arrived but never f+1 of them matched. */
export class InsufficientRepliesError extends Error {
  override readonly name = 'InsufficientRepliesError'
  constructor (readonly needed: number, readonly got: number) {
    super(`needed ${needed} matching replies, the largest matching set had ${got}`)
  }
}

export class ClientClosedError extends Error {
  override readonly name = 'ClientClosedError'
  constructor () { super('client is closed') }
}

/**
 * Every replica that answered said it was busy (admission control) until the timeout: the
 * cluster is overloaded, the transaction was not refused. Submitting it again later is safe.
 */
export class ClusterBusyError extends Error {
  override readonly name = 'ClusterBusyError'
  constructor (readonly timeoutMs: number, readonly busyAnswers: number) {
    super(`the cluster stayed busy for ${timeoutMs} ms (${busyAnswers} busy answers); try again later`)
  }
}
