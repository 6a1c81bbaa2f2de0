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
  /** `{ segment_id, contact_id }`: a contact entered a segment. */
  SEGMENT_ENTERED: "marketing.segment_entered",
  /** `{ segment_id, contact_id }`: a contact left a segment. */
  SEGMENT_EXITED: "marketing.segment_exited",
  /** `{ contact_ids }`: contacts' facts or activity changed; their segments are re-checked. */
  CONTACTS_CHANGED: "marketing.contacts_changed",
} as const

export const SEGMENT_ENTERED = MarketingEvents.SEGMENT_ENTERED
export const SEGMENT_EXITED = MarketingEvents.SEGMENT_EXITED

export type SegmentMembershipEventData = { segment_id: string; contact_id: string }

export type CartAbandonedEventData = {
  id: string
  cart_id: string
  contact_id: string | null
  email: string | null
  activity_at: string
}
