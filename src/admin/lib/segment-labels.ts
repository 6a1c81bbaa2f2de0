/**
 * The words the rule builder uses for the segment rule language. Each table
 * is keyed by the server's own lists, so a field or operator added there
 * fails the type check here until it has a label.
 */

import type {
  CONSENT_STATUSES,
  FieldType,
  OPERATORS_BY_TYPE,
  RFM_SEGMENTS,
  SegmentFieldName,
} from "../../lib/segments/fields"
import type { MatchMode, OrdersCondition } from "../../lib/segments/schema"
import type { TimeUnit } from "../../lib/segments/time"
import type { ConditionType } from "./segment-rule-tree"

export const FIELD_LABELS: Record<SegmentFieldName, string> = {
  email: "Email",
  first_name: "First name",
  last_name: "Last name",
  locale: "Locale",
  timezone: "Timezone",
  currency_code: "Currency",
  consent_status: "Consent",
  rfm_segment: "RFM group",
  orders_count: "Number of orders",
  total_spent: "Total spent",
  average_order_value: "Average order value",
  rfm_recency: "RFM recency (1-5)",
  rfm_frequency: "RFM frequency (1-5)",
  rfm_monetary: "RFM monetary (1-5)",
  engagement_score: "Engagement score",
  lead_score: "Lead score",
  churn_risk: "Churn risk (0-1)",
  probability_alive: "Probability still a customer (0-1)",
  predicted_value_365: "Predicted spend, next 365 days",
  predicted_orders_365: "Predicted orders, next 365 days",
  soft_bounces: "Soft bounces in a row",
  first_order_at: "First order",
  last_order_at: "Last order",
  last_seen_at: "Last seen",
  last_cart_at: "Last cart activity",
  last_emailed_at: "Last emailed",
  last_opened_at: "Last opened an email",
  last_clicked_at: "Last clicked in an email",
  created_at: "Became a contact",
  birth_date: "Birthday",
  next_order_expected_at: "Next order expected",
  has_account: "Has a customer account",
  suppressed: "On the suppression list",
  product_ids: "Products bought",
  category_ids: "Categories bought",
  unsubscribed_topics: "Unsubscribed topics",
}

/** The field picker's sections; every field is in exactly one. */
export const FIELD_GROUPS: { id: string; label: string; fields: SegmentFieldName[] }[] = [
  {
    id: "profile",
    label: "Profile",
    fields: [
      "email",
      "first_name",
      "last_name",
      "consent_status",
      "has_account",
      "suppressed",
      "locale",
      "timezone",
      "currency_code",
    ],
  },
  {
    id: "orders",
    label: "Orders",
    fields: ["orders_count", "total_spent", "average_order_value"],
  },
  {
    id: "engagement",
    label: "Engagement",
    fields: [
      "engagement_score",
      "last_emailed_at",
      "last_opened_at",
      "last_clicked_at",
      "soft_bounces",
    ],
  },
  {
    id: "scores",
    label: "Scores",
    fields: [
      "rfm_segment",
      "rfm_recency",
      "rfm_frequency",
      "rfm_monetary",
      "lead_score",
      "churn_risk",
      "probability_alive",
      "predicted_value_365",
      "predicted_orders_365",
    ],
  },
  {
    id: "dates",
    label: "Dates",
    fields: [
      "first_order_at",
      "last_order_at",
      "last_seen_at",
      "last_cart_at",
      "next_order_expected_at",
      "created_at",
      "birth_date",
    ],
  },
  {
    id: "lists",
    label: "Lists",
    fields: ["product_ids", "category_ids", "unsubscribed_topics"],
  },
]

type OperatorLabels = {
  [T in FieldType]: Record<(typeof OPERATORS_BY_TYPE)[T][number], string>
}

export const OPERATOR_LABELS: OperatorLabels = {
  text: {
    eq: "is",
    neq: "is not",
    contains: "contains",
    not_contains: "does not contain",
    starts_with: "starts with",
    in: "is any of",
    not_in: "is none of",
    is_set: "is known",
    is_not_set: "is unknown",
  },
  number: {
    eq: "is",
    neq: "is not",
    gt: "more than",
    gte: "at least",
    lt: "less than",
    lte: "at most",
    between: "between",
    is_set: "is known",
    is_not_set: "is unknown",
  },
  date: {
    before: "is before",
    after: "is after",
    in_last: "is in the last",
    more_than_ago: "is more than … ago",
    in_next: "is in the next",
    anniversary_within: "anniversary within",
    is_set: "is known",
    is_not_set: "is unknown",
  },
  boolean: {
    is_true: "yes",
    is_false: "no",
  },
  list: {
    contains_any: "includes any of",
    contains_all: "includes all of",
    contains_none: "includes none of",
    is_empty: "is empty",
    is_not_empty: "is not empty",
  },
}

export const operatorLabel = (type: FieldType, operator: string): string =>
  (OPERATOR_LABELS[type] as Record<string, string>)[operator] ?? operator

export const ENUM_VALUE_LABELS: {
  consent_status: Record<(typeof CONSENT_STATUSES)[number], string>
  rfm_segment: Record<(typeof RFM_SEGMENTS)[number], string>
} = {
  consent_status: {
    subscribed: "Subscribed",
    unsubscribed: "Unsubscribed",
    pending: "Pending confirmation",
    never: "Never subscribed",
  },
  rfm_segment: {
    champions: "Champions",
    loyal: "Loyal",
    potential_loyalist: "Potential loyalist",
    new: "New",
    promising: "Promising",
    needs_attention: "Needs attention",
    about_to_sleep: "About to sleep",
    at_risk: "At risk",
    cant_lose: "Can't lose",
    hibernating: "Hibernating",
    lost: "Lost",
  },
}

export const enumValueLabel = (field: string, value: string): string =>
  (ENUM_VALUE_LABELS as Record<string, Record<string, string>>)[field]?.[value] ?? value

export const CONDITION_TYPE_LABELS: Record<ConditionType, string> = {
  field: "Contact field",
  orders: "Orders placed",
  cart_abandoned: "Abandoned a cart",
  email_engagement: "Email engagement",
  received_message: "Received a message",
  segment: "Segment membership",
}

export const CONDITION_TYPES = Object.keys(CONDITION_TYPE_LABELS) as ConditionType[]

export const MATCH_LABELS: Record<MatchMode, string> = {
  all: "all",
  any: "any",
  none: "none",
}

export const TIME_UNIT_LABELS: Record<TimeUnit, string> = {
  days: "days",
  weeks: "weeks",
  months: "months",
}

export const ORDER_COUNT_LABELS: Record<OrdersCondition["count"]["operator"], string> = {
  gte: "at least",
  lte: "at most",
  eq: "exactly",
}

export const REASON_TYPE_LABELS: Record<string, string> = {
  flow: "Flow",
  campaign: "Campaign",
}
