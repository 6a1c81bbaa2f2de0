/**
 * What each condition of the rule builder can hold, read from the same field
 * registry the server validates against (src/lib/segments/fields.ts), so the
 * builder offers exactly the fields and operators the server accepts.
 */

import {
  getField,
  operatorsFor,
  type FieldDefinition,
} from "../../lib/segments/fields"
import type {
  ConditionDraft,
  ConditionType,
  FieldDraft,
  NodePath,
  RuleDraft,
  WindowDraft,
} from "./segment-rule-tree"

/** The input a field condition's value needs. */
export type ValueKind =
  | "none"
  | "text"
  | "enum"
  | "enum_list"
  | "text_list"
  | "number"
  | "range"
  | "date"
  | "window"
  | "days"
  | "ids"

export const operatorsForField = (field: string): readonly string[] => {
  const definition = getField(field)
  return definition ? operatorsFor(definition) : []
}

/** Mirrors which operators take a value in the server's schema. */
export const valueKindFor = (field: string, operator: string): ValueKind => {
  const definition = getField(field)
  if (!definition) {
    return "none"
  }
  switch (definition.type) {
    case "text": {
      if (operator === "is_set" || operator === "is_not_set") return "none"
      const list = operator === "in" || operator === "not_in"
      if (definition.values) return list ? "enum_list" : "enum"
      return list ? "text_list" : "text"
    }
    case "number":
      if (operator === "is_set" || operator === "is_not_set") return "none"
      return operator === "between" ? "range" : "number"
    case "date":
      if (operator === "before" || operator === "after") return "date"
      if (operator === "anniversary_within") return "days"
      if (operator === "in_last" || operator === "more_than_ago" || operator === "in_next") return "window"
      return "none"
    case "boolean":
      return "none"
    case "list":
      return operator.startsWith("contains_") ? "ids" : "none"
  }
}

export const DEFAULT_WINDOW: WindowDraft = { amount: 30, unit: "days" }

const DEFAULT_OPERATOR: Record<FieldDefinition["type"], string> = {
  text: "eq",
  number: "gte",
  date: "in_last",
  boolean: "is_true",
  list: "contains_any",
}

const pad = (value: number) => String(value).padStart(2, "0")

/**
 * The calendar day a date picker shows ("2026-01-31"), which the server
 * reads as that day's midnight UTC; the picker works in local time.
 */
export const dayFromDate = (date: Date) =>
  `${date.getFullYear()}-${pad(date.getMonth() + 1)}-${pad(date.getDate())}`

/** The local midnight a date picker shows for "2026-01-31", or null for anything else. */
export const dateFromDay = (day: unknown): Date | null => {
  const match = typeof day === "string" ? /^(\d{4})-(\d{2})-(\d{2})$/.exec(day) : null
  if (!match) {
    return null
  }
  const date = new Date(Number(match[1]), Number(match[2]) - 1, Number(match[3]))
  return Number.isNaN(date.getTime()) ? null : date
}

/** Ids typed as a comma- or space-separated list, without blanks or repeats. */
export const parseIdList = (text: string): string[] => [
  ...new Set(
    text
      .split(/[\s,]+/)
      .map((part) => part.trim())
      .filter(Boolean)
  ),
]

/** A value the operator accepts, or one left empty for the user to fill in. */
export const defaultFieldValue = (
  field: string,
  operator: string,
  today: Date = new Date()
): unknown => {
  const definition = getField(field)
  switch (valueKindFor(field, operator)) {
    case "none":
      return undefined
    case "text":
      return ""
    case "enum":
      return definition?.type === "text" ? definition.values?.[0] : undefined
    case "enum_list":
    case "text_list":
    case "ids":
      return []
    case "number":
      return undefined
    case "range":
      return definition?.type === "number" && definition.min !== undefined && definition.max !== undefined
        ? { min: definition.min, max: definition.max }
        : {}
    case "date":
      return dayFromDate(today)
    case "window":
      return { ...DEFAULT_WINDOW }
    case "days":
      return { days: 7 }
  }
}

export const defaultOperatorFor = (field: string): string => {
  const definition = getField(field)
  return definition ? DEFAULT_OPERATOR[definition.type] : "eq"
}

