// The engine stays free of Medusa imports; this is the same zod v4 instance `@medusajs/framework/zod` re-exports.
// eslint-disable-next-line @medusajs/zod-import-source
import { z } from "zod"
import {
  getField,
  operatorsFor,
  SEGMENT_FIELD_NAMES,
  type FieldDefinition,
  type NumberFieldDefinition,
  type SegmentFieldName,
} from "./fields"
import { findLimitIssue } from "./limits"
import { TIME_UNITS, type RelativeWindow } from "./time"

/**
 * The segment rule language: JSON a merchant's rule builder saves, validated
 * here before it reaches either evaluator. Every object is strict, so a typo
 * in a key is an error rather than a condition silently ignored.
 */

export const MATCH_MODES = ["all", "any", "none"] as const
export type MatchMode = (typeof MATCH_MODES)[number]

export const RULE_TYPES = [
  "group",
  "field",
  "orders",
  "cart_abandoned",
  "email_engagement",
  "received_message",
  "segment",
] as const

/** Upper bounds keep every computed window inside the years Postgres and JavaScript share. */
const MAX_WINDOW: Record<RelativeWindow["unit"], number> = { days: 36_500, weeks: 5_200, months: 1_200 }
const MAX_LIST = 1_000

const LONE_SURROGATE = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/

/**
 * Postgres text cannot hold NUL, and a lone surrogate reaches it as U+FFFD:
 * either would make the database compare something other than what the
 * rule says.
 */
const storable = (value: string) => !value.includes("\u0000") && !LONE_SURROGATE.test(value)
const STORABLE_MESSAGE = "must not contain NUL characters or unpaired surrogates"

const TextValue = z.string().max(1_000).refine(storable, STORABLE_MESSAGE)
const Needle = z.string().min(1).max(1_000).refine(storable, STORABLE_MESSAGE)
const Id = z.string().min(1).max(200).refine(storable, STORABLE_MESSAGE)
const IdList = z.array(Id).min(1).max(MAX_LIST)

export const RelativeWindowSchema = z
  .strictObject({ amount: z.int().min(1), unit: z.enum(TIME_UNITS) })
  .superRefine((window, ctx) => {
    if (window.amount > MAX_WINDOW[window.unit]) {
      ctx.addIssue({
        code: "custom",
        path: ["amount"],
        message: `at most ${MAX_WINDOW[window.unit]} ${window.unit}`,
      })
    }
  })

const isoDate = z.iso.date()
const isoDateTime = z.iso.datetime({ offset: true })

/** Absolute dates: a calendar date (UTC midnight) or a date-time with a zone. */
const InstantValue = z.string().refine((value) => {
  if (!isoDate.safeParse(value).success && !isoDateTime.safeParse(value).success) {
    return false
  }
  const year = new Date(value).getUTCFullYear()
  return year >= 1 && year <= 9999
}, "must be an ISO date (2026-01-31) or a date-time with a zone (2026-01-31T09:00:00Z) in years 1 to 9999")

const AnniversaryValue = z.strictObject({ days: z.int().min(0).max(365) })

/**
 * Postgres refuses a float8 that overflows or underflows when cast to a
 * `real` column's precision, so such a value could never be compared there.
 */
const fitsSingle = (value: number) => value === 0 || (Math.fround(value) !== 0 && Number.isFinite(Math.fround(value)))

function numberValue(definition: NumberFieldDefinition) {
  let schema = z.number()
  if (definition.min !== undefined) schema = schema.min(definition.min)
  if (definition.max !== undefined) schema = schema.max(definition.max)
  return definition.precision === "single"
    ? schema.refine(fitsSingle, "outside the range of a single-precision number")
    : schema
}

