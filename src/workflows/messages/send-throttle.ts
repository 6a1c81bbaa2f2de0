import { setTimeout as sleep } from "node:timers/promises"
import { TokenBucket } from "../../lib/delivery/rate-limiter"

/** Paces sends to the merchant's rate; `acquire(n)` resolves when n may go. */
export interface SendThrottle {
  acquire(count?: number): Promise<void>
}

const buckets = new Map<number, TokenBucket>()

/**
 * One bucket per rate for the whole process, so every batch and every
 * concurrent sender of this instance shares it. Several instances share a
 * rate through the BullMQ dispatcher instead.
 */
export function processThrottle(ratePerSecond: number): SendThrottle {
  let bucket = buckets.get(ratePerSecond)
  if (!bucket) {
    // A second's worth of burst: a quiet dispatcher may start at full speed.
    bucket = new TokenBucket(ratePerSecond, Math.max(1, ratePerSecond), Date.now())
    buckets.set(ratePerSecond, bucket)
  }
  const shared = bucket
  return {
    async acquire(count = 1) {
      for (let i = 0; i < count; i++) {
        for (let wait = shared.take(Date.now()); wait > 0; wait = shared.take(Date.now())) {
          await sleep(wait)
        }
      }
    },
  }
}

/** No pacing: for tests and benchmarks that measure the dispatcher itself. */
export const unthrottled: SendThrottle = { acquire: async () => {} }
