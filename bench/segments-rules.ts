/**
 * What the scoring and segmentation benchmark asks of the synthetic store
 * (bench/segments-store.ts): twenty segments a merchant would build, the
 * rules of a few new segments to preview, and lead-score rules. Ids and
 * names refer to the generated catalog (prod_bench00001…, pcat_bench001…,
 * campaigns mkt_cmp_bench1…60).
 */
import type { LeadScorePropertyCondition } from "../src/lib/scoring"

type RuleJson = Record<string, unknown>

const field = (name: string, operator: string, value?: unknown): RuleJson =>
  value === undefined ? { type: "field", field: name, operator } : { type: "field", field: name, operator, value }
const all = (...rules: RuleJson[]): RuleJson => ({ type: "group", match: "all", rules })
const any = (...rules: RuleJson[]): RuleJson => ({ type: "group", match: "any", rules })
const days = (amount: number) => ({ amount, unit: "days" })

/**
 * Segments in dependency order: the last one refers to two before it by
 * name, resolved to their ids when the bench creates them.
 */
export const BENCH_SEGMENTS: { name: string; rules: RuleJson }[] = [
  {
    name: "Repeat buyers gone quiet",
    rules: all(
      { type: "orders", count: { operator: "gte", value: 2 }, within: days(90) },
      field("total_spent", "gt", 200),
      { type: "email_engagement", action: "opened", within: days(60), negate: true }
    ),
  },
  { name: "Champions", rules: field("rfm_segment", "eq", "champions") },
  { name: "At risk", rules: field("rfm_segment", "in", ["at_risk", "cant_lose"]) },
  { name: "Abandoned a cart this week", rules: { type: "cart_abandoned", within: days(7) } },
  { name: "Birthday this week", rules: field("birth_date", "anniversary_within", { days: 7 }) },
  { name: "Subscribed with an account", rules: all(field("consent_status", "eq", "subscribed"), field("has_account", "is_true")) },
  {
    name: "New subscribers without an order",
    rules: all(field("consent_status", "eq", "subscribed"), field("created_at", "in_last", days(30)), field("orders_count", "eq", 0)),
  },
  { name: "Lapsed customers", rules: all(field("orders_count", "gte", 1), field("last_order_at", "more_than_ago", days(180))) },
  { name: "VIP", rules: field("total_spent", "gte", 1000) },
  {
    name: "Bought from category 7 lately",
    rules: { type: "orders", count: { operator: "gte", value: 1 }, within: days(60), category_ids: ["pcat_bench007"] },
  },
  { name: "Bestseller fans", rules: field("product_ids", "contains_any", ["prod_bench00001", "prod_bench00002", "prod_bench00003"]) },
  { name: "Clicked this month", rules: { type: "email_engagement", action: "clicked", within: days(30) } },
  { name: "Valuable and slipping", rules: all(field("churn_risk", "gte", 0.6), field("total_spent", "gte", 300)) },
  { name: "Next order due within two weeks", rules: field("next_order_expected_at", "in_next", days(14)) },
  { name: "Highly engaged", rules: field("engagement_score", "gte", 40) },
  { name: "Hot leads", rules: field("lead_score", "gte", 30) },
  {
    name: "Got campaign 5 but did not click",
    rules: all(
      { type: "received_message", reason_type: "campaign", reason_id: "mkt_cmp_bench5", within: days(90) },
      { type: "email_engagement", action: "clicked", within: days(90), negate: true }
    ),
  },
  { name: "Browsing, never bought", rules: all(field("last_seen_at", "in_last", days(14)), field("orders_count", "eq", 0)) },
  {
    name: "Win-back",
    rules: any(
      field("rfm_segment", "in", ["hibernating", "lost"]),
      all(field("last_order_at", "more_than_ago", days(365)), field("orders_count", "gte", 2))
    ),
  },
  {
    name: "Subscribed champions outside VIP",
    rules: all(
      { type: "segment", segment_id: "@Champions", in: true },
      field("consent_status", "eq", "subscribed"),
      { type: "segment", segment_id: "@VIP", in: false }
    ),
  },
]

/** Rules of segments being drafted: what the live count preview answers. */
export const BENCH_PREVIEWS: { name: string; rules: RuleJson }[] = [
  {
    name: "Bought product 1 this month and subscribed",
    rules: all(
      { type: "orders", count: { operator: "gte", value: 1 }, within: days(30), product_ids: ["prod_bench00001"] },
      field("consent_status", "eq", "subscribed")
    ),
  },
  { name: "Opened in two weeks and spent over 100", rules: all({ type: "email_engagement", action: "opened", within: days(14) }, field("total_spent", "gt", 100)) },
  { name: "Seen this week, subscribed", rules: all(field("last_seen_at", "in_last", days(7)), field("consent_status", "eq", "subscribed")) },
  { name: "Three or more orders in 180 days", rules: { type: "orders", count: { operator: "gte", value: 3 }, within: days(180) } },
  { name: "Ever bought product 1", rules: { type: "orders", count: { operator: "gte", value: 1 }, product_ids: ["prod_bench00001"] } },
  { name: "Ever bought product 700", rules: { type: "orders", count: { operator: "gte", value: 1 }, product_ids: ["prod_bench00700"] } },
  { name: "Ever bought from category 7", rules: { type: "orders", count: { operator: "gte", value: 1 }, category_ids: ["pcat_bench007"] } },
  { name: "Loyal or champions in Germany", rules: all(field("rfm_segment", "in", ["loyal", "champions"]), field("locale", "eq", "de-DE")) },
]

export const BENCH_LEAD_RULES: {
  name: string
  points: number
  event_type: string
  property?: LeadScorePropertyCondition
  expires_after_days?: number
  max_times?: number
}[] = [
  { name: "Clicked an email", points: 5, event_type: "clicked", expires_after_days: 90, max_times: 10 },
  { name: "Abandoned a cart", points: 3, event_type: "cart_abandoned", expires_after_days: 30, max_times: 5 },
  { name: "Big order", points: 20, event_type: "order_placed", property: { path: "total", operator: "gte", value: 150 } },
  { name: "Signed up", points: 10, event_type: "signed_up" },
]
