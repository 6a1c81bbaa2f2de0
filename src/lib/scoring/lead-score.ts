import { daysAgo, plural } from "./explain-format"
import { SCORING_LOOKBACK_DAYS, SCORING_LOOKBACK_MS } from "./lookback"

export const LEAD_SCORE_OPERATORS = [
  "eq",
  "neq",
  "gt",
  "gte",
  "lt",
  "lte",
  "contains",
  "exists",
] as const

export type LeadScoreOperator = (typeof LEAD_SCORE_OPERATORS)[number]

export type LeadScorePropertyCondition = {
  /** Dot path into the event's data: "total", "items.product_id", "items.0.sku". */
  path: string
  operator: LeadScoreOperator
  /** Unused by `exists`, except that `false` turns it into "does not exist". */
  value?: string | number | boolean
}

/**
 * Points when a contact does something, as in Mautic's point actions and
 * HubSpot's score properties: `points` (negative to take points away) each
 * time an event of `event_type` (whose data meets `property`, if given)
 * happens, counting only events in the last `expires_after_days` and at most
 * `max_times` of them.
 */
export type LeadScoreRule = {
  id: string
  name: string
  points: number
  when: {
    event_type: string
    property?: LeadScorePropertyCondition
  }
  expires_after_days?: number
  max_times?: number
}

export type LeadScoreEvent = {
  type: string
  at: Date
  data?: Record<string, unknown> | null
}

export type LeadScoreBreakdownEntry = {
  rule_id: string
  name: string
  /** Events counted, after expiry and the cap. */
  times: number
  points: number
  /** Matching events older than the rule's expiry. */
  expired: number
  /** More events matched than `max_times` allowed. */
  capped: boolean
  last_at: Date | null
  /**
   * When the earliest counted event stops counting (its rule's expiry or the
   * scoring lookback), the first instant the line can change without a new
   * event; null when nothing counts.
   */
  changes_at: Date | null
}

export type LeadScoreResult = {
  score: number
  /** Rules that matched at least one event, in rule order. */
  breakdown: LeadScoreBreakdownEntry[]
}

const DAY_MS = 86_400_000

/*
 * A path segment that meets an array is applied to every element ("items.sku"
 * reads each item's sku), while a numeric segment indexes it ("items.0.sku").
 * The condition then holds when any value found meets it, except `neq`, which
 * holds when none equals the value, so "neq" is the exact opposite of "eq".
 */
export function readPath(data: unknown, path: string): unknown[] {
  let current: unknown[] = [data]
  for (const segment of path.split(".")) {
    const next: unknown[] = []
    const visit = (value: unknown) => {
      if (value === null || value === undefined) {
        return
      }
      if (Array.isArray(value)) {
        if (/^\d+$/.test(segment)) {
          next.push(value[Number(segment)])
        } else {
          value.forEach(visit)
        }
        return
      }
      if (typeof value === "object" && Object.prototype.hasOwnProperty.call(value, segment)) {
        next.push((value as Record<string, unknown>)[segment])
      }
    }
    current.forEach(visit)
    current = next
  }
  return current.flatMap((value) => (Array.isArray(value) ? value : [value])).filter(
    (value) => value !== undefined && value !== null
  )
}

// Medusa serialises money as numeric strings on some paths ("49.90"), so a
// numeric comparison accepts those too; anything else is not a number.
function asNumber(value: unknown): number | null {
  if (typeof value === "number") {
    return Number.isFinite(value) ? value : null
  }
  if (typeof value === "string" && value.trim() !== "" && Number.isFinite(Number(value))) {
    return Number(value)
  }
  return null
}

function equals(actual: unknown, expected: unknown): boolean {
  if (actual === expected) {
    return true
  }
  const left = asNumber(actual)
  return typeof expected === "number" && left !== null && left === expected
}

