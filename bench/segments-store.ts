/**
 * A synthetic store for the scoring and segmentation benchmark, written
 * straight into the Marketing module's tables with set-based SQL
 * (generate_series, INSERT … SELECT) so a million contacts take minutes.
 *
 * Everything is drawn from Postgres' random() after setseed() on one
 * connection with parallel query off, so the same sizes and the same `now`
 * give the same store. The rows look like what the plugin writes itself:
 *
 * - contacts with consent, accounts, birthdays, and profile facts that are
 *   exactly what the facts refresh (repositories/facts-sql.ts) would compute
 *   from their events: non-canceled orders, net spend, first and last order,
 *   products and categories bought, last seen / cart / emailed / opened /
 *   clicked;
 * - a timeline of `order_placed` events (data as the order workflow records
 *   it: order_id, display_id, currency_code, total, product_ids,
 *   category_ids), `order_canceled` for about 2% of orders, `signed_up` for
 *   contacts with an account, and `cart_updated` / `cart_abandoned` for the
 *   rest of the event budget, inserted in time order as a live store appends
 *   them;
 * - sent marketing messages with person and machine opens and clicks.
 *
 * Buyers follow a buy-till-you-die pattern: each has a first order when they
 * appear, some stop buying after a while, and the rest keep buying until now,
 * which is what the BG/NBD model expects to see.
 *
 * Bulk loading keeps the module's indexes off the five big tables and builds
 * them afterwards, which is several times faster than maintaining them row by
 * row; the definitions are read from the catalog, so they are exactly the
 * ones the migrations created.
 */
import type { Client } from "pg"
import { expectedPurchases } from "../src/lib/scoring"

export type StoreSizes = {
  contacts: number
  orders: number
  /** Contact timeline events in all, orders and cancellations included. */
  events: number
  messages: number
  products: number
}

/** The store: 1M contacts, 5M orders, 20M events; env overrides scale it down. */
export function sizesFromEnv(env: NodeJS.ProcessEnv = process.env): StoreSizes {
  const contacts = Number(env.BENCH_CONTACTS || 1_000_000)
  return {
    contacts,
    orders: Number(env.BENCH_ORDERS || contacts * 5),
    events: Number(env.BENCH_EVENTS || contacts * 20),
    messages: Number(env.BENCH_MESSAGES || contacts * 3),
    products: Number(env.BENCH_PRODUCTS || 2_000),
  }
}

export type StoreReport = {
  sizes: StoreSizes
  rows: Record<string, number>
  seconds: Record<string, number>
}

const BUYER_SHARE = 0.7
const ACCOUNT_SHARE = 0.6
const CANCEL_SHARE = 0.02
const ABANDONED_SHARE = 0.1
const HISTORY_DAYS = 1095
const CATEGORIES = 40

const TABLES = ["marketing_contact", "marketing_contact_event", "marketing_contact_order", "marketing_message", "marketing_message_event"]

/*
 * Buyers follow BG/NBD's own story (Fader, Hardie & Lee 2005): from their
 * first order a buyer orders at rate λ ~ Gamma(1, α) per day and, after each
 * repeat order, stops for good with probability p ~ Beta(1, 3). The rate
 * scale α is chosen so that the expected number of orders over buyers whose
 * first order is spread evenly over the history comes to the requested total;
 * the count drawn lands within a fraction of a percent of it.
 */
const DROPOUT = { r: 1, a: 1, b: 3 }

function rateScale(ordersPerBuyer: number): number {
  const repeatsWanted = Math.max(0, ordersPerBuyer - 1)
  const meanRepeats = (alpha: number) => {
    let sum = 0
    const steps = 200
    for (let k = 0; k < steps; k++) {
      const age = ((k + 0.5) / steps) * HISTORY_DAYS
      sum += expectedPurchases({ ...DROPOUT, alpha }, age, { x: 0, t_x: 0, T: 0 })
    }
    return sum / steps
  }
  let low = 1e-3
  let high = 1e7
  for (let i = 0; i < 100; i++) {
    const mid = Math.sqrt(low * high)
    if (meanRepeats(mid) > repeatsWanted) {
      low = mid
    } else {
      high = mid
    }
  }
  return Math.sqrt(low * high)
}

