import {
  boughtFact,
  CART_ABANDONED,
  ENGAGEMENT_EVENT_TYPES,
  MESSAGE_SENT,
  ORDER_CANCELED,
  ORDER_ITEM_KEYS,
  ORDER_PLACED,
  ORDER_TIMES,
  readsOrderTimes,
} from "./behaviour"
import { InvalidSegmentRuleError, SegmentUsageError } from "./errors"
import { getField, type FieldDefinition } from "./fields"
import type { FieldCondition, OrdersCondition, Rule } from "./schema"
import {
  anniversaryKeys,
  DATE_TEXT_PATTERN,
  dateBounds,
  dateTextBound,
  monthDay,
  pastWindow,
  type DateBound,
  type RelativeWindow,
} from "./time"
import { foldCase, toComparableNumber, toInstant, type InstantValue, type NumberValue } from "./values"

/**
 * A contact's profile columns, as the module stores them (timestamps as
 * Date or ISO strings, numeric columns as numbers or the strings
 * node-postgres returns). A property left out reads as NULL.
 */
export type ContactFacts = {
  email?: string | null
  first_name?: string | null
  last_name?: string | null
  locale?: string | null
  timezone?: string | null
  currency_code?: string | null
  consent_status?: string | null
  rfm_segment?: string | null
  customer_id?: string | null
  suppressed_at?: InstantValue
  orders_count?: NumberValue
  total_spent?: NumberValue
  average_order_value?: NumberValue
  rfm_recency?: NumberValue
  rfm_frequency?: NumberValue
  rfm_monetary?: NumberValue
  engagement_score?: NumberValue
  lead_score?: NumberValue
  churn_risk?: NumberValue
  probability_alive?: NumberValue
  predicted_value_365?: NumberValue
  predicted_orders_365?: NumberValue
  soft_bounces?: NumberValue
  first_order_at?: InstantValue
  last_order_at?: InstantValue
  last_seen_at?: InstantValue
  last_cart_at?: InstantValue
  last_emailed_at?: InstantValue
  last_opened_at?: InstantValue
  last_clicked_at?: InstantValue
  created_at?: InstantValue
  next_order_expected_at?: InstantValue
  /** "YYYY-MM-DD", as the module stores it. */
  birth_date?: string | null
  product_ids?: readonly string[] | null
  category_ids?: readonly string[] | null
  /** When each order not canceled was placed, oldest first. */
  order_times?: readonly InstantValue[] | null
  unsubscribed_topics?: readonly string[] | null
}

/** Rows of the contact's own; rows with `deleted_at` set are ignored, as the SQL ignores them. */
export type ContactEventRow = {
  type: string
  occurred_at: InstantValue
  resource_id?: string | null
  data?: unknown
  deleted_at?: InstantValue
}

export type MessageRow = {
  reason_type: string
  reason_id: string | null
  status: string
  sent_at: InstantValue
  deleted_at?: InstantValue
}

export type MessageEventRow = {
  type: string
  machine: boolean
  occurred_at: InstantValue
  deleted_at?: InstantValue
}

export type MembershipRow = {
  segment_id: string
  exited_at: InstantValue
  deleted_at?: InstantValue
}

/** Lists a rule needs must be given (see `requiredContext`); the others may be left out. */
export type EvaluationContext = {
  now: Date
  events?: readonly ContactEventRow[]
  messages?: readonly MessageRow[]
  messageEvents?: readonly MessageEventRow[]
  memberships?: readonly MembershipRow[]
}

/**
 * Evaluates a rule for one contact in memory, when an event arrives and
 * membership should change at once. It decides exactly what
 * `compileToSql` decides for the same rows and the same `now`; the
 * agreement test runs both over generated data in Postgres.
 *
 * @example
 * const needs = requiredContext(rule)
 * const entered = evaluateRule(rule, contact, {
 *   now,
 *   events: needs.events ? await listEvents(contact.id) : undefined,
 * })
 */
