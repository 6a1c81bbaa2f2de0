import {
  ActivitySummary,
  ContactScoreValues,
  DEFAULT_ENGAGEMENT_HALF_LIFE_DAYS,
  DEFAULT_ENGAGEMENT_WEIGHTS,
  ENGAGEMENT_ACTIVITY_TYPES,
  leadRuleCountsFrom,
  LEAD_POINTS_EVENT,
  LeadScoreRule,
  SCORING_LOOKBACK_DAYS,
  scoreContactFromStored,
  scoreContactFromSummary,
  ScoringModel,
} from "../../lib/scoring"
import { SCORE_FIELDS } from "../../lib/segments"
import type {
  ScoreChangeRow,
  ScorePage,
  ScorePageContact,
  ScorePagePlan,
} from "../../modules/marketing/repositories/score-refresh-sql"

/** What the page query sums for a refresh at `now` with these lead-score rules. */
export function scorePagePlan(rules: LeadScoreRule[], now: Date, options: { recountAll: boolean }): ScorePagePlan {
  return {
    now_ms: now.getTime(),
    recount_all: options.recountAll,
    since: new Date(now.getTime() - SCORING_LOOKBACK_DAYS * 86_400_000).toISOString(),
    weights: Object.fromEntries(
      Object.entries(ENGAGEMENT_ACTIVITY_TYPES).map(([activity, type]) => [activity, DEFAULT_ENGAGEMENT_WEIGHTS[type]])
    ),
    half_life_days: DEFAULT_ENGAGEMENT_HALF_LIFE_DAYS,
    rules: rules.map((rule) => ({
      id: rule.id,
      event_type: rule.when.event_type,
      counts_from: rule.expires_after_days !== undefined ? new Date(leadRuleCountsFrom(rule, now)).toISOString() : null,
      property_root: rule.when.property ? rule.when.property.path.split(".")[0] : null,
    })),
  }
}

/**
 * Each contact's activity in the shape `scoreContactFromSummary` reads, from
 * the page's per-type totals and lead-rule candidates.
 */
export function activitySummaries(page: ScorePage, plan: ScorePagePlan): Map<string, ActivitySummary> {
  const summaries = new Map<string, ActivitySummary>()
  const summaryOf = (contactId: string) => {
    let summary = summaries.get(contactId)
    if (!summary) {
      summary = { engagement: [], lead_counts: {}, lead_events: {} }
      summaries.set(contactId, summary)
    }
    return summary
  }
  const simple = plan.rules.filter((rule) => rule.property_root === null)
  const withProperty = plan.rules.filter((rule) => rule.property_root !== null)
  for (const total of page.activity) {
    const summary = summaryOf(total.contact_id)
    if (total.type in plan.weights) {
      summary.engagement.push({
        type: total.type,
        count: total.n,
        points: total.points,
        last_at: total.latest,
        first_at: total.earliest,
      })
    }
    if (total.type === LEAD_POINTS_EVENT) {
      summary.awarded = { count: total.n, points: total.awarded ?? 0, last_at: total.latest, first_at: total.earliest }
    }
    simple.forEach((rule, index) => {
      const counted = total[`counted_${index}`] as number
      const expired = total[`expired_${index}`] as number
      if (counted || expired) {
        // A rule reads one event type, so one row per contact holds its counts.
        summary.lead_counts[rule.id] = {
          counted,
          expired,
          last_at: total[`latest_${index}`] as number | null,
          first_at: total[`earliest_${index}`] as number | null,
        }
      }
    })
  }
  for (const candidate of page.candidates) {
    const rule = withProperty[candidate.rule]
    const events = (summaryOf(candidate.contact_id).lead_events[rule.id] ??= [])
    events.push({ at: candidate.at_ms, data: candidate.data })
  }
  return summaries
}

const NO_ACTIVITY: ActivitySummary = { engagement: [], lead_counts: {}, lead_events: {} }

