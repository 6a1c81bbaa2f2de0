/**
 * The full score refresh over the whole population, in set-based SQL. The
 * refresh used to read every contact and every event of the lookback into
 * Node; at a million contacts and twenty million events that alone took
 * longer than the hourly schedule allows. Here the database computes what
 * only needs sums, counts and orderings (RFM cut points, the store's order
 * statistics, the sample the prediction model is fitted on, each contact's
 * engagement and lead-score totals), and Node only fits the model and
 * scores, from those totals.
 *
 * Every formula follows src/lib/scoring exactly, so the two paths store the
 * same scores: times are the millisecond instants node-postgres would hand
 * to the in-memory code (it truncates microseconds), and floating-point
 * expressions do the same operations in the same order. The one difference
 * is where sums of decayed engagement points add up in another order, which
 * moves them in the last bits only: far too little to move the total stored
 * in single precision, except in the rare sum that sits on a rounding
 * boundary.
 */

import type { SqlEntityManager } from "@medusajs/framework/mikro-orm/postgresql"
import { ContactScoreValues, LEAD_POINTS_EVENT, RfmCutShifts, ScoringInput } from "../../../lib/scoring"
import { SCORE_INPUT_COLUMNS, SET_SCORE_COLUMNS } from "./scores-sql"

/**
 * Runs SQL with its values sent as statement parameters. The entity
 * manager's `execute` quotes every value into the SQL text first, which for
 * a page of scores (megabytes of JSON) costs more than the statement itself.
 * Inside a transaction the statement joins it.
 */
export async function queryRows<T>(manager: SqlEntityManager, sql: string, bindings: unknown[] = []): Promise<T[]> {
  const query = manager.getKnex().raw(sql, bindings as never[])
  const transaction = manager.getTransactionContext()
  if (transaction) {
    query.transacting(transaction)
  }
  return ((await query) as { rows: T[] }).rows
}

/** A timestamptz as node-postgres reads it: whole milliseconds since the epoch, as float8. */
const ms = (column: string) => `round(date_part('epoch', date_trunc('milliseconds', ${column})) * 1000)`

const LIVE = "c.deleted_at IS NULL AND c.erased_at IS NULL"

/**
 * RFM cut points (lib/scoring/rfm.ts, `computeRfmBoundarySet`): for each of
 * recency (days since the last order), frequency and monetary (positive net
 * spend only), values tied together share the mid-rank score
 * 1 + min(4, floor(5 · (2 · below + equal) / (2n))), and cut point k is the
 * smallest value scoring k or more. Params: now (epoch ms).
 */
export const RFM_CUT_POINTS_SQL = `
WITH buyer AS (
  SELECT greatest(0, (?::float8 - ${ms("c.last_order_at")}) / 86400000) AS recency,
         c.orders_count::float8 AS frequency,
         c.total_spent::float8 AS monetary
  FROM marketing_contact c
  WHERE ${LIVE} AND c.orders_count >= 1 AND c.last_order_at IS NOT NULL
),
measure AS (
  SELECT 'recency' AS name, recency AS value FROM buyer
  UNION ALL SELECT 'frequency', frequency FROM buyer
  UNION ALL SELECT 'monetary', monetary FROM buyer WHERE monetary > 0
),
tie AS (
  SELECT name, value, count(*) AS equal FROM measure GROUP BY name, value
),
ranked AS (
  SELECT name, value, equal,
         sum(equal) OVER (PARTITION BY name ORDER BY value) - equal AS below,
         sum(equal) OVER (PARTITION BY name) AS n
  FROM tie
),
scored AS (
  SELECT name, value, 1 + least(4, div(5 * (2 * below + equal), 2 * n)) AS score FROM ranked
)
SELECT name,
       min(value) FILTER (WHERE score >= 2) AS c2,
       min(value) FILTER (WHERE score >= 3) AS c3,
       min(value) FILTER (WHERE score >= 4) AS c4,
       min(value) FILTER (WHERE score >= 5) AS c5
FROM scored GROUP BY name`

/** Buyers as the prediction model counts them (`isBuyer` in lib/scoring/purchase-history.ts). */
const BUYER = `${LIVE} AND c.orders_count >= 1 AND c.first_order_at IS NOT NULL AND c.last_order_at IS NOT NULL`

