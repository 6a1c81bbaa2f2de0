/** A page of contacts with what scoring reads of them, in id order. Params: after id, limit. */
export const SCORE_INPUTS_SQL = `
SELECT id, orders_count, total_spent::float8 AS total_spent, first_order_at, last_order_at,
       last_seen_at, currency_code
FROM marketing_contact
WHERE deleted_at IS NULL AND erased_at IS NULL AND id > ?
ORDER BY id
LIMIT ?`

/**
 * What engagement and lead scores count, for some contacts since a time: a
 * person's opens and clicks (machine ones excluded), and timeline events.
 * Params: contact ids, since, contact ids, since.
 */
export const SCORE_ACTIVITY_SQL = `
SELECT contact_id, type, occurred_at AS at, NULL::jsonb AS data
FROM marketing_message_event
WHERE contact_id = ANY(ARRAY[?]::text[]) AND occurred_at >= ?::timestamptz
  AND deleted_at IS NULL AND NOT machine AND type IN ('opened', 'clicked')
UNION ALL
SELECT contact_id, type, occurred_at AS at, data
FROM marketing_contact_event
WHERE contact_id = ANY(ARRAY[?]::text[]) AND occurred_at >= ?::timestamptz AND deleted_at IS NULL`

/**
 * A float8 bound for a `real` column. Postgres refuses a value too small for
 * single precision ("value out of range: underflow") where JavaScript's
 * Math.fround gives 0, and a churn model's tiny probabilities get there: the
 * column stores the 0 that single precision rounds them to.
 */
export const singlePrecision = (value: string) => `CASE WHEN abs(${value}) <= power(2::float8, -150) THEN 0 ELSE ${value} END`

/** The score columns of a `jsonb_to_recordset(...) AS i(...)` input, after its own leading columns. */
export const SCORE_INPUT_COLUMNS = `
    rfm_recency int, rfm_frequency int, rfm_monetary int, rfm_segment text,
    engagement_score float8, engagement_points float8, engagement_counted_at timestamptz, lead_score int, churn_risk float8, probability_alive float8,
    predicted_orders_365 float8, predicted_value_365 float8, next_order_expected_at timestamptz,
    scores_recheck_at timestamptz, scores_due_at timestamptz, scores_updated_at timestamptz`

/** The SET list that writes those columns from the input row `i`. */
export const SET_SCORE_COLUMNS = `
    rfm_recency = i.rfm_recency, rfm_frequency = i.rfm_frequency, rfm_monetary = i.rfm_monetary,
    rfm_segment = i.rfm_segment, engagement_score = ${singlePrecision("i.engagement_score")},
    engagement_points = ${singlePrecision("i.engagement_points")}, engagement_counted_at = i.engagement_counted_at,
    lead_score = i.lead_score,
    churn_risk = ${singlePrecision("i.churn_risk")}, probability_alive = ${singlePrecision("i.probability_alive")},
    predicted_orders_365 = ${singlePrecision("i.predicted_orders_365")},
    predicted_value_365 = ${singlePrecision("i.predicted_value_365")},
    next_order_expected_at = i.next_order_expected_at, scores_recheck_at = i.scores_recheck_at,
    scores_due_at = i.scores_due_at, scores_updated_at = i.scores_updated_at, updated_at = now()`

/** The score columns, written from one JSON parameter; returns the values they replaced. */
export const WRITE_SCORES_SQL = `
WITH input AS (
  SELECT * FROM jsonb_to_recordset(?::jsonb) AS i(
    id text,${SCORE_INPUT_COLUMNS})
),
previous AS (
  SELECT c.id, c.rfm_recency, c.rfm_frequency, c.rfm_monetary, c.rfm_segment, c.engagement_score,
         c.engagement_points, c.engagement_counted_at, c.lead_score, c.churn_risk, c.probability_alive, c.predicted_orders_365,
         c.predicted_value_365, c.next_order_expected_at, c.scores_recheck_at, c.scores_due_at, c.scores_updated_at
  FROM marketing_contact c JOIN input i ON i.id = c.id
  FOR UPDATE OF c
),
written AS (
  UPDATE marketing_contact c SET${SET_SCORE_COLUMNS}
  FROM input i WHERE c.id = i.id
  RETURNING c.id
)
SELECT p.* FROM previous p WHERE p.id IN (SELECT id FROM written)`