export function evaluateRule(rule: Rule, contact: ContactFacts, context: EvaluationContext): boolean {
  switch (rule.type) {
    case "group": {
      if (rule.rules.length === 0) {
        throw new InvalidSegmentRuleError("a group needs at least one rule")
      }
      const matches = (child: Rule) => evaluateRule(child, contact, context)
      if (rule.match === "all") return rule.rules.every(matches)
      if (rule.match === "any") return rule.rules.some(matches)
      return !rule.rules.some(matches)
    }
    case "field":
      return evaluateField(rule, contact, context.now)
    case "orders":
      return evaluateOrders(rule, contact, live(required(context.events, "events")), context.now)
    case "cart_abandoned":
      return live(required(context.events, "events")).some(
        (event) => event.type === CART_ABANDONED && inWindow(event.occurred_at, rule.within, context.now)
      )
    case "email_engagement": {
      const types: readonly string[] = ENGAGEMENT_EVENT_TYPES[rule.action]
      const engaged = live(required(context.messageEvents, "messageEvents")).some(
        (event) => !event.machine && types.includes(event.type) && inWindow(event.occurred_at, rule.within, context.now)
      )
      return rule.negate ? !engaged : engaged
    }
    case "received_message":
      return live(required(context.messages, "messages")).some(
        (message) =>
          message.status === MESSAGE_SENT &&
          message.reason_type === rule.reason_type &&
          message.reason_id === rule.reason_id &&
          (!rule.within || inWindow(message.sent_at, rule.within, context.now))
      )
    case "segment": {
      const member = live(required(context.memberships, "memberships")).some(
        (membership) => membership.segment_id === rule.segment_id && toInstant(membership.exited_at) === null
      )
      return member === rule.in
    }
    default:
      throw new InvalidSegmentRuleError(`unknown rule type "${(rule as { type?: unknown }).type}"`)
  }
}

function required<T>(rows: readonly T[] | undefined, name: string): readonly T[] {
  if (!rows) {
    throw new SegmentUsageError(`this rule needs context.${name} (see requiredContext)`)
  }
  return rows
}

function live<T extends { deleted_at?: InstantValue }>(rows: readonly T[]): T[] {
  return rows.filter((row) => toInstant(row.deleted_at) === null)
}

/** [now - window, now], both ends included. */
function inWindow(value: InstantValue, window: RelativeWindow, now: Date): boolean {
  const at = toInstant(value)
  const { from, to } = pastWindow(now, window)
  return at !== null && at.getTime() >= from.getTime() && at.getTime() <= to.getTime()
}

/** A JSON array holding at least one of the ids as a string element. */
function listsAny(data: unknown, key: string, ids: readonly string[]): boolean {
  const isObject = typeof data === "object" && data !== null && !Array.isArray(data)
  const value = isObject ? (data as Record<string, unknown>)[key] : undefined
  return Array.isArray(value) && value.some((item) => typeof item === "string" && ids.includes(item))
}

function evaluateOrders(
  rule: OrdersCondition,
  contact: ContactFacts,
  events: readonly ContactEventRow[],
  now: Date
): boolean {
  const fact = boughtFact(rule)
  if (fact) {
    const listed = contact[fact.column]
    const bought = Array.isArray(listed) && fact.ids.some((id) => listed.includes(id))
    return bought === fact.bought
  }
  const times = contact[ORDER_TIMES]
  if (readsOrderTimes(rule) && Array.isArray(times)) {
    return compareCount(times.filter((at) => inWindow(at, rule.within!, now)).length, rule.count)
  }
  const canceled = new Set(
    events
      .filter((event) => event.type === ORDER_CANCELED && event.resource_id != null)
      .map((event) => event.resource_id)
  )
  const count = events.filter(
    (event) =>
      event.type === ORDER_PLACED &&
      (!rule.within || inWindow(event.occurred_at, rule.within, now)) &&
      (!rule.product_ids || listsAny(event.data, ORDER_ITEM_KEYS.product_ids, rule.product_ids)) &&
      (!rule.category_ids || listsAny(event.data, ORDER_ITEM_KEYS.category_ids, rule.category_ids)) &&
      !(event.resource_id != null && canceled.has(event.resource_id))
  ).length
  return compareCount(count, rule.count)
}

function compareCount(count: number, { operator, value }: OrdersCondition["count"]): boolean {
  if (operator === "gte") return count >= value
  if (operator === "lte") return count <= value
  return count === value
}

function evaluateField(condition: FieldCondition, contact: ContactFacts, now: Date): boolean {
  const definition: FieldDefinition | undefined = getField(condition.field)
  if (!definition) {
    throw new InvalidSegmentRuleError(`unknown segment field "${condition.field}"`)
  }
  const raw = (contact as Record<string, unknown>)[definition.column]
  switch (definition.type) {
    case "text":
      return evaluateText(condition, raw as string | null | undefined, definition.caseInsensitive === true)
    case "number":
      return evaluateNumber(
        condition,
        toComparableNumber(raw as NumberValue, definition.precision),
        definition.precision
      )
    case "date":
      return definition.storage === "date_text"
        ? evaluateDateText(condition, raw as string | null | undefined, now)
        : evaluateTimestamp(condition, toInstant(raw as InstantValue), now)
    case "boolean": {
      const set = raw !== null && raw !== undefined
      if (condition.operator === "is_true") return set
      if (condition.operator === "is_false") return !set
      break
    }
    case "list": {
      const list = Array.isArray(raw) ? (raw as string[]) : []
      switch (condition.operator) {
        case "contains_any":
          return condition.value.some((id) => list.includes(id))
        case "contains_all":
          return condition.value.every((id) => list.includes(id))
        case "contains_none":
          return !condition.value.some((id) => list.includes(id))
        case "is_empty":
          return list.length === 0
        case "is_not_empty":
          return list.length > 0
      }
      break
    }
  }
  throw new InvalidSegmentRuleError(`operator "${condition.operator}" does not apply to field "${condition.field}"`)
}

