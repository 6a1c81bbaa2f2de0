import { evaluateRule, type ContactFacts, type EvaluationContext } from "../segments/evaluate"
import { getField } from "../segments/fields"
import { DATE_TEXT_PATTERN, isLeapYear } from "../segments/time"
import { toInstant, type InstantValue } from "../segments/values"
import { evaluateDataConditions } from "./data-conditions"
import type { DateTrigger, FlowDefinition, InactivityTrigger } from "./definition"
import {
  addDays,
  formatLocalDate,
  localDateTime,
  resolveTimeZone,
  zonedInstant,
  type LocalDate,
} from "./local-time"

const DAY_MS = 86_400_000

/** The local hour a date trigger fires at when it names none: a birthday email at midnight would be lost overnight. */
export const DEFAULT_TRIGGER_HOUR = 9

/**
 * Whether an event starts this flow for a contact: the name is the
 * trigger's, and the trigger's data conditions and contact rule hold.
 * Date and inactivity flows start from `nextTriggerOccurrence`, never from
 * an event.
 *
 * @example
 * if (matchesTrigger(definition, { name: "order.placed", data }, contact, { now: new Date(), events })) { … }
 */
export function matchesTrigger(
  definition: FlowDefinition,
  event: { name: string; data?: unknown },
  contact: ContactFacts,
  evaluation: EvaluationContext
): boolean {
  const trigger = definition.trigger
  if (trigger.type !== "event" || trigger.event !== event.name) {
    return false
  }
  if (!evaluateDataConditions(trigger.filter?.data, event.data)) {
    return false
  }
  return !trigger.filter?.contact || evaluateRule(trigger.filter.contact, contact, evaluation)
}

/** The calendar date a date trigger counts from: a "YYYY-MM-DD" field as is, a timestamp as its local date. */
function baseDate(trigger: DateTrigger, contact: ContactFacts, timeZone: string): LocalDate | null {
  const definition = getField(trigger.field)
  if (!definition || definition.type !== "date") {
    return null
  }
  const raw = (contact as Record<string, unknown>)[definition.column]
  if (definition.storage === "date_text") {
    if (typeof raw !== "string" || !DATE_TEXT_PATTERN.test(raw)) return null
    const [year, month, day] = raw.split("-").map(Number)
    const check = new Date(Date.UTC(year, month - 1, day))
    // "2026-02-30" reads as a date only if the calendar agrees.
    if (check.getUTCMonth() !== month - 1 || check.getUTCDate() !== day) return null
    return { year, month, day }
  }
  const instant = toInstant(raw as InstantValue)
  return instant ? localDateTime(instant.getTime(), timeZone) : null
}

/**
 * The anniversary of a date in a year; 29 February falls on 28 February in
 * years without one, as segment rules' `anniversary_within` has it.
 */
function anniversary(date: LocalDate, year: number): LocalDate {
  if (date.month === 2 && date.day === 29 && !isLeapYear(year)) {
    return { year, month: 2, day: 28 }
  }
  return { year, month: date.month, day: date.day }
}

export type TriggerOccurrence = {
  /** When the flow starts for the contact (epoch ms). */
  at: number
  /**
   * Names this occurrence for `shouldEnter`: the local date for date
   * triggers ("2026-03-14"), the last order's time for inactivity, so a
   * job that looks again finds the same occurrence and does not enter twice.
   */
  key: string
}

function nextDateOccurrence(
  trigger: DateTrigger,
  contact: ContactFacts,
  options: { after: number; storeTimezone?: string | null }
): TriggerOccurrence | null {
  const timeZone = resolveTimeZone(contact.timezone, options.storeTimezone)
  const base = baseDate(trigger, contact, timeZone)
  if (!base) {
    return null
  }
  const hour = trigger.hour ?? DEFAULT_TRIGGER_HOUR
  const at = (date: LocalDate): TriggerOccurrence => {
    const day = addDays(date, trigger.offset_days)
    return { at: zonedInstant({ ...day, hour, minute: 0 }, timeZone), key: formatLocalDate(day) }
  }
  if (!trigger.annual) {
    const once = at(base)
    return once.at >= options.after ? once : null
  }
  // Anniversaries start the year after the date itself; an offset of up to a year can move one across a year end.
  const fromYear = Math.max(base.year + 1, localDateTime(options.after, timeZone).year - 1)
  for (let year = fromYear; year <= fromYear + 3; year++) {
    const occurrence = at(anniversary(base, year))
    if (occurrence.at >= options.after) {
      return occurrence
    }
  }
  return null
}

