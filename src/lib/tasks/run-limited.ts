import { createGate } from "./gate"

/**
 * Calls `task` for every item, in order, with at most `limit` calls pending
 * at once, and resolves when all are done; a failure rejects with the
 * earliest failing item's error once the others have finished, so nothing is
 * left running behind the caller's back.
 */
export async function runLimited<T>(items: readonly T[], limit: number, task: (item: T) => Promise<void>): Promise<void> {
  const gate = createGate(Math.max(1, limit))
  const outcomes = await Promise.allSettled(items.map((item) => gate(() => task(item))))
  const failed = outcomes.find((outcome): outcome is PromiseRejectedResult => outcome.status === "rejected")
  if (failed) {
    throw failed.reason
  }
}
