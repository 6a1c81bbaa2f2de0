/** A cart as the sweep reads it from the store, reduced to what the decision needs. */
export type CartState = {
  email: string | null
  item_count: number
  completed: boolean
  /** Latest change to the cart or any of its items. */
  activity_at: Date
}

export type TrackedState = {
  last_activity_at: Date
}

export type AbandonmentDecision =
  | { status: "abandoned" | "empty" | "expired" | "completed"; activity_at: Date }
  | { status: "active"; activity_at: Date }

/**
 * Decides what a candidate cart is now. `cutoff` is the latest activity time
 * that still counts as idle long enough; `floor` the oldest activity worth a
 * reminder (a cart idle for weeks is not abandoned "just now" after downtime).
 */
export function decideAbandonment(
  tracked: TrackedState,
  cart: CartState | undefined,
  cutoff: Date,
  floor: Date
): AbandonmentDecision {
  const known = new Date(tracked.last_activity_at)
  if (!cart || cart.completed) {
    return { status: "completed", activity_at: known }
  }
  const activity = cart.activity_at > known ? cart.activity_at : known
  if (activity > cutoff) {
    return { status: "active", activity_at: activity }
  }
  if (activity < floor) {
    return { status: "expired", activity_at: activity }
  }
  if (cart.item_count < 1 || !cart.email) {
    return { status: "empty", activity_at: activity }
  }
  return { status: "abandoned", activity_at: activity }
}

/** The idle window, as absolute times relative to `now`. */
export function abandonmentWindow(
  now: Date,
  afterMinutes: number,
  maxAgeHours: number
): { cutoff: Date; floor: Date } {
  return {
    cutoff: new Date(now.getTime() - afterMinutes * 60_000),
    floor: new Date(now.getTime() - maxAgeHours * 3_600_000),
  }
}