function inactivityOccurrence(trigger: InactivityTrigger, contact: ContactFacts): TriggerOccurrence | null {
  const lastOrder = toInstant(contact.last_order_at)
  if (!lastOrder) {
    // Never ordering is not inactivity: a lead is not a lapsed customer.
    return null
  }
  return { at: lastOrder.getTime() + trigger.days * DAY_MS, key: lastOrder.toISOString() }
}

/**
 * When a date or inactivity flow next starts for a contact, or null when
 * it does not (the date is unset, a one-off date has passed, the contact
 * never ordered, or the flow starts from events).
 *
 * - date: the field's date (a timestamp's local date in the contact's
 *   zone) plus `offset_days`, at `hour` local (9 by default), every year
 *   when `annual`; the first occurrence at or after `after`.
 * - inactivity: the last order plus `days`, which may be before `after`:
 *   the contact is due as long as no order moved it; entering twice is
 *   prevented by the occurrence's key.
 *
 * @example
 * // A job running hourly: the contacts due since its previous run.
 * const due = nextTriggerOccurrence(definition, contact, { after: previousRunAt, storeTimezone })
 * if (due && due.at <= now && shouldEnter(definition, { previousEntries, key: due.key, now }).enter) { … }
 */
export function nextTriggerOccurrence(
  definition: FlowDefinition,
  contact: ContactFacts,
  options: { after: number; storeTimezone?: string | null }
): TriggerOccurrence | null {
  const trigger = definition.trigger
  if (trigger.type === "date") return nextDateOccurrence(trigger, contact, options)
  if (trigger.type === "inactivity") return inactivityOccurrence(trigger, contact)
  return null
}

export type EntryRecord = { entered_at: number; key: string }

export type EntryDecision =
  | { enter: true }
  /**
   * duplicate: this very occurrence (same key) already entered, e.g. a
   * redelivered event; already_entered: a "once" flow the contact went
   * through; too_soon: inside the re-entry window, which ends at `retry_at`.
   */
  | { enter: false; reason: "duplicate" | "already_entered" | "too_soon"; retry_at?: number }

/**
 * Applies the flow's re-entry policy to a contact's previous entries. Every
 * policy refuses an occurrence that already entered (same key); "once"
 * refuses any second entry; `{ days: N }` refuses entries within N days of
 * the latest one.
 *
 * @example
 * shouldEnter(definition, { previousEntries: runs.map((r) => ({ entered_at: r.entered_at, key: r.entry_key })), key: cartId, now })
 */
export function shouldEnter(
  definition: FlowDefinition,
  input: { previousEntries: readonly EntryRecord[]; key: string; now: number }
): EntryDecision {
  const { previousEntries, key, now } = input
  if (previousEntries.some((entry) => entry.key === key)) {
    return { enter: false, reason: "duplicate" }
  }
  const policy = definition.reentry
  if (policy === "once") {
    return previousEntries.length > 0 ? { enter: false, reason: "already_entered" } : { enter: true }
  }
  if (policy === "every_time" || previousEntries.length === 0) {
    return { enter: true }
  }
  const latest = Math.max(...previousEntries.map((entry) => entry.entered_at))
  const retryAt = latest + policy.days * DAY_MS
  return now < retryAt ? { enter: false, reason: "too_soon", retry_at: retryAt } : { enter: true }
}

/**
 * Whether an entry belongs to the flow's holdout group, which is recorded
 * but sent nothing, so conversions with and without the flow can be
 * compared. `random(key)` must return the same number for the same key, so
 * asking again for the same entry gives the same answer.
 */
export function inHoldout(definition: FlowDefinition, random: (key: string) => number, key: string): boolean {
  const percent = definition.holdout_percent ?? 0
  return percent > 0 && random(`holdout:${key}`) * 100 < percent
}
