export type RetryPolicy = {
  /** Attempts in all, the first included. */
  maxAttempts: number
  /** Delay before the second attempt, in milliseconds. */
  baseDelayMs: number
  /** No delay grows beyond this. */
  maxDelayMs: number
}

export const DEFAULT_RETRY_POLICY: RetryPolicy = {
  maxAttempts: 6,
  baseDelayMs: 30_000,
  maxDelayMs: 60 * 60_000,
}

export type RetryDecision =
  | { retry: true; at: Date }
  | { retry: false; reason: string }

/**
 * What to do after attempt number `attempt` (1-based) failed: retry later
 * with exponential backoff and "full jitter" (a random delay up to the
 * exponential bound, so many messages failing together do not retry in
 * lockstep against a recovering provider), or give up.
 */
export function nextRetry(
  attempt: number,
  now: Date,
  policy: RetryPolicy = DEFAULT_RETRY_POLICY,
  random: () => number = Math.random
): RetryDecision {
  if (attempt >= policy.maxAttempts) {
    return { retry: false, reason: `gave up after ${attempt} attempts` }
  }
  const bound = Math.min(policy.maxDelayMs, policy.baseDelayMs * 2 ** (attempt - 1))
  // At least a tenth of the bound, so a retry is never immediate.
  const delay = bound * (0.1 + 0.9 * random())
  return { retry: true, at: new Date(now.getTime() + Math.round(delay)) }
}
