import { model } from "@medusajs/framework/utils"
import ContactEvent from "./contact-event"

export const CONSENT_STATUSES = [
  "subscribed",
  "unsubscribed",
  "pending",
  "never",
] as const

/**
 * One person the store can talk to, keyed by lower-cased email. The profile
 * facts below are a read model kept current from the contact's events, so
 * segments and scores never join across modules at query time.
 */
const Contact = model
  .define({ name: "Contact", tableName: "marketing_contact" }, {
    id: model.id({ prefix: "mkt_con" }).primaryKey(),
    email: model.text().searchable(),
    customer_id: model.text().nullable(),
    first_name: model.text().searchable().nullable(),
    last_name: model.text().searchable().nullable(),
    phone: model.text().nullable(),
    locale: model.text().nullable(),
    timezone: model.text().nullable(),

    consent_status: model.enum([...CONSENT_STATUSES]).default("never"),
    consent_source: model.text().nullable(),
    consent_at: model.dateTime().nullable(),
    consent_ip: model.text().nullable(),
    consent_text: model.text().nullable(),
    suppressed_at: model.dateTime().nullable(),
    suppression_reason: model.text().nullable(),
    /** Preference topics the contact opted out of while staying subscribed. */
    unsubscribed_topics: model.array().default([]),
    /** Soft bounces since the last delivery; suppression at the settings' limit. */
    soft_bounces: model.number().default(0),

    currency_code: model.text().nullable(),
    orders_count: model.number().default(0),
    total_spent: model.bigNumber().default(0),
    average_order_value: model.bigNumber().default(0),
    spent_by_currency: model.json().nullable(),
    first_order_at: model.dateTime().nullable(),
    last_order_at: model.dateTime().nullable(),
    last_seen_at: model.dateTime().nullable(),
    last_cart_at: model.dateTime().nullable(),
    last_emailed_at: model.dateTime().nullable(),
    /** A person's opens and clicks only; machine opens do not move these. */
    last_opened_at: model.dateTime().nullable(),
    last_clicked_at: model.dateTime().nullable(),
    product_ids: model.array().default([]),
    category_ids: model.array().default([]),
    /** "YYYY-MM-DD": a calendar date with no time of day, so birthdays never move with time zones. */
    birth_date: model.text().nullable(),

    /**
     * Scores: recomputed on a schedule and after the contact's events. What
     * explains them is built when the admin asks (`explainContactScoresNow`).
     */
    rfm_recency: model.number().nullable(),
    rfm_frequency: model.number().nullable(),
    rfm_monetary: model.number().nullable(),
    rfm_segment: model.text().nullable(),
    engagement_score: model.float().default(0),
    /**
     * Engagement points before the cap, as counted from the events at
     * `engagement_counted_at`: the hourly refresh decays them to the hour
     * instead of counting the events again.
     */
    engagement_points: model.float().default(0),
    engagement_counted_at: model.dateTime().nullable(),
    lead_score: model.number().default(0),
    churn_risk: model.float().nullable(),
    probability_alive: model.float().nullable(),
    predicted_orders_365: model.float().nullable(),
    predicted_value_365: model.float().nullable(),
    next_order_expected_at: model.dateTime().nullable(),
    /** When a counted event next expires: the hourly refresh counts the events again from then on. */
    scores_recheck_at: model.dateTime().nullable(),
    scores_due_at: model.dateTime().nullable(),
    scores_updated_at: model.dateTime().nullable(),

    erased_at: model.dateTime().nullable(),
    metadata: model.json().nullable(),
    events: model.hasMany(() => ContactEvent, { mappedBy: "contact" }),
  })
  .cascades({ delete: ["events"] })
  .indexes([
    { on: ["email"], unique: true, where: "deleted_at IS NULL" },
    { on: ["customer_id"], where: "deleted_at IS NULL AND customer_id IS NOT NULL" },
    { on: ["consent_status"], where: "deleted_at IS NULL" },
    { on: ["last_order_at"], where: "deleted_at IS NULL" },
    // The hourly score refresh finds the contacts due, and the buyers a moved RFM cut point reaches.
    { on: ["scores_due_at"], where: "deleted_at IS NULL" },
    { on: ["orders_count"], where: "deleted_at IS NULL" },
    { on: ["total_spent"], where: "deleted_at IS NULL" },
    { on: ["rfm_segment"], where: "deleted_at IS NULL AND rfm_segment IS NOT NULL" },
    // "Bought together" recommendations look up the buyers sharing a product with `&&`.
    { on: ["product_ids"], type: "GIN", where: "deleted_at IS NULL" },
  ])

export default Contact
