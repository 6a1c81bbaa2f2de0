/**
 * Waits for what the app does after a response (subscribers, scheduled
 * jobs, background workflows): reads every 100 ms until `done` accepts the
 * value, `tries` times at most. A timeout names what it waited for and the
 * last value read.
 */
export async function until<T>(
  read: () => Promise<T>,
  done: (value: T) => boolean,
  what: string,
  tries = 100
): Promise<T> {
  let last: T | undefined
  for (let i = 0; i < tries; i++) {
    last = await read()
    if (done(last)) {
      return last
    }
    await new Promise((resolve) => setTimeout(resolve, 100))
  }
  throw new Error(`timed out waiting for ${what}; last value: ${JSON.stringify(last)}`)
}
