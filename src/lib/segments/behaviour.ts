/**
 * Names of the module's rows that behaviour conditions read. They are code
 * constants (never user input), so the SQL spells them as literals.
 */

/** Contact event types; an `order_canceled` event cancels the order with its `resource_id`. */
export const ORDER_PLACED = "order_placed"
export const ORDER_CANCELED = "order_canceled"
export const CART_ABANDONED = "cart_abandoned"

/** Only messages that left for the provider count as received. */
export const MESSAGE_SENT = "sent"

/** A click means the email was opened, even when the open pixel never loaded. */
export const ENGAGEMENT_EVENT_TYPES = {
  opened: ["opened", "clicked"],
  clicked: ["clicked"],
} as const

/** The `order_placed` data keys that list what the order contained. */
export const ORDER_ITEM_KEYS = { product_ids: "product_ids", category_ids: "category_ids" } as const

/** The profile facts that list every product and category of the contact's orders that were not canceled. */
export type BoughtFact = { column: "product_ids" | "category_ids"; ids: readonly string[]; bought: boolean }

/**
 * "Ever ordered one of these products" (or categories), and its "never",
 * is what the contact's `product_ids` (`category_ids`) fact already says:
 * the facts list the items of every order not canceled. Both evaluators
 * read the fact for it, so the question costs a look at the contact
 * instead of its orders. A time window, a count above one or both kinds
 * of id at once (both on the same order) still need the orders.
 */
export function boughtFact(rule: {
  within?: unknown
  count: { operator: "gte" | "lte" | "eq"; value: number }
  product_ids?: readonly string[]
  category_ids?: readonly string[]
}): BoughtFact | null {
  if (rule.within || !rule.product_ids === !rule.category_ids) {
    return null
  }
  const { operator, value } = rule.count
  const bought = operator === "gte" && value === 1 ? true : operator !== "gte" && value === 0 ? false : null
  if (bought === null) {
    return null
  }
  return rule.product_ids
    ? { column: ORDER_ITEM_KEYS.product_ids, ids: rule.product_ids, bought }
    : { column: ORDER_ITEM_KEYS.category_ids, ids: rule.category_ids!, bought }
}

/**
 * "Ordered N times in the last D days", of any product, is what the
 * contact's `order_times` fact says: the placed time of every order not
 * canceled, oldest first. Both evaluators read the fact for it, so a count
 * over the whole population looks at each contact's row instead of grouping
 * every order in the window. Orders of given products or categories still
 * need the orders.
 */
export function readsOrderTimes(rule: { within?: unknown; product_ids?: unknown; category_ids?: unknown }): boolean {
  return Boolean(rule.within) && !rule.product_ids && !rule.category_ids
}

/** The profile fact listing the placed time of every order not canceled, oldest first. */
export const ORDER_TIMES = "order_times"
