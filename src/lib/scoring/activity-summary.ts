import {
  assembleContactScores,
  ContactScoreValues,
  ENGAGEMENT_ACTIVITY_TYPES,
  ScoringInput,
  ScoringModel,
} from "./contact-scores"
import {
  decayedPoints,
  DEFAULT_ENGAGEMENT_HALF_LIFE_DAYS,
  DEFAULT_ENGAGEMENT_WEIGHTS,
  EngagementBreakdown,
  EngagementContribution,
  engagementFromContributions,
} from "./engagement"
import {
  awardedPointsEntry,
  LeadScoreBreakdownEntry,
  leadScoreEntry,
  leadScoreResult,
  LeadScoreResult,
  LeadScoreRule,
  scoreLead,
} from "./lead-score"

/**
 * A contact's activity inside the scoring lookback, summed rather than
 * listed: what the full refresh reads of a million contacts, where reading
 * every event into memory would cost more than everything else together.
 * Times are milliseconds since the epoch.
 */
export type ActivitySummary = {
  /**
   * Per activity type that counts for engagement (`ENGAGEMENT_ACTIVITY_TYPES`):
   * how many events, their points decayed with the default weights and
   * half-life (`decayedPoints`), the latest and the earliest.
   */
  engagement: { type: string; count: number; points: number; last_at: number; first_at: number }[]
  /**
   * Per lead-score rule without a property condition, by rule id: its events
   * counted (at or after `leadRuleCountsFrom`), expired (before it), and the
   * latest and earliest counted ones. Rules without an entry matched nothing.
   */
  lead_counts: Record<string, { counted: number; expired: number; last_at: number | null; first_at: number | null }>
  /**
   * Per rule with a property condition, by rule id: every event of its type,
   * with as much of the event's data as the condition's path can read (the
   * condition is applied here, with the same code as `scoreLead`).
   */
  lead_events: Record<string, { at: number; data: Record<string, unknown> | null }[]>
  /** Lead points flow steps awarded (`LEAD_POINTS_EVENT`): how many awards, their sum, the latest and the earliest. */
  awarded?: { count: number; points: number; last_at: number; first_at: number }
}

/**
 * `scoreContact` for a contact whose activity is summed already: the same
 * scores, built by the same functions.
 */
export function scoreContactFromSummary(
  input: ScoringInput,
  summary: ActivitySummary,
  model: ScoringModel,
  leadRules: LeadScoreRule[],
  now: Date
): ContactScoreValues {
  const { engagement, lead } = summaryParts(input, summary, leadRules, now)
  return assembleContactScores(input, engagement, lead, model, now)
}

function summaryParts(
  input: ScoringInput,
  summary: ActivitySummary,
  leadRules: LeadScoreRule[],
  now: Date
): { engagement: EngagementBreakdown; lead: LeadScoreResult } {
  const contributions: EngagementContribution[] = []
  for (const entry of summary.engagement) {
    const type = ENGAGEMENT_ACTIVITY_TYPES[entry.type]
    if (type) {
      contributions.push({
        type,
        count: entry.count,
        points: entry.points,
        last_at: new Date(entry.last_at),
        first_at: new Date(entry.first_at),
      })
    }
  }
  if (input.last_seen_at) {
    const lastSeen = new Date(input.last_seen_at)
    contributions.push({
      type: "visit",
      count: 1,
      points: decayedPoints(DEFAULT_ENGAGEMENT_WEIGHTS.visit, now.getTime() - lastSeen.getTime()),
      last_at: lastSeen,
      first_at: lastSeen,
    })
  }

  const breakdown: LeadScoreBreakdownEntry[] = []
  for (const rule of leadRules) {
    let entry: LeadScoreBreakdownEntry | null | undefined
    if (rule.when.property) {
      const events = (summary.lead_events[rule.id] ?? []).map((event) => ({
        type: rule.when.event_type,
        at: new Date(event.at),
        data: event.data,
      }))
      entry = scoreLead([rule], events, now).breakdown[0]
    } else {
      const counts = summary.lead_counts[rule.id]
      const at = (ms: number | null) => (ms === null ? null : new Date(ms))
      entry = counts && leadScoreEntry(rule, counts.counted, counts.expired, at(counts.last_at), at(counts.first_at))
    }
    if (entry) {
      breakdown.push(entry)
    }
  }
  const awarded =
    summary.awarded &&
    awardedPointsEntry(
      summary.awarded.count,
      summary.awarded.points,
      new Date(summary.awarded.last_at),
      new Date(summary.awarded.first_at)
    )
  if (awarded) {
    breakdown.push(awarded)
  }

  return {
    engagement: engagementFromContributions(contributions, DEFAULT_ENGAGEMENT_HALF_LIFE_DAYS),
    lead: leadScoreResult(breakdown),
  }
}
