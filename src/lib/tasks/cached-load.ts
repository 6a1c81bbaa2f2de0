/**
 * A value read at most once per `ttlMs`, however many callers ask at once:
 * callers that arrive while a read runs wait for that read instead of
 * starting their own, so a burst on a cold cache costs one read, not one per
 * caller. `forget()` drops the value, and a read already running when it is
 * called is not kept, since it may predate what made the value stale. A
 * failed read is not kept either: its callers get the error, the next call
 * reads again.
 *
 * @example
 * const flows = createCachedLoad<Set<string>>(5_000)
 * const names = await flows.get(() => readFlowEventNames())
 */
export function createCachedLoad<T>(ttlMs: number, clock: () => number = Date.now) {
  let cached: { value: T; until: number } | null = null
  let reading: Promise<T> | null = null
  let generation = 0

  return {
    get(read: () => Promise<T>): Promise<T> {
      if (cached && cached.until >= clock()) {
        return Promise.resolve(cached.value)
      }
      if (!reading) {
        const started = generation
        const current: Promise<T> = read()
          .then((value) => {
            if (started === generation) {
              cached = { value, until: clock() + ttlMs }
            }
            return value
          })
          .finally(() => {
            if (reading === current) {
              reading = null
            }
          })
        reading = current
      }
      return reading
    },
    forget() {
      cached = null
      reading = null
      generation++
    },
  }
}
