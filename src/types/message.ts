import type { EmailEventType } from "../lib/delivery/webhooks/types"

export type MessageStatus = "queued" | "sending" | "sent" | "failed" | "suppressed" | "skipped"

/** One email to put in the outbox. */
export interface EnqueueMessageInput {
  contact_id: string
  template_version_id: string
  to_email: string
  /** What caused it: "flow", "campaign", "test", … */
  reason_type: string
  reason_id?: string | null
  /** The flow step that sent it. */
  reason_step?: string | null
  /** The campaign's A/B variant. */
  variant?: string | null
  transactional?: boolean
  /** Preference topic; the template's when absent. */
  topic?: string | null
  /** Unique per real-world send, e.g. `flow:<run id>:<step id>` or `campaign:<id>:<contact id>`. */
  idempotency_key: string
  send_after?: Date | string
  /** Template data kept with the message and rendered at send time. */
  data?: Record<string, unknown> | null
}

/** What sending needs of a message's contact, read with the claim. */
export interface ClaimedContact {
  id: string
  email: string
  first_name: string | null
  last_name: string | null
  customer_id: string | null
  orders_count: number
  consent_status: "subscribed" | "unsubscribed" | "pending" | "never"
  suppressed_at: string | null
  timezone: string | null
  unsubscribed_topics: string[] | null
}

export interface MessageRow {
  id: string
  contact_id: string
  template_version_id: string
  to_email: string
  reason_type: string
  reason_id: string | null
  transactional: boolean
  topic: string | null
  status: MessageStatus
  attempts: number
  failures: number
  send_after: Date
  claim_token: string | null
  idempotency_key: string
  data: Record<string, unknown> | null
  /**
   * The shipped SMTP provider records it the moment the server accepts the
   * email: a claimed message that has one went out in a try that was never
   * settled (its dispatcher died, or the outcome was not recorded).
   */
  provider_message_id?: string | null
  /** Filled by a claim. */
  contact?: ClaimedContact | null
  /** When the claim was made, by the database clock, to the microsecond (filled by a claim). */
  claimed_at?: string
}

export type SettleMessageInput =
  | {
      id: string
      claim_token: string
      status: "sent"
      subject: string
      /** Tracked link destinations by index. */
      links?: string[]
      notification_id?: string | null
      provider_message_id?: string | null
    }
  | {
      id: string
      claim_token: string
      status: "queued"
      send_after: Date
      last_error?: string | null
      send_failed?: boolean
      /** The claim was not a try at sending (quiet hours): the attempt is given back. */
      not_attempted?: boolean
    }
  | { id: string; claim_token: string; status: "failed" | "suppressed" | "skipped"; last_error: string; send_failed?: boolean }

export type MessageEventType = EmailEventType

/** Something that happened to a sent message. */
export interface RecordMessageEventInput {
  message_id: string
  contact_id: string
  type: MessageEventType
  occurred_at?: Date | string
  /** A privacy proxy or a scanner, not a person. */
  machine?: boolean
  url?: string | null
  reason?: string | null
  bounce_type?: "hard" | "soft" | null
  /** "tracking" or a webhook provider's name. */
  source: string
  /** A provider's event id; the same key is stored once. */
  idempotency_key?: string | null
  data?: Record<string, unknown> | null
}

export interface SuppressionChange {
  contact_id: string
  /** The contact's suppression before the change, for compensation. */
  previous: { suppressed_at: Date | null; suppression_reason: string | null }
  reason: string
}
