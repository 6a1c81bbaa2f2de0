import type { EngagementBreakdown, EngagementEvent } from "./engagement"
import {
  DEFAULT_ENGAGEMENT_HALF_LIFE_DAYS,
  engagementBreakdown,
  engagementScoreAt,
  explainEngagementBreakdown,
} from "./engagement"
import { SCORING_LOOKBACK_MS } from "./lookback"
import {
  awardedPointsFromEvents,
  explainLeadScore,
  LeadScoreEvent,
  leadScoreResult,
  LeadScoreResult,
  LeadScoreRule,
  scoreLead,
} from "./lead-score"
import {
  explainPrediction,
  fitPredictionModel,
  fitPredictionModelOnSample,
  PredictionModel,
  predictCustomer,
} from "./predict"
import type { PurchaseHistory } from "./purchase-history"
import type { StoreOrderStats } from "./median-gap"
import { computeRfmBoundarySet, explainRfm, RfmBoundarySet, RfmInput, rfmScoreFor } from "./rfm"

/** What a full refresh fits over all buyers, kept to score one contact later. */
export type ScoringModel = {
  rfm: RfmBoundarySet
  /**
   * When the RFM cut points were computed. The next hourly refresh reads,
   * besides the contacts that are due, only those between these cut points
   * and its own (`rfmCutShifts`); without it, it reads every contact.
   */
  rfm_at?: string
  prediction: PredictionModel
  fitted_at: string
}

/** A point in time as the callers have it: a Date, an ISO string, or milliseconds since the epoch. */
export type Instant = Date | string | number

export type ScoringInput = {
  id: string
  orders_count: number
  total_spent: number
  first_order_at: Instant | null
  last_order_at: Instant | null
  last_seen_at: Instant | null
  currency_code: string | null
}

/** A contact's timeline and email activity, as scoring reads it. */
export type ScoringActivity = { type: string; at: Date | string; data?: Record<string, unknown> | null }

export type ContactScoreValues = {
  id: string
  rfm_recency: number | null
  rfm_frequency: number | null
  rfm_monetary: number | null
  rfm_segment: string | null
  engagement_score: number
  /** The engagement points before the cap, as counted from the events at `engagement_counted_at`. */
  engagement_points: number
  engagement_counted_at: string | null
  lead_score: number
  churn_risk: number | null
  probability_alive: number | null
  predicted_orders_365: number | null
  predicted_value_365: number | null
  next_order_expected_at: string | null
  /**
   * The first instant an event stops counting (it leaves the lookback or its
   * lead-score rule's expiry), after which the scores must be counted from
   * the events again; until then the hourly refresh moves them with time
   * from the stored engagement points and lead score. Null when nothing expires.
   */
  scores_recheck_at: string | null
  /**
   * The first instant a stored value may differ from what scoring would
   * give: the recheck, or the instant up to which looking ahead found
   * engagement and the prediction unchanged (see `scoresDueAt`). The hourly
   * refresh reads only contacts due by then. `scores_updated_at` when a
   * value may move within half an hour.
   */
  scores_due_at: string
  scores_updated_at: string
}

/** The scores the hourly refresh carries forward rather than counting events again. */
export type StoredActivityScores = {
  engagement_points: number
  engagement_counted_at: Instant | null
  lead_score: number
  scores_recheck_at: Instant | null
}

/**
 * Why a contact has its scores, in the sentences the admin shows. Built when
 * someone asks rather than stored: the sentences would be most of a contact
 * row, and their "3 days ago"s change every hour, so the hourly refresh would
 * rewrite nearly every contact for them alone.
 */
export type ContactScoreExplanation = Record<"rfm" | "prediction" | "engagement" | "lead_score", string[]>

/** A contact's scores with their explanation, computed together. */
export type ExplainedScores = { scores: ContactScoreValues; explanation: ContactScoreExplanation }

export { SCORING_LOOKBACK_DAYS, SCORING_LOOKBACK_MS } from "./lookback"

const toDate = (value: Instant | null) => (value ? new Date(value) : null)

