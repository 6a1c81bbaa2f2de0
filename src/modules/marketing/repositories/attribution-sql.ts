/**
 * Attributes orders to the email that earned them, and creates the
 * conversion in the same statement, so two deliveries of one `order.placed`
 * racing each other meet at the unique index on `order_id`: one inserts,
 * the other does nothing.
 *
 * Last touch: the buyer's latest click within the click window before the
 * order wins; without one, the latest open within the open window. Only a
 * person's opens and clicks count (a privacy proxy fetching images or a
 * link scanner is flagged `machine` and proves nothing about the buyer).
 * Only marketing emails that were sent count: a transactional email (an
 * order confirmation, a shipping update) is opened because of an order, and
 * letting it take the credit would move revenue from the flows and
 * campaigns that earned it to emails nobody chose to send.
 *
 * The buyer is every live contact with the order's customer id or its
 * email: a guest who clicked before creating an account is the same person.
 * An open window of 0 days passes a null `open_from`, which matches nothing.
 *
 * Params: a JSON array of orders, each
 * `{ id, order_id, customer_id, email, ordered_at, click_from, open_from,
 *    amount, refunded_amount, currency_code, canceled_at }`.
 */
export const ATTRIBUTE_ORDERS_SQL = `
WITH o AS (
  SELECT * FROM jsonb_to_recordset(?::jsonb) AS o(
    id text, order_id text, customer_id text, email text, ordered_at timestamptz,
    click_from timestamptz, open_from timestamptz, amount numeric, refunded_amount numeric,
    currency_code text, canceled_at timestamptz)
),
touched AS (
  SELECT o.*, t.*
  FROM o
  CROSS JOIN LATERAL (
    SELECT m.id AS message_id, m.contact_id, m.reason_type, m.reason_id, m.reason_step, m.variant,
           CASE WHEN e.type = 'clicked' THEN 'click' ELSE 'open' END AS touch,
           e.occurred_at AS touched_at
    FROM marketing_contact c
    JOIN marketing_message_event e ON e.contact_id = c.id
    JOIN marketing_message m ON m.id = e.message_id
    WHERE c.deleted_at IS NULL
      AND (c.customer_id = o.customer_id OR c.email = o.email)
      AND e.deleted_at IS NULL AND NOT e.machine
      AND e.occurred_at <= o.ordered_at
      AND ((e.type = 'clicked' AND e.occurred_at >= o.click_from)
        OR (e.type = 'opened' AND e.occurred_at >= o.open_from))
      AND m.deleted_at IS NULL AND m.status = 'sent' AND NOT m.transactional
    ORDER BY (e.type = 'clicked') DESC, e.occurred_at DESC, m.id DESC
    LIMIT 1
  ) t
)
INSERT INTO marketing_conversion (
  id, order_id, contact_id, message_id, reason_type, reason_id, reason_step, variant,
  touch, touched_at, ordered_at, amount, raw_amount, refunded_amount, raw_refunded_amount,
  currency_code, canceled_at)
SELECT id, order_id, contact_id, message_id, reason_type, reason_id, reason_step, variant,
  touch, touched_at, ordered_at,
  amount, jsonb_build_object('value', amount::text, 'precision', 20),
  refunded_amount, jsonb_build_object('value', refunded_amount::text, 'precision', 20),
  currency_code, canceled_at
FROM touched
ON CONFLICT (order_id) WHERE deleted_at IS NULL DO NOTHING
RETURNING id, order_id, contact_id, message_id, reason_type, reason_id, reason_step, variant,
  touch, touched_at, ordered_at, amount::float8 AS amount, currency_code`

/**
 * Sets conversions' refunded amount and cancellation to what the order
 * says now. Absolute values, not increments: a redelivered refund event, or
 * events arriving out of order, leave the same result. Returns the values
 * before, for the rows that changed, so a compensation can put them back.
 *
 * Params: a JSON array of `{ order_id, refunded_amount, canceled_at }`.
 */
export const SET_CONVERSION_OUTCOMES_SQL = `
WITH v AS (
  SELECT * FROM jsonb_to_recordset(?::jsonb) AS v(
    order_id text, refunded_amount numeric, canceled_at timestamptz)
),
before AS (
  SELECT c.id, c.order_id, c.refunded_amount, c.canceled_at
  FROM marketing_conversion c
  JOIN v ON v.order_id = c.order_id
  WHERE c.deleted_at IS NULL
  FOR UPDATE OF c
)
UPDATE marketing_conversion c SET
  refunded_amount = v.refunded_amount,
  raw_refunded_amount = jsonb_build_object('value', v.refunded_amount::text, 'precision', 20),
  canceled_at = v.canceled_at,
  updated_at = now()
FROM v
JOIN before b ON b.order_id = v.order_id
WHERE c.id = b.id
  AND (c.refunded_amount IS DISTINCT FROM v.refunded_amount OR c.canceled_at IS DISTINCT FROM v.canceled_at)
RETURNING b.order_id, b.refunded_amount::float8 AS refunded_amount, b.canceled_at`

/** An order as attribution needs it. Times are ISO strings. */
export type AttributableOrder = {
  order_id: string
  customer_id: string | null
  email: string | null
  ordered_at: string
  /** The earliest click that still counts. */
  click_from: string
  /** The earliest open that still counts; null when opens do not count. */
  open_from: string | null
  amount: number
  refunded_amount: number
  currency_code: string
  canceled_at: string | null
}

export type CreatedConversion = {
  id: string
  order_id: string
  contact_id: string
  message_id: string
  reason_type: string
  reason_id: string | null
  reason_step: string | null
  variant: string | null
  touch: "click" | "open"
  touched_at: Date
  ordered_at: Date
  amount: number
  currency_code: string
}

/** What refunds and cancellation leave of an attributed order. */
export type ConversionOutcome = {
  order_id: string
  refunded_amount: number
  canceled_at: string | Date | null
}
