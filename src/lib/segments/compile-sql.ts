import {
  CART_ABANDONED,
  ENGAGEMENT_EVENT_TYPES,
  MESSAGE_SENT,
  boughtFact,
  ORDER_ITEM_KEYS,
  ORDER_TIMES,
  readsOrderTimes,
} from "./behaviour"
import { InvalidSegmentRuleError } from "./errors"
import {
  getField,
  type DateFieldDefinition,
  type FieldDefinition,
  type NumberFieldDefinition,
  type TextFieldDefinition,
} from "./fields"
import type { FieldCondition, OrdersCondition, Rule } from "./schema"
import { SqlParams } from "./sql-params"
import {
  anniversaryKeys,
  DATE_TEXT_PATTERN,
  dateBounds,
  dateTextBound,
  pastWindow,
  type DateBound,
  type RelativeWindow,
} from "./time"
import { ASCII_LOWER, ASCII_UPPER, foldCase } from "./values"

export type CompileOptions = {
  /** The instant relative windows and anniversaries count from; give the evaluator the same one. */
  now: Date
  /** The first placeholder number (default 1), or a collector shared with the surrounding statement. */
  params?: number | SqlParams
  /**
   * The statement matches every contact at once (a count, a whole-segment
   * refresh), not a few contacts or a page. Order counts that need at least
   * one order are then computed for everyone in one grouped pass over the
   * timeline, which the planner joins, instead of a count per contact row:
   * half the time at a million contacts. Per contact is the default, since a
   * grouped pass costs the same however few contacts are asked for.
   */
  wholePopulation?: boolean
}

/**
 * `params` is every value of the collector, including any added before this
 * rule. `rowOnly` when the expression reads nothing but the contact's own
 * row (no subquery over another table), so evaluating it on every row of a
 * scan costs little.
 */
export type CompiledSql = { sql: string; params: unknown[]; rowOnly: boolean }

type Context = {
  now: Date
  params: SqlParams
  instants: Map<number, string>
  wholePopulation: boolean
  /**
   * Whether the condition is a term of the statement's top AND, where the
   * planner turns `c.id IN (subquery)` into a join. Under OR or NOT it
   * would test every contact against the whole subquery.
   */
  conjunctive: boolean
  /** Set once any condition reads a table other than the contact's row; shared by every level of the rule. */
  reads: { otherTables: boolean }
}

/**
 * Compiles a rule to one boolean SQL expression over `marketing_contact c`,
 * for set-based refreshes of a whole segment. The caller adds its own
 * filters on `c` (`c.deleted_at IS NULL`, erased contacts) around it;
 * every subquery reads only live rows (`deleted_at` null; the order read
 * model holds nothing else).
 *
 * Every condition yields TRUE or FALSE, never NULL: a comparison on an unset
 * column is guarded by `IS NOT NULL`, so NOT (a "none" group) flips exactly
 * what the in-memory evaluator flips. Values only ever travel as parameters;
 * column names come from the field registry and table names from code.
 * Placeholders are pg-style (`$1::text`); `toKnexBindings` converts for knex.
 *
 * @example
 * const { sql, params } = compileToSql(rule, { now: new Date() })
 * await client.query(`SELECT c.id FROM marketing_contact c WHERE c.deleted_at IS NULL AND ${sql}`, params)
 */
export function compileToSql(rule: Rule, options: CompileOptions): CompiledSql {
  const params = options.params instanceof SqlParams ? options.params : new SqlParams(options.params ?? 1)
  const context: Context = {
    now: options.now,
    params,
    instants: new Map(),
    wholePopulation: options.wholePopulation ?? false,
    conjunctive: true,
    reads: { otherTables: false },
  }
  const sql = compileRule(rule, context)
  return { sql, params: params.values, rowOnly: !context.reads.otherTables }
}

/** One placeholder per distinct instant: `now` and equal window edges are bound once. */
function instant(context: Context, at: Date): string {
  let placeholder = context.instants.get(at.getTime())
  if (!placeholder) {
    placeholder = context.params.add(at.toISOString(), "timestamptz")
    context.instants.set(at.getTime(), placeholder)
  }
  return placeholder
}

