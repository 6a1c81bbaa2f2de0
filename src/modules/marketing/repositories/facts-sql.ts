/**
 * Profile facts are a pure function of a contact's order, cancel and refund
 * events, so they are recomputed from the timeline rather than incremented:
 * a redelivered event, a retry or a backfill over the same orders can never
 * count twice, and a compensation only has to remove events and recompute.
 * One statement serves one contact after an event and thousands in a backfill.
 * It marks the contacts' scores due: the hourly refresh reads them even if
 * rescoring after the change never happens.
 *
 * Params: contact ids (a non-empty array; knex expands it into the ARRAY[]
 * literal), then the default currency three times.
 */
export const REFRESH_FACTS_SQL = `
WITH target AS (
  SELECT DISTINCT unnest(ARRAY[?]::text[]) AS contact_id
),
ev AS (
  SELECT e.contact_id, e.type, e.resource_id, e.occurred_at, e.data
  FROM marketing_contact_event e
  JOIN target t ON t.contact_id = e.contact_id
  WHERE e.deleted_at IS NULL
    AND e.type IN ('order_placed', 'order_canceled', 'refund')
),
canceled AS (
  SELECT DISTINCT contact_id, resource_id FROM ev WHERE type = 'order_canceled'
),
placed AS (
  SELECT ev.* FROM ev
  WHERE ev.type = 'order_placed'
    AND NOT EXISTS (
      SELECT 1 FROM canceled c
      WHERE c.contact_id = ev.contact_id AND c.resource_id = ev.resource_id
    )
),
money AS (
  SELECT contact_id, lower(data->>'currency_code') AS cur,
         sum((data->>'total')::numeric) AS amount
  FROM placed GROUP BY 1, 2
  UNION ALL
  SELECT r.contact_id, lower(r.data->>'currency_code') AS cur,
         -sum((r.data->>'amount')::numeric) AS amount
  FROM ev r
  WHERE r.type = 'refund'
    AND NOT EXISTS (
      SELECT 1 FROM canceled c
      WHERE c.contact_id = r.contact_id AND c.resource_id = r.data->>'order_id'
    )
  GROUP BY 1, 2
),
per_currency AS (
  SELECT contact_id, cur, greatest(sum(amount), 0) AS amount
  FROM money GROUP BY 1, 2
),
spent AS (
  SELECT contact_id,
         sum(amount) FILTER (WHERE cur = lower(?)) AS default_spent,
         jsonb_object_agg(cur, amount) AS by_currency
  FROM per_currency GROUP BY 1
),
orders AS (
  SELECT contact_id,
         count(*) AS orders_count,
         count(*) FILTER (WHERE lower(data->>'currency_code') = lower(?)) AS default_orders,
         min(occurred_at) AS first_at,
         max(occurred_at) AS last_at,
         array_agg(occurred_at ORDER BY occurred_at) AS times
  FROM placed GROUP BY 1
),
products AS (
  SELECT contact_id, array_agg(DISTINCT pid ORDER BY pid) AS ids
  FROM placed, jsonb_array_elements_text(coalesce(data->'product_ids', '[]'::jsonb)) AS pid
  GROUP BY 1
),
categories AS (
  SELECT contact_id, array_agg(DISTINCT cid ORDER BY cid) AS ids
  FROM placed, jsonb_array_elements_text(coalesce(data->'category_ids', '[]'::jsonb)) AS cid
  GROUP BY 1
),
facts AS (
  SELECT t.contact_id,
         coalesce(o.orders_count, 0) AS orders_count,
         coalesce(s.default_spent, 0) AS total_spent,
         CASE WHEN coalesce(o.default_orders, 0) > 0
              THEN round(coalesce(s.default_spent, 0) / o.default_orders, 4)
              ELSE 0 END AS average_order_value,
         s.by_currency,
         o.first_at, o.last_at,
         coalesce(o.times, '{}'::timestamptz[]) AS order_times,
         coalesce(p.ids, '{}'::text[]) AS product_ids,
         coalesce(g.ids, '{}'::text[]) AS category_ids
  FROM target t
  LEFT JOIN orders o ON o.contact_id = t.contact_id
  LEFT JOIN spent s ON s.contact_id = t.contact_id
  LEFT JOIN products p ON p.contact_id = t.contact_id
  LEFT JOIN categories g ON g.contact_id = t.contact_id
)
UPDATE marketing_contact c SET
  currency_code = lower(?),
  orders_count = f.orders_count,
  total_spent = f.total_spent,
  raw_total_spent = jsonb_build_object('value', f.total_spent::text, 'precision', 20),
  average_order_value = f.average_order_value,
  raw_average_order_value = jsonb_build_object('value', f.average_order_value::text, 'precision', 20),
  spent_by_currency = f.by_currency,
  first_order_at = f.first_at,
  last_order_at = f.last_at,
  order_times = f.order_times,
  product_ids = f.product_ids,
  category_ids = f.category_ids,
  scores_due_at = NULL,
  updated_at = now()
FROM facts f
WHERE c.id = f.contact_id AND c.deleted_at IS NULL
RETURNING c.id
`
