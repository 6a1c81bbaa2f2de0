import fc from "fast-check"
import type { ContactEventRow, ContactFacts, MembershipRow, MessageEventRow, MessageRow } from "../evaluate"
import {
  CONSENT_STATUSES,
  getField,
  operatorsFor,
  SEGMENT_FIELD_NAMES,
  type FieldDefinition,
  type SegmentFieldName,
} from "../fields"
import { MATCH_MODES } from "../schema"
import { shiftInstant, TIME_UNITS } from "../time"
import { foldCase } from "../values"

/**
 * Generators for the agreement test. Rules and data are drawn from small
 * shared vocabularies so they collide: timestamps sit exactly on window
 * edges and a millisecond either side, texts differ only in case, numbers
 * are the ones floats round, dates fall on 29 February and around New Year.
 */

const DAY_MS = 86_400_000

/** Moments where calendars misbehave: late on 28 December, leap and non-leap 28 February, 31 March. */
export const NOWS = [
  "2026-12-28T23:59:59.999Z",
  "2027-02-28T00:00:00.000Z",
  "2028-02-28T12:00:00.000Z",
  "2028-02-29T00:00:00.000Z",
  "2026-03-31T08:15:00.000Z",
  "2027-01-01T00:00:00.000Z",
].map((iso) => new Date(iso))

/** Session time zones with odd offsets: none of them may change a result. */
export const TIME_ZONES = ["UTC", "Pacific/Chatham", "America/St_Johns", "Asia/Kolkata", "Pacific/Kiritimati"]

const AMOUNTS = [1, 2, 7, 30]
const ABSOLUTE_VALUES = ["2026-01-01", "2026-12-29T00:00:00Z", "2027-03-01T00:00:00+01:00", "2028-02-29", "2026-03-31T08:15:00.000Z"]
const ANNIVERSARY_DAYS = [0, 1, 3, 7, 30, 365]

const TEXT_VALUES = [
  "ana", "ANA", "Ana", "an", "NA", "a", "ana@", "@example.com", "EXAMPLE", "élodie", "ÉLODIE", "Élodie",
  "x%_\\", "%", "_", "en", "EN-US", "en-US", "eur", "EUR", "Europe/Paris", "zoë", "İpek", "i̇pek", " ", "",
]
const NUMBER_VALUES = [0, 1, 2, 2.5, 3, 5, -1, 0.1, 0.3, 0.30000000000000004, 0.5, 0.7, 1e-7, 10, 33.3, 99.99, 100, 100.1]
const PRODUCT_IDS = ["p1", "p2", "p3"]
/** Stored lists may hold ids that differ from a rule's only in case. */
const STORED_PRODUCT_IDS = [...PRODUCT_IDS, "P1"]
const CATEGORY_IDS = ["c1", "c2"]
const TOPICS = ["news", "promo"]
const LIST_VALUES = [...PRODUCT_IDS, ...CATEGORY_IDS, ...TOPICS, "P1", "p9"]
const SEGMENT_IDS = ["seg_a", "seg_b"]

function edges(now: Date): Date[] {
  const points = [now, new Date(Date.UTC(now.getUTCFullYear(), now.getUTCMonth(), now.getUTCDate()))]
  for (const unit of TIME_UNITS) {
    for (const amount of AMOUNTS) {
      points.push(shiftInstant(now, -amount, unit), shiftInstant(now, amount, unit))
    }
  }
  points.push(...ABSOLUTE_VALUES.map((value) => new Date(value)))
  return points.flatMap((point) => [point, new Date(point.getTime() - 1), new Date(point.getTime() + 1)])
}

