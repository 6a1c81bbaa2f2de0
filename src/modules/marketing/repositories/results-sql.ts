/**
 * What flows and campaigns earned, in SQL because every figure is an
 * aggregate over messages, their events and conversions: the database
 * groups them in one pass each, and no message row ever reaches Node.
 *
 * Money is net of refunds and never below zero per order; canceled orders
 * count for nothing. Amounts are kept apart by currency.
 */

export const RESULTS_GROUPINGS = ["step", "variant", "none"] as const
export type ResultsGrouping = (typeof RESULTS_GROUPINGS)[number]

/** A conversion's worth: what was paid and not refunded. */
const NET = "greatest(c.amount - c.refunded_amount, 0)"

/**
 * A flow's or campaign's results, per step, per variant or in one group.
 * The period picks messages by when they were sent; what those messages
 * led to (opens, clicks, orders) counts whenever it happened, so late
 * orders still land on the send that earned them. Opens and clicks are a
 * person's (machine ones are not on the message); a click counts as an open.
 *
 * Params: grouping, reason type, reason id, from, from, to, to, reason type, reason id.
 */
export const RESULTS_SQL = `
WITH msg AS (
  SELECT m.id, m.contact_id,
    CASE ?::text WHEN 'step' THEN m.reason_step WHEN 'variant' THEN m.variant END AS group_key,
    m.delivered_at, m.opened_at, m.clicked_at, m.bounced_at
  FROM marketing_message m
  WHERE m.deleted_at IS NULL AND m.status = 'sent'
    AND m.reason_type = ? AND m.reason_id = ?
    AND (?::timestamptz IS NULL OR m.sent_at >= ?::timestamptz)
    AND (?::timestamptz IS NULL OR m.sent_at < ?::timestamptz)
),
stats AS (
  SELECT msg.group_key,
    count(DISTINCT msg.contact_id)::int AS recipients,
    count(*)::int AS sent,
    count(msg.delivered_at)::int AS delivered,
    count(msg.opened_at)::int AS opened,
    count(msg.clicked_at)::int AS clicked,
    count(msg.bounced_at)::int AS bounced,
    count(*) FILTER (WHERE EXISTS (
      SELECT 1 FROM marketing_message_event e
      WHERE e.message_id = msg.id AND e.type = 'unsubscribed' AND e.deleted_at IS NULL
    ))::int AS unsubscribed
  FROM msg
  GROUP BY msg.group_key
),
earned AS (
  SELECT msg.group_key, c.currency_code, count(*)::int AS conversions, sum(${NET})::float8 AS revenue
  FROM marketing_conversion c
  JOIN msg ON msg.id = c.message_id
  WHERE c.deleted_at IS NULL AND c.canceled_at IS NULL AND c.reason_type = ? AND c.reason_id = ?
  GROUP BY msg.group_key, c.currency_code
)
SELECT s.*,
  coalesce((SELECT sum(r.conversions) FROM earned r
            WHERE r.group_key IS NOT DISTINCT FROM s.group_key), 0)::int AS conversions,
  coalesce((SELECT jsonb_object_agg(r.currency_code, r.revenue) FROM earned r
            WHERE r.group_key IS NOT DISTINCT FROM s.group_key), '{}'::jsonb) AS revenue
FROM stats s
ORDER BY s.group_key NULLS LAST`

export type ResultsRow = {
  group_key: string | null
  recipients: number
  sent: number
  delivered: number
  opened: number
  clicked: number
  bounced: number
  unsubscribed: number
  conversions: number
  revenue: Record<string, number>
}

/**
 * A flow's entrants, in its holdout (kept from every step) and not. A run
 * converts when its contact places an order, not canceled, after entering
 * and within the click window: a test both arms pass the same way, which a
 * run's `converted_at` cannot promise, since holdout runs act on nothing.
 * The order that started the run (its entry key) is not a conversion.
 *
 * Params: click window days, flow id, from, from, to, to.
 */
export const FLOW_RUN_RESULTS_SQL = `
SELECT r.holdout,
  count(*)::int AS entered,
  count(*) FILTER (WHERE EXISTS (
    SELECT 1 FROM marketing_contact_event o
    WHERE o.contact_id = r.contact_id AND o.type = 'order_placed' AND o.deleted_at IS NULL
      AND o.occurred_at > r.entered_at
      AND o.occurred_at <= r.entered_at + make_interval(days => ?::int)
      AND o.resource_id IS DISTINCT FROM r.entry_key
      AND NOT EXISTS (
        SELECT 1 FROM marketing_contact_event x
        WHERE x.resource_id = o.resource_id AND x.type = 'order_canceled' AND x.deleted_at IS NULL
      )
  ))::int AS converted
FROM marketing_flow_run r
WHERE r.deleted_at IS NULL AND r.flow_id = ?
  AND (?::timestamptz IS NULL OR r.entered_at >= ?::timestamptz)
  AND (?::timestamptz IS NULL OR r.entered_at < ?::timestamptz)
GROUP BY r.holdout`