/**
 * The store's order statistics (lib/scoring/median-gap.ts, `storeOrderStats`):
 * buyers, repeat buyers, orders, net spend clamped at zero per buyer (added
 * in id order, as the in-memory sum adds them), and the middle of the
 * positive per-buyer gaps (last − first) / (orders − 1) in days.
 */
export const STORE_TOTALS_SQL = `
WITH buyer AS (
  SELECT c.id, c.orders_count, c.total_spent::float8 AS monetary,
         ${ms("c.first_order_at")} AS first_ms, ${ms("c.last_order_at")} AS last_ms
  FROM marketing_contact c
  WHERE ${BUYER}
),
gap AS (
  SELECT days FROM (
    SELECT ((last_ms - first_ms) / 86400000) / (orders_count - 1) AS days FROM buyer WHERE orders_count >= 2
  ) g
  WHERE days > 0
),
counted AS (SELECT count(*) AS n FROM gap)
SELECT (SELECT count(*) FROM buyer) AS buyers,
       (SELECT count(*) FROM buyer WHERE orders_count >= 2) AS repeat_buyers,
       (SELECT coalesce(sum(orders_count), 0) FROM buyer) AS orders,
       (SELECT coalesce(sum(greatest(0, monetary) ORDER BY id), 0) FROM buyer) AS spend,
       (SELECT n FROM counted) AS gaps,
       ARRAY(
         SELECT days FROM gap ORDER BY days
         OFFSET (SELECT (n - 1) / 2 FROM counted) LIMIT (SELECT 2 - n % 2 FROM counted)
       ) AS middle_gaps`

/**
 * The buyers the prediction model is fitted on: every buyer up to the
 * sample size, else the evenly spread positions of `fitSampleIndexes`,
 * floor(i · n / size), of the buyers in id order. Params: size, size, size.
 */
export const FIT_SAMPLE_SQL = `
WITH buyer AS (
  SELECT c.id, c.orders_count, c.total_spent::float8 AS total_spent, c.first_order_at, c.last_order_at,
         c.last_seen_at, c.currency_code, row_number() OVER (ORDER BY c.id) - 1 AS position
  FROM marketing_contact c
  WHERE ${BUYER}
),
total AS (SELECT count(*)::float8 AS n FROM buyer)
SELECT b.id, b.orders_count, b.total_spent, b.first_order_at, b.last_order_at, b.last_seen_at, b.currency_code
FROM buyer b
WHERE (SELECT n FROM total) <= ?::int
   OR b.position IN (SELECT floor(i * (t.n / ?::int::float8)) FROM total t, generate_series(0, ?::int - 1) AS i)
ORDER BY b.position`

/** A lead-score rule as the page query counts it. */
export type ScorePageRule = {
  id: string
  event_type: string
  /** The instant its events count from (ISO); null when they never expire. */
  counts_from: string | null
  /** For a rule with a property condition: the first segment of its path, the part of the data it can read. */
  property_root: string | null
}

export type ScorePagePlan = {
  /** Epoch ms of the refresh. */
  now_ms: number
  /**
   * Count every contact's events again; otherwise only those of contacts
   * whose stored activity scores cannot be carried forward.
   */
  recount_all: boolean
  /** Start of the scoring lookback (ISO). */
  since: string
  /** Engagement weight per activity type, and the half-life in days. */
  weights: Record<string, number>
  half_life_days: number
  rules: ScorePageRule[]
}

/** Message events that count as a person's activity: the same as the in-memory reader's. */
const MESSAGE_ACTIVITY_TYPES = ["opened", "clicked"]

/**
 * A contact as a score refresh reads it: what scoring reads, the scores as
 * stored (so unchanged rows are not written again) and the row version (so
 * a contact changed since it was read is not overwritten). Times come as
 * milliseconds since the epoch: a million rows of seven timestamps parsed
 * into Dates cost seconds.
 */