function meets(actual: unknown, operator: LeadScoreOperator, expected: unknown): boolean {
  switch (operator) {
    case "eq":
      return equals(actual, expected)
    case "contains":
      // Case-insensitive: merchants type "Shoes" for a product titled "Running shoes".
      return (
        typeof actual === "string" &&
        actual.toLowerCase().includes(String(expected).toLowerCase())
      )
    default: {
      const left = asNumber(actual)
      const right = asNumber(expected)
      if (left === null || right === null) {
        return false
      }
      return operator === "gt"
        ? left > right
        : operator === "gte"
          ? left >= right
          : operator === "lt"
            ? left < right
            : left <= right
    }
  }
}

export function matchesCondition(
  data: LeadScoreEvent["data"],
  condition: LeadScorePropertyCondition
): boolean {
  const values = readPath(data ?? {}, condition.path)
  switch (condition.operator) {
    case "exists":
      return condition.value === false ? values.length === 0 : values.length > 0
    case "neq":
      return !values.some((value) => equals(value, condition.value))
    default:
      return values.some((value) => meets(value, condition.operator, condition.value))
  }
}

export function matchesRule(rule: LeadScoreRule, event: LeadScoreEvent): boolean {
  if (event.type !== rule.when.event_type) {
    return false
  }
  return !rule.when.property || matchesCondition(event.data, rule.when.property)
}

/**
 * The lead score: for each rule, the matching events still inside its expiry
 * (at or after now − expires_after_days), capped at max_times, times its
 * points; summed over rules. The score may go below zero, as Mautic's does,
 * so negative rules (unsubscribed, bounced) can outweigh old activity.
 * Events dated after `now` count as happening now.
 */
export function scoreLead(rules: LeadScoreRule[], events: LeadScoreEvent[], now: Date): LeadScoreResult {
  const breakdown: LeadScoreBreakdownEntry[] = []
  for (const rule of rules) {
    const since = leadRuleCountsFrom(rule, now)
    let counted = 0
    let expired = 0
    let lastAt: Date | null = null
    let firstAt: Date | null = null
    for (const event of events) {
      if (!matchesRule(rule, event)) {
        continue
      }
      if (event.at.getTime() < since) {
        expired++
        continue
      }
      counted++
      if (!lastAt || event.at > lastAt) {
        lastAt = event.at
      }
      if (!firstAt || event.at < firstAt) {
        firstAt = event.at
      }
    }
    const entry = leadScoreEntry(rule, counted, expired, lastAt, firstAt)
    if (entry) {
      breakdown.push(entry)
    }
  }
  return leadScoreResult(breakdown)
}

/** The milliseconds since the epoch from which a rule's events count (before it they have expired). */
export function leadRuleCountsFrom(rule: LeadScoreRule, now: Date): number {
  return rule.expires_after_days !== undefined ? now.getTime() - rule.expires_after_days * DAY_MS : -Infinity
}

/** How long a rule's events count: its expiry, never past the scoring lookback. */
const countingWindowMs = (rule: LeadScoreRule) =>
  Math.min(rule.expires_after_days ?? SCORING_LOOKBACK_DAYS, SCORING_LOOKBACK_DAYS) * DAY_MS

/**
 * One rule's line of the breakdown from its matching events, counted (inside
 * the expiry) and expired, and the latest and earliest counted ones; null
 * when none matched. `scoreLead` counts them itself; the full refresh counts
 * them in SQL.
 */
export function leadScoreEntry(
  rule: LeadScoreRule,
  counted: number,
  expired: number,
  lastAt: Date | null,
  firstAt: Date | null = null
): LeadScoreBreakdownEntry | null {
  if (counted === 0 && expired === 0) {
    return null
  }
  const times = rule.max_times !== undefined ? Math.min(counted, rule.max_times) : counted
  return {
    rule_id: rule.id,
    name: rule.name,
    times,
    points: times * rule.points,
    expired,
    capped: times < counted,
    last_at: lastAt,
    changes_at: counted > 0 && firstAt ? new Date(firstAt.getTime() + countingWindowMs(rule)) : null,
  }
}

