import type { TemplateContactScores } from "../../../types/template-data"

type ScoreColumns = {
  rfm_segment?: string | null
  rfm_recency?: number | null
  rfm_frequency?: number | null
  rfm_monetary?: number | null
  engagement_score?: number | string | null
  lead_score?: number | string | null
  churn_risk?: number | string | null
  probability_alive?: number | string | null
  predicted_orders_365?: number | string | null
  predicted_value_365?: number | string | null
  next_order_expected_at?: Date | string | null
}

const num = (value: unknown): number | null => {
  if (value === null || value === undefined || value === "") return null
  const parsed = Number(value)
  return Number.isFinite(parsed) ? parsed : null
}

/**
 * A contact's scores as templates see them, so an email can speak to a
 * Champion differently from someone About to sleep:
 * `{% if contact.scores.rfm_segment == "champions" %}`. Unscored values are null.
 */
export function toTemplateScores(contact: ScoreColumns): TemplateContactScores {
  const next = contact.next_order_expected_at
  return {
    rfm_segment: contact.rfm_segment ?? null,
    rfm_recency: num(contact.rfm_recency),
    rfm_frequency: num(contact.rfm_frequency),
    rfm_monetary: num(contact.rfm_monetary),
    engagement: num(contact.engagement_score),
    lead: num(contact.lead_score),
    churn_risk: num(contact.churn_risk),
    probability_alive: num(contact.probability_alive),
    predicted_orders_365: num(contact.predicted_orders_365),
    predicted_value_365: num(contact.predicted_value_365),
    next_order_expected_at: next ? new Date(next).toISOString().slice(0, 10) : null,
  }
}