const SCORE_PAGE_COLUMNS = `
SELECT c.id, c.orders_count, c.total_spent::float8 AS total_spent, ${ms("c.first_order_at")} AS first_order_at,
       ${ms("c.last_order_at")} AS last_order_at, ${ms("c.last_seen_at")} AS last_seen_at, c.currency_code,
       c.xmin::text AS version, c.rfm_recency, c.rfm_frequency, c.rfm_monetary, c.rfm_segment, c.engagement_score,
       c.engagement_points, ${ms("c.engagement_counted_at")} AS engagement_counted_at, c.lead_score, c.churn_risk,
       c.probability_alive, c.predicted_orders_365, c.predicted_value_365,
       ${ms("c.next_order_expected_at")} AS next_order_expected_at, ${ms("c.scores_recheck_at")} AS scores_recheck_at,
       ${ms("c.scores_due_at")} AS scores_due_at, c.scores_updated_at IS NULL AS unscored
FROM marketing_contact c`

/** Contacts in id order after an id, with what scoring reads. Params: after id, limit. */
export const SCORE_PAGE_CONTACTS_SQL = `${SCORE_PAGE_COLUMNS}
WHERE ${LIVE} AND c.id > ?
ORDER BY c.id
LIMIT ?`

/** The listed contacts, in id order, with what scoring reads. Params: ids (text[]). */
export const SCORE_PAGE_LISTED_SQL = `${SCORE_PAGE_COLUMNS}
WHERE ${LIVE} AND c.id IN (SELECT unnest(?::text[]))
ORDER BY c.id`

/**
 * The contacts the hourly refresh must score at `now`, in id order: those
 * due (never scored, or a shown value may have moved, `scores_due_at`), and
 * the buyers between a moved RFM cut point and where it was (`shifts`).
 * Each arm has an index of its own.
 */
export function scoresDueQuery(now: Date, shifts: RfmCutShifts): { sql: string; bindings: unknown[] } {
  const bindings = new Bindings()
  const arms = [`c.scores_due_at IS NULL`, `c.scores_due_at <= ${bindings.bind(now.toISOString())}::timestamptz`]
  for (const [from, to] of shifts.recency) {
    arms.push(
      `c.last_order_at BETWEEN ${bindings.bind(new Date(from).toISOString())}::timestamptz AND ${bindings.bind(new Date(to).toISOString())}::timestamptz`
    )
  }
  for (const [from, to] of shifts.frequency) {
    arms.push(`c.orders_count BETWEEN ${bindings.bind(from)}::int AND ${bindings.bind(to)}::int`)
  }
  for (const [from, to] of shifts.monetary) {
    arms.push(`c.total_spent BETWEEN ${bindings.bind(from)}::numeric AND ${bindings.bind(to)}::numeric`)
  }
  return {
    sql: `SELECT c.id FROM marketing_contact c WHERE ${LIVE} AND (${arms.join(" OR ")}) ORDER BY c.id`,
    bindings: bindings.values,
  }
}

/** A contact as `SCORE_PAGE_CONTACTS_SQL` returns it: scoring's input, the scores as stored, and the row version. */
export type ScorePageContact = ScoringInput &
  Omit<
    ContactScoreValues,
    "id" | "next_order_expected_at" | "engagement_counted_at" | "scores_recheck_at" | "scores_due_at" | "scores_updated_at"
  > & {
    first_order_at: number | null
    last_order_at: number | null
    last_seen_at: number | null
    next_order_expected_at: number | null
    engagement_counted_at: number | null
    scores_recheck_at: number | null
    scores_due_at: number | null
    version: string
    /** Never scored: written even where its defaults equal the computed values. */
    unscored: boolean
  }

/** A Postgres array literal of text, every element quoted. */
export const textArray = (values: string[]) => `{${values.map((value) => `"${value.replace(/["\\]/g, "\\$&")}"`).join(",")}}`

/** Collects bindings in the order their placeholders are written. */
class Bindings {
  readonly values: unknown[] = []
  bind(value: unknown): string {
    this.values.push(value)
    return "?"
  }
  list(values: unknown[]): string {
    return values.map((value) => this.bind(value)).join(", ")
  }
}

/** The contacts a page's activity query reads: ids in (after, last], or a list of ids. */
export type ScorePageContacts = { after: string; last: string } | { ids: string[] }