/** Same month-day as a day near `now`, in an earlier year, at the first or last millisecond of the UTC day. */
function anniversaryInstant(now: Date): fc.Arbitrary<Date> {
  return fc
    .record({
      yearsBack: fc.integer({ min: 1, max: 40 }),
      dayOffset: fc.integer({ min: -2, max: 10 }),
      time: fc.constantFrom(0, DAY_MS - 1, DAY_MS / 2),
    })
    .map(({ yearsBack, dayOffset, time }) => {
      const day = new Date(now.getTime() + dayOffset * DAY_MS)
      const at = new Date(0)
      at.setUTCFullYear(day.getUTCFullYear() - yearsBack, day.getUTCMonth(), day.getUTCDate())
      return new Date(at.getTime() + time)
    })
}

const LEAP_AND_YEAR_END = ["1992-02-29", "2000-02-29T23:59:59.999Z", "1990-02-28T00:00:00Z", "1990-03-01", "1989-12-31T23:59:59.999Z", "1990-01-01", "1990-01-04"]

/**
 * What the rule under test compares against: its window edges, absolute
 * dates and the ends of its anniversary ranges, a millisecond either side,
 * and its texts in other cases. Drawing the data from these is what puts
 * rows exactly on the boundaries.
 */
export type Focus = { instants: Date[]; texts: string[] }

export function ruleFocus(rule: unknown, now: Date): Focus {
  const points: Date[] = []
  const texts: string[] = []
  const today = Date.UTC(now.getUTCFullYear(), now.getUTCMonth(), now.getUTCDate())
  const visit = (node: unknown) => {
    if (Array.isArray(node)) {
      node.forEach(visit)
      return
    }
    if (typeof node === "string") {
      if (/^[0-9]{4}-[0-9]{2}-[0-9]{2}/.test(node)) points.push(new Date(node))
      texts.push(node)
      return
    }
    if (typeof node !== "object" || node === null) {
      return
    }
    const { amount, unit, days } = node as { amount?: number; unit?: (typeof TIME_UNITS)[number]; days?: number }
    if (typeof amount === "number" && unit) {
      points.push(shiftInstant(now, -amount, unit), shiftInstant(now, amount, unit))
    }
    if (typeof days === "number") {
      for (const offset of [-1, 0, days, days + 1]) {
        for (const yearsBack of [1, 4, 30]) {
          const at = new Date(today + offset * DAY_MS)
          at.setUTCFullYear(at.getUTCFullYear() - yearsBack)
          points.push(at, new Date(at.getTime() + DAY_MS - 1))
        }
      }
    }
    Object.values(node).forEach(visit)
  }
  visit(rule)
  return {
    instants: points.flatMap((point) => [point, new Date(point.getTime() - 1), new Date(point.getTime() + 1)]),
    texts: texts.flatMap(variants),
  }
}

/** The same text in other cases, ASCII-folded only, and inside longer text. */
function variants(text: string): string[] {
  const swapped = text.replace(/[A-Za-z]/g, (letter) =>
    letter === letter.toUpperCase() ? letter.toLowerCase() : letter.toUpperCase()
  )
  return [text, text.toUpperCase(), text.toLowerCase(), foldCase(text), swapped, `${text}x`, `x${swapped}`]
}

export function instantArb(now: Date, focus: Date[] = []): fc.Arbitrary<Date> {
  return fc.oneof(
    { weight: focus.length > 0 ? 5 : 0, arbitrary: fc.constantFrom(now, ...focus) },
    { weight: 3, arbitrary: fc.constantFrom(...edges(now)) },
    { weight: 2, arbitrary: anniversaryInstant(now) },
    { weight: 1, arbitrary: fc.constantFrom(...LEAP_AND_YEAR_END.map((value) => new Date(value))) },
    {
      weight: 2,
      arbitrary: fc.date({
        min: new Date(now.getTime() - 400 * DAY_MS),
        max: new Date(now.getTime() + 400 * DAY_MS),
        noInvalidDate: true,
      }),
    }
  )
}

const day = (at: Date) => at.toISOString().slice(0, 10)