/**
 * An instant in its stored form (ISO 8601), remembering the last one: the
 * full refresh converts the same few instants (its own time, the last
 * count's, a day) for most of a million contacts.
 */
function isoStrings(): (value: Instant) => string {
  let lastMs = NaN
  let last = ""
  return (value) => {
    const ms = typeof value === "number" ? value : new Date(value).getTime()
    if (ms !== lastMs) {
      last = new Date(ms).toISOString()
      lastMs = ms
    }
    return last
  }
}
const updatedIso = isoStrings()
const countedIso = isoStrings()
const nextOrderIso = isoStrings()
const dueIso = isoStrings()

const DAY_MS = 86_400_000

/** A contact's order history as the prediction model reads it. */
export const purchaseHistoryOf = (input: ScoringInput): PurchaseHistory => ({
  id: input.id,
  orders: input.orders_count,
  first_order_at: toDate(input.first_order_at),
  last_order_at: toDate(input.last_order_at),
  monetary: input.total_spent,
})

/** A contact as RFM reads it: days since the last order, orders, net spend. */
export const rfmInputOf = (input: ScoringInput, now: Date): RfmInput => {
  const last = toDate(input.last_order_at)
  return {
    id: input.id,
    days_since_last_order: input.orders_count > 0 && last ? Math.max(0, (now.getTime() - last.getTime()) / 86_400_000) : null,
    orders: input.orders_count,
    monetary: input.total_spent,
  }
}

/** Fits the RFM cut points and the prediction model over every contact given. */
export function buildScoringModel(inputs: ScoringInput[], now: Date): ScoringModel {
  return {
    rfm: computeRfmBoundarySet(inputs.map((input) => rfmInputOf(input, now))),
    rfm_at: now.toISOString(),
    prediction: fitPredictionModel(inputs.map(purchaseHistoryOf), now),
    fitted_at: now.toISOString(),
  }
}

/**
 * `buildScoringModel` from what it derives of the contacts rather than the
 * contacts themselves: RFM cut points, the store's order statistics and the
 * buyers the prediction model is fitted on (see `fitPredictionModelOnSample`),
 * the search starting from the `previous` model's fit when there is one.
 */
export function buildScoringModelFromPopulation(
  population: { rfm: RfmBoundarySet; store: StoreOrderStats; sample: PurchaseHistory[] },
  now: Date,
  previous: ScoringModel | null = null
): ScoringModel {
  return {
    rfm: population.rfm,
    rfm_at: now.toISOString(),
    prediction: fitPredictionModelOnSample({ store: population.store, sample: population.sample }, now, {
      previousBgNbd: previous?.prediction.bg_nbd,
    }),
    fitted_at: now.toISOString(),
  }
}

/** The timeline and email event types that count for engagement, and what they count as. */
export const ENGAGEMENT_ACTIVITY_TYPES: Readonly<Record<string, Exclude<EngagementEvent["type"], "visit">>> = {
  opened: "open",
  clicked: "click",
  cart_updated: "cart",
  order_placed: "order",
}

/** The engagement breakdown and lead score of one contact, from its events. */
function activityParts(
  input: ScoringInput,
  activity: ScoringActivity[],
  leadRules: LeadScoreRule[],
  now: Date
): { engagement: EngagementBreakdown; lead: LeadScoreResult } {
  const engagementEvents: EngagementEvent[] = activity.flatMap((event) => {
    const type = ENGAGEMENT_ACTIVITY_TYPES[event.type]
    return type ? [{ type, at: new Date(event.at) }] : []
  })
  const lastSeen = toDate(input.last_seen_at)
  if (lastSeen) {
    engagementEvents.push({ type: "visit", at: lastSeen })
  }
  const leadEvents: LeadScoreEvent[] = activity.map((event) => ({
    type: event.type,
    at: new Date(event.at),
    data: event.data ?? null,
  }))
  const awarded = awardedPointsFromEvents(leadEvents)
  const lead = scoreLead(leadRules, leadEvents, now)
  return {
    engagement: engagementBreakdown(engagementEvents, now),
    lead: awarded ? leadScoreResult([...lead.breakdown, awarded]) : lead,
  }
}

