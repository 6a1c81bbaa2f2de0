import { model } from "@medusajs/framework/utils"

/**
 * A lead scoring rule the merchant sets in the admin: points when an event
 * (optionally with a property condition) happens, for a limited time and a
 * limited number of times if wanted.
 */
const LeadScoreRule = model.define({ name: "LeadScoreRule", tableName: "marketing_lead_score_rule" }, {
  id: model.id({ prefix: "mkt_lsr" }).primaryKey(),
  name: model.text(),
  points: model.number(),
  event_type: model.text(),
  property: model.json().nullable(),
  expires_after_days: model.number().nullable(),
  max_times: model.number().nullable(),
  enabled: model.boolean().default(true),
})

export default LeadScoreRule