function birthDateArb(now: Date, focus: Date[]): fc.Arbitrary<string | null> {
  return fc.option(
    fc.oneof(
      instantArb(now, focus).map(day),
      anniversaryInstant(now).map(day),
      fc.constantFrom("1992-02-29", "1990-12-31", "1991-01-01", "2028-02-29", "1990-13-45", "not a date", "")
    ),
    { nil: null, freq: 4 }
  )
}

const nullable = <T>(arbitrary: fc.Arbitrary<T>) => fc.option(arbitrary, { nil: null, freq: 3 })
const ids = (pool: string[]) => fc.subarray(pool)
/** `arbitrary` one time in `oneIn`, null otherwise. */
const rarely = <T>(arbitrary: fc.Arbitrary<T>, oneIn: number) =>
  fc.oneof({ weight: oneIn - 1, arbitrary: fc.constant(null) }, { weight: 1, arbitrary })
const maybeDeleted = (now: Date) => rarely(instantArb(now), 6)

export type GeneratedContact = {
  facts: ContactFacts & { email: string }
  events: (ContactEventRow & { deleted_at: Date | null })[]
  messages: (MessageRow & { deleted_at: Date | null })[]
  messageEvents: (MessageEventRow & { deleted_at: Date | null })[]
  memberships: (MembershipRow & { entered_at: Date; deleted_at: Date | null })[]
}

/**
 * Order times land on window starts more often (the rule's own, and every
 * window a probe may use): a count changes when its k-th order crosses one.
 */
function orderTimeArb(now: Date, focus: Focus): fc.Arbitrary<Date> {
  const starts = AMOUNTS.flatMap((amount) => TIME_UNITS.map((unit) => shiftInstant(now, -amount, unit).getTime()))
  const edges = [...focus.instants, ...starts.flatMap((at) => [new Date(at - 1), new Date(at), new Date(at + 1)])]
  return fc.oneof({ weight: 3, arbitrary: fc.constantFrom(...edges) }, { weight: 1, arbitrary: instantArb(now) })
}

function factsArb(now: Date, focus: Focus): fc.Arbitrary<ContactFacts & { email: string }> {
  const at = nullable(instantArb(now, focus.instants))
  const text = (pool: string[]) =>
    nullable(focus.texts.length > 0 ? fc.oneof(fc.constantFrom(...pool), fc.constantFrom(...focus.texts)) : fc.constantFrom(...pool))
  return fc.record({
    email: fc.oneof(
      fc.constantFrom("ana@example.com", "ANA@example.com", "Ana@Example.COM", "bob@x.io", "élodie@x.fr", "ÉLODIE@X.FR", "zoë@x.com", "an@na.io"),
      focus.texts.length > 0 ? fc.constantFrom(...focus.texts) : fc.constant("c@x.io")
    ),
    first_name: text(["Ana", "ana", "ANA", "Anabel", "ana maria", "", "Élodie", "élodie", "ÉLODIE", "İpek", "x%_\\", "Zoë"]),
    last_name: text(["Na", "NA", "na", "Nash", ""]),
    locale: text(["en", "en-US", "EN-us", "de-DE"]),
    timezone: text(["Europe/Paris", "europe/paris", "UTC"]),
    currency_code: text(["eur", "EUR", "usd"]),
    consent_status: fc.constantFrom(...CONSENT_STATUSES),
    rfm_segment: nullable(fc.constantFrom("champions", "lost", "at_risk", "new")),
    customer_id: nullable(fc.constant("cus_1")),
    suppressed_at: at,
    orders_count: fc.constantFrom(0, 1, 2, 3),
    total_spent: fc.constantFrom(0, 0.1, 0.3, 0.30000000000000004, 10, 99.99, 100),
    average_order_value: fc.constantFrom(0, 0.1, 2.5, 33.3, 100),
    rfm_recency: nullable(fc.integer({ min: 1, max: 5 })),
    rfm_frequency: nullable(fc.integer({ min: 1, max: 5 })),
    rfm_monetary: nullable(fc.integer({ min: 1, max: 5 })),
    engagement_score: fc.constantFrom(0, 0.1, 0.5, 1, 33.3, 100),
    lead_score: fc.constantFrom(0, 5, 10, -5),
    churn_risk: nullable(fc.constantFrom(0, 0.1, 0.3, 0.5, 0.7, 1)),
    probability_alive: nullable(fc.constantFrom(0, 0.1, 0.7, 1)),
    predicted_value_365: nullable(fc.constantFrom(0, 10, 33.3, 100.1)),
    predicted_orders_365: nullable(fc.constantFrom(0, 0.5, 1, 2.5)),
    soft_bounces: fc.constantFrom(0, 1, 2, 3),
    first_order_at: at,
    last_order_at: at,
    last_seen_at: at,
    last_cart_at: at,
    last_emailed_at: at,
    last_opened_at: at,
    last_clicked_at: at,
    created_at: instantArb(now, focus.instants),
    next_order_expected_at: at,
    birth_date: birthDateArb(now, focus.instants),
    product_ids: ids(STORED_PRODUCT_IDS),
    category_ids: ids(CATEGORY_IDS),
    // Oldest first, as the facts refresh keeps it; sometimes one after now, and sometimes two at once.
    order_times: fc
      .array(orderTimeArb(now, focus), { maxLength: 5 })
      .chain((times) => fc.constantFrom(times, times.length ? [...times, times[0]] : times))
      .map((times) => [...times].sort((a, b) => a.getTime() - b.getTime())),
    unsubscribed_topics: ids(TOPICS),
  })
}

