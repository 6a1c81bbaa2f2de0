import type { BgNbdCustomer } from "./bg-nbd"

/** A buyer's order history as the contact profile keeps it. */
export type PurchaseHistory = {
  id: string
  /** Non-canceled orders. */
  orders: number
  first_order_at: Date | null
  last_order_at: Date | null
  /** Net spend after refunds, in the currency's main unit. */
  monetary: number
}

export const DAY_MS = 86_400_000

export const daysBetween = (from: Date, to: Date) => (to.getTime() - from.getTime()) / DAY_MS

export function isBuyer(history: PurchaseHistory): boolean {
  return history.orders >= 1 && history.first_order_at !== null && history.last_order_at !== null
}

/**
 * BG/NBD's view of a buyer, in whole days: x repeat orders, the last one t_x
 * days after the first, T days of age. Whole days lose nothing in a model of
 * purchases months apart, and let buyers who share a first-order day share a
 * likelihood term, which is what keeps a fit over many buyers fast. Clamped
 * so that 0 ≤ t_x ≤ T even when clocks disagree (an order stamped slightly
 * after `now`, a last order stamped before the first after a data repair).
 */
export function toBgNbdCustomer(history: PurchaseHistory, now: Date): BgNbdCustomer {
  const T = Math.max(0, Math.round(daysBetween(history.first_order_at!, now)))
  const x = Math.max(0, Math.round(history.orders) - 1)
  const t_x =
    x === 0
      ? 0
      : Math.min(T, Math.max(0, Math.round(daysBetween(history.first_order_at!, history.last_order_at!))))
  return { x, t_x, T }
}
