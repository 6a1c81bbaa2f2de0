import { daysAgo, formatNumber, plural } from "./explain-format"

export type EngagementEventType = "open" | "click" | "visit" | "cart" | "order"

export type EngagementEvent = { type: EngagementEventType; at: Date }

export type EngagementWeights = Record<EngagementEventType, number>

export type EngagementOptions = {
  /** Points of each event type when it happens now. */
  weights?: Partial<EngagementWeights>
  /** Days after which an event counts half; default 30. */
  halfLifeDays?: number
}

/**
 * Points per event when it happens now. An order is the strongest sign of
 * interest and a cart the next; a click is a deliberate act, worth four
 * opens, because opens are inflated by privacy proxies and image prefetching
 * even after the caller drops the opens it can tell are machine opens (which
 * it must: the score does not know). A site visit sits between the two.
 * Three orders and two clicks on the same day reach the cap.
 */
export const DEFAULT_ENGAGEMENT_WEIGHTS: EngagementWeights = {
  order: 30,
  cart: 12,
  click: 8,
  visit: 4,
  open: 2,
}

export const DEFAULT_ENGAGEMENT_HALF_LIFE_DAYS = 30

/** The score never exceeds this, however much activity adds up. */
export const ENGAGEMENT_MAX = 100

const DAY_MS = 86_400_000

export type EngagementContribution = {
  type: EngagementEventType
  count: number
  /** Decayed points from this type, before the cap. */
  points: number
  last_at: Date
  /** The earliest of them: when it leaves the scoring lookback, the score drops its points. */
  first_at: Date
}

export type EngagementBreakdown = {
  /** 0 to 100, in whole points. */
  score: number
  /** Sum of decayed points before the cap. */
  uncapped: number
  /** Per event type, largest first. */
  contributions: EngagementContribution[]
  half_life_days: number
}

function resolveOptions(options: EngagementOptions) {
  const halfLifeDays = options.halfLifeDays ?? DEFAULT_ENGAGEMENT_HALF_LIFE_DAYS
  if (!(halfLifeDays > 0) || !Number.isFinite(halfLifeDays)) {
    throw new RangeError(`halfLifeDays must be a positive number, got ${halfLifeDays}`)
  }
  const weights = { ...DEFAULT_ENGAGEMENT_WEIGHTS, ...options.weights }
  for (const [type, weight] of Object.entries(weights)) {
    if (!Number.isFinite(weight) || weight < 0) {
      throw new RangeError(`weights.${type} must be a number ≥ 0, got ${weight}`)
    }
  }
  return { halfLifeDays, weights }
}

/*
 * Each event is worth its weight times 2^(−age / half-life): worth half after
 * one half-life, a quarter after two, so a burst of activity fades smoothly
 * instead of dropping off a window's edge. The points add up and the total is
 * capped at 100, which keeps the score explainable as a sum ("3 clicks this
 * week: 22 points"). The score is taken from the total in single precision,
 * the precision it is stored in: the hourly refresh decays the stored total
 * (`engagementScoreAt`), and at the instant of counting both give one score.
 * Events dated after `now` (clock skew between the tracker and the job)
 * count as happening now; types without a weight are ignored.
 */
export function engagementBreakdown(
  events: EngagementEvent[],
  now: Date,
  options: EngagementOptions = {}
): EngagementBreakdown {
  const { halfLifeDays, weights } = resolveOptions(options)
  const byType = new Map<EngagementEventType, EngagementContribution>()
  for (const event of events) {
    const weight = weights[event.type]
    if (!weight) {
      continue
    }
    const points = decayedPoints(weight, now.getTime() - event.at.getTime(), halfLifeDays)
    const entry = byType.get(event.type)
    if (entry) {
      entry.count++
      entry.points += points
      if (event.at > entry.last_at) {
        entry.last_at = event.at
      }
      if (event.at < entry.first_at) {
        entry.first_at = event.at
      }
    } else {
      byType.set(event.type, { type: event.type, count: 1, points, last_at: event.at, first_at: event.at })
    }
  }
  return engagementFromContributions([...byType.values()], halfLifeDays)
}