const ORDER_DATA = fc.oneof(
  { weight: 4, arbitrary: fc.record({ product_ids: ids(PRODUCT_IDS), category_ids: ids(CATEGORY_IDS) }) },
  { weight: 1, arbitrary: fc.constant(null) },
  { weight: 1, arbitrary: fc.constant({ product_ids: "p1" }) },
  { weight: 1, arbitrary: fc.constant({ product_ids: ["p1", 1], category_ids: [["c1"]] }) },
  { weight: 1, arbitrary: fc.constant({}) }
)

/**
 * Orders as the module records them: an `order_placed` event, sometimes an
 * `order_canceled` for the same order (before or after it, deleted or not),
 * and other activity around them.
 */
function eventsArb(now: Date, focus: Date[]): fc.Arbitrary<GeneratedContact["events"]> {
  const order = fc.record({
    resource_id: fc.option(fc.constantFrom("ord_1", "ord_2", "ord_3"), { nil: null, freq: 6 }),
    occurred_at: instantArb(now, focus),
    data: ORDER_DATA,
    deleted_at: maybeDeleted(now),
    cancel: rarely(fc.record({ occurred_at: instantArb(now, focus), deleted_at: maybeDeleted(now) }), 3),
  })
  const other = fc.record({
    type: fc.constantFrom("cart_abandoned", "cart_updated", "order_canceled"),
    occurred_at: instantArb(now, focus),
    resource_id: nullable(fc.constantFrom("ord_1", "ord_2", "cart_1")),
    data: fc.constant(null),
    deleted_at: maybeDeleted(now),
  })
  return fc
    .tuple(fc.array(order, { maxLength: 4, size: "medium" }), fc.array(other, { maxLength: 3, size: "medium" }))
    .map(([orders, others]) => [
      ...orders.flatMap(({ cancel, ...placed }) => [
        { type: "order_placed", ...placed },
        ...(cancel ? [{ type: "order_canceled", resource_id: placed.resource_id, data: null, ...cancel }] : []),
      ]),
      ...others,
    ])
}

/** As the outbox writes them: a sent message always has its sent_at; others may lack one. */
function messageArb(now: Date, focus: Date[]) {
  return fc
    .record({
      reason_type: fc.constantFrom("flow", "campaign"),
      reason_id: nullable(fc.constantFrom("f1", "f2")),
      status: fc.constantFrom("sent", "sent", "queued", "failed"),
      sent_at: nullable(instantArb(now, focus)),
      deleted_at: maybeDeleted(now),
      fallback_sent_at: instantArb(now, focus),
    })
    .map(({ fallback_sent_at, ...message }) =>
      message.status === "sent" && message.sent_at === null ? { ...message, sent_at: fallback_sent_at } : message
    )
}

