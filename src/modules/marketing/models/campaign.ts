import { model } from "@medusajs/framework/utils"

export const CAMPAIGN_STATUSES = ["draft", "scheduled", "sending", "sent", "cancelled"] as const

/**
 * A one-off send to segments minus exclusion segments, now or at
 * `scheduled_at` (with `local_time`, at that wall-clock time in each
 * contact's time zone). `ab_test` sends variants to a sample first; after
 * `decide_after_hours` the winner goes to the rest.
 */
/**
 * Named apart from the Promotion module's `Campaign`, since module models
 * share one namespace in Medusa's query graph.
 */
const Campaign = model
  .define({ name: "MarketingCampaign", tableName: "marketing_campaign" }, {
    id: model.id({ prefix: "mkt_cmp" }).primaryKey(),
    name: model.text().searchable(),
    status: model.enum([...CAMPAIGN_STATUSES]).default("draft"),
    template_id: model.text(),
    subject: model.text().nullable(),
    segment_ids: model.json(),
    exclude_segment_ids: model.json().nullable(),
    transactional: model.boolean().default(false),
    scheduled_at: model.dateTime().nullable(),
    local_time: model.boolean().default(false),
    ab_test: model.json().nullable(),
    winner_variant: model.text().nullable(),
    decided_at: model.dateTime().nullable(),
    audience_count: model.number().nullable(),
    started_at: model.dateTime().nullable(),
    finished_at: model.dateTime().nullable(),
    cancelled_at: model.dateTime().nullable(),
  })
  .indexes([{ on: ["status", "scheduled_at"], where: "deleted_at IS NULL" }])

export default Campaign