/** The timeline event a flow step records when it awards lead points (`data.points`). */
export const LEAD_POINTS_EVENT = "lead_points"

/** The breakdown line of points flow steps awarded, which no rule describes. */
export const AWARDED_POINTS_ID = "flow_steps"

/** Points a flow step awarded, as an event carries them; 0 for anything else. */
export function awardedPointsOf(event: LeadScoreEvent): number {
  const points = event.type === LEAD_POINTS_EVENT ? event.data?.points : undefined
  return typeof points === "number" && Number.isFinite(points) ? points : 0
}

/**
 * The breakdown line for points flow steps awarded (`update_contact` with
 * `lead_points`): no cap applies and they count for the whole scoring
 * lookback, so a rescore keeps them. Null when no step awarded any.
 */
export function awardedPointsEntry(
  times: number,
  points: number,
  lastAt: Date | null,
  firstAt: Date | null = null
): LeadScoreBreakdownEntry | null {
  if (times === 0) {
    return null
  }
  return {
    rule_id: AWARDED_POINTS_ID,
    name: "Flow steps",
    times,
    points,
    expired: 0,
    capped: false,
    last_at: lastAt,
    changes_at: firstAt && new Date(firstAt.getTime() + SCORING_LOOKBACK_MS),
  }
}

/** `awardedPointsEntry` from a contact's events. */
export function awardedPointsFromEvents(events: LeadScoreEvent[]): LeadScoreBreakdownEntry | null {
  let times = 0
  let points = 0
  let lastAt: Date | null = null
  let firstAt: Date | null = null
  for (const event of events) {
    if (event.type !== LEAD_POINTS_EVENT) {
      continue
    }
    times++
    points += awardedPointsOf(event)
    if (!lastAt || event.at > lastAt) {
      lastAt = event.at
    }
    if (!firstAt || event.at < firstAt) {
      firstAt = event.at
    }
  }
  return awardedPointsEntry(times, points, lastAt, firstAt)
}

/** The score of a breakdown: its points added up, in rule order. */
export function leadScoreResult(breakdown: LeadScoreBreakdownEntry[]): LeadScoreResult {
  return { score: breakdown.reduce((sum, entry) => sum + entry.points, 0), breakdown }
}

const signed = (points: number) => (points > 0 ? `+${points}` : String(points))

/** Sentences for the admin on how the lead score adds up. */
export function explainLeadScore(
  result: LeadScoreResult,
  now: Date,
  rules: LeadScoreRule[] = []
): string[] {
  const counting = result.breakdown.filter((entry) => entry.times > 0 && entry.rule_id !== AWARDED_POINTS_ID)
  const awarded = result.breakdown.some((entry) => entry.rule_id === AWARDED_POINTS_ID)
  const sources = [...(counting.length ? [plural(counting.length, "rule")] : []), ...(awarded ? ["flow steps"] : [])]
  const lines = [
    sources.length === 0
      ? `Lead score ${result.score}: no rule matches a recent event.`
      : `Lead score ${result.score} from ${sources.join(" and ")}.`,
  ]
  for (const entry of result.breakdown) {
    const rule = rules.find((candidate) => candidate.id === entry.rule_id)
    const notes: string[] = []
    if (entry.capped && rule?.max_times !== undefined) {
      notes.push(`counted at most ${plural(rule.max_times, "time")}`)
    }
    if (entry.expired > 0) {
      const window = rule?.expires_after_days !== undefined ? ` than ${plural(rule.expires_after_days, "day")}` : ""
      notes.push(`${entry.expired} older${window} no longer ${entry.expired === 1 ? "counts" : "count"}`)
    }
    const latest = entry.last_at
      ? `, latest ${daysAgo((now.getTime() - entry.last_at.getTime()) / DAY_MS)}`
      : ""
    const suffix = notes.length ? ` (${notes.join("; ")})` : ""
    lines.push(
      `${entry.name}: ${plural(entry.times, "time")}${latest}, ${signed(entry.points)} points${suffix}.`
    )
  }
  return lines
}