function messageEventArb(now: Date, focus: Date[]) {
  return fc.record({
    type: fc.constantFrom("opened", "clicked", "delivered", "bounced"),
    machine: fc.boolean(),
    occurred_at: instantArb(now, focus),
    deleted_at: maybeDeleted(now),
  })
}

/** At most one open membership per segment, as the module's unique index requires. */
function membershipsArb(now: Date) {
  return fc
    .tuple(
      ...SEGMENT_IDS.map((segment_id) =>
        fc.record({
          segment_id: fc.constant(segment_id),
          state: fc.constantFrom("none", "member", "exited", "deleted"),
          history: fc.boolean(),
          at: instantArb(now),
        })
      )
    )
    .map((states) =>
      states.flatMap(({ segment_id, state, history, at }) => {
        const rows: GeneratedContact["memberships"] = []
        if (history) rows.push({ segment_id, entered_at: at, exited_at: at, deleted_at: null })
        if (state === "member") rows.push({ segment_id, entered_at: at, exited_at: null, deleted_at: null })
        if (state === "exited") rows.push({ segment_id, entered_at: at, exited_at: now, deleted_at: null })
        if (state === "deleted") rows.push({ segment_id, entered_at: at, exited_at: null, deleted_at: at })
        return rows
      })
    )
}

/** Contacts with their rows; `focus` is what the data should collide with (see `ruleFocus`). */
export function contactsArb(now: Date, focus: Focus = { instants: [], texts: [] }): fc.Arbitrary<GeneratedContact[]> {
  return fc.uniqueArray(
    fc.record({
      facts: factsArb(now, focus),
      events: eventsArb(now, focus.instants),
      messages: fc.array(messageArb(now, focus.instants), { maxLength: 3, size: "medium" }),
      messageEvents: fc.array(messageEventArb(now, focus.instants), { maxLength: 4, size: "medium" }),
      memberships: membershipsArb(now),
    }),
    { minLength: 1, maxLength: 8, selector: (contact) => contact.facts.email }
  )
}

const windowArb = fc.record({ amount: fc.constantFrom(...AMOUNTS), unit: fc.constantFrom(...TIME_UNITS) })
const nonEmptySubset = <T>(pool: T[]) => fc.subarray(pool, { minLength: 1, maxLength: Math.min(3, pool.length) })

function valueArb(definition: FieldDefinition, operator: string, now: Date): fc.Arbitrary<unknown> | null {
  switch (definition.type) {
    case "text": {
      const pool = definition.values ? [...definition.values] : TEXT_VALUES
      if (operator === "eq" || operator === "neq") return fc.constantFrom(...pool)
      if (operator === "in" || operator === "not_in") return nonEmptySubset(pool)
      if (["contains", "not_contains", "starts_with"].includes(operator)) return fc.constantFrom(...pool.filter(Boolean))
      return null
    }
    case "number": {
      const single = definition.precision === "single"
      const pool = NUMBER_VALUES.filter(
        (value) =>
          (definition.min === undefined || value >= definition.min) &&
          (definition.max === undefined || value <= definition.max) &&
          (!single || value === 0 || Math.fround(value) !== 0)
      )
      if (operator === "between") {
        return fc.tuple(fc.constantFrom(...pool), fc.constantFrom(...pool)).map(([a, b]) => ({ min: Math.min(a, b), max: Math.max(a, b) }))
      }
      return operator === "is_set" || operator === "is_not_set" ? null : fc.constantFrom(...pool)
    }
    case "date":
      if (operator === "before" || operator === "after") {
        return fc.oneof(fc.constantFrom(...ABSOLUTE_VALUES), fc.constantFrom(...edges(now)).map((at) => at.toISOString()))
      }
      if (operator === "in_last" || operator === "more_than_ago" || operator === "in_next") return windowArb
      if (operator === "anniversary_within") return fc.record({ days: fc.constantFrom(...ANNIVERSARY_DAYS) })
      return null
    case "boolean":
      return null
    case "list":
      return operator.startsWith("contains_") ? nonEmptySubset(LIST_VALUES) : null
  }
}

