/**
 * The words the flow builder shows for a definition: a step's title, a
 * one-line summary of what it is set to do, and the trigger and re-entry
 * policy in a sentence.
 */
import { BUILTIN_STEP_INFO, isBuiltinStepType } from "../../lib/flows/step-types"
import type { Reentry, Trigger } from "../../lib/flows/definition"
import type { DraftStep } from "./flow-draft"
import type { CatalogStepType, CatalogTrigger, FlowHoldoutResults } from "./flow-types"
import { formatAmount } from "./format"
import { FIELD_LABELS } from "./segment-labels"

/** Names the builder knows for ids a definition holds. */
export type FlowLookups = {
  templates?: ReadonlyMap<string, string>
  groups?: ReadonlyMap<string, string>
  stepTypes?: ReadonlyMap<string, CatalogStepType>
  triggers?: ReadonlyMap<string, CatalogTrigger>
  /** Segment names by id, for the segment a segment event's trigger filters on. */
  segments?: ReadonlyMap<string, string>
}

const UNIT_NAMES: Record<string, [string, string]> = {
  minutes: ["minute", "minutes"],
  hours: ["hour", "hours"],
  days: ["day", "days"],
  weeks: ["week", "weeks"],
}

/** "1 day", "3 hours"; "?" for what is not filled in yet. */
export const formatDuration = (duration: unknown): string => {
  const { amount, unit } = (duration ?? {}) as { amount?: unknown; unit?: unknown }
  const names = typeof unit === "string" ? UNIT_NAMES[unit] : undefined
  if (typeof amount !== "number" || !names) {
    return "?"
  }
  return `${amount} ${amount === 1 ? names[0] : names[1]}`
}

const WEEKDAY_NAMES = ["Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun"]

/** ISO weekdays (1 = Monday) as "Mon, Wed"; every day when none are chosen. */
export const formatWeekdays = (weekdays: unknown): string | null => {
  if (!Array.isArray(weekdays) || weekdays.length === 0 || weekdays.length === 7) {
    return null
  }
  return weekdays
    .filter((day): day is number => typeof day === "number" && day >= 1 && day <= 7)
    .slice()
    .sort((a, b) => a - b)
    .map((day) => WEEKDAY_NAMES[day - 1])
    .join(", ")
}

const count = (n: number, one: string, many: string) => `${n} ${n === 1 ? one : many}`

/** The step type's name, from the catalog for registered types. */
export const stepTypeLabel = (type: string, lookups: FlowLookups = {}): string =>
  lookups.stepTypes?.get(type)?.label ?? (isBuiltinStepType(type) ? BUILTIN_STEP_INFO[type].label : type)

/** What the merchant called the step, else its type's name. */
export const stepTitle = (step: DraftStep, lookups: FlowLookups = {}): string =>
  (typeof step.label === "string" && step.label.trim()) || stepTypeLabel(step.type, lookups)

const ruleConditionCount = (rule: unknown): number => {
  if (typeof rule !== "object" || rule === null) return 0
  const node = rule as { type?: unknown; rules?: unknown }
  if (node.type === "group" && Array.isArray(node.rules)) {
    return node.rules.reduce((sum: number, child) => sum + ruleConditionCount(child), 0)
  }
  return 1
}

const configLine = (config: unknown): string => {
  if (typeof config !== "object" || config === null || Array.isArray(config)) {
    return config === undefined ? "Not configured" : JSON.stringify(config)
  }
  const entries = Object.entries(config)
  if (!entries.length) return "Not configured"
  return entries
    .map(([key, value]) => `${key}: ${typeof value === "string" ? value : JSON.stringify(value)}`)
    .join(", ")
}

const hostOf = (url: string) => {
  try {
    return new URL(url).host || url
  } catch {
    return url
  }
}

