import { daysBetween, PurchaseHistory } from "./purchase-history"

/** What the fallback knows about the store, computed once per refresh. */
export type StoreOrderStats = {
  buyers: number
  /** Buyers with at least two orders. */
  repeat_buyers: number
  median_gap_days: number
  /** "orders" when measured on repeat buyers, "default" before the store has any. */
  median_gap_source: "orders" | "default"
  /** Net spend over orders, all buyers together. */
  average_order_value: number
}

/** Typical gap assumed until the store has a repeat buyer: a quarter. */
export const DEFAULT_MEDIAN_GAP_DAYS = 90

/**
 * k in p_alive ≈ exp(−days since last order / (k · median gap)): a buyer
 * silent for one typical gap keeps 72%, for three gaps 37%, for six 14%. A
 * single overdue gap is normal variation (gaps scatter widely around their
 * median), so the decay is slow at first.
 */
export const DEFAULT_DECAY_GAPS = 3

/** The one or two values in the middle of `count` sorted values: the ones at `medianPositions(count)`. */
export function medianPositions(count: number): number[] {
  if (count === 0) {
    return []
  }
  const middle = Math.floor(count / 2)
  return count % 2 ? [middle] : [middle - 1, middle]
}

function medianOfMiddle(middle: number[]): number {
  return middle.length === 1 ? middle[0] : (middle[0] + middle[1]) / 2
}

/**
 * What `storeOrderStats` derives, from totals a caller computed elsewhere
 * (the full refresh sums them in SQL): buyers, repeat buyers, orders, net
 * spend clamped at zero per buyer, how many positive gaps there are and the
 * gaps at `medianPositions` of them in ascending order.
 */
export function storeOrderStatsFromTotals(
  totals: {
    buyers: number
    repeat_buyers: number
    orders: number
    spend: number
    gaps: number
    middle_gaps: number[]
  },
  defaultGapDays = DEFAULT_MEDIAN_GAP_DAYS
): StoreOrderStats {
  return {
    buyers: totals.buyers,
    repeat_buyers: totals.repeat_buyers,
    median_gap_days: totals.gaps ? medianOfMiddle(totals.middle_gaps) : defaultGapDays,
    median_gap_source: totals.gaps ? "orders" : "default",
    average_order_value: totals.orders > 0 ? totals.spend / totals.orders : 0,
  }
}

/**
 * The profile keeps first and last order and a count, not every order, so
 * each repeat buyer contributes the average of their own gaps,
 * (last − first) / (orders − 1), and the store's gap is the median of those:
 * the median so that a few very frequent buyers do not set it. Buyers whose
 * orders all fall on the same instant have no gap to contribute.
 */
export function storeOrderStats(
  customers: PurchaseHistory[],
  defaultGapDays = DEFAULT_MEDIAN_GAP_DAYS
): StoreOrderStats {
  const buyers = customers.filter((customer) => customer.orders >= 1)
  const repeat = buyers.filter(
    (customer) => customer.orders >= 2 && customer.first_order_at && customer.last_order_at
  )
  const gaps = repeat
    .map((customer) => daysBetween(customer.first_order_at!, customer.last_order_at!) / (customer.orders - 1))
    .filter((gap) => gap > 0)
  const sorted = gaps.sort((x, y) => x - y)
  return storeOrderStatsFromTotals(
    {
      buyers: buyers.length,
      repeat_buyers: repeat.length,
      orders: buyers.reduce((sum, customer) => sum + customer.orders, 0),
      spend: buyers.reduce((sum, customer) => sum + Math.max(0, customer.monetary), 0),
      gaps: sorted.length,
      middle_gaps: medianPositions(sorted.length).map((position) => sorted[position]),
    },
    defaultGapDays
  )
}

/**
 * Spend per future order when no spend model applies: the customer's own
 * average once they have two orders and a positive net spend, else the
 * store's (one order says little about the next).
 */
export function fallbackOrderValue(customer: PurchaseHistory, stats: StoreOrderStats): number {
  return customer.orders >= 2 && customer.monetary > 0
    ? customer.monetary / customer.orders
    : stats.average_order_value
}

/**
 * The fallback: orders arrive every median gap while the customer is still
 * buying, so expected orders = horizon / gap · p_alive, with p_alive decaying
 * as exp(−days since last order / (k · gap)).
 */
export function medianGapPrediction(
  customer: PurchaseHistory,
  stats: StoreOrderStats,
  now: Date,
  horizonDays: number,
  decayGaps = DEFAULT_DECAY_GAPS
): { expected_orders: number; probability_alive: number; order_value: number } {
  const silentDays = Math.max(0, daysBetween(customer.last_order_at!, now))
  const probabilityAlive = Math.exp(-silentDays / (decayGaps * stats.median_gap_days))
  return {
    expected_orders: (horizonDays / stats.median_gap_days) * probabilityAlive,
    probability_alive: probabilityAlive,
    order_value: fallbackOrderValue(customer, stats),
  }
}
