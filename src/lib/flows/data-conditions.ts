/**
 * Conditions on event payloads: a trigger's filter, a condition step's
 * `data`, and the `match` of exit rules, goals and wait_for_event steps.
 * Payloads are whatever the event carried, so everything here reads
 * defensively: a missing key, a wrong type or an inherited property simply
 * does not match.
 */

export const DATA_OPERATORS = ["eq", "neq", "gt", "gte", "lt", "lte", "in", "exists"] as const
export type DataOperator = (typeof DATA_OPERATORS)[number]

export type Scalar = string | number | boolean | null

/**
 * One test on a value of a payload, found by a dotted path ("cart.id",
 * "items.0.product_id"). As in segment rules, a comparison with a missing
 * value is false, `neq` too; only `exists` tests presence.
 */
export type DataCondition =
  | { path: string; operator: "eq" | "neq"; value: Scalar }
  | { path: string; operator: "gt" | "gte" | "lt" | "lte"; value: number | string }
  | { path: string; operator: "in"; value: Scalar[] }
  | { path: string; operator: "exists"; value?: undefined }

/**
 * Which events of a name count. `same` ties the event to the run's trigger:
 * `{ trigger: "cart_id", event: "cart_id" }` accepts an order only for the
 * cart whose abandonment started the run. A value missing on either side
 * never matches, so an event without a cart id cannot end every run.
 */
export type EventMatch = {
  same?: { trigger: string; event: string }
  data?: DataCondition[]
}

const isRecord = (value: unknown): value is Record<string, unknown> =>
  typeof value === "object" && value !== null

/** The value at a dotted path, own properties only, so "constructor" or "__proto__" read as missing. */
export function readPath(data: unknown, path: string): unknown {
  let current: unknown = data
  for (const key of path.split(".")) {
    if (!isRecord(current) || !Object.prototype.hasOwnProperty.call(current, key)) {
      return undefined
    }
    current = current[key]
  }
  return current
}

const isSet = (value: unknown) => value !== undefined && value !== null

/**
 * Numbers in payloads sometimes arrive as strings (Medusa serialises big
 * numbers that way), so a number in the condition reads a numeric string
 * as a number; a string in the condition compares as text, which orders
 * ISO dates correctly.
 */
function comparable(actual: unknown, expected: number | string): number | string | null {
  if (typeof expected === "number") {
    if (typeof actual === "number") return Number.isFinite(actual) ? actual : null
    if (typeof actual === "string" && actual.trim() !== "" && Number.isFinite(Number(actual))) return Number(actual)
    return null
  }
  return typeof actual === "string" ? actual : null
}

function evaluateOne(condition: DataCondition, data: unknown): boolean {
  const actual = readPath(data, condition.path)
  if (condition.operator === "exists") {
    return isSet(actual)
  }
  if (!isSet(actual)) {
    return false
  }
  switch (condition.operator) {
    case "eq":
      return actual === condition.value
    case "neq":
      return actual !== condition.value
    case "in": {
      // A list in the payload (an order's product ids) matches when any of its items is listed.
      const values = Array.isArray(actual) ? actual : [actual]
      return values.some((value) => condition.value.includes(value as Scalar))
    }
    default: {
      const left = comparable(actual, condition.value)
      if (left === null) return false
      const right = condition.value
      if (condition.operator === "gt") return left > right
      if (condition.operator === "gte") return left >= right
      if (condition.operator === "lt") return left < right
      return left <= right
    }
  }
}

/** True when every condition holds; an empty list holds. */
export function evaluateDataConditions(conditions: readonly DataCondition[] | undefined, data: unknown): boolean {
  return (conditions ?? []).every((condition) => evaluateOne(condition, data))
}

/** Whether an event's payload satisfies a match, given the payload of the event that started the run. */
export function matchesEvent(match: EventMatch | null | undefined, eventData: unknown, triggerData: unknown): boolean {
  if (!match) {
    return true
  }
  if (match.same) {
    const expected = readPath(triggerData, match.same.trigger)
    const actual = readPath(eventData, match.same.event)
    if (!isSet(expected) || !isSet(actual) || typeof expected === "object" || expected !== actual) {
      return false
    }
  }
  return evaluateDataConditions(match.data, eventData)
}