/**
 * Every score of one contact from its events, against the stored model: the
 * update after one contact's event. The full refresh computes the same
 * values from activity summed in SQL (`scoreContactFromSummary`).
 */
export function scoreContact(
  input: ScoringInput,
  activity: ScoringActivity[],
  model: ScoringModel,
  leadRules: LeadScoreRule[],
  now: Date
): ContactScoreValues {
  const { engagement, lead } = activityParts(input, activity, leadRules, now)
  return assembleContactScores(input, engagement, lead, model, now)
}

/** `scoreContact` with the sentences that explain each score. */
export function explainContact(
  input: ScoringInput,
  activity: ScoringActivity[],
  model: ScoringModel,
  leadRules: LeadScoreRule[],
  now: Date
): ExplainedScores {
  const { engagement, lead } = activityParts(input, activity, leadRules, now)
  return explainContactScores(input, engagement, lead, model, leadRules, now)
}

/** What RFM and the prediction read of a contact, and what they make of it. */
function purchaseParts(input: ScoringInput, model: ScoringModel, now: Date) {
  const rfm = rfmInputOf(input, now)
  const purchases = purchaseHistoryOf(input)
  return {
    rfm,
    rfmScore: rfmScoreFor(rfm, model.rfm),
    purchases,
    prediction: predictCustomer(model.prediction, purchases, { now }),
  }
}

/**
 * Every score of one contact from its engagement breakdown and lead score,
 * computed already: `scoreContact` computes them from the events, the full
 * refresh from totals summed in SQL.
 */
export function assembleContactScores(
  input: ScoringInput,
  engagement: EngagementBreakdown,
  lead: LeadScoreResult,
  model: ScoringModel,
  now: Date
): ContactScoreValues {
  return scoreValues(input, activityScores(engagement, lead, now), purchaseParts(input, model, now), model, now)
}

/**
 * When the counted activity next changes by time alone other than by decay:
 * the earliest event leaving the lookback or a lead rule's expiry, or an
 * event dated ahead of `now`, which counts as happening now until it does.
 */
function recheckAt(engagement: EngagementBreakdown, lead: LeadScoreResult, now: Date): string | null {
  let earliest = Infinity
  for (const entry of engagement.contributions) {
    if (entry.type !== "visit") {
      earliest = Math.min(earliest, entry.first_at.getTime() + SCORING_LOOKBACK_MS)
    }
    if (entry.last_at > now) {
      earliest = Math.min(earliest, entry.last_at.getTime())
    }
  }
  for (const entry of lead.breakdown) {
    if (entry.changes_at) {
      earliest = Math.min(earliest, entry.changes_at.getTime())
    }
  }
  return Number.isFinite(earliest) ? new Date(earliest).toISOString() : null
}

function scoreValues(
  input: ScoringInput,
  activity: StoredActivityScores & { engagement_score: number },
  { rfmScore, purchases, prediction }: ReturnType<typeof purchaseParts>,
  model: ScoringModel,
  now: Date
): ContactScoreValues {
  const shown = roundedPrediction(prediction)
  return {
    id: input.id,
    rfm_recency: rfmScore?.recency ?? null,
    rfm_frequency: rfmScore?.frequency ?? null,
    rfm_monetary: rfmScore?.monetary ?? null,
    rfm_segment: rfmScore?.segment ?? null,
    engagement_score: activity.engagement_score,
    engagement_points: activity.engagement_points,
    engagement_counted_at: activity.engagement_counted_at === null ? null : countedIso(activity.engagement_counted_at),
    lead_score: activity.lead_score,
    ...storedPrediction(shown),
    scores_recheck_at: activity.scores_recheck_at === null ? null : new Date(activity.scores_recheck_at).toISOString(),
    scores_due_at: scoresDueAt(purchases, activity, shown, model, now),
    scores_updated_at: updatedIso(now),
  }
}

const rounded = (value: number, decimals: number) => Math.round(value * 10 ** decimals) / 10 ** decimals

type RoundedPrediction = {
  probability_alive: number
  predicted_orders_365: number
  predicted_value_365: number
  /** The start of the UTC day, epoch ms. */
  next_order_day: number | null
}

