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
