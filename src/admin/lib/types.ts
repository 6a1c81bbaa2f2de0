/**
 * Shapes of the Marketing admin API as the browser receives them: dates are
 * ISO strings and amounts are numbers in the currency's main unit.
 */

import type { ConsentStatus, ContactEventType } from "../../types/contact"
import type { MessageEventType, MessageStatus } from "../../types/message"

export type { ConsentStatus, ContactEventType, MessageEventType, MessageStatus }

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
  rfm_recency?: number | null
  rfm_frequency?: number | null
  rfm_monetary?: number | null
  rfm_segment?: string | null
  engagement_score?: number
  lead_score?: number
  churn_risk?: number | null
  probability_alive?: number | null
  predicted_orders_365?: number | null
  predicted_value_365?: number | null
  next_order_expected_at?: string | null
  score_explanation?: Partial<Record<"rfm" | "prediction" | "engagement" | "lead_score", string[]>> | null
  scores_updated_at?: string | null
}

export interface ContactSegment {
  id: string
  name: string
  entered_at: string
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
  /** Segments the contact is in now. */
  segments?: ContactSegment[]
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

/** What the list and detail routes give when nothing more is asked for. */
export interface ListResponse {
  count: number
  limit: number
  offset: number
}

/** The parts of a template version a merchant edits. */
export interface TemplateContent {
  subject: string
  preheader: string | null
  mjml: string
  /** Plain-text override; generated from the HTML when empty. */
  text: string | null
  from_name: string | null
  from_email: string | null
  reply_to: string | null
}

/** Saved versions never change: editing content publishes a new one. */
export interface TemplateVersion extends TemplateContent {
  id: string
  version: number
  created_at: string
}

export interface Template {
  id: string
  name: string
  description: string | null
  transactional: boolean
  topic: string | null
  /** Set on templates installed from a starter ("welcome", …). */
  starter_key: string | null
  latest_version: number
  created_at: string
  updated_at: string
}

export interface TemplateWithVersions extends Template {
  /** Newest first. */
  versions: TemplateVersion[]
}

export interface TemplateListParams {
  q?: string
  limit?: number
  offset?: number
  order?: string
}

export interface TemplateListResponse extends ListResponse {
  templates: Template[]
}

export interface TemplateResponse {
  template: TemplateWithVersions
}

export interface CreateTemplatePayload {
  name: string
  description?: string | null
  transactional?: boolean
  topic?: string | null
  content: TemplateContent
}

export type UpdateTemplatePayload = Partial<Omit<CreateTemplatePayload, "content">> & {
  content?: TemplateContent
}

export interface PreviewTemplatePayload {
  contact_id?: string
  version?: number
  content?: TemplateContent
}

export interface RenderedEmail {
  subject: string
  preheader?: string
  html: string
  text: string
}

export interface PreviewResponse {
  preview: RenderedEmail
}

export interface TestSendResponse {
  message: { id: string; status: MessageStatus; last_error: string | null }
}

export const MESSAGE_STATUSES: MessageStatus[] = [
  "queued",
  "sending",
  "sent",
  "failed",
  "suppressed",
  "skipped",
]

export interface Message {
  id: string
  contact_id: string
  to_email: string
  subject: string | null
  /** What caused it: "flow_step", "campaign", "test", "double_opt_in", … */
  reason_type: string
  reason_id: string | null
  transactional: boolean
  topic: string | null
  status: MessageStatus
  attempts: number
  last_error: string | null
  send_after: string | null
  sent_at: string | null
  delivered_at: string | null
  opened_at: string | null
  clicked_at: string | null
  bounced_at: string | null
  created_at: string
  template: { id: string; name: string; version: number } | null
}

export interface MessageEvent {
  id: string
  type: MessageEventType
  /** A privacy proxy or a link scanner, not a person. */
  machine: boolean
  occurred_at: string
  url: string | null
  reason: string | null
  bounce_type: "hard" | "soft" | null
  source: string
}

export interface MessageWithDetails extends Message {
  contact: Pick<Contact, "id" | "email" | "first_name" | "last_name"> | null
  /** Oldest first. */
  events: MessageEvent[]
}

export interface MessageListParams {
  status?: MessageStatus[]
  contact_id?: string
  template_id?: string
  /** Part of the recipient's address. */
  q?: string
  /** ISO date-times. */
  created_after?: string
  created_before?: string
  limit?: number
  offset?: number
}

export interface MessageListResponse extends ListResponse {
  messages: Message[]
}

export interface MessageResponse {
  message: MessageWithDetails
  /** The email as its recipient got it; null when it cannot be shown. */
  rendered: RenderedEmail | null
  render_error: string | null
}

export interface Topic {
  key: string
  name: string
  description: string
}

export interface MarketingSettings {
  sender: {
    from_name: string | null
    from_email: string | null
    reply_to: string | null
  }
  store: {
    name: string | null
    logo_url: string | null
    address: string
    support_email: string | null
  }
  tracking: { opens: boolean; clicks: boolean }
  utm: { enabled: boolean; source: string; medium: string }
  /** `max_messages` 0 turns the cap off. */
  frequency_cap: { max_messages: number; window_hours: number }
  /** Times are "HH:MM" (24 hours). */
  quiet_hours: { enabled: boolean; start: string; end: string }
  send_rate_per_second: number
  double_opt_in: boolean
  soft_bounce_limit: number
  /** Days after a click (or a person's open) an order still counts for the email; open 0 = clicks only. */
  attribution: { click_window_days: number; open_window_days: number }
  topics: Topic[]
}

/** Sections are merged one level deep: a patch keeps what it does not name. */
export type MarketingSettingsPatch = {
  [K in keyof MarketingSettings]?: MarketingSettings[K] extends unknown[]
    ? MarketingSettings[K]
    : MarketingSettings[K] extends object
      ? Partial<MarketingSettings[K]>
      : MarketingSettings[K]
}

export interface SettingsResponse {
  settings: MarketingSettings
}

export interface SuppressedContact {
  id: string
  email: string
  first_name: string | null
  last_name: string | null
  suppressed_at: string
  suppression_reason: string | null
  soft_bounces: number
}

export interface SuppressionListParams {
  q?: string
  limit?: number
  offset?: number
}

export interface SuppressionListResponse extends ListResponse {
  contacts: SuppressedContact[]
}
