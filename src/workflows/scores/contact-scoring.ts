import type MarketingModuleService from "../../modules/marketing/service"
import {
  ExplainedScores,
  explainContact,
  SCORING_LOOKBACK_DAYS,
  ScoringInput,
  ScoringModel,
} from "../../lib/scoring"
import { splitRefreshRows, type ContactFacts } from "../../lib/segments"
import { SCORES_JOB_KEY, toLeadScoreRule } from "./score-contacts"

const instant = (value: unknown) => (value as Date | string | null | undefined) ?? null

/** A contact's profile row in the shape scoring reads (numeric columns arrive as strings). */
export const scoringInputOf = (facts: ContactFacts & { id: string }): ScoringInput => ({
  id: facts.id,
  orders_count: Number(facts.orders_count ?? 0),
  total_spent: Number(facts.total_spent ?? 0),
  first_order_at: instant(facts.first_order_at),
  last_order_at: instant(facts.last_order_at),
  last_seen_at: instant(facts.last_seen_at),
  currency_code: facts.currency_code ?? null,
})

/**
 * Everything scoring and segments read of a few contacts at `now`, in one
 * statement (`readContactRefresh`): the stored model and lead-score rules,
 * every segment, and per contact what segments evaluate and the activity
 * scores count.
 */
export async function readContactScoring(marketing: MarketingModuleService, contactIds: string[], now: Date) {
  const activitySince = new Date(now.getTime() - SCORING_LOOKBACK_DAYS * 86_400_000)
  const read = await marketing.readContactRefresh(contactIds, { modelKey: SCORES_JOB_KEY, activitySince })
  return {
    read,
    ...splitRefreshRows(contactIds, read.contacts, activitySince),
    model: read.model as ScoringModel | null,
    rules: read.lead_score_rules.map(toLeadScoreRule),
  }
}

/**
 * A contact's scores as of `now` with the sentences that explain them, for
 * the admin: computed on request from the contact's rows and the stored
 * model, as the update after an event computes them. Null before the first
 * full refresh has stored a model, or for a contact that is gone.
 *
 * @example
 * const explained = await explainContactScoresNow(marketing, contact.id)
 */
export async function explainContactScoresNow(
  marketing: MarketingModuleService,
  contactId: string,
  now: Date = new Date()
): Promise<ExplainedScores | null> {
  const { read, activity, model, rules } = await readContactScoring(marketing, [contactId], now)
  const [row] = read.contacts
  if (!model || !row) {
    return null
  }
  return explainContact(scoringInputOf(row.facts), activity.get(contactId) ?? [], model, rules, now)
}