/** The schema of `value` for an operator that fits the field, or null when it takes none. */
function valueSchemaFor(definition: FieldDefinition, operator: string): z.ZodType | null {
  switch (definition.type) {
    case "text": {
      const one = definition.values ? z.enum(definition.values as [string, ...string[]]) : TextValue
      if (operator === "eq" || operator === "neq") return one
      if (operator === "contains" || operator === "not_contains" || operator === "starts_with") return Needle
      if (operator === "in" || operator === "not_in") return z.array(one).min(1).max(MAX_LIST)
      return null
    }
    case "number": {
      const one = numberValue(definition)
      if (operator === "between") {
        return z
          .strictObject({ min: one, max: one })
          .refine((range) => range.min <= range.max, { message: "min must not exceed max", path: ["max"] })
      }
      return operator === "is_set" || operator === "is_not_set" ? null : one
    }
    case "date":
      if (operator === "before" || operator === "after") return InstantValue
      if (operator === "in_last" || operator === "more_than_ago" || operator === "in_next") return RelativeWindowSchema
      if (operator === "anniversary_within") return AnniversaryValue
      return null
    case "boolean":
      return null
    case "list":
      return operator.startsWith("contains_") ? IdList : null
  }
}

/**
 * Field conditions are checked against the registry here rather than by a
 * union of every field's shape: a union can only say "invalid input", while
 * this names the field, the operators that fit it, or what the value lacks.
 */
const FieldConditionSchema = z
  .strictObject({
    type: z.literal("field"),
    field: z.string(),
    operator: z.string(),
    value: z.unknown().optional(),
  })
  .superRefine((condition, ctx) => {
    const definition = getField(condition.field)
    if (!definition) {
      ctx.addIssue({
        code: "custom",
        path: ["field"],
        message: `unknown field "${condition.field}"; known fields: ${SEGMENT_FIELD_NAMES.join(", ")}`,
      })
      return
    }
    const operators = operatorsFor(definition)
    if (!operators.includes(condition.operator)) {
      ctx.addIssue({
        code: "custom",
        path: ["operator"],
        message:
          `operator "${condition.operator}" does not apply to ${definition.type} field "${condition.field}"; ` +
          `use one of: ${operators.join(", ")}`,
      })
      return
    }
    const schema = valueSchemaFor(definition, condition.operator)
    if (!schema) {
      if (condition.value !== undefined) {
        ctx.addIssue({ code: "custom", path: ["value"], message: `operator "${condition.operator}" takes no value` })
      }
      return
    }
    if (condition.value === undefined) {
      ctx.addIssue({ code: "custom", path: ["value"], message: `operator "${condition.operator}" needs a value` })
      return
    }
    const parsed = schema.safeParse(condition.value)
    for (const issue of parsed.error?.issues ?? []) {
      ctx.addIssue({ code: "custom", path: ["value", ...issue.path], message: issue.message })
    }
  })

export const OrdersConditionSchema = z.strictObject({
  type: z.literal("orders"),
  count: z.strictObject({ operator: z.enum(["gte", "lte", "eq"]), value: z.int().min(0).max(1_000_000) }),
  within: RelativeWindowSchema.optional(),
  /** The order has at least one of these products; with categories too, both must hold. */
  product_ids: IdList.optional(),
  category_ids: IdList.optional(),
})

export const CartAbandonedConditionSchema = z.strictObject({
  type: z.literal("cart_abandoned"),
  within: RelativeWindowSchema,
})

export const EmailEngagementConditionSchema = z.strictObject({
  type: z.literal("email_engagement"),
  action: z.enum(["opened", "clicked"]),
  within: RelativeWindowSchema,
  negate: z.boolean().optional(),
})

export const ReceivedMessageConditionSchema = z.strictObject({
  type: z.literal("received_message"),
  reason_type: Id,
  reason_id: Id,
  within: RelativeWindowSchema.optional(),
})

export const SegmentConditionSchema = z.strictObject({
  type: z.literal("segment"),
  segment_id: Id,
  in: z.boolean(),
})

const RuleNodeSchema: z.ZodType<unknown> = z.lazy(() =>
  z.discriminatedUnion("type", [
    GroupSchema,
    FieldConditionSchema,
    OrdersConditionSchema,
    CartAbandonedConditionSchema,
    EmailEngagementConditionSchema,
    ReceivedMessageConditionSchema,
    SegmentConditionSchema,
  ])
)

