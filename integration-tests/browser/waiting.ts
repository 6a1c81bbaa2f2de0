// How long a page may take to show what it should (API answer + render).
export const UI_TIMEOUT = 20_000

export const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms))

/** Retries `fn` (which asserts) until it passes or `timeout` ms have passed. */
export async function eventually<T>(fn: () => Promise<T>, timeout = UI_TIMEOUT, interval = 200): Promise<T> {
  const deadline = Date.now() + timeout
  for (;;) {
    try {
      return await fn()
    } catch (err) {
      if (Date.now() > deadline) throw err
      await sleep(interval)
    }
  }
}
