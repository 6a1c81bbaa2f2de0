export const leadScoreRuleFields = [
  "id",
  "name",
  "points",
  "event_type",
  "property",
  "expires_after_days",
  "max_times",
  "enabled",
  "created_at",
  "updated_at",
]