function compileRule(rule: Rule, context: Context): string {
  switch (rule.type) {
    case "group": {
      if (rule.rules.length === 0) {
        throw new InvalidSegmentRuleError("a group needs at least one rule")
      }
      const inner = { ...context, conjunctive: context.conjunctive && rule.match === "all" }
      const parts = rule.rules.map((child) => compileRule(child, inner))
      if (rule.match === "all") return `(${parts.join(" AND ")})`
      if (rule.match === "any") return `(${parts.join(" OR ")})`
      return `NOT (${parts.join(" OR ")})`
    }
    case "field":
      return compileField(rule, context)
    case "orders":
      return compileOrders(rule, context)
    case "cart_abandoned":
      return `EXISTS (SELECT 1 ${liveRows(CONTACT_EVENTS, "e", "c.id", [
        `e.type = '${CART_ABANDONED}'`,
        inWindow("e.occurred_at", rule.within, context),
      ], context)})`
    case "email_engagement": {
      const types = ENGAGEMENT_EVENT_TYPES[rule.action].map((type) => `'${type}'`).join(", ")
      const exists = `EXISTS (SELECT 1 ${liveRows(MESSAGE_EVENTS, "me", "c.id", [
        "NOT me.machine",
        `me.type IN (${types})`,
        inWindow("me.occurred_at", rule.within, context),
      ], context)})`
      return rule.negate ? `NOT ${exists}` : exists
    }
    case "received_message": {
      const filters = [
        `m.status = '${MESSAGE_SENT}'`,
        `m.reason_type = ${context.params.add(rule.reason_type, "text")}`,
        `m.reason_id = ${context.params.add(rule.reason_id, "text")}`,
      ]
      if (rule.within) {
        filters.push(inWindow("m.sent_at", rule.within, context))
      }
      return `EXISTS (SELECT 1 ${liveRows(MESSAGES, "m", "c.id", filters, context)})`
    }
    case "segment": {
      const member = `EXISTS (SELECT 1 ${liveRows(MEMBERSHIPS, "sm", "c.id", [
        `sm.segment_id = ${context.params.add(rule.segment_id, "text")}`,
        "sm.exited_at IS NULL",
      ], context)})`
      return rule.in ? member : `NOT ${member}`
    }
    default:
      throw new InvalidSegmentRuleError(`unknown rule type "${(rule as { type?: unknown }).type}"`)
  }
}

const CONTACT_EVENTS = "marketing_contact_event"
const CONTACT_ORDERS = "marketing_contact_order"
const MESSAGES = "marketing_message"
const MESSAGE_EVENTS = "marketing_message_event"
const MEMBERSHIPS = "marketing_segment_membership"

/** The contact's rows of a module table; soft-deleted rows never count. */
function liveRows(table: string, alias: string, owner: string, filters: string[], context: Context): string {
  context.reads.otherTables = true
  const conditions = [`${alias}.contact_id = ${owner}`, `${alias}.deleted_at IS NULL`, ...filters]
  return `FROM ${table} ${alias} WHERE ${conditions.join(" AND ")}`
}

/**
 * A timestamptz column compared as the in-memory evaluator sees it:
 * node-postgres truncates microseconds, so a row written by now() at
 * 12:00:00.000500 is 12:00:00.000 in memory. Against millisecond bounds,
 * "truncated > B" is "column >= B + 1 ms" and "truncated <= B" is
 * "column < B + 1 ms"; both stay range tests an index can serve.
 */
function timestampBound(column: string, bound: DateBound, context: Context): string {
  const next = new Date(bound.at.getTime() + 1)
  if (bound.op === ">") return `${column} >= ${instant(context, next)}`
  if (bound.op === "<=") return `${column} < ${instant(context, next)}`
  return `${column} ${bound.op} ${instant(context, bound.at)}`
}

/** [now - window, now], both ends included. */
function inWindow(column: string, window: RelativeWindow, context: Context): string {
  const { from, to } = pastWindow(context.now, window)
  const start = timestampBound(column, { op: ">=", at: from }, context)
  const end = timestampBound(column, { op: "<=", at: to }, context)
  return `${start} AND ${end}`
}

/** The SQL operator of each order-count comparison. */
const COUNT_COMPARISONS = { gte: ">=", lte: "<=", eq: "=" } as const