const GroupSchema = z.strictObject({
  type: z.literal("group"),
  match: z.enum(MATCH_MODES),
  rules: z.array(RuleNodeSchema).min(1),
})

export type OrdersCondition = z.infer<typeof OrdersConditionSchema>
export type CartAbandonedCondition = z.infer<typeof CartAbandonedConditionSchema>
export type EmailEngagementCondition = z.infer<typeof EmailEngagementConditionSchema>
export type ReceivedMessageCondition = z.infer<typeof ReceivedMessageConditionSchema>
export type SegmentCondition = z.infer<typeof SegmentConditionSchema>

export type FieldOperation =
  | { operator: "eq" | "neq"; value: string | number }
  | { operator: "contains" | "not_contains" | "starts_with"; value: string }
  | { operator: "before" | "after"; value: string }
  | { operator: "in" | "not_in" | "contains_any" | "contains_all" | "contains_none"; value: string[] }
  | { operator: "gt" | "gte" | "lt" | "lte"; value: number }
  | { operator: "between"; value: { min: number; max: number } }
  | { operator: "in_last" | "more_than_ago" | "in_next"; value: RelativeWindow }
  | { operator: "anniversary_within"; value: { days: number } }
  | { operator: "is_set" | "is_not_set" | "is_true" | "is_false" | "is_empty" | "is_not_empty"; value?: undefined }

export type FieldCondition = { type: "field"; field: SegmentFieldName } & FieldOperation

export type Condition =
  | FieldCondition
  | OrdersCondition
  | CartAbandonedCondition
  | EmailEngagementCondition
  | ReceivedMessageCondition
  | SegmentCondition

export type GroupRule = { type: "group"; match: MatchMode; rules: Rule[] }

export type Rule = GroupRule | Condition

/**
 * A whole rule, for route validators and for `parseSegmentRule`. Limits are
 * checked before the structure; the final cast states what the field checks
 * above guarantee and TypeScript cannot infer from them.
 */
export const SegmentRuleSchema = z
  .unknown()
  .superRefine((json, ctx) => {
    const issue = findLimitIssue(json)
    if (issue) {
      ctx.addIssue({ code: "custom", path: issue.path, message: issue.message })
    }
  })
  .pipe(RuleNodeSchema)
  .transform((rule) => rule as Rule)

export type SegmentRuleIssue = { path: string; message: string }

export type SegmentRuleParseResult = { ok: true; rule: Rule } | { ok: false; error: SegmentRuleIssue }

/** "rules[1].rules[0].operator"; the empty string is the rule itself. */
export function formatPath(path: readonly PropertyKey[]): string {
  return path
    .map((key, index) => (typeof key === "number" ? `[${key}]` : `${index === 0 ? "" : "."}${String(key)}`))
    .join("")
}

function toIssue(issue: z.core.$ZodIssue): SegmentRuleIssue {
  if (issue.code === "unrecognized_keys") {
    return {
      path: formatPath([...issue.path, issue.keys[0]]),
      message: `unknown property${issue.keys.length > 1 ? "s" : ""} ${issue.keys.map((key) => `"${key}"`).join(", ")}`,
    }
  }
  if (issue.code === "invalid_union" && issue.path[issue.path.length - 1] === "type") {
    return { path: formatPath(issue.path), message: `unknown rule type; use one of: ${RULE_TYPES.join(", ")}` }
  }
  return { path: formatPath(issue.path), message: issue.message }
}

/**
 * Validates a rule from JSON. On failure the error names the first bad node
 * in document order, e.g. `{ path: "rules[1].rules[0].operator", message }`.
 */
export function parseSegmentRule(json: unknown): SegmentRuleParseResult {
  const result = SegmentRuleSchema.safeParse(json)
  if (result.success) {
    return { ok: true, rule: result.data }
  }
  return { ok: false, error: toIssue(result.error.issues[0]) }
}
