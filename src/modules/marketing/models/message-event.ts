import { model } from "@medusajs/framework/utils"
import { EMAIL_EVENT_TYPES } from "../../../lib/delivery/webhooks/types"

// One list for what is stored and what the provider adapters produce.
export const MESSAGE_EVENT_TYPES = EMAIL_EVENT_TYPES

/**
 * What happened to a message after it left: from the plugin's own tracking
 * routes and from providers' webhooks. Opens and clicks that a machine made
 * (a privacy proxy prefetching images, a security scanner following links)
 * are kept, flagged `machine`, and never counted as a person's.
 */
const MessageEvent = model
  .define({ name: "MessageEvent", tableName: "marketing_message_event" }, {
    id: model.id({ prefix: "mkt_mev" }).primaryKey(),
    message_id: model.text(),
    contact_id: model.text(),
    type: model.enum([...MESSAGE_EVENT_TYPES]),
    machine: model.boolean().default(false),
    occurred_at: model.dateTime(),
    url: model.text().nullable(),
    reason: model.text().nullable(),
    /** For bounces: "hard" (permanent) or "soft" (transient). */
    bounce_type: model.text().nullable(),
    /** "tracking" or the webhook provider's name. */
    source: model.text(),
    /** Set for provider events, so a redelivered webhook is stored once. */
    idempotency_key: model.text().nullable(),
    data: model.json().nullable(),
  })
  .indexes([
    { on: ["message_id", "type"] },
    { on: ["contact_id", "type", "occurred_at"] },
    { on: ["type", "occurred_at"] },
    { on: ["idempotency_key"], unique: true, where: "idempotency_key IS NOT NULL" },
  ])

export default MessageEvent