/**
 * Counts the contact's orders the way the profile facts do: `order_placed`
 * events with no `order_canceled` event for the same order. They are read
 * from `marketing_contact_order`, which the database keeps from the timeline
 * (see its migration): one narrow row per live order, cancellation folded
 * in, ids as arrays the GIN indexes serve. "At least one" and "none" are
 * EXISTS tests, which stop at the first matching row.
 */
function compileOrders(rule: OrdersCondition, context: Context): string {
  const fact = boughtFact(rule)
  if (fact) {
    const overlaps = `c.${fact.column} && ${context.params.add(fact.ids, "text[]")}`
    return fact.bought ? overlaps : `NOT (${overlaps})`
  }
  if (readsOrderTimes(rule)) {
    return compileOrderTimes(rule.within!, rule.count, context)
  }
  context.reads.otherTables = true
  const filters = ["NOT o.canceled"]
  if (rule.within) {
    filters.push(inWindow("o.placed_at", rule.within, context))
  }
  for (const key of [ORDER_ITEM_KEYS.product_ids, ORDER_ITEM_KEYS.category_ids]) {
    const ids = rule[key]
    if (ids) {
      filters.push(`o.${key} && ${context.params.add(ids, "text[]")}`)
    }
  }
  const orders = `FROM ${CONTACT_ORDERS} o WHERE ${["o.contact_id = c.id", ...filters].join(" AND ")}`
  const { operator, value } = rule.count
  if (operator === "gte" && value === 1) {
    return `EXISTS (SELECT 1 ${orders})`
  }
  if (operator !== "gte" && value === 0) {
    return `NOT EXISTS (SELECT 1 ${orders})`
  }
  const comparison = COUNT_COMPARISONS[operator]
  const count = context.params.add(value, "int")
  // A grouped pass never sees contacts without orders, so it serves only counts that exclude them.
  if (context.wholePopulation && context.conjunctive && operator !== "lte" && value >= 1) {
    const everyone = `FROM ${CONTACT_ORDERS} o WHERE ${filters.join(" AND ")}`
    return `c.id IN (SELECT o.contact_id ${everyone} GROUP BY o.contact_id HAVING count(*) ${comparison} ${count})`
  }
  return `(SELECT count(*) ${orders}) ${comparison} ${count}`
}

/**
 * A count of orders in the window from the contact's `order_times`, oldest
 * first: `width_bucket` finds by binary search how many are earlier than
 * each end of the window, so the count costs two lookups in the contact's
 * own row instead of grouping every order in the window, and stays a plain
 * expression the planner can run in parallel workers. An order is in the
 * window when it is not earlier than its start and earlier than a
 * millisecond after its end; a microsecond below each bound turns "how
 * many at or below" into "how many below".
 */
function compileOrderTimes(window: RelativeWindow, count: OrdersCondition["count"], context: Context): string {
  const { from, to } = pastWindow(context.now, window)
  const below = (at: Date) => `width_bucket(${instant(context, at)} - interval '1 microsecond', c.${ORDER_TIMES})`
  const inWindow = `(${below(new Date(to.getTime() + 1))} - ${below(from)})`
  const comparison = COUNT_COMPARISONS[count.operator]
  return `${inWindow} ${comparison} ${context.params.add(count.value, "int")}`
}

function compileField(condition: FieldCondition, context: Context): string {
  const definition: FieldDefinition | undefined = getField(condition.field)
  if (!definition) {
    throw new InvalidSegmentRuleError(`unknown segment field "${condition.field}"`)
  }
  const column = `c.${definition.column}`
  if (condition.operator === "is_set") return `${column} IS NOT NULL`
  if (condition.operator === "is_not_set") return `${column} IS NULL`
  switch (definition.type) {
    case "text":
      return compileText(column, definition, condition, context)
    case "number":
      return compileNumber(column, definition, condition, context)
    case "date":
      return compileDate(column, definition, condition, context)
    case "boolean":
      if (condition.operator === "is_true") return `${column} IS NOT NULL`
      if (condition.operator === "is_false") return `${column} IS NULL`
      break
    case "list": {
      const ids = () => context.params.add(condition.value, "text[]")
      if (condition.operator === "is_empty") return `cardinality(${column}) = 0`
      if (condition.operator === "is_not_empty") return `cardinality(${column}) > 0`
      if (condition.operator === "contains_any") return `${column} && ${ids()}`
      if (condition.operator === "contains_all") return `${column} @> ${ids()}`
      if (condition.operator === "contains_none") return `NOT (${column} && ${ids()})`
      break
    }
  }
  throw new InvalidSegmentRuleError(`operator "${condition.operator}" does not apply to field "${condition.field}"`)
}

