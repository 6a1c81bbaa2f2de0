/**
 * `{ event_types }`: lead-score rules on these contact event types were
 * created, changed or deleted, so the lead scores of contacts with such
 * events are recomputed in the background.
 */
export const LEAD_SCORE_RULES_CHANGED = "marketing.lead_score_rules_changed"

export type LeadScoreRulesChangedData = { event_types: string[] }