export type FlowRunResultsRow = { holdout: boolean; entered: number; converted: number }

export type ResultsGroup = Omit<ResultsRow, "group_key"> & {
  /** The step id or variant key; null for messages without one, and for `group_by=none`. */
  key: string | null
  /** Net revenue per recipient, by currency. */
  revenue_per_recipient: Record<string, number>
}

export type HoldoutArm = {
  entered: number
  converted: number
  /** Converted over entered, 0 to 1; null with no entrants. */
  conversion_rate: number | null
}

export type FlowRunResults = {
  entered: number
  holdout: HoldoutArm
  treated: HoldoutArm
  /**
   * How much better the flow converts than its holdout: 0.25 is 25 % more.
   * Null while either arm has no entrants or the holdout converted nobody.
   */
  lift: number | null
}

export type Results = {
  groups: ResultsGroup[]
  /** Flows only. */
  runs: FlowRunResults | null
}

const rate = (converted: number, entered: number) => (entered ? converted / entered : null)

export function toResultsGroup(row: ResultsRow): ResultsGroup {
  const { group_key, ...figures } = row
  const revenue = Object.fromEntries(
    Object.entries(row.revenue ?? {}).map(([currency, amount]) => [currency, Number(amount)])
  )
  return {
    key: group_key,
    ...figures,
    revenue,
    revenue_per_recipient: Object.fromEntries(
      Object.entries(revenue).map(([currency, amount]) => [
        currency,
        row.recipients ? amount / row.recipients : 0,
      ])
    ),
  }
}

export function toFlowRunResults(rows: FlowRunResultsRow[]): FlowRunResults {
  const arm = (holdout: boolean): HoldoutArm => {
    const row = rows.find((r) => r.holdout === holdout)
    const entered = row?.entered ?? 0
    const converted = row?.converted ?? 0
    return { entered, converted, conversion_rate: rate(converted, entered) }
  }
  const holdout = arm(true)
  const treated = arm(false)
  const lift =
    holdout.conversion_rate && treated.conversion_rate !== null
      ? treated.conversion_rate / holdout.conversion_rate - 1
      : null
  return { entered: holdout.entered + treated.entered, holdout, treated, lift }
}

/**
 * The month boundaries and the 30 days of the overview, in the merchant's
 * time zone: "this month" starts at their midnight, not the server's.
 * Every overview statement starts from this CTE.
 *
 * Params: time zone, now.
 */
const PERIODS_CTE = `
p AS (
  SELECT ?::text AS tz, ?::timestamptz AS now
),
b AS (
  SELECT p.tz, p.now,
    date_trunc('month', p.now AT TIME ZONE p.tz) AT TIME ZONE p.tz AS this_month,
    (date_trunc('month', p.now AT TIME ZONE p.tz) - interval '1 month') AT TIME ZONE p.tz AS last_month,
    (date_trunc('day', p.now AT TIME ZONE p.tz) - interval '29 days') AT TIME ZONE p.tz AS series_from
  FROM p
)`

/** Attributed revenue of this month and last, by currency. Params: time zone, now. */
export const OVERVIEW_REVENUE_SQL = `
WITH ${PERIODS_CTE}
SELECT CASE WHEN c.ordered_at >= b.this_month THEN 'this_month' ELSE 'last_month' END AS period,
  c.currency_code, count(*)::int AS conversions, sum(${NET})::float8 AS revenue
FROM marketing_conversion c, b
WHERE c.deleted_at IS NULL AND c.canceled_at IS NULL
  AND c.ordered_at >= b.last_month AND c.ordered_at <= b.now
GROUP BY 1, 2
ORDER BY revenue DESC, c.currency_code`

/**
 * The five flows and five campaigns that earned most this month, with
 * their names. A flow selling in two currencies is a row per currency.
 * Params: time zone, now.
 */
export const OVERVIEW_TOP_SQL = `
WITH ${PERIODS_CTE},
earned AS (
  SELECT c.reason_type, c.reason_id, c.currency_code,
    count(*)::int AS conversions, sum(${NET})::float8 AS revenue
  FROM marketing_conversion c, b
  WHERE c.deleted_at IS NULL AND c.canceled_at IS NULL
    AND c.reason_type IN ('flow', 'campaign') AND c.reason_id IS NOT NULL
    AND c.ordered_at >= b.this_month AND c.ordered_at <= b.now
  GROUP BY c.reason_type, c.reason_id, c.currency_code
),
ranked AS (
  SELECT earned.*,
    row_number() OVER (PARTITION BY reason_type ORDER BY revenue DESC, reason_id) AS rank
  FROM earned
)
SELECT r.reason_type, r.reason_id, r.currency_code, r.conversions, r.revenue,
  coalesce(f.name, k.name) AS name
FROM ranked r
LEFT JOIN marketing_flow f ON r.reason_type = 'flow' AND f.id = r.reason_id
LEFT JOIN marketing_campaign k ON r.reason_type = 'campaign' AND k.id = r.reason_id
WHERE r.rank <= 5
ORDER BY r.reason_type, r.rank`

