// Work written once as a generator that yields what a port returned (a value, or a promise when
// the port is asynchronous) and receives it resolved: a host round (host.ts), state transfer
// (transfer.ts, transfer-serve.ts). `runTask` awaits promises and throws a rejection back in at
// the `yield` (so a task can catch a port's error where it called the port); `runTaskSync`, for
// synchronous ports (the protocol tests), hands values straight back and refuses a promise.

/** Work that yields port results (values or promises) and receives them resolved. */
export type Task<T> = Generator<unknown, T, unknown>

export async function runTask<T> (task: Task<T>): Promise<T> {
  let next = task.next()
  while (next.done !== true) {
    if (next.value instanceof Promise) {
      let value: unknown
      try {
        value = await next.value
      } catch (err) {
        next = task.throw(err)
        continue
      }
      next = task.next(value)
    } else {
      next = task.next(next.value)
    }
  }
  return next.value
}

export function runTaskSync<T> (task: Task<T>): T {
  let next = task.next()
  while (next.done !== true) {
    if (next.value instanceof Promise) throw new TypeError('a port answered with a promise: use ReplicaHost.step, not stepSync')
    next = task.next(next.value)
  }
  return next.value
}
