import type { LeadScorePropertyCondition } from "../../lib/scoring"

/** A lead-score rule as the admin edits it and the `marketing_lead_score_rule` table stores it. */
export type LeadScoreRuleFields = {
  name: string
  points: number
  event_type: string
  /** A condition on the event's data; null or absent counts every event of the type. */
  property?: LeadScorePropertyCondition | null
  /** Only events in the last this many days count; null for no limit. */
  expires_after_days?: number | null
  /** At most this many events count; null for no cap. */
  max_times?: number | null
  enabled?: boolean
}

export type LeadScoreRuleRow = Required<Omit<LeadScoreRuleFields, "property">> & {
  id: string
  property: LeadScorePropertyCondition | null
}

export type CreateLeadScoreRuleInput = LeadScoreRuleFields

export type UpdateLeadScoreRuleInput = { id: string } & Partial<LeadScoreRuleFields>