/**
 * The last marketing emails sent, newest first, with the flow or campaign
 * that sent them; through the index on `sent_at`. Params: limit.
 */
export const OVERVIEW_RECENT_SENDS_SQL = `
SELECT m.id, m.contact_id, m.to_email, m.subject, m.reason_type, m.reason_id, m.reason_step,
  m.variant, m.sent_at, m.delivered_at, m.opened_at, m.clicked_at, m.bounced_at,
  coalesce(f.name, k.name) AS reason_name
FROM marketing_message m
LEFT JOIN marketing_flow f ON m.reason_type = 'flow' AND f.id = m.reason_id
LEFT JOIN marketing_campaign k ON m.reason_type = 'campaign' AND k.id = m.reason_id
WHERE m.deleted_at IS NULL AND m.sent_at IS NOT NULL AND m.status = 'sent' AND NOT m.transactional
ORDER BY m.sent_at DESC, m.id DESC
LIMIT ?`

/**
 * The last 30 days, one row per local day, empty days included: marketing
 * emails sent, messages a person opened (or clicked) that day, messages
 * clicked that day, and attributed revenue by currency. A message opened on
 * two days counts on both: the series shows activity, not first opens.
 * Params: time zone, now.
 */
export const OVERVIEW_SERIES_SQL = `
WITH ${PERIODS_CTE},
days AS (
  SELECT generate_series(
    date_trunc('day', b.now AT TIME ZONE b.tz) - interval '29 days',
    date_trunc('day', b.now AT TIME ZONE b.tz),
    interval '1 day') AS day
  FROM b
),
sent AS (
  SELECT date_trunc('day', m.sent_at AT TIME ZONE b.tz) AS day, count(*)::int AS sent
  FROM marketing_message m, b
  WHERE m.deleted_at IS NULL AND m.sent_at IS NOT NULL AND NOT m.transactional
    AND m.sent_at >= b.series_from AND m.sent_at <= b.now
  GROUP BY 1
),
engaged AS (
  SELECT date_trunc('day', e.occurred_at AT TIME ZONE b.tz) AS day,
    count(DISTINCT e.message_id)::int AS opened,
    count(DISTINCT e.message_id) FILTER (WHERE e.type = 'clicked')::int AS clicked
  FROM marketing_message_event e
  JOIN marketing_message m ON m.id = e.message_id AND NOT m.transactional
  CROSS JOIN b
  WHERE e.deleted_at IS NULL AND NOT e.machine AND e.type IN ('opened', 'clicked')
    AND e.occurred_at >= b.series_from AND e.occurred_at <= b.now
  GROUP BY 1
),
earned AS (
  SELECT date_trunc('day', c.ordered_at AT TIME ZONE b.tz) AS day, c.currency_code,
    sum(${NET})::float8 AS revenue
  FROM marketing_conversion c, b
  WHERE c.deleted_at IS NULL AND c.canceled_at IS NULL
    AND c.ordered_at >= b.series_from AND c.ordered_at <= b.now
  GROUP BY 1, 2
)
SELECT to_char(d.day, 'YYYY-MM-DD') AS date,
  coalesce(s.sent, 0) AS sent,
  coalesce(e.opened, 0) AS opened,
  coalesce(e.clicked, 0) AS clicked,
  coalesce((SELECT jsonb_object_agg(r.currency_code, r.revenue) FROM earned r WHERE r.day = d.day), '{}'::jsonb) AS revenue
FROM days d
LEFT JOIN sent s ON s.day = d.day
LEFT JOIN engaged e ON e.day = d.day
ORDER BY d.day`

export type CurrencyAmount = { currency_code: string; amount: number; conversions: number }

export type OverviewTopEntry = {
  id: string
  /** Null when the flow or campaign was deleted. */
  name: string | null
  currency_code: string
  revenue: number
  conversions: number
}

export type OverviewRecentSend = {
  id: string
  contact_id: string
  to_email: string
  subject: string | null
  reason_type: string
  reason_id: string | null
  reason_name: string | null
  reason_step: string | null
  variant: string | null
  sent_at: string
  delivered_at: string | null
  opened_at: string | null
  clicked_at: string | null
  bounced_at: string | null
}

export type OverviewDay = {
  /** The local calendar day, "YYYY-MM-DD". */
  date: string
  sent: number
  opened: number
  clicked: number
  revenue: Record<string, number>
}

export type Overview = {
  time_zone: string
  revenue: { this_month: CurrencyAmount[]; last_month: CurrencyAmount[] }
  top_flows: OverviewTopEntry[]
  top_campaigns: OverviewTopEntry[]
  recent_sends: OverviewRecentSend[]
  /** 30 days, oldest first, ending today. */
  daily: OverviewDay[]
}