/** A comparison that is FALSE, not NULL, when the column is unset. */
function whenSet(column: string, expression: string): string {
  return `(${column} IS NOT NULL AND ${expression})`
}

function compileText(column: string, definition: TextFieldDefinition, condition: FieldCondition, context: Context) {
  const subject = definition.caseInsensitive ? `translate(${column}, '${ASCII_UPPER}', '${ASCII_LOWER}')` : column
  const fold = (value: unknown) => (definition.caseInsensitive ? foldCase(String(value)) : String(value))
  const one = (value: unknown) => context.params.add(fold(value), "text")
  const many = (values: string[]) => context.params.add(values.map(fold), "text[]")
  switch (condition.operator) {
    case "eq":
      return whenSet(column, `${subject} = ${one(condition.value)}`)
    case "neq":
      return whenSet(column, `${subject} <> ${one(condition.value)}`)
    case "contains":
      return whenSet(column, `strpos(${subject}, ${one(condition.value)}) > 0`)
    case "not_contains":
      return whenSet(column, `strpos(${subject}, ${one(condition.value)}) = 0`)
    case "starts_with":
      return whenSet(column, `starts_with(${subject}, ${one(condition.value)})`)
    case "in":
      return whenSet(column, `${subject} = ANY(${many(condition.value)})`)
    case "not_in":
      return whenSet(column, `NOT (${subject} = ANY(${many(condition.value)}))`)
  }
  throw new InvalidSegmentRuleError(`operator "${condition.operator}" does not apply to field "${condition.field}"`)
}

const NUMBER_COMPARISONS = { eq: "=", neq: "<>", gt: ">", gte: ">=", lt: "<", lte: "<=" } as const

function compileNumber(column: string, definition: NumberFieldDefinition, condition: FieldCondition, context: Context) {
  const single = definition.precision === "single"
  // float8 first, then real: the rounding Math.fround does, without a second rounding from text.
  const value = (number: number) => context.params.add(number, single ? "float8::real" : "float8")
  const subject = single ? column : `${column}::float8`
  if (condition.operator === "between") {
    return whenSet(column, `${subject} BETWEEN ${value(condition.value.min)} AND ${value(condition.value.max)}`)
  }
  if (condition.operator in NUMBER_COMPARISONS) {
    const comparison = NUMBER_COMPARISONS[condition.operator as keyof typeof NUMBER_COMPARISONS]
    return whenSet(column, `${subject} ${comparison} ${value(Number(condition.value))}`)
  }
  throw new InvalidSegmentRuleError(`operator "${condition.operator}" does not apply to field "${condition.field}"`)
}

/**
 * Timestamps compare with instant parameters. A "YYYY-MM-DD" text column is
 * never cast (one malformed row would fail the whole refresh); it is
 * compared as text in byte order, which for that shape is calendar order,
 * and rows of any other shape match no date operator.
 */
function compileDate(column: string, definition: DateFieldDefinition, condition: FieldCondition, context: Context) {
  const isText = definition.storage === "date_text"
  const wellFormed = isText ? `${column} ~ '${DATE_TEXT_PATTERN.source}' AND ` : ""
  switch (condition.operator) {
    case "anniversary_within": {
      const monthDay = isText ? `substr(${column}, 6, 5)` : `to_char(${column} AT TIME ZONE 'UTC', 'MM-DD')`
      const keys = context.params.add(anniversaryKeys(context.now, condition.value.days), "text[]")
      return whenSet(column, `${wellFormed}${monthDay} = ANY(${keys})`)
    }
    case "before":
    case "after":
    case "in_last":
    case "more_than_ago":
    case "in_next": {
      const bounds = dateBounds(condition, context.now).map((bound) => {
        if (!isText) {
          return timestampBound(column, bound, context)
        }
        const day = dateTextBound(bound)
        return `${column} COLLATE "C" ${day.op} ${context.params.add(day.day, "text")}`
      })
      return whenSet(column, `${wellFormed}${bounds.join(" AND ")}`)
    }
  }
  throw new InvalidSegmentRuleError(`operator "${condition.operator}" does not apply to field "${condition.field}"`)
}
