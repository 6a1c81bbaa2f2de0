/**
 * Shapes of the Marketing admin API as the browser receives them: dates are
 * ISO strings and amounts are numbers in the currency's main unit.
 */

import type { ConsentStatus, ContactEventType } from "../../types/contact"

export type { ConsentStatus, ContactEventType }

export const CONSENT_STATUSES: ConsentStatus[] = [
  "subscribed",
  "unsubscribed",
  "pending",
  "never",
]

export interface Contact {
  id: string
  email: string
  first_name: string | null
  last_name: string | null
  phone: string | null
  customer_id: string | null
  locale: string | null
  timezone: string | null
  consent_status: ConsentStatus
  consent_source: string | null
  consent_at: string | null
  consent_ip: string | null
  consent_text: string | null
  suppressed_at: string | null
  suppression_reason: string | null
  currency_code: string | null
  orders_count: number
  total_spent: number
  average_order_value: number
  spent_by_currency: Record<string, number> | null
  first_order_at: string | null
  last_order_at: string | null
  last_seen_at: string | null
  last_cart_at: string | null
  product_ids: string[]
  category_ids: string[]
  erased_at: string | null
  created_at: string
  updated_at: string
}

export interface ContactEvent {
  id: string
  type: ContactEventType
  occurred_at: string
  resource_type: string | null
  resource_id: string | null
  data: Record<string, unknown> | null
}

export interface ContactWithEvents extends Contact {
  /** The latest events, newest first. */
  events: ContactEvent[]
}

export interface ContactListParams {
  q?: string
  consent_status?: ConsentStatus[]
  customer_id?: string
  limit?: number
  offset?: number
  order?: string
}

export interface ContactListResponse {
  contacts: Contact[]
  count: number
  limit: number
  offset: number
}

export interface ContactResponse {
  contact: ContactWithEvents
}

export type BackfillStatus = "idle" | "running" | "completed" | "failed"

export interface Backfill {
  status: BackfillStatus
  progress: { customers: number; orders: number } | null
  started_at: string | null
  finished_at: string | null
  error: string | null
}

export interface BackfillResponse {
  backfill: Backfill
}
