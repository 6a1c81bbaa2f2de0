/**
 * Events the plugin emits on Medusa's event bus. Subscribe to them from a
 * store's own subscribers, or use them as flow triggers.
 *
 * @example
 * export const config: SubscriberConfig = { event: MarketingEvents.CART_ABANDONED }
 */
export const MarketingEvents = {
  /** `{ id: cart_id, cart_id, contact_id, email, activity_at }`, once per abandonment. */
  CART_ABANDONED: "marketing.cart_abandoned",
  /** `{}`: an admin asked for the import of existing customers and orders. */
  BACKFILL_REQUESTED: "marketing.backfill_requested",
} as const

export type CartAbandonedEventData = {
  id: string
  cart_id: string
  contact_id: string | null
  email: string | null
  activity_at: string
}
