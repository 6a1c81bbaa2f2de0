import { model } from "@medusajs/framework/utils"

export const MESSAGE_STATUSES = [
  "queued",
  "sending",
  "sent",
  "failed",
  "suppressed",
  "skipped",
] as const

/**
 * The outbox: every email is a row here before any provider sees it. The
 * unique idempotency key (per flow step and run, or per campaign and
 * contact) is what makes a message go out at most once; the same key is
 * handed to the Notification Module, which skips a key it already sent.
 */
const Message = model
  .define({ name: "Message", tableName: "marketing_message" }, {
    id: model.id({ prefix: "mkt_msg" }).primaryKey(),
    contact_id: model.text(),
    template_version_id: model.text(),
    to_email: model.text(),
    subject: model.text().nullable(),
    reason_type: model.text(),
    reason_id: model.text().nullable(),
    /** The flow step, for per-step results. */
    reason_step: model.text().nullable(),
    /** The A/B variant a campaign sent, for per-variant results. */
    variant: model.text().nullable(),
    transactional: model.boolean().default(false),
    /** Preference topic; a contact who left it gets no marketing message of it. */
    topic: model.text().nullable(),
    status: model.enum([...MESSAGE_STATUSES]).default("queued"),
    attempts: model.number().default(0),
    /** Sends the provider refused; each retry after one uses a fresh notification key. */
    failures: model.number().default(0),
    last_error: model.text().nullable(),
    send_after: model.dateTime(),
    lease_until: model.dateTime().nullable(),
    claim_token: model.text().nullable(),
    notification_id: model.text().nullable(),
    provider_message_id: model.text().nullable(),
    sent_at: model.dateTime().nullable(),
    idempotency_key: model.text(),
    data: model.json().nullable(),
    /** Destinations of the tracked links, by index; the click route redirects only to these. */
    links: model.json().nullable(),
    delivered_at: model.dateTime().nullable(),
    opened_at: model.dateTime().nullable(),
    clicked_at: model.dateTime().nullable(),
    bounced_at: model.dateTime().nullable(),
  })
  .indexes([
    { on: ["idempotency_key"], unique: true, where: "deleted_at IS NULL" },
    { on: ["send_after"], where: "deleted_at IS NULL AND status = 'queued'" },
    { on: ["lease_until"], where: "deleted_at IS NULL AND status = 'sending'" },
    { on: ["contact_id", "sent_at"], where: "deleted_at IS NULL AND sent_at IS NOT NULL" },
    { on: ["sent_at"], where: "deleted_at IS NULL AND sent_at IS NOT NULL" },
    { on: ["provider_message_id"], where: "provider_message_id IS NOT NULL" },
    { on: ["created_at"], where: "deleted_at IS NULL" },
    { on: ["reason_type", "reason_id"], where: "deleted_at IS NULL" },
  ])

export default Message
