/**
 * A token bucket: `ratePerSecond` sends on average, bursts of up to `burst`.
 * Pure: the caller passes the clock, so it is deterministic to test and the
 * same arithmetic can back a shared limiter whose state lives elsewhere.
 */
export class TokenBucket {
  private tokens: number
  private updatedAt: number

  constructor(
    private readonly ratePerSecond: number,
    private readonly burst: number,
    now: number
  ) {
    if (!(ratePerSecond > 0) || !(burst >= 1)) {
      throw new RangeError("rate must be positive and burst at least 1")
    }
    this.tokens = burst
    this.updatedAt = now
  }

  /**
   * Takes one token; returns 0 when it may go now, or how many milliseconds
   * to wait before trying again.
   */
  take(now: number): number {
    this.refill(now)
    if (this.tokens >= 1) {
      this.tokens -= 1
      return 0
    }
    return Math.ceil(((1 - this.tokens) / this.ratePerSecond) * 1000)
  }

  private refill(now: number) {
    const elapsed = Math.max(0, now - this.updatedAt) / 1000
    this.tokens = Math.min(this.burst, this.tokens + elapsed * this.ratePerSecond)
    this.updatedAt = now
  }
}