export async function generateStore(client: Client, sizes: StoreSizes, now: Date): Promise<StoreReport> {
  const seconds: Record<string, number> = {}
  const step = async (name: string, text: string, values: unknown[] = []) => {
    const started = Date.now()
    const result = await client.query(text, values)
    seconds[name] = (seconds[name] ?? 0) + (Date.now() - started) / 1000
    return result
  }
  const at = now.toISOString()
  const buyers = Math.round(sizes.contacts * BUYER_SHARE)
  const alpha = rateScale(sizes.orders / Math.max(1, buyers))

  await client.query(`SET max_parallel_workers_per_gather = 0`)
  await client.query(`SET work_mem = '256MB'`)
  await client.query(`SET maintenance_work_mem = '1GB'`)
  // Foreign-key triggers and the timeline's order read model triggers are skipped while loading
  // rows that are consistent by construction; the read model is rebuilt once the timeline is in.
  await client.query(`SET session_replication_role = replica`).catch(() => undefined)
  await client.query(`SELECT setseed(0.42)`)

  const { rows: indexes } = await client.query<{ name: string; definition: string }>(
    `SELECT i.indexname AS name, i.indexdef AS definition
     FROM pg_indexes i
     WHERE i.schemaname = current_schema() AND i.tablename = ANY($1::text[])
       AND NOT EXISTS (SELECT 1 FROM pg_constraint k WHERE k.conname = i.indexname)`,
    [TABLES]
  )
  for (const index of indexes) {
    await client.query(`DROP INDEX IF EXISTS "${index.name}"`)
  }

  await step(
    "contacts",
    `CREATE TEMP TABLE g_contact AS
     SELECT i,
            'mkt_con_bench' || lpad(i::text, 8, '0') AS id,
            $2::timestamptz - (${HISTORY_DAYS} * random()) * interval '1 day' AS created_at,
            random() AS r_consent, random() AS r_account, random() AS r_buyer,
            random() AS r_orders, random() AS r_life, random() AS r_birth, random() AS r_misc,
            random() AS r_spend
     FROM generate_series(1, $1::int) AS i`,
    [sizes.contacts, at]
  )
  await step(
    "contacts",
    `ALTER TABLE g_contact
       ADD COLUMN buyer bool, ADD COLUMN age_days float8, ADD COLUMN rate float8, ADD COLUMN repeats_to_dropout int,
       ADD COLUMN consent text, ADD COLUMN has_account bool;
     UPDATE g_contact SET
       buyer = r_buyer < ${BUYER_SHARE},
       age_days = extract(epoch FROM ('${at}'::timestamptz - created_at)) / 86400,
       rate = greatest(1e-9, -ln(1 - r_orders) / ${alpha}),
       -- p ~ Beta(1, 3) by inversion, then the repeat order after which the buyer stops.
       repeats_to_dropout = least(100000, 1 + floor(ln(1 - r_misc) / ln(least(1 - 1e-12, power(1 - r_life, 1.0 / ${DROPOUT.b})))))::int,
       consent = CASE WHEN r_consent < 0.45 THEN 'subscribed' WHEN r_consent < 0.6 THEN 'unsubscribed'
                      WHEN r_consent < 0.65 THEN 'pending' ELSE 'never' END,
       has_account = r_account < ${ACCOUNT_SHARE};
     ALTER TABLE g_contact ADD PRIMARY KEY (i)`
  )

  // Repeat orders are a Poisson process from the first order (exponential
  // gaps), cut at now and at the repeat after which the buyer drops out. The
  // candidates per buyer stop far enough into the Poisson tail to lose nothing.
  await step(
    "orders",
    `CREATE TEMP TABLE g_order AS
     WITH buyer AS (
       SELECT i, id, created_at, age_days, rate,
              least(repeats_to_dropout, ceil(rate * age_days + 5 * sqrt(rate * age_days) + 5))::int AS cap
       FROM g_contact WHERE buyer
     ),
     candidate AS (
       SELECT b.i, b.id, b.created_at, b.age_days, j, -ln(1 - random()) / b.rate AS gap
       FROM buyer b CROSS JOIN LATERAL generate_series(1, b.cap) AS j
     ),
     repeat AS (
       SELECT i, id, created_at, age_days, j, sum(gap) OVER (PARTITION BY i ORDER BY j) AS day
       FROM candidate
     ),
     placed AS (
       SELECT i, id, created_at, 0 AS j, 0::float8 AS day FROM buyer
       UNION ALL
       SELECT i, id, created_at, j, day FROM repeat WHERE day <= age_days
     )
     SELECT row_number() OVER (ORDER BY p.i, p.j) AS n, p.i, p.id AS contact_id,
            p.created_at + p.day * interval '1 day' AS at,
            -- Each buyer has their own typical basket; orders scatter around it.
            15 + 220 * power(c.r_spend, 2) AS spend_level
     FROM placed p JOIN g_contact c ON c.i = p.i`
  )
  await step(
    "orders",
    `ALTER TABLE g_order
       ADD COLUMN total numeric, ADD COLUMN canceled bool, ADD COLUMN items int,
       ADD COLUMN p1 int, ADD COLUMN p2 int, ADD COLUMN p3 int, ADD COLUMN r_cancel float8`
  )
  await step(
    "orders",
    `UPDATE g_order SET
       total = round((spend_level * (0.5 + random()))::numeric, 2),
       canceled = random() < ${CANCEL_SHARE},
       items = 1 + floor(random() * 3)::int,
       p1 = 1 + floor($1::int * power(random(), 3))::int,
       p2 = 1 + floor($1::int * power(random(), 3))::int,
       p3 = 1 + floor($1::int * power(random(), 3))::int,
       r_cancel = random()`,
    [sizes.products]
  )
  await step(
    "orders",
    `ALTER TABLE g_order
       ADD COLUMN product_ids text[], ADD COLUMN category_ids text[], ADD COLUMN order_id text;
     UPDATE g_order SET
       order_id = 'order_bench' || lpad(n::text, 9, '0'),
       product_ids = ARRAY(SELECT DISTINCT 'prod_bench' || lpad(p::text, 5, '0')
                           FROM unnest((ARRAY[p1, p2, p3])[1:items]) AS p ORDER BY 1),
       category_ids = ARRAY(SELECT DISTINCT 'pcat_bench' || lpad((p % ${CATEGORIES} + 1)::text, 3, '0')
                            FROM unnest((ARRAY[p1, p2, p3])[1:items]) AS p ORDER BY 1)`
  )

  // Facts exactly as the facts refresh derives them from the timeline.
  await step(
    "facts",
    `CREATE TEMP TABLE g_facts AS
     WITH placed AS (SELECT * FROM g_order WHERE NOT canceled),
     products AS (
       SELECT i, array_agg(DISTINCT p ORDER BY p) AS ids FROM placed, unnest(product_ids) AS p GROUP BY i
     ),
     categories AS (
       SELECT i, array_agg(DISTINCT g ORDER BY g) AS ids FROM placed, unnest(category_ids) AS g GROUP BY i
     )
     SELECT o.i, count(*)::int AS orders_count, sum(o.total) AS total_spent,
            min(o.at) AS first_at, max(o.at) AS last_at, array_agg(o.at ORDER BY o.at) AS order_times,
            p.ids AS product_ids, g.ids AS category_ids
     FROM placed o JOIN products p ON p.i = o.i JOIN categories g ON g.i = o.i
     GROUP BY o.i, p.ids, g.ids;
     ALTER TABLE g_facts ADD PRIMARY KEY (i)`
  )

  // Cart activity fills the rest of the event budget, more of it recent.
  const { rows: fixed } = await client.query<{ placed: string; canceled: string; signed_up: string }>(
    `SELECT (SELECT count(*) FROM g_order) AS placed,
            (SELECT count(*) FROM g_order WHERE canceled) AS canceled,
            (SELECT count(*) FROM g_contact WHERE has_account) AS signed_up`
  )
  const cartEvents = Math.max(
    0,
    sizes.events - Number(fixed[0].placed) - Number(fixed[0].canceled) - Number(fixed[0].signed_up)
  )
  await step(
    "carts",
    `CREATE TEMP TABLE g_cart AS
     SELECT n, 1 + floor($1::int * random())::int AS i, random() AS r_at, random() < ${ABANDONED_SHARE} AS abandoned,
            1 + floor(random() * 4)::int AS item_count
     FROM generate_series(1, $2::int) AS n`,
    [sizes.contacts, cartEvents]
  )
  await step(
    "carts",
    `ALTER TABLE g_cart ADD COLUMN at timestamptz, ADD COLUMN contact_id text;
     UPDATE g_cart g SET
       contact_id = c.id,
       at = '${at}'::timestamptz - ('${at}'::timestamptz - c.created_at) * power(g.r_at, 1.5)
     FROM g_contact c WHERE c.i = g.i`
  )

  await step(
    "contact_rows",
    `INSERT INTO marketing_contact (
       id, email, customer_id, first_name, last_name, locale, timezone,
       consent_status, consent_source, consent_at, currency_code,
       orders_count, total_spent, raw_total_spent, average_order_value, raw_average_order_value,
       spent_by_currency, first_order_at, last_order_at, order_times, product_ids, category_ids,
       birth_date, created_at, updated_at)
     SELECT c.id, 'contact-' || c.i || '@bench.test',
            CASE WHEN c.has_account THEN 'cus_bench' || lpad(c.i::text, 8, '0') END,
            'First' || (c.i % 997), 'Last' || (c.i % 991),
            (ARRAY['en-US', 'de-DE', 'fr-FR', 'es-ES'])[1 + c.i % 4],
            (ARRAY['Europe/Berlin', 'America/New_York', 'Europe/Paris', NULL])[1 + c.i % 4],
            c.consent,
            CASE WHEN c.consent <> 'never' THEN 'storefront' END,
            CASE WHEN c.consent <> 'never' THEN c.created_at END,
            CASE WHEN c.buyer THEN 'eur' END,
            coalesce(f.orders_count, 0),
            coalesce(f.total_spent, 0),
            jsonb_build_object('value', coalesce(f.total_spent, 0)::text, 'precision', 20),
            coalesce(round(f.total_spent / f.orders_count, 4), 0),
            jsonb_build_object('value', coalesce(round(f.total_spent / f.orders_count, 4), 0)::text, 'precision', 20),
            CASE WHEN f.i IS NOT NULL THEN jsonb_build_object('eur', f.total_spent) END,
            f.first_at, f.last_at, coalesce(f.order_times, '{}'),
            coalesce(f.product_ids, '{}'), coalesce(f.category_ids, '{}'),
            CASE WHEN c.r_birth < 0.4
                 THEN to_char(date '1950-01-01' + floor(c.r_birth / 0.4 * 20000)::int, 'YYYY-MM-DD') END,
            c.created_at, c.created_at
     FROM g_contact c LEFT JOIN g_facts f ON f.i = c.i
     ORDER BY c.i`
  )

  await step(
    "contact_events",
    `INSERT INTO marketing_contact_event (
       id, contact_id, type, occurred_at, idempotency_key, resource_type, resource_id, data, created_at, updated_at)
     SELECT 'mkt_cev_bench' || lpad((row_number() OVER (ORDER BY e.occurred_at, e.idempotency_key))::text, 10, '0'),
            e.contact_id, e.type, e.occurred_at, e.idempotency_key, e.resource_type, e.resource_id, e.data,
            e.occurred_at, e.occurred_at
     FROM (
       SELECT o.contact_id, 'order_placed' AS type, o.at AS occurred_at,
              'order_placed:' || o.order_id AS idempotency_key, 'order' AS resource_type, o.order_id AS resource_id,
              jsonb_build_object('order_id', o.order_id, 'display_id', o.n, 'currency_code', 'eur',
                                 'total', o.total, 'product_ids', to_jsonb(o.product_ids),
                                 'category_ids', to_jsonb(o.category_ids)) AS data
       FROM g_order o
       UNION ALL
       SELECT o.contact_id, 'order_canceled', least('${at}'::timestamptz, o.at + o.r_cancel * interval '3 days'),
              'order_canceled:' || o.order_id, 'order', o.order_id,
              jsonb_build_object('order_id', o.order_id, 'display_id', o.n, 'currency_code', 'eur',
                                 'total', o.total, 'product_ids', to_jsonb(o.product_ids),
                                 'category_ids', to_jsonb(o.category_ids))
       FROM g_order o WHERE o.canceled
       UNION ALL
       SELECT c.id, 'signed_up', c.created_at, 'signed_up:cus_bench' || lpad(c.i::text, 8, '0'), 'customer',
              'cus_bench' || lpad(c.i::text, 8, '0'), NULL
       FROM g_contact c WHERE c.has_account
       UNION ALL
       SELECT g.contact_id, CASE WHEN g.abandoned THEN 'cart_abandoned' ELSE 'cart_updated' END,
              CASE WHEN g.abandoned THEN least('${at}'::timestamptz, g.at + interval '75 minutes') ELSE g.at END,
              CASE WHEN g.abandoned THEN 'cart_abandoned:' ELSE 'cart_updated:' END || 'cart_bench' || g.n || ':' ||
                (extract(epoch FROM g.at) * 1000)::bigint,
              'cart', 'cart_bench' || g.n,
              CASE WHEN g.abandoned
                   THEN jsonb_build_object('cart_id', 'cart_bench' || g.n, 'item_count', g.item_count,
                                           'currency_code', 'eur', 'activity_at', g.at)
                   ELSE jsonb_build_object('cart_id', 'cart_bench' || g.n, 'item_count', g.item_count,
                                           'currency_code', 'eur') END
       FROM g_cart g
     ) e
     ORDER BY e.occurred_at, e.idempotency_key`
  )
  // The timeline's triggers are off while loading; this fills the order read model as they would.
  await step("contact_orders", `SELECT marketing_contact_order_rebuild()`)

  // Messages go to contacts who once consented; opens and clicks follow.
  await step(
    "messages",
    `CREATE TEMP TABLE g_reach AS
     SELECT row_number() OVER (ORDER BY i) AS k, i, id, created_at
     FROM g_contact WHERE consent IN ('subscribed', 'unsubscribed');
     ALTER TABLE g_reach ADD PRIMARY KEY (k)`
  )
  await step(
    "messages",
    `CREATE TEMP TABLE g_message AS
     SELECT n, 1 + floor((SELECT count(*) FROM g_reach) * random())::int AS k,
            random() AS r_sent, random() AS r_open, random() AS r_machine, random() AS r_click,
            random() AS r_delay, random() < 0.7 AS campaign, 1 + floor(random() * 60)::int AS reason
     FROM generate_series(1, $1::int) AS n`,
    [sizes.messages]
  )
  await step(
    "messages",
    `ALTER TABLE g_message ADD COLUMN contact_id text, ADD COLUMN i int, ADD COLUMN sent_at timestamptz,
       ADD COLUMN opened_at timestamptz, ADD COLUMN machine bool, ADD COLUMN clicked_at timestamptz;
     UPDATE g_message m SET
       contact_id = r.id, i = r.i,
       sent_at = greatest(r.created_at, '${at}'::timestamptz - interval '730 days')
                 + ('${at}'::timestamptz - greatest(r.created_at, '${at}'::timestamptz - interval '730 days'))
                   * (1 - power(m.r_sent, 2)),
       machine = m.r_machine < 0.08
     FROM g_reach r WHERE r.k = m.k;
     UPDATE g_message SET opened_at = least('${at}'::timestamptz, sent_at + r_delay * interval '2 days')
     WHERE r_open < 0.3;
     UPDATE g_message SET clicked_at = least('${at}'::timestamptz, opened_at + interval '40 seconds')
     WHERE opened_at IS NOT NULL AND r_click < 0.2`
  )
  await step(
    "message_rows",
    `INSERT INTO marketing_message (
       id, contact_id, template_version_id, to_email, subject, reason_type, reason_id, status, attempts,
       send_after, sent_at, idempotency_key, opened_at, clicked_at, created_at, updated_at)
     SELECT 'mkt_msg_bench' || lpad(m.n::text, 9, '0'), m.contact_id, 'mkt_tv_bench',
            'contact-' || m.i || '@bench.test',
            CASE WHEN m.campaign THEN 'Campaign ' || m.reason ELSE 'Flow email ' || (m.reason % 8) END,
            CASE WHEN m.campaign THEN 'campaign' ELSE 'flow' END,
            CASE WHEN m.campaign THEN 'mkt_cmp_bench' || m.reason ELSE 'mkt_flow_bench' || (m.reason % 8) END,
            'sent', 1, m.sent_at, m.sent_at, 'bench:' || m.n,
            CASE WHEN NOT m.machine THEN m.opened_at END,
            CASE WHEN NOT m.machine THEN m.clicked_at END,
            m.sent_at, m.sent_at
     FROM g_message m ORDER BY m.sent_at`
  )
  await step(
    "message_rows",
    `INSERT INTO marketing_message_event (
       id, message_id, contact_id, type, machine, occurred_at, url, source, created_at, updated_at)
     SELECT 'mkt_mev_bench' || lpad((row_number() OVER (ORDER BY e.occurred_at, e.message_id, e.type))::text, 10, '0'),
            e.message_id, e.contact_id, e.type, e.machine, e.occurred_at, e.url, 'tracking',
            e.occurred_at, e.occurred_at
     FROM (
       SELECT 'mkt_msg_bench' || lpad(n::text, 9, '0') AS message_id, contact_id, 'opened' AS type, machine,
              opened_at AS occurred_at, NULL AS url
       FROM g_message WHERE opened_at IS NOT NULL
       UNION ALL
       SELECT 'mkt_msg_bench' || lpad(n::text, 9, '0'), contact_id, 'clicked', machine, clicked_at,
              'https://shop.bench.test/p/' || (n % 500)
       FROM g_message WHERE clicked_at IS NOT NULL
     ) e
     ORDER BY e.occurred_at, e.message_id, e.type`
  )

  // Activity times on the profile, as the capture and tracking workflows keep them.
  await step(
    "activity_times",
    `UPDATE marketing_contact c SET
       last_cart_at = a.last_cart_at,
       last_seen_at = greatest(a.last_cart_at, a.last_order_at, a.signed_up_at),
       last_emailed_at = a.last_emailed_at, last_opened_at = a.last_opened_at, last_clicked_at = a.last_clicked_at
     FROM (
       SELECT c.i, c.id,
              g.last_cart_at,
              f.last_at AS last_order_at,
              CASE WHEN c.has_account THEN c.created_at END AS signed_up_at,
              m.last_emailed_at, m.last_opened_at, m.last_clicked_at
       FROM g_contact c
       LEFT JOIN g_facts f ON f.i = c.i
       LEFT JOIN (SELECT i, max(at) AS last_cart_at FROM g_cart WHERE NOT abandoned GROUP BY i) g ON g.i = c.i
       LEFT JOIN (
         SELECT i, max(sent_at) AS last_emailed_at,
                max(opened_at) FILTER (WHERE NOT machine) AS last_opened_at,
                max(clicked_at) FILTER (WHERE NOT machine) AS last_clicked_at
         FROM g_message GROUP BY i
       ) m ON m.i = c.i
     ) a
     WHERE c.id = a.id`
  )

  for (const index of indexes) {
    const started = Date.now()
    await client.query(index.definition)
    seconds.indexes = (seconds.indexes ?? 0) + (Date.now() - started) / 1000
  }
  await client.query(`DROP TABLE g_contact, g_order, g_facts, g_cart, g_reach, g_message`)
  await client.query(`RESET ALL`)
  for (const table of TABLES) {
    await step("vacuum", `VACUUM (ANALYZE) ${table}`)
  }

  const { rows: counts } = await client.query<Record<string, string>>(
    `SELECT (SELECT count(*) FROM marketing_contact) AS contacts,
            (SELECT count(*) FROM marketing_contact WHERE orders_count > 0) AS buyers,
            (SELECT sum(orders_count) FROM marketing_contact) AS orders_counted,
            (SELECT count(*) FROM marketing_contact_event) AS contact_events,
            (SELECT count(*) FROM marketing_contact_event WHERE type = 'order_placed') AS order_placed,
            (SELECT count(*) FROM marketing_contact_event WHERE type = 'order_canceled') AS order_canceled,
            (SELECT count(*) FROM marketing_contact_event WHERE type = 'cart_updated') AS cart_updated,
            (SELECT count(*) FROM marketing_contact_event WHERE type = 'cart_abandoned') AS cart_abandoned,
            (SELECT count(*) FROM marketing_contact_event WHERE type = 'signed_up') AS signed_up,
            (SELECT count(*) FROM marketing_message) AS messages,
            (SELECT count(*) FROM marketing_message_event) AS message_events`
  )
  return {
    sizes,
    rows: Object.fromEntries(Object.entries(counts[0]).map(([key, value]) => [key, Number(value)])),
    seconds: Object.fromEntries(Object.entries(seconds).map(([key, value]) => [key, Math.round(value * 10) / 10])),
  }
}
