import { model } from "@medusajs/framework/utils"
import Contact from "./contact"

/**
 * The contact's activity timeline. `idempotency_key` is unique so a
 * redelivered Medusa event, a retried workflow or a re-run backfill records
 * the same activity once.
 */
const ContactEvent = model
  .define({ name: "ContactEvent", tableName: "marketing_contact_event" }, {
    id: model.id({ prefix: "mkt_cev" }).primaryKey(),
    type: model.text(),
    occurred_at: model.dateTime(),
    idempotency_key: model.text(),
    resource_type: model.text().nullable(),
    resource_id: model.text().nullable(),
    data: model.json().nullable(),
    contact: model.belongsTo(() => Contact, { mappedBy: "events" }),
  })
  .indexes([
    { on: ["idempotency_key"], unique: true },
    { on: ["contact_id", "type", "occurred_at"] },
    // Finds the events a segment's time window slid past, across all contacts.
    { on: ["type", "occurred_at"] },
    { on: ["resource_id"], where: "resource_id IS NOT NULL" },
    // The contacts with an order in a time window, for the segment boundary
    // check, without visiting the timeline's rows.
    { on: ["occurred_at", "contact_id", "resource_id"], where: "type = 'order_placed' AND deleted_at IS NULL" },
    // Whether an order is canceled, for the order read model's triggers.
    { on: ["contact_id", "resource_id"], where: "type = 'order_canceled' AND deleted_at IS NULL" },
    // Segment rules count orders from `marketing_contact_order`, which
    // triggers on this table keep: see Migration20261201013000.
  ])

export default ContactEvent
