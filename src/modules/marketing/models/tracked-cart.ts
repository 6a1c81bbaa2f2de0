import { model } from "@medusajs/framework/utils"

export const TRACKED_CART_STATUSES = [
  "active",
  "abandoned",
  "empty",
  "completed",
  "expired",
] as const

/**
 * The plugin's own view of each storefront cart, so the abandoned-cart sweep
 * reads one small indexed table instead of scanning the cart module's tables.
 * `active` rows are the sweep's candidates; every row the sweep looks at
 * leaves that state (abandoned, empty, completed, expired, or activity moved
 * past the cut-off), so the sweep drains a queue rather than paging over it.
 */
const TrackedCart = model
  .define({ name: "TrackedCart", tableName: "marketing_tracked_cart" }, {
    id: model.id({ prefix: "mkt_crt" }).primaryKey(),
    cart_id: model.text(),
    email: model.text().nullable(),
    customer_id: model.text().nullable(),
    contact_id: model.text().nullable(),
    currency_code: model.text().nullable(),
    item_count: model.number().default(0),
    status: model.enum([...TRACKED_CART_STATUSES]).default("active"),
    last_activity_at: model.dateTime(),
    reported_activity_at: model.dateTime().nullable(),
    abandoned_at: model.dateTime().nullable(),
  })
  .indexes([
    { on: ["cart_id"], unique: true, where: "deleted_at IS NULL" },
    { on: ["last_activity_at"], where: "deleted_at IS NULL AND status = 'active'" },
  ])

export default TrackedCart
