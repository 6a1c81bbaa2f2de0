import type { ContactScoreValues } from "../lib/scoring"

/** Whether a contact agreed to receive marketing email. */
export type ConsentStatus = "subscribed" | "unsubscribed" | "pending" | "never"

/** Activity types the plugin records; developers may record their own types too. */
export type ContactEventType =
  | "signed_up"
  | "subscribed"
  | "unsubscribed"
  | "cart_updated"
  | "cart_abandoned"
  | "order_placed"
  | "order_canceled"
  | "order_fulfilled"
  | "refund"
  | "erased"
  | (string & {})

/**
 * Identity fields used to find or create a contact. Only the fields given
 * are written; `undefined` keeps what is stored.
 */
export interface UpsertContactInput {
  email: string
  customer_id?: string | null
  first_name?: string | null
  last_name?: string | null
  phone?: string | null
  locale?: string | null
  timezone?: string | null
  /**
   * Only fill identity fields the contact does not have yet. For data seen
   * in passing (an order's billing name) that must not overwrite what the
   * person told the store themselves.
   */
  fill_missing?: boolean
  /**
   * Use the identity fields only if the contact is created now; an existing
   * contact is left as it is. For input from anonymous callers (a subscribe
   * form), who must not change what the store knows about someone.
   */
  only_when_created?: boolean
}

/**
 * One activity to record on a contact's timeline.
 *
 * @example
 * await marketing.recordContactEvents([{
 *   contact_id: contact.id,
 *   type: "review_written",
 *   idempotency_key: `review_written:${review.id}`,
 *   resource_type: "review",
 *   resource_id: review.id,
 *   data: { rating: 5 },
 * }])
 */
export interface RecordContactEventInput {
  contact_id: string
  type: ContactEventType
  /** Unique per real-world activity; a second record with the same key is ignored. */
  idempotency_key: string
  occurred_at?: Date | string
  resource_type?: string | null
  resource_id?: string | null
  data?: Record<string, unknown> | null
}

export interface ConsentEvidence {
  source?: string | null
  ip?: string | null
  consent_text?: string | null
  at?: Date | string
}

export interface UpdateConsentInput extends ConsentEvidence {
  contact_id: string
  status: ConsentStatus
}

/** Order data kept on an `order_placed` event, enough to recompute facts in SQL. */
export interface OrderEventData {
  order_id: string
  display_id?: number | null
  currency_code: string
  total: number
  product_ids: string[]
  category_ids: string[]
}

export interface ContactFactsSnapshot {
  id: string
  currency_code: string | null
  orders_count: number
  total_spent: number
  average_order_value: number
  spent_by_currency: Record<string, number> | null
  first_order_at: Date | null
  last_order_at: Date | null
  product_ids: string[]
  category_ids: string[]
}

/** Activity seen for a contact; only later times than the stored ones are kept. */
export interface TouchContactInput {
  contact_id: string
  last_seen_at?: Date | string | null
  last_cart_at?: Date | string | null
}

export interface ContactActivityTimes {
  id: string
  last_seen_at: Date | null
  last_cart_at: Date | null
}

/**
 * A contact's scores as stored, for writing and restoring them: the values
 * scoring computes (`ContactScoreValues`), with the looser types a stored
 * row has (times as Date or ISO string, none before the first scoring).
 */
export type ContactScores = Omit<ContactScoreValues, "next_order_expected_at" | "scores_due_at" | "scores_updated_at"> & {
  next_order_expected_at: Date | string | null
  scores_due_at: Date | string | null
  scores_updated_at: Date | string | null
}

/** What scoring reads of a contact. */
export interface ScoreInputRow {
  id: string
  orders_count: number
  total_spent: number
  first_order_at: Date | null
  last_order_at: Date | null
  last_seen_at: Date | null
  currency_code: string | null
}

export interface ScoreActivityRow {
  contact_id: string
  type: string
  at: Date
  data: Record<string, unknown> | null
}