/**
 * The prediction at the precision it is read at: probabilities to 0.1%,
 * orders to hundredths, value to cents, the next order to its UTC day. Time
 * moves every buyer's prediction a little each hour; stored this way, a
 * buyer is rewritten only when a value one can see has moved (about one in
 * twenty an hour, against every one at full precision).
 */
function roundedPrediction(prediction: ReturnType<typeof predictCustomer>): RoundedPrediction | null {
  if (!prediction) {
    return null
  }
  const next = prediction.next_order_expected_at
  return {
    probability_alive: rounded(prediction.probability_alive, 3),
    predicted_orders_365: rounded(prediction.expected_orders, 2),
    predicted_value_365: rounded(prediction.expected_value, 2),
    next_order_day: next ? Math.floor(next.getTime() / DAY_MS) * DAY_MS : null,
  }
}

const samePrediction = (a: RoundedPrediction | null, b: RoundedPrediction | null) =>
  a === null || b === null
    ? a === b
    : a.probability_alive === b.probability_alive &&
      a.predicted_orders_365 === b.predicted_orders_365 &&
      a.predicted_value_365 === b.predicted_value_365 &&
      a.next_order_day === b.next_order_day

function storedPrediction(shown: RoundedPrediction | null) {
  if (!shown) {
    return {
      churn_risk: null,
      probability_alive: null,
      predicted_orders_365: null,
      predicted_value_365: null,
      next_order_expected_at: null,
    }
  }
  return {
    churn_risk: rounded(1 - shown.probability_alive, 3),
    probability_alive: shown.probability_alive,
    predicted_orders_365: shown.predicted_orders_365,
    predicted_value_365: shown.predicted_value_365,
    next_order_expected_at: shown.next_order_day === null ? null : nextOrderIso(shown.next_order_day),
  }
}

/**
 * How far ahead scoring looks for a contact's next change, longest first.
 * Without a new order or event, engagement only decays and the prediction
 * only falls (the chance of being active, the orders and value expected) or
 * moves later (the next order's day), so a value shown the same at both ends
 * of a span is the same all along it: one evaluation at the end tells that
 * nothing changes within it.
 */
const DUE_LOOKAHEAD_MS = [30 * DAY_MS, 7 * DAY_MS, DAY_MS, 3 * 3_600_000]

/**
 * Between the longest span found unchanged and the next longer one, the
 * change is narrowed down by halving until the gap left is under half an
 * hour (the hourly refresh could not act on less), or under an eighth of
 * the span known unchanged, so each contact is read about once per change.
 */
const DUE_RESOLUTION_MS = 30 * 60_000

/** A number in [0, 1) from an id (FNV-1a, then MurmurHash3's finaliser to mix in the last characters), the same on every run. */
function spreadOf(id: string): number {
  let hash = 0x811c9dc5
  for (let i = 0; i < id.length; i++) {
    hash = Math.imul(hash ^ id.charCodeAt(i), 0x01000193)
  }
  hash = Math.imul(hash ^ (hash >>> 16), 0x85ebca6b)
  hash = Math.imul(hash ^ (hash >>> 13), 0xc2b2ae35)
  return ((hash ^ (hash >>> 16)) >>> 0) / 2 ** 32
}

/**
 * The first instant a contact's shown engagement or prediction may differ
 * from now's without a new event: where the look-ahead finds the next
 * change, no later than the recheck (a counted event expiring); `now` when
 * one may come within half an hour. Contacts nothing moves for the longest
 * span (most of a store) are spread over its second half by id, so the
 * contacts one refresh scores do not all fall due together a month later.
 * RFM is left out: it moves with the cut points, which the hourly refresh
 * compares as a whole (`rfmCutShifts`).
 */
