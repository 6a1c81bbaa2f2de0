import type { LeadScorePropertyCondition } from "../../lib/scoring"
import type { LeadScoreRuleRow } from "./types"

type ScoredFields = Pick<
  LeadScoreRuleRow,
  "points" | "event_type" | "property" | "expires_after_days" | "max_times" | "enabled"
>

const sameCondition = (a: LeadScorePropertyCondition | null, b: LeadScorePropertyCondition | null) =>
  a === b || (!!a && !!b && a.path === b.path && a.operator === b.operator && a.value === b.value)

/**
 * The event types whose contacts' lead scores a rule change can move: the
 * type the rule counted before (if it was on) and the one it counts now (if
 * it is on). None when only the name changed, so a rename does not rescore
 * a whole store.
 */
export function eventTypesToRescore(before: ScoredFields | null, after: ScoredFields | null): string[] {
  const unchanged =
    !!before &&
    !!after &&
    before.points === after.points &&
    before.event_type === after.event_type &&
    sameCondition(before.property ?? null, after.property ?? null) &&
    (before.expires_after_days ?? null) === (after.expires_after_days ?? null) &&
    (before.max_times ?? null) === (after.max_times ?? null) &&
    before.enabled === after.enabled
  if (unchanged) {
    return []
  }
  const types = [before, after].filter((rule) => rule?.enabled).map((rule) => rule!.event_type)
  return [...new Set(types)]
}