function fieldConditionArb(now: Date, field: SegmentFieldName, operator: string): fc.Arbitrary<unknown> {
  const value = valueArb(getField(field)!, operator, now)
  return value
    ? value.map((v) => ({ type: "field", field, operator, value: v }))
    : fc.constant({ type: "field", field, operator })
}

const FIELD_OPERATORS = SEGMENT_FIELD_NAMES.flatMap((field) =>
  operatorsFor(getField(field)!).map((operator) => ({ field, operator }))
)

const optional = <T>(arbitrary: fc.Arbitrary<T>) => fc.option(arbitrary, { nil: undefined })
const withoutUndefined = (value: Record<string, unknown>) =>
  Object.fromEntries(Object.entries(value).filter(([, v]) => v !== undefined))

function behaviourArbs(): fc.Arbitrary<unknown>[] {
  return [
    fc
      .record({
        type: fc.constant("orders"),
        count: fc.record({ operator: fc.constantFrom("gte", "lte", "eq"), value: fc.integer({ min: 0, max: 3 }) }),
        within: optional(windowArb),
        product_ids: optional(nonEmptySubset([...PRODUCT_IDS, "p9", "1"])),
        category_ids: optional(nonEmptySubset(CATEGORY_IDS)),
      })
      .map(withoutUndefined),
    fc.record({ type: fc.constant("cart_abandoned"), within: windowArb }),
    fc
      .record({
        type: fc.constant("email_engagement"),
        action: fc.constantFrom("opened", "clicked"),
        within: windowArb,
        negate: optional(fc.boolean()),
      })
      .map(withoutUndefined),
    fc
      .record({
        type: fc.constant("received_message"),
        reason_type: fc.constantFrom("flow", "campaign"),
        reason_id: fc.constantFrom("f1", "f2"),
        within: optional(windowArb),
      })
      .map(withoutUndefined),
    fc.record({ type: fc.constant("segment"), segment_id: fc.constantFrom(...SEGMENT_IDS), in: fc.boolean() }),
  ]
}

function conditionArb(now: Date): fc.Arbitrary<unknown> {
  const field = fc
    .constantFrom(...FIELD_OPERATORS)
    .chain(({ field, operator }) => fieldConditionArb(now, field, operator))
  const [orders, ...others] = behaviourArbs()
  return fc.oneof(
    { weight: 6, arbitrary: field },
    { weight: 2, arbitrary: orders },
    ...others.map((arbitrary) => ({ weight: 1, arbitrary }))
  )
}

/**
 * One condition for every field and operator and for every kind of
 * behaviour, checked in each run on its own, so no operator depends on
 * being drawn into a random rule.
 */
export function probesArb(now: Date): fc.Arbitrary<unknown[]> {
  return fc.tuple(
    ...FIELD_OPERATORS.map(({ field, operator }) => fieldConditionArb(now, field, operator)),
    ...behaviourArbs(),
    ...behaviourArbs()
  )
}

/** Rules with groups nested at most `depth` levels. */
export function ruleArb(now: Date, depth: number): fc.Arbitrary<unknown> {
  if (depth === 0) {
    return conditionArb(now)
  }
  const group = fc.record({
    type: fc.constant("group"),
    match: fc.constantFrom(...MATCH_MODES),
    rules: fc.array(ruleArb(now, depth - 1), { minLength: 1, maxLength: 3 }),
  })
  return fc.oneof({ weight: 1, arbitrary: conditionArb(now) }, { weight: 2, arbitrary: group })
}
