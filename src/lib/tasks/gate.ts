/**
 * Lets at most `limit` tasks run at once; the others wait their turn in the
 * order they came. Waiting here costs a closure in memory, where waiting in
 * a connection pool's queue would count against its acquire timeout.
 *
 * @example
 * const gate = createGate(8)
 * await gate(() => handle(event))
 */
export function createGate(limit: number) {
  let running = 0
  const waiting: (() => void)[] = []
  const enter = (): Promise<void> => {
    if (running < limit) {
      running++
      return Promise.resolve()
    }
    return new Promise((resolve) => waiting.push(resolve))
  }
  // The place passes straight to the next in line, so `running` never dips below what is running.
  const leave = () => {
    const next = waiting.shift()
    if (next) {
      next()
    } else {
      running--
    }
  }
  return async function gate<T>(task: () => Promise<T>): Promise<T> {
    await enter()
    try {
      return await task()
    } finally {
      leave()
    }
  }
}
