/**
 * Calls `task` for every item with at most `limit` calls pending at once,
 * and resolves when all are done; the first failure rejects (the others
 * still finish, nothing is left running behind the caller's back).
 */
export async function runLimited<T>(items: readonly T[], limit: number, task: (item: T) => Promise<void>): Promise<void> {
  let next = 0
  let failure: { error: unknown } | null = null
  const lane = async () => {
    while (next < items.length) {
      const item = items[next++]
      try {
        await task(item)
      } catch (error) {
        failure ??= { error }
      }
    }
  }
  await Promise.all(Array.from({ length: Math.max(1, Math.min(limit, items.length)) }, lane))
  if (failure) {
    throw (failure as { error: unknown }).error
  }
}