/** One line saying what the step is set to do, or what it still needs. */
export const stepSummary = (step: DraftStep, lookups: FlowLookups = {}): string => {
  switch (step.type) {
    case "wait":
      return `Wait ${formatDuration(step.duration)}`
    case "wait_until": {
      const days = formatWeekdays(step.weekdays)
      return `Until ${typeof step.time === "string" && step.time ? step.time : "?"}${days ? ` on ${days}` : ""}`
    }
    case "wait_for_event":
      return `${typeof step.event === "string" && step.event ? step.event : "An event"} within ${formatDuration(step.timeout)}`
    case "condition": {
      const parts: string[] = []
      const rules = ruleConditionCount(step.rule)
      if (rules) parts.push(`contact matches ${count(rules, "condition", "conditions")}`)
      if (Array.isArray(step.data) && step.data.length) {
        parts.push(`trigger data matches ${count(step.data.length, "condition", "conditions")}`)
      }
      return parts.length ? `If ${parts.join(" and ")}` : "Add a condition"
    }
    case "split": {
      const branches = Array.isArray(step.branches) ? (step.branches as { percent?: unknown }[]) : []
      return branches.map((branch) => `${typeof branch.percent === "number" ? branch.percent : "?"}%`).join(" / ")
    }
    case "send_email": {
      const id = typeof step.template_id === "string" ? step.template_id : ""
      if (!id) return "Choose a template"
      return lookups.templates?.get(id) ?? id
    }
    case "discount": {
      const value = typeof step.value === "number" ? step.value : undefined
      const off =
        step.kind === "amount"
          ? `${formatAmount(value, typeof step.currency_code === "string" ? step.currency_code : null)} off`
          : `${value ?? "?"}% off`
      const days = typeof step.expires_in_days === "number" ? step.expires_in_days : undefined
      return `${off}, valid ${days === undefined ? "?" : count(days, "day", "days")}`
    }
    case "customer_group": {
      const id = typeof step.group_id === "string" ? step.group_id : ""
      if (!id) return "Choose a customer group"
      const name = lookups.groups?.get(id) ?? id
      return step.action === "remove" ? `Remove from ${name}` : `Add to ${name}`
    }
    case "update_contact": {
      const parts: string[] = []
      const set = step.set as { field?: unknown; value?: unknown } | undefined
      if (set && typeof set.field === "string") {
        parts.push(`Set ${set.field} to ${set.value === null ? "nothing" : String(set.value ?? "?")}`)
      }
      if (typeof step.lead_points === "number") {
        parts.push(`${step.lead_points >= 0 ? "+" : ""}${step.lead_points} lead points`)
      }
      return parts.length ? parts.join(", ") : "Set a field or lead points"
    }
    case "webhook":
      return typeof step.url === "string" && step.url ? `POST to ${hostOf(step.url)}` : "Enter a URL"
    case "exit":
      return "The run ends here"
    default:
      return configLine(step.config)
  }
}

const dateFieldLabel = (field: string) => FIELD_LABELS[field as keyof typeof FIELD_LABELS] ?? field

/** The trigger in a sentence: "When Customer signed up", "7 days before Birthday, every year". */
export const triggerSummary = (trigger: Trigger | undefined, lookups: FlowLookups = {}): string => {
  if (!trigger) return "Choose a trigger"
  switch (trigger.type) {
    case "event": {
      if (!trigger.event) return "Choose an event"
      const known = lookups.triggers?.get(trigger.event)
      const data = trigger.filter?.data ?? []
      // "Entered a segment" names the segment its segment_id condition picks.
      const bySegment = data.find((condition) => condition.path === "segment_id" && condition.operator === "eq")
      const segment = typeof bySegment?.value === "string" ? lookups.segments?.get(bySegment.value) : undefined
      const others = segment ? data.filter((condition) => condition !== bySegment) : data
      const filtered = trigger.filter?.contact || others.length ? ", when the filter matches" : ""
      return `When ${known ? known.label : trigger.event}${segment ? ` “${segment}”` : ""}${filtered}`
    }
    case "date": {
      const days = trigger.offset_days
      const field = dateFieldLabel(trigger.field)
      const when =
        days === 0
          ? `On ${field}`
          : `${count(Math.abs(days), "day", "days")} ${days < 0 ? "before" : "after"} ${field}`
      const hour = trigger.hour === undefined ? "" : ` at ${String(trigger.hour).padStart(2, "0")}:00`
      return `${when}${trigger.annual ? ", every year" : ""}${hour}`
    }
    case "inactivity":
      return `${count(trigger.days, "day", "days")} after the last order`
    default:
      return "Choose a trigger"
  }
}

export const reentrySummary = (reentry: Reentry | undefined): string => {
  if (reentry === "every_time") return "Every time the trigger happens"
  if (typeof reentry === "object" && reentry) return `Again after ${count(reentry.days, "day", "days")}`
  return "Once per contact"
}

const percent = (rate: number, signed = false) =>
  new Intl.NumberFormat("en-US", {
    style: "percent",
    maximumFractionDigits: 1,
    ...(signed ? { signDisplay: "exceptZero" as const } : {}),
  }).format(rate)

/**
 * The flow against its holdout in a sentence: "Holdout 12 of 120: 8.3%
 * converted against 12% with the flow, a lift of +44.6%". Null for a flow
 * without a holdout.
 */
export const holdoutSummary = (runs: FlowHoldoutResults | null | undefined): string | null => {
  if (!runs || runs.holdout.entered === 0) {
    return null
  }
  const { holdout, treated, lift } = runs
  const head = `Holdout ${holdout.entered} of ${runs.entered}`
  if (treated.conversion_rate === null) {
    return `${head}: no contact has gone through the flow yet to compare with`
  }
  const rates = `${percent(holdout.conversion_rate ?? 0)} converted against ${percent(treated.conversion_rate)} with the flow`
  return lift === null
    ? `${head}: ${rates}; the lift shows once a holdout contact converts`
    : `${head}: ${rates}, a lift of ${percent(lift, true)}`
}
