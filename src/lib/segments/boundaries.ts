import { CART_ABANDONED, ENGAGEMENT_EVENT_TYPES, MESSAGE_SENT, ORDER_PLACED } from "./behaviour"
import { getField, type DateFieldDefinition } from "./fields"
import type { Rule } from "./schema"
import { SqlParams } from "./sql-params"
import { anniversaryKeys, shiftInstant, utcDay, type RelativeWindow } from "./time"

/**
 * Time-based conditions ("no order in 90 days", "opened an email in the last
 * 30 days", "birthday within 7 days") change a contact's membership without
 * any event: the boundary simply passes. Between two instants `from` and
 * `to`, only contacts with a date or an event near a window edge can have
 * changed, and this finds exactly those candidates, so a scheduled job
 * re-checks a handful of contacts instead of rebuilding every segment.
 *
 * The candidate set may hold a few contacts whose membership did not change
 * (ranges are widened by a margin and filters such as product ids are
 * ignored); it never misses one whose membership did. The property test in
 * `__tests__/boundaries.pg.spec.ts` checks that against the evaluator.
 */

/** Widening every range keeps millisecond rounding and the rows' microseconds on the safe side. */
const MARGIN_MS = 1_000
const DAY_MS = 86_400_000

type Range = { from: Date; to: Date }

type Collected = {
  /** Ranges of a timestamp (or "YYYY-MM-DD") column of the contact. */
  fields: { definition: DateFieldDefinition; range: Range }[]
  /** Month-days whose anniversary window opened or closed. */
  anniversaries: { definition: DateFieldDefinition; keys: string[] }[]
  contactEvents: { type: string; range: Range }[]
  messageEvents: { types: readonly string[]; range: Range }[]
  messages: Range[]
}

/** Where a window [t - w, t] may have gained or lost a point while t moved from `from` to `to`. */
function slidingWindow(window: RelativeWindow, from: Date, to: Date): Range[] {
  return [
    { from: shiftInstant(from, -window.amount, window.unit), to: shiftInstant(to, -window.amount, window.unit) },
    { from, to },
  ]
}

function collect(rule: Rule, from: Date, to: Date, into: Collected): void {
  switch (rule.type) {
    case "group":
      rule.rules.forEach((child) => collect(child, from, to, into))
      return
    case "field": {
      const definition = getField(rule.field)
      if (definition?.type !== "date") {
        return
      }
      switch (rule.operator) {
        case "in_last":
        case "more_than_ago":
          slidingWindow(rule.value, from, to).forEach((range) => into.fields.push({ definition, range }))
          return
        case "in_next":
          into.fields.push({ definition, range: { from, to } })
          into.fields.push({
            definition,
            range: {
              from: shiftInstant(from, rule.value.amount, rule.value.unit),
              to: shiftInstant(to, rule.value.amount, rule.value.unit),
            },
          })
          return
        case "anniversary_within": {
          const before = new Set(anniversaryKeys(from, rule.value.days))
          const after = new Set(anniversaryKeys(to, rule.value.days))
          const keys = [...before, ...after].filter((key) => !(before.has(key) && after.has(key)))
          if (keys.length) {
            into.anniversaries.push({ definition, keys: [...new Set(keys)].sort() })
          }
          return
        }
      }
      return
    }
    case "orders":
      if (rule.within) {
        slidingWindow(rule.within, from, to).forEach((range) => into.contactEvents.push({ type: ORDER_PLACED, range }))
      }
      return
    case "cart_abandoned":
      slidingWindow(rule.within, from, to).forEach((range) => into.contactEvents.push({ type: CART_ABANDONED, range }))
      return
    case "email_engagement":
      slidingWindow(rule.within, from, to).forEach((range) =>
        into.messageEvents.push({ types: ENGAGEMENT_EVENT_TYPES[rule.action], range })
      )
      return
    case "received_message":
      if (rule.within) {
        into.messages.push(...slidingWindow(rule.within, from, to))
      }
      return
    case "segment":
      // A referenced segment's own boundaries are among the rules collected.
      return
  }
}

export type BoundaryQuery = { sql: string; params: unknown[] }

/**
 * A statement selecting `contact_id` of every contact whose membership in a
 * segment with one of these rules may have changed as time moved from
 * `from` to `to`, or null when none of the rules depends on time.
 * Placeholders are pg-style; `toKnexBindings` converts for knex.
 *
 * @example
 * const query = compileBoundaryCandidates(rules, { from: lastRun, to: now })
 * const ids = query ? (await client.query(query.sql, query.params)).rows.map((r) => r.contact_id) : []
 */
export function compileBoundaryCandidates(rules: Rule[], window: Range): BoundaryQuery | null {
  const collected: Collected = { fields: [], anniversaries: [], contactEvents: [], messageEvents: [], messages: [] }
  rules.forEach((rule) => collect(rule, window.from, window.to, collected))
  const params = new SqlParams()
  const at = (date: Date, shift: number) => params.add(new Date(date.getTime() + shift).toISOString(), "timestamptz")
  const between = (column: string, range: Range) =>
    `${column} BETWEEN ${at(range.from, -MARGIN_MS)} AND ${at(range.to, MARGIN_MS)}`

  const contactConditions = [
    ...collected.fields.map(({ definition, range }) => {
      const column = `c.${definition.column}`
      if (definition.storage === "timestamptz") {
        return between(column, range)
      }
      // Calendar dates stand for UTC midnight: a day either side covers the rounding.
      const first = params.add(utcDay(new Date(range.from.getTime() - DAY_MS)), "text")
      const last = params.add(utcDay(new Date(range.to.getTime() + DAY_MS)), "text")
      return `${column} COLLATE "C" BETWEEN ${first} AND ${last}`
    }),
    ...collected.anniversaries.map(({ definition, keys }) => {
      const column = `c.${definition.column}`
      const monthDay =
        definition.storage === "timestamptz" ? `to_char(${column} AT TIME ZONE 'UTC', 'MM-DD')` : `substr(${column}, 6, 5)`
      return `${monthDay} = ANY(${params.add(keys, "text[]")})`
    }),
  ]
  const parts: string[] = []
  if (contactConditions.length) {
    parts.push(
      `SELECT c.id AS contact_id FROM marketing_contact c WHERE c.deleted_at IS NULL AND (${contactConditions.join(" OR ")})`
    )
  }
  for (const { type, range } of collected.contactEvents) {
    parts.push(
      `SELECT e.contact_id FROM marketing_contact_event e WHERE e.deleted_at IS NULL AND e.type = '${type}' AND ${between("e.occurred_at", range)}`
    )
  }
  for (const { types, range } of collected.messageEvents) {
    const list = types.map((type) => `'${type}'`).join(", ")
    parts.push(
      `SELECT me.contact_id FROM marketing_message_event me WHERE me.deleted_at IS NULL AND me.type IN (${list}) AND ${between("me.occurred_at", range)}`
    )
  }
  for (const range of collected.messages) {
    parts.push(
      `SELECT m.contact_id FROM marketing_message m WHERE m.deleted_at IS NULL AND m.status = '${MESSAGE_SENT}' AND ${between("m.sent_at", range)}`
    )
  }
  return parts.length ? { sql: parts.join("\nUNION\n"), params: params.values } : null
}