function scoresDueAt(
  purchases: PurchaseHistory,
  activity: StoredActivityScores & { engagement_score: number },
  shown: RoundedPrediction | null,
  model: ScoringModel,
  now: Date
): string {
  const counted = toDate(activity.engagement_counted_at)
  const unchangedFor = (ahead: number) => {
    const at = new Date(now.getTime() + ahead)
    return (
      engagementScoreAt(activity.engagement_points, counted, at, DEFAULT_ENGAGEMENT_HALF_LIFE_DAYS) ===
        activity.engagement_score &&
      samePrediction(roundedPrediction(predictCustomer(model.prediction, purchases, { now: at })), shown)
    )
  }
  // Nothing changes over [now, now + unchanged]; something has by now + changed.
  let unchanged = 0
  let changed = Infinity
  for (const ahead of DUE_LOOKAHEAD_MS) {
    if (unchangedFor(ahead)) {
      unchanged = ahead
      break
    }
    changed = ahead
  }
  if (changed === Infinity) {
    unchanged *= 1 - spreadOf(purchases.id) / 2
    changed = unchanged
  }
  while (changed - unchanged > Math.max(DUE_RESOLUTION_MS, unchanged / 8)) {
    const middle = (unchanged + changed) / 2
    if (unchangedFor(middle)) {
      unchanged = middle
    } else {
      changed = middle
    }
  }
  const recheck = activity.scores_recheck_at === null ? Infinity : new Date(activity.scores_recheck_at).getTime()
  return dueIso(Math.min(now.getTime() + Math.floor(unchanged), recheck))
}

/** What the events make of engagement and the lead score, in the stored form. */
const activityScores = (engagement: EngagementBreakdown, lead: LeadScoreResult, now: Date) => ({
  engagement_score: engagement.score,
  // Single precision, as stored and as the score is taken from it.
  engagement_points: Math.fround(engagement.uncapped),
  engagement_counted_at: now,
  lead_score: lead.score,
  scores_recheck_at: recheckAt(engagement, lead, now),
})

/**
 * A contact's scores at `now` without reading its events: RFM and the
 * prediction from its order facts, engagement decayed from the points
 * stored, the lead score as stored. Equal to `scoreContact` from the events
 * as long as no counted event has expired (`scores_recheck_at` still
 * ahead), which the caller checks.
 */
export function scoreContactFromStored(
  input: ScoringInput,
  stored: StoredActivityScores,
  model: ScoringModel,
  now: Date
): ContactScoreValues {
  // Named rather than spread: the full refresh passes its whole page row as `stored`.
  const activity = {
    engagement_points: stored.engagement_points,
    engagement_counted_at: stored.engagement_counted_at,
    lead_score: stored.lead_score,
    scores_recheck_at: stored.scores_recheck_at,
    engagement_score: engagementScoreAt(
      stored.engagement_points,
      toDate(stored.engagement_counted_at),
      now,
      DEFAULT_ENGAGEMENT_HALF_LIFE_DAYS
    ),
  }
  return scoreValues(input, activity, purchaseParts(input, model, now), model, now)
}

/**
 * Whether stored activity scores can be carried forward to `now`: they were
 * counted from the events once, and no counted event has expired since.
 */
export const storedActivityHolds = (
  stored: { engagement_counted_at: Instant | null; scores_recheck_at: Instant | null },
  now: Date
) =>
  stored.engagement_counted_at !== null &&
  (stored.scores_recheck_at === null || new Date(stored.scores_recheck_at).getTime() > now.getTime())

/** `assembleContactScores` with the sentences that explain each score. */
function explainContactScores(
  input: ScoringInput,
  engagement: EngagementBreakdown,
  lead: LeadScoreResult,
  model: ScoringModel,
  leadRules: LeadScoreRule[],
  now: Date
): ExplainedScores {
  const parts = purchaseParts(input, model, now)
  const { rfm, rfmScore, purchases, prediction } = parts
  const currencyCode = input.currency_code
  return {
    scores: scoreValues(input, activityScores(engagement, lead, now), parts, model, now),
    explanation: {
      rfm: explainRfm(rfm, rfmScore, { currencyCode }),
      prediction: explainPrediction(prediction, purchases, model.prediction, now, { currencyCode }),
      engagement: explainEngagementBreakdown(engagement, now),
      lead_score: explainLeadScore(lead, now, leadRules),
    },
  }
}