/**
 * The activity of some contacts, summed per contact and event type in one
 * pass over the (contact_id, type, occurred_at) indexes (timeline events
 * need no table access): how many, the latest and the earliest (epoch ms),
 * the engagement points, and for the plan's i-th lead-score rule without a
 * property condition, its events counted, expired and the latest and
 * earliest counted ones (`counted_<i>`, `expired_<i>`, `latest_<i>`,
 * `earliest_<i>`).
 */
export function scoreActivityQuery(plan: ScorePagePlan, contacts: ScorePageContacts) {
  const b = new Bindings()
  const ofContacts = (column: string) =>
    "ids" in contacts
      ? `${column} = ANY(${b.bind(textArray(contacts.ids))}::text[])`
      : `${column} > ${b.bind(contacts.after)} AND ${column} <= ${b.bind(contacts.last)}`
  const engagementTypes = Object.keys(plan.weights)
  const simpleRules = plan.rules.filter((rule) => rule.property_root === null)
  // Awarded points need the event's data, so they come from a branch of their own and the rest stay index-only.
  const timelineTypes = [...new Set([...engagementTypes, ...simpleRules.map((rule) => rule.event_type)])].filter(
    (type) => type !== LEAD_POINTS_EVENT
  )
  const countsFrom = (rule: ScorePageRule) => rule.counts_from ?? "-infinity"

  // Built piece by piece in text order, because that is the order of the bindings.
  let sql = `
SELECT a.contact_id, a.type, count(*)::int AS n, ${ms("max(a.occurred_at)")} AS latest,
       ${ms("min(a.occurred_at)")} AS earliest,
       sum(CASE a.type`
  for (const type of engagementTypes) {
    sql += ` WHEN ${b.bind(type)} THEN ${b.bind(plan.weights[type])}::float8`
  }
  sql += ` ELSE 0::float8 END
           * power(2::float8, -greatest(0::float8, (${b.bind(plan.now_ms)}::float8 - ${ms("a.occurred_at")}) / 86400000)
                              / ${b.bind(plan.half_life_days)}::float8)) AS points`
  simpleRules.forEach((rule, index) => {
    sql += `,
       count(*) FILTER (WHERE a.type = ${b.bind(rule.event_type)} AND a.occurred_at >= ${b.bind(countsFrom(rule))}::timestamptz)::int AS counted_${index},
       count(*) FILTER (WHERE a.type = ${b.bind(rule.event_type)} AND a.occurred_at < ${b.bind(countsFrom(rule))}::timestamptz)::int AS expired_${index}`
    sql += `,
       ${ms(`max(a.occurred_at) FILTER (WHERE a.type = ${b.bind(rule.event_type)} AND a.occurred_at >= ${b.bind(countsFrom(rule))}::timestamptz)`)} AS latest_${index}`
    sql += `,
       ${ms(`min(a.occurred_at) FILTER (WHERE a.type = ${b.bind(rule.event_type)} AND a.occurred_at >= ${b.bind(countsFrom(rule))}::timestamptz)`)} AS earliest_${index}`
  })
  sql += `,
       sum(a.awarded)::float8 AS awarded
FROM (
  SELECT me.contact_id, me.type::text AS type, me.occurred_at, NULL::float8 AS awarded
  FROM marketing_message_event me
  WHERE ${ofContacts("me.contact_id")} AND me.deleted_at IS NULL AND NOT me.machine
    AND me.type IN (${b.list(MESSAGE_ACTIVITY_TYPES)}) AND me.occurred_at >= ${b.bind(plan.since)}::timestamptz
  UNION ALL
  SELECT e.contact_id, e.type, e.occurred_at, NULL::float8
  FROM marketing_contact_event e
  WHERE ${ofContacts("e.contact_id")} AND e.deleted_at IS NULL
    AND e.type IN (${b.list(timelineTypes)}) AND e.occurred_at >= ${b.bind(plan.since)}::timestamptz
  UNION ALL
  SELECT e.contact_id, e.type, e.occurred_at,
         CASE WHEN jsonb_typeof(e.data -> 'points') = 'number' THEN (e.data ->> 'points')::float8 ELSE 0 END
  FROM marketing_contact_event e
  WHERE ${ofContacts("e.contact_id")} AND e.deleted_at IS NULL
    AND e.type = ${b.bind(LEAD_POINTS_EVENT)} AND e.occurred_at >= ${b.bind(plan.since)}::timestamptz
) a
GROUP BY a.contact_id, a.type`
  return { sql, bindings: b.values }
}

