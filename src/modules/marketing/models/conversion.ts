import { model } from "@medusajs/framework/utils"

export const CONVERSION_TOUCHES = ["click", "open"] as const

/**
 * An order attributed to the message its buyer last clicked (within the
 * click window) or, failing that, opened (within the open window, machine
 * opens excluded). One row per order; refunds and a cancellation lower what
 * it counts for, so revenue stays net.
 */
const Conversion = model
  .define({ name: "Conversion", tableName: "marketing_conversion" }, {
    id: model.id({ prefix: "mkt_cnv" }).primaryKey(),
    order_id: model.text(),
    contact_id: model.text(),
    message_id: model.text(),
    reason_type: model.text(),
    reason_id: model.text().nullable(),
    reason_step: model.text().nullable(),
    variant: model.text().nullable(),
    touch: model.enum([...CONVERSION_TOUCHES]),
    touched_at: model.dateTime(),
    ordered_at: model.dateTime(),
    amount: model.bigNumber(),
    refunded_amount: model.bigNumber().default(0),
    currency_code: model.text(),
    canceled_at: model.dateTime().nullable(),
  })
  .indexes([
    { on: ["order_id"], unique: true, where: "deleted_at IS NULL" },
    { on: ["reason_type", "reason_id"], where: "deleted_at IS NULL" },
    { on: ["ordered_at"], where: "deleted_at IS NULL" },
  ])

export default Conversion
