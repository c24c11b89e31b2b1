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
 * The cluster is overloaded: the replicas asked answered "busy" (admission control), or the
 * transaction waited behind the client's send window, for longer than busyWaitMs. The
 * transaction was not refused. Submitting the same signed transaction again later is safe
 * (it executes at most once); a copy that reached another replica may still commit.
 */
export class ClusterBusyError extends Error {
  override readonly name = 'ClusterBusyError'
  constructor (readonly waitedMs: number, readonly busyAnswers: number) {
    super(`the cluster stayed busy for ${waitedMs} ms (${busyAnswers} busy answers); try again later`)
  }
}
