/**
 * The profile fields a segment rule can test, with the column each reads on
 * `marketing_contact` and how its values compare. Both evaluators and the
 * parser read this one registry, so a field cannot mean one thing in SQL and
 * another in memory.
 */

/** Mirrors the module's consent statuses; the pure engine does not import the module. */
export const CONSENT_STATUSES = ["subscribed", "unsubscribed", "pending", "never"] as const

/** The eleven RFM groups the scoring job writes to `rfm_segment`. */
export const RFM_SEGMENTS = [
  "champions",
  "loyal",
  "potential_loyalist",
  "new",
  "promising",
  "needs_attention",
  "about_to_sleep",
  "at_risk",
  "cant_lose",
  "hibernating",
  "lost",
] as const

export type TextFieldDefinition = {
  type: "text"
  column: string
  /** A–Z and a–z compare equal (see `foldCase`). */
  caseInsensitive?: boolean
  /** A closed set of values: only equality operators apply. */
  values?: readonly string[]
}

export type NumberFieldDefinition = {
  type: "number"
  column: string
  /**
   * `real` columns hold single-precision floats, so comparisons happen at that
   * precision on both sides; every other number compares as a double.
   */
  precision: "double" | "single"
  min?: number
  max?: number
}

export type DateFieldDefinition = {
  type: "date"
  column: string
  /** `timestamptz`, or a "YYYY-MM-DD" text column holding a calendar date. */
  storage: "timestamptz" | "date_text"
}

/** True when the column is not null (`customer_id`, `suppressed_at`). */
export type BooleanFieldDefinition = { type: "boolean"; column: string }

/** A `text[]` column of ids or topics. */
export type ListFieldDefinition = { type: "list"; column: string }

export type FieldDefinition =
  | TextFieldDefinition
  | NumberFieldDefinition
  | DateFieldDefinition
  | BooleanFieldDefinition
  | ListFieldDefinition

export type FieldType = FieldDefinition["type"]

const text = (column: string, extra: Partial<TextFieldDefinition> = {}): TextFieldDefinition => ({
  type: "text",
  column,
  ...extra,
})
const num = (
  column: string,
  precision: NumberFieldDefinition["precision"] = "double",
  range: { min?: number; max?: number } = {}
): NumberFieldDefinition => ({ type: "number", column, precision, ...range })
const date = (column: string, storage: DateFieldDefinition["storage"] = "timestamptz"): DateFieldDefinition => ({
  type: "date",
  column,
  storage,
})
const list = (column: string): ListFieldDefinition => ({ type: "list", column })

export const SEGMENT_FIELDS = {
  email: text("email", { caseInsensitive: true }),
  first_name: text("first_name", { caseInsensitive: true }),
  last_name: text("last_name", { caseInsensitive: true }),
  locale: text("locale"),
  timezone: text("timezone"),
  currency_code: text("currency_code"),
  consent_status: text("consent_status", { values: CONSENT_STATUSES }),
  rfm_segment: text("rfm_segment", { values: RFM_SEGMENTS }),

  orders_count: num("orders_count"),
  total_spent: num("total_spent"),
  average_order_value: num("average_order_value"),
  rfm_recency: num("rfm_recency", "double", { min: 1, max: 5 }),
  rfm_frequency: num("rfm_frequency", "double", { min: 1, max: 5 }),
  rfm_monetary: num("rfm_monetary", "double", { min: 1, max: 5 }),
  engagement_score: num("engagement_score", "single"),
  lead_score: num("lead_score"),
  churn_risk: num("churn_risk", "single", { min: 0, max: 1 }),
  probability_alive: num("probability_alive", "single", { min: 0, max: 1 }),
  predicted_value_365: num("predicted_value_365", "single"),
  predicted_orders_365: num("predicted_orders_365", "single"),
  soft_bounces: num("soft_bounces"),

  first_order_at: date("first_order_at"),
  last_order_at: date("last_order_at"),
  last_seen_at: date("last_seen_at"),
  last_cart_at: date("last_cart_at"),
  last_emailed_at: date("last_emailed_at"),
  last_opened_at: date("last_opened_at"),
  last_clicked_at: date("last_clicked_at"),
  created_at: date("created_at"),
  birth_date: date("birth_date", "date_text"),
  next_order_expected_at: date("next_order_expected_at"),

  has_account: { type: "boolean", column: "customer_id" },
  suppressed: { type: "boolean", column: "suppressed_at" },

  product_ids: list("product_ids"),
  category_ids: list("category_ids"),
  unsubscribed_topics: list("unsubscribed_topics"),
} as const satisfies Record<string, FieldDefinition>

export type SegmentFieldName = keyof typeof SEGMENT_FIELDS

export const SEGMENT_FIELD_NAMES = Object.keys(SEGMENT_FIELDS) as SegmentFieldName[]

/**
 * The fields scoring writes: a score refresh can move a contact in or out
 * of a segment that reads one of them, and of no other.
 */
export const SCORE_FIELDS: ReadonlySet<SegmentFieldName> = new Set<SegmentFieldName>([
  "rfm_recency",
  "rfm_frequency",
  "rfm_monetary",
  "rfm_segment",
  "engagement_score",
  "lead_score",
  "churn_risk",
  "probability_alive",
  "predicted_orders_365",
  "predicted_value_365",
  "next_order_expected_at",
])

export const OPERATORS_BY_TYPE = {
  text: ["eq", "neq", "contains", "not_contains", "starts_with", "in", "not_in", "is_set", "is_not_set"],
  number: ["eq", "neq", "gt", "gte", "lt", "lte", "between", "is_set", "is_not_set"],
  date: ["before", "after", "in_last", "more_than_ago", "in_next", "anniversary_within", "is_set", "is_not_set"],
  boolean: ["is_true", "is_false"],
  list: ["contains_any", "contains_all", "contains_none", "is_empty", "is_not_empty"],
} as const

/** Substring operators make no sense on a closed set of values. */
const ENUM_OPERATORS = ["eq", "neq", "in", "not_in", "is_set", "is_not_set"] as const

/** Own properties only, so "constructor" or "__proto__" are unknown fields, not crashes. */
export function getField(name: string): FieldDefinition | undefined {
  return Object.prototype.hasOwnProperty.call(SEGMENT_FIELDS, name)
    ? (SEGMENT_FIELDS as Record<string, FieldDefinition>)[name]
    : undefined
}

export function operatorsFor(definition: FieldDefinition): readonly string[] {
  if (definition.type === "text" && definition.values) {
    return ENUM_OPERATORS
  }
  return OPERATORS_BY_TYPE[definition.type]
}