/** is_set / is_not_set, or null when the operator compares a value. */
function presence(condition: FieldCondition, set: boolean): boolean | null {
  if (condition.operator === "is_set") return set
  if (condition.operator === "is_not_set") return !set
  return null
}

function evaluateText(condition: FieldCondition, raw: string | null | undefined, caseInsensitive: boolean): boolean {
  const set = raw !== null && raw !== undefined
  const tested = presence(condition, set)
  if (tested !== null) return tested
  if (!set) return false
  const fold = (value: unknown) => (caseInsensitive ? foldCase(String(value)) : String(value))
  const subject = fold(raw)
  switch (condition.operator) {
    case "eq":
      return subject === fold(condition.value)
    case "neq":
      return subject !== fold(condition.value)
    case "contains":
      return subject.includes(fold(condition.value))
    case "not_contains":
      return !subject.includes(fold(condition.value))
    case "starts_with":
      return subject.startsWith(fold(condition.value))
    case "in":
      return condition.value.map(fold).includes(subject)
    case "not_in":
      return !condition.value.map(fold).includes(subject)
  }
  throw new InvalidSegmentRuleError(`operator "${condition.operator}" does not apply to field "${condition.field}"`)
}

function evaluateNumber(condition: FieldCondition, value: number | null, precision: "double" | "single"): boolean {
  const tested = presence(condition, value !== null)
  if (tested !== null) return tested
  if (value === null) return false
  const rounded = (number: unknown) => (precision === "single" ? Math.fround(Number(number)) : Number(number))
  switch (condition.operator) {
    case "eq":
      return value === rounded(condition.value)
    case "neq":
      return value !== rounded(condition.value)
    case "gt":
      return value > rounded(condition.value)
    case "gte":
      return value >= rounded(condition.value)
    case "lt":
      return value < rounded(condition.value)
    case "lte":
      return value <= rounded(condition.value)
    case "between":
      return value >= rounded(condition.value.min) && value <= rounded(condition.value.max)
  }
  throw new InvalidSegmentRuleError(`operator "${condition.operator}" does not apply to field "${condition.field}"`)
}

function compare(left: number | string, op: "<" | "<=" | ">" | ">=", right: number | string): boolean {
  switch (op) {
    case "<":
      return left < right
    case "<=":
      return left <= right
    case ">":
      return left > right
    case ">=":
      return left >= right
  }
}

function dateOperation(condition: FieldCondition, now: Date): DateBound[] | null {
  switch (condition.operator) {
    case "before":
    case "after":
    case "in_last":
    case "more_than_ago":
    case "in_next":
      return dateBounds(condition, now)
  }
  return null
}

function evaluateTimestamp(condition: FieldCondition, value: Date | null, now: Date): boolean {
  const tested = presence(condition, value !== null)
  if (tested !== null) return tested
  if (value === null) return false
  if (condition.operator === "anniversary_within") {
    return anniversaryKeys(now, condition.value.days).includes(monthDay(value))
  }
  const bounds = dateOperation(condition, now)
  if (!bounds) {
    throw new InvalidSegmentRuleError(`operator "${condition.operator}" does not apply to field "${condition.field}"`)
  }
  return bounds.every((bound) => compare(value.getTime(), bound.op, bound.at.getTime()))
}

/** Same text comparisons as the SQL, so a malformed stored date behaves identically in both. */
function evaluateDateText(condition: FieldCondition, value: string | null | undefined, now: Date): boolean {
  const set = value !== null && value !== undefined
  const tested = presence(condition, set)
  if (tested !== null) return tested
  if (!set || !DATE_TEXT_PATTERN.test(value)) return false
  if (condition.operator === "anniversary_within") {
    return anniversaryKeys(now, condition.value.days).includes(value.slice(5, 10))
  }
  const bounds = dateOperation(condition, now)
  if (!bounds) {
    throw new InvalidSegmentRuleError(`operator "${condition.operator}" does not apply to field "${condition.field}"`)
  }
  return bounds.map(dateTextBound).every((bound) => compare(value, bound.op, bound.day))
}