/** A new field condition on `field`, with its usual operator. */
export const fieldCondition = (field: string, today?: Date): FieldDraft => {
  const operator = defaultOperatorFor(field)
  const value = defaultFieldValue(field, operator, today)
  return { type: "field", field, operator, ...(value === undefined ? {} : { value }) }
}

/**
 * Another field or operator keeps the value while it still means the same
 * kind of thing (at least 3 → more than 3); otherwise the value starts over.
 */
export const changeField = (
  condition: FieldDraft,
  patch: { field?: string; operator?: string },
  today?: Date
): FieldDraft => {
  const field = patch.field ?? condition.field
  const operators = operatorsForField(field)
  const wanted = patch.operator ?? condition.operator
  const operator = operators.includes(wanted) ? wanted : defaultOperatorFor(field)
  const keep =
    valueKindFor(field, operator) === valueKindFor(condition.field, condition.operator) &&
    getField(field)?.type === getField(condition.field)?.type &&
    // Closed sets of values differ between fields.
    !(field !== condition.field && valueKindFor(field, operator).startsWith("enum"))
  const value = keep ? condition.value : defaultFieldValue(field, operator, today)
  return { type: "field", field, operator, ...(value === undefined ? {} : { value }) }
}

export const defaultCondition = (type: ConditionType, today?: Date): ConditionDraft => {
  switch (type) {
    case "field":
      return fieldCondition("consent_status", today)
    case "orders":
      return { type: "orders", count: { operator: "gte", value: 1 } }
    case "cart_abandoned":
      return { type: "cart_abandoned", within: { amount: 7, unit: "days" } }
    case "email_engagement":
      return { type: "email_engagement", action: "opened", within: { ...DEFAULT_WINDOW } }
    case "received_message":
      return { type: "received_message", reason_type: "campaign", reason_id: "" }
    case "segment":
      return { type: "segment", segment_id: "", in: true }
  }
}

const missingNumber = (value: unknown) => typeof value !== "number" || Number.isNaN(value)

const windowMissing = (window?: WindowDraft) => !!window && missingNumber(window.amount)

const fieldValueMissing = (condition: FieldDraft): boolean => {
  const value = condition.value as any
  switch (valueKindFor(condition.field, condition.operator)) {
    case "none":
      return false
    case "text":
    case "date":
    case "enum":
      return typeof value !== "string" || value.trim() === ""
    case "enum_list":
    case "text_list":
    case "ids":
      return !Array.isArray(value) || value.length === 0
    case "number":
      return missingNumber(value)
    case "range":
      return !value || missingNumber(value.min) || missingNumber(value.max)
    case "window":
      return !value || missingNumber(value.amount)
    case "days":
      return !value || missingNumber(value.days)
  }
}

/** Why a condition cannot be evaluated yet, or null when it is filled in. */
export const missingPart = (node: RuleDraft): string | null => {
  switch (node.type) {
    case "group":
      return node.rules.length ? null : "Add a condition to this group"
    case "field":
      return fieldValueMissing(node) ? "Enter a value" : null
    case "orders":
      if (missingNumber(node.count.value)) return "Enter a number of orders"
      return windowMissing(node.within) ? "Enter how many days, weeks or months" : null
    case "cart_abandoned":
    case "email_engagement":
      return windowMissing(node.within) ? "Enter how many days, weeks or months" : null
    case "received_message":
      if (!node.reason_id.trim()) return node.reason_type === "flow" ? "Choose a flow" : "Choose a campaign"
      return windowMissing(node.within) ? "Enter how many days, weeks or months" : null
    case "segment":
      return node.segment_id ? null : "Choose a segment"
  }
}

/**
 * The first node, in the order they are shown, that is not filled in yet:
 * until there is none the preview waits, since the server would only say
 * what the builder already shows.
 */
export const findIncomplete = (
  node: RuleDraft,
  path: NodePath = []
): { path: NodePath; message: string } | null => {
  const message = missingPart(node)
  if (message) {
    return { path, message }
  }
  if (node.type === "group") {
    for (let i = 0; i < node.rules.length; i++) {
      const found = findIncomplete(node.rules[i], [...path, i])
      if (found) return found
    }
  }
  return null
}