// `real` columns keep single precision: a value equals the stored one when
// it rounds to the same single.
const sameSingle = (stored: number | null, computed: number | null) =>
  stored === null || computed === null ? stored === computed : Math.fround(stored) === Math.fround(computed)

const sameInstant = (stored: number | null, computed: string | null) => stored === (computed ? Date.parse(computed) : null)

/**
 * Whether a stored due time still holds: due now and computed due now (the
 * next refresh reads the contact either way), or ahead and no later than
 * computed (reading a contact early only finds nothing changed). A due time
 * computed earlier than stored (after a refit, say) is written.
 */
const sameDue = (stored: number | null, computed: string, nowMs: number) => {
  if (stored === null) {
    return false
  }
  const due = Date.parse(computed)
  return stored <= nowMs ? due <= nowMs : stored <= due
}

/** Whether every score value is as stored, and the stored due time holds at `nowMs`. */
export function sameScoreValues(stored: ScorePageContact, computed: ContactScoreValues, nowMs: number): boolean {
  return (
    !stored.unscored &&
    stored.rfm_recency === computed.rfm_recency &&
    stored.rfm_frequency === computed.rfm_frequency &&
    stored.rfm_monetary === computed.rfm_monetary &&
    stored.rfm_segment === computed.rfm_segment &&
    stored.lead_score === computed.lead_score &&
    sameSingle(stored.engagement_score, computed.engagement_score) &&
    sameSingle(stored.churn_risk, computed.churn_risk) &&
    sameSingle(stored.probability_alive, computed.probability_alive) &&
    sameSingle(stored.predicted_orders_365, computed.predicted_orders_365) &&
    sameSingle(stored.predicted_value_365, computed.predicted_value_365) &&
    sameInstant(stored.next_order_expected_at, computed.next_order_expected_at) &&
    sameSingle(stored.engagement_points, computed.engagement_points) &&
    sameInstant(stored.engagement_counted_at, computed.engagement_counted_at) &&
    sameInstant(stored.scores_recheck_at, computed.scores_recheck_at) &&
    sameDue(stored.scores_due_at, computed.scores_due_at, nowMs)
  )
}

/**
 * Adds to `fields` the score fields segments can read whose value differs
 * from the stored one; every one for a contact never scored.
 */
export function addChangedScoreFields(stored: ScorePageContact, computed: ContactScoreValues, fields: Set<string>): void {
  for (const field of SCORE_FIELDS) {
    if (fields.has(field)) {
      continue
    }
    const before = stored[field as keyof ScorePageContact] as number | string | null
    const after = computed[field as keyof ContactScoreValues] as number | string | null
    const same =
      field === "next_order_expected_at"
        ? sameInstant(before as number | null, after as string | null)
        : typeof after === "number" && typeof before === "number"
          ? sameSingle(before, after)
          : before === after
    if (stored.unscored || !same) {
      fields.add(field)
    }
  }
}

/**
 * Scores a page of contacts, those whose events were counted from their
 * summed activity and the others from their stored activity scores: the
 * rows for `writeScoreChanges`, those whose values changed, and the score
 * fields segments read that changed for any of them (added to `fields`).
 */
export function scorePage(
  page: ScorePage,
  plan: ScorePagePlan,
  model: ScoringModel,
  rules: LeadScoreRule[],
  now: Date,
  fields: Set<string> = new Set()
): ScoreChangeRow[] {
  const summaries = activitySummaries(page, plan)
  const recounted = new Set(page.recounted)
  const changes: ScoreChangeRow[] = []
  for (const contact of page.contacts) {
    const scores = recounted.has(contact.id)
      ? scoreContactFromSummary(contact, summaries.get(contact.id) ?? NO_ACTIVITY, model, rules, now)
      : scoreContactFromStored(contact, contact, model, now)
    if (!sameScoreValues(contact, scores, plan.now_ms)) {
      changes.push({ ...scores, version: contact.version })
      addChangedScoreFields(contact, scores, fields)
    }
  }
  return changes
}