/**
 * 0 to 100 in whole points: finer steps say nothing more about a person, and
 * each step the decay crosses is a row the hourly refresh must rewrite.
 */
const capAndRound = (points: number) => Math.round(Math.min(ENGAGEMENT_MAX, points))

/**
 * The score and its breakdown from per-type totals: what
 * `engagementBreakdown` computes once it has summed the events, for a caller
 * that summed them elsewhere (the full refresh sums them in SQL).
 */
export function engagementFromContributions(
  contributions: EngagementContribution[],
  halfLifeDays = DEFAULT_ENGAGEMENT_HALF_LIFE_DAYS
): EngagementBreakdown {
  const sorted = [...contributions].sort((x, y) => y.points - x.points)
  const uncapped = sorted.reduce((sum, entry) => sum + entry.points, 0)
  return {
    score: capAndRound(Math.fround(uncapped)),
    uncapped,
    contributions: sorted,
    half_life_days: halfLifeDays,
  }
}

/** The points one event of `weight` is worth `ageMs` after it happened (future events count as now). */
export function decayedPoints(weight: number, ageMs: number, halfLifeDays = DEFAULT_ENGAGEMENT_HALF_LIFE_DAYS): number {
  const ageDays = Math.max(0, ageMs / DAY_MS)
  return weight * Math.pow(2, -ageDays / halfLifeDays)
}

/**
 * The engagement score at `now` of points counted at an earlier instant.
 * Every event halves its points at the same pace, so the total counted once
 * decays as one: the hourly refresh turns stored points into the score of
 * the hour without reading a single event.
 */
export function engagementScoreAt(
  points: number,
  countedAt: Date | null,
  now: Date,
  halfLifeDays = DEFAULT_ENGAGEMENT_HALF_LIFE_DAYS
): number {
  return countedAt ? capAndRound(decayedPoints(points, now.getTime() - countedAt.getTime(), halfLifeDays)) : 0
}

/** Engagement 0–100 (whole points) from the contact's recent activity. */
export function engagementScore(
  events: EngagementEvent[],
  now: Date,
  options: EngagementOptions = {}
): number {
  return engagementBreakdown(events, now, options).score
}

const LABELS: Record<EngagementEventType, [string, string]> = {
  order: ["order", "orders"],
  cart: ["cart update", "cart updates"],
  click: ["email click", "email clicks"],
  visit: ["site visit", "site visits"],
  open: ["email open", "email opens"],
}

/** Sentences for the admin: the score, then its largest contributors. */
export function explainEngagement(
  events: EngagementEvent[],
  now: Date,
  options: EngagementOptions & { top?: number } = {}
): string[] {
  return explainEngagementBreakdown(engagementBreakdown(events, now, options), now, options.top)
}

/** The sentences of `explainEngagement` for a breakdown computed already. */
export function explainEngagementBreakdown(breakdown: EngagementBreakdown, now: Date, top = 3): string[] {
  if (breakdown.contributions.length === 0) {
    return ["Engagement 0/100: no opens, clicks, visits, cart activity or orders on record."]
  }
  const lines = [
    `Engagement ${formatNumber(breakdown.score)}/100; each event's points halve every ${plural(breakdown.half_life_days, "day")}.`,
  ]
  for (const entry of breakdown.contributions.slice(0, top)) {
    const [one, many] = LABELS[entry.type]
    const ageDays = (now.getTime() - entry.last_at.getTime()) / DAY_MS
    lines.push(
      `${plural(entry.count, one, many)}, the latest ${daysAgo(ageDays)}: ${formatNumber(entry.points)} points.`
    )
  }
  if (breakdown.uncapped > ENGAGEMENT_MAX) {
    lines.push(
      `Activity adds up to ${formatNumber(breakdown.uncapped)} points; the score stops at ${ENGAGEMENT_MAX}.`
    )
  }
  return lines
}
