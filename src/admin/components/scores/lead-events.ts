import type { ContactEventType } from "../../lib/types"
import type { LeadScoreCondition, LeadScoreOperator } from "../../hooks/api/lead-score-rules"

type LeadEventType = {
  value: ContactEventType
  label: string
  /** Keys of the event's data a condition can test; none for events without data. */
  paths: string[]
}

const ORDER_PATHS = ["total", "currency_code", "product_ids", "category_ids", "display_id"]
const CART_PATHS = ["item_count", "currency_code"]

/**
 * What the plugin records about contacts, as lead-score rules match it: the
 * timeline's event types, and a person's opens and clicks of emails.
 */
export const LEAD_EVENT_TYPES: LeadEventType[] = [
  { value: "signed_up", label: "Signed up for an account", paths: [] },
  { value: "subscribed", label: "Subscribed to email", paths: ["source"] },
  { value: "unsubscribed", label: "Unsubscribed from email", paths: ["source"] },
  { value: "opened", label: "Opened an email", paths: [] },
  { value: "clicked", label: "Clicked a link in an email", paths: [] },
  { value: "cart_updated", label: "Updated a cart", paths: CART_PATHS },
  { value: "cart_abandoned", label: "Abandoned a cart", paths: CART_PATHS },
  { value: "order_placed", label: "Placed an order", paths: ORDER_PATHS },
  { value: "order_fulfilled", label: "Had an order fulfilled", paths: ORDER_PATHS },
  { value: "order_canceled", label: "Canceled an order", paths: ORDER_PATHS },
  { value: "refund", label: "Got a refund", paths: ["amount", "currency_code"] },
]

/** Opens and clicks carry no data scoring can read, so a condition on them never holds. */
export const EVENTS_WITHOUT_DATA = new Set(["opened", "clicked"])

export const eventTypeLabel = (type: string) =>
  LEAD_EVENT_TYPES.find((candidate) => candidate.value === type)?.label ?? type

export const eventTypePaths = (type: string) =>
  LEAD_EVENT_TYPES.find((candidate) => candidate.value === type)?.paths ?? []

/**
 * The operators as a merchant reads them. "Is absent" is the engine's
 * `exists` with `false`, so it has its own entry.
 */
export const CONDITION_OPERATORS: { value: ConditionChoice; label: string; needsValue: boolean }[] = [
  { value: "eq", label: "is", needsValue: true },
  { value: "neq", label: "is not", needsValue: true },
  { value: "gt", label: "is more than", needsValue: true },
  { value: "gte", label: "is at least", needsValue: true },
  { value: "lt", label: "is less than", needsValue: true },
  { value: "lte", label: "is at most", needsValue: true },
  { value: "contains", label: "contains", needsValue: true },
  { value: "exists", label: "is present", needsValue: false },
  { value: "absent", label: "is absent", needsValue: false },
]

export type ConditionChoice = LeadScoreOperator | "absent"

const NUMERIC = new Set<ConditionChoice>(["gt", "gte", "lt", "lte"])

/**
 * The typed value to send. Numbers go as numbers for comparisons (the
 * server refuses text there and says so); for "is" and "is not", numeric
 * text becomes a number and true/false a boolean, as event data holds them.
 */
const typedValue = (choice: ConditionChoice, raw: string): string | number | boolean => {
  const text = raw.trim()
  const number = text !== "" && Number.isFinite(Number(text)) ? Number(text) : null
  if (NUMERIC.has(choice)) {
    return number ?? text
  }
  if (choice === "eq" || choice === "neq") {
    if (text === "true" || text === "false") {
      return text === "true"
    }
    return number ?? text
  }
  return text
}

export const toCondition = (path: string, choice: ConditionChoice, raw: string): LeadScoreCondition => {
  if (choice === "absent") {
    return { path: path.trim(), operator: "exists", value: false }
  }
  if (choice === "exists") {
    return { path: path.trim(), operator: "exists" }
  }
  return { path: path.trim(), operator: choice, value: typedValue(choice, raw) }
}

export const fromCondition = (condition: LeadScoreCondition | null) => {
  if (!condition) {
    return { path: "", choice: "eq" as ConditionChoice, value: "" }
  }
  const choice: ConditionChoice =
    condition.operator === "exists" && condition.value === false ? "absent" : condition.operator
  const value = condition.value === undefined || choice === "absent" ? "" : String(condition.value)
  return { path: condition.path, choice, value }
}

/** "total is at least 100", for the rules list. */
export const describeCondition = (condition: LeadScoreCondition | null): string | null => {
  if (!condition) {
    return null
  }
  const { choice, value } = fromCondition(condition)
  const operator = CONDITION_OPERATORS.find((candidate) => candidate.value === choice)
  const label = operator?.label ?? condition.operator
  return operator?.needsValue ? `${condition.path} ${label} ${JSON.stringify(condition.value) ?? value}` : `${condition.path} ${label}`
}