/** A row of `scoreActivityQuery`: the fixed columns, then `counted_<i>`, `expired_<i>`, `latest_<i>`, `earliest_<i>` per simple rule. */
export type ScoreActivityTotal = {
  contact_id: string
  type: string
  n: number
  latest: number
  earliest: number
  points: number
  /** The points flow steps awarded: on the `LEAD_POINTS_EVENT` row only. */
  awarded: number | null
  [rule: `${"counted" | "expired" | "latest" | "earliest"}_${number}`]: number | null
}


/**
 * For the plan's i-th lead-score rule with a property condition (`rule` i),
 * every event of its type in the lookback of the given contacts, with only
 * the part of its data the condition's path can read: the value under the
 * path's first key, or the whole data when it is not an object, so the
 * condition sees what it would see in memory.
 */
export function leadCandidatesQuery(plan: ScorePagePlan, contactIds: string[]) {
  const b = new Bindings()
  const ids = textArray(contactIds)
  const parts = plan.rules
    .filter((rule) => rule.property_root !== null)
    .map((rule, index) => {
      let sql = `
SELECT e.contact_id, ${index} AS rule, ${ms("e.occurred_at")} AS at_ms,
       CASE WHEN jsonb_typeof(e.data) = 'object'
            THEN jsonb_build_object(${b.bind(rule.property_root)}::text, e.data -> ${b.bind(rule.property_root)}::text)
            ELSE e.data END AS data
FROM marketing_contact_event e
WHERE e.contact_id = ANY(${b.bind(ids)}::text[]) AND e.type = ${b.bind(rule.event_type)}
  AND e.occurred_at >= ${b.bind(plan.since)}::timestamptz AND e.deleted_at IS NULL`
      if (MESSAGE_ACTIVITY_TYPES.includes(rule.event_type)) {
        sql += `
UNION ALL
SELECT me.contact_id, ${index}, ${ms("me.occurred_at")}, NULL::jsonb
FROM marketing_message_event me
WHERE me.contact_id = ANY(${b.bind(ids)}::text[]) AND me.type::text = ${b.bind(rule.event_type)}
  AND me.occurred_at >= ${b.bind(plan.since)}::timestamptz AND me.deleted_at IS NULL AND NOT me.machine`
      }
      return sql
    })
  return { sql: parts.join("\nUNION ALL"), bindings: b.values }
}

/** A row of `leadCandidatesQuery`. */
export type LeadCandidate = { contact_id: string; rule: number; at_ms: number; data: Record<string, unknown> | null }

/**
 * Writes the changed scores of a page in one statement, skipping a contact
 * whose row changed since its page was read (its own event rescored it
 * meanwhile, from newer facts). Returns how many rows it wrote.
 * Param: the rows as one JSON array.
 */
export const WRITE_SCORE_CHANGES_SQL = `
WITH input AS (
  SELECT * FROM jsonb_to_recordset(?::jsonb) AS i(
    id text, version text,${SCORE_INPUT_COLUMNS})
),
written AS (
  UPDATE marketing_contact c SET${SET_SCORE_COLUMNS}
  FROM input i
  WHERE c.id = i.id AND c.xmin = i.version::xid AND c.deleted_at IS NULL
  RETURNING 1
)
SELECT count(*) AS written FROM written`

/** A row `WRITE_SCORE_CHANGES_SQL` writes: the computed scores and the row version read. */
export type ScoreChangeRow = ContactScoreValues & { version: string }

/** The store totals as `STORE_TOTALS_SQL` returns them, made numbers. */
export type StoreTotals = {
  buyers: number
  repeat_buyers: number
  orders: number
  spend: number
  gaps: number
  middle_gaps: number[]
}

/** One page of the full refresh as the service reads it. */
export type ScorePage = {
  contacts: ScorePageContact[]
  /** The contacts whose events were counted, in page order. */
  recounted: string[]
  activity: ScoreActivityTotal[]
  candidates: LeadCandidate[]
}
