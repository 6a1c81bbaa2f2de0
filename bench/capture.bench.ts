/**
 * Capture benchmark (run it with `npm run bench:capture`, which starts this
 * file through bench/capture.js and bench/jest.config.js).
 *
 * Boots the real app with the plugin through Medusa's integration test runner
 * (same boot as integration-tests/http), then measures three things:
 *
 *  1. replay: with 10,000 contacts, 10,000 `order.placed` and 20,000 cart
 *     events (`cart.created` then `cart.updated` for 10,000 carts) handed to
 *     the plugin's subscriber handlers, a few at a time: events/s and the
 *     per-event latency (p50/p95/p99). Orders and carts are real rows made
 *     with the Order and Cart module services, so the handlers read them
 *     through Query exactly as they do after a checkout.
 *  2. checkout: `POST /store/carts/:id/complete` over HTTP with the plugin's
 *     subscribers attached (A) and detached from the event bus (B),
 *     interleaved in one run, plus how long after the request the plugin's
 *     own (asynchronous) processing of that order took.
 *  3. sweep: the abandoned-cart sweep over 100,000 tracked carts, its
 *     candidate query plan (EXPLAIN ANALYZE) and time per run.
 *
 * `BENCH_SCALE` (default 1) scales every population; results go to the JSON
 * file named by `BENCH_OUT`, which bench/capture.js renders into BENCHMARKS.md.
 */
import fs from "node:fs"
import path from "node:path"
import { performance } from "node:perf_hooks"
import { medusaIntegrationTestRunner } from "@medusajs/test-utils"
import { MedusaContainer } from "@medusajs/framework/types"
import { ContainerRegistrationKeys, Modules } from "@medusajs/framework/utils"
import { MARKETING_MODULE } from "../src/modules/marketing"
import MarketingModuleService from "../src/modules/marketing/service"
import { sweepAbandonedCarts } from "../src/workflows/carts/sweep-abandoned-carts"
import { CART_DISCOVERY_JOB_KEY } from "../src/workflows/carts/workflows/discover-carts"
import { readCarts } from "../src/workflows/carts/steps/load-carts"
import orderPlacedHandler from "../src/subscribers/order-placed"
import cartActivityHandler from "../src/subscribers/cart-activity"
import { createStoreFixture, StoreFixture } from "../integration-tests/helpers/store-fixture"
import { CHECKOUT_ADDRESS } from "../integration-tests/helpers/checkout"
import { loadAverage, loadDuring, machineFacts } from "./machine"

/** The one line item every benchmark cart holds. */
const benchCartItem = (fixture: StoreFixture) => ({
  title: "Linen shirt",
  product_id: fixture.productId,
  variant_id: fixture.variantId,
  quantity: 1,
  unit_price: fixture.price,
})

// ---------------------------------------------------------------- settings

// BENCH_SCALE scales the replayed events, BENCH_SWEEP_SCALE the tracked carts;
// the 10,000 contacts (BENCH_CONTACTS) are SQL inserts and cost about a second.
const SCALE = Number(process.env.BENCH_SCALE || 1)
const SWEEP_SCALE = Number(process.env.BENCH_SWEEP_SCALE || 1)
const scaled = (n: number, scale = SCALE) => Math.max(1, Math.round(n * scale))

const CONTACTS = Number(process.env.BENCH_CONTACTS || 10_000)
const ORDERS = scaled(10_000)
const CARTS = scaled(10_000) // two events each: cart.created, cart.updated
const REPLAY_WARMUP = 50 // orders and carts replayed first and not counted
const SERIAL_PROBE = Number(process.env.BENCH_SERIAL_PROBE || 200) // replayed one at a time afterwards
const CONCURRENCY = Number(process.env.BENCH_CONCURRENCY || 4)
const CHECKOUT_PAIRS = Number(process.env.BENCH_CHECKOUT_PAIRS || 60)
const CHECKOUT_WARMUP = 3
const DETACH_EACH = (process.env.BENCH_CHECKOUT_DETACH || "").split(",").map((id) => id.trim()).filter(Boolean)
const TRACKED = scaled(100_000, SWEEP_SCALE)
const CANDIDATES = scaled(5_000, SWEEP_SCALE) // 5% of the tracked carts are due
const RECENT_ACTIVE = scaled(15_000, SWEEP_SCALE)
const SWEEP_RUNS = Number(process.env.BENCH_SWEEP_RUNS || 3)
const IDLE_SWEEP_RUNS = 10
const BATCH = 200 // rows per module call when creating orders and carts
const OUT = process.env.BENCH_OUT || path.join(__dirname, "results", "latest.json")

const SUBSCRIBER_PREFIX = "marketing-"
const SWEEP_JOB_WORKFLOW = "job-marketing-detect-abandoned-carts"

// ----------------------------------------------------------------- helpers

type Stats = { n: number; mean: number; p50: number; p95: number; p99: number; max: number }

function stats(samples: number[]): Stats {
  const sorted = [...samples].sort((a, b) => a - b)
  const at = (p: number) => sorted[Math.max(0, Math.ceil(p * sorted.length) - 1)]
  const round = (x: number) => Math.round(x * 100) / 100
  return {
    n: sorted.length,
    mean: round(sorted.reduce((s, x) => s + x, 0) / sorted.length),
    p50: round(at(0.5)),
    p95: round(at(0.95)),
    p99: round(at(0.99)),
    max: round(sorted[sorted.length - 1]),
  }
}

const median = (xs: number[]) => stats(xs).p50

/** Deterministic PRNG so every run builds the same data. */
function prng(seed: number) {
  return () => {
    seed = (seed + 0x6d2b79f5) | 0
    let t = Math.imul(seed ^ (seed >>> 15), 1 | seed)
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296
  }
}

/** Runs `fn` over `items`, `concurrency` at a time; returns each call's latency in ms. */
async function timedPool<T>(
  items: T[],
  concurrency: number,
  fn: (item: T) => Promise<unknown>
): Promise<{ latencies: number[]; wallMs: number }> {
  const latencies: number[] = new Array(items.length)
  let next = 0
  const started = performance.now()
  const worker = async () => {
    while (next < items.length) {
      const index = next++
      const t0 = performance.now()
      await fn(items[index])
      latencies[index] = performance.now() - t0
    }
  }
  await Promise.all(Array.from({ length: Math.min(concurrency, items.length) }, worker))
  return { latencies, wallMs: performance.now() - started }
}

function chunks<T>(items: T[], size: number): T[][] {
  const out: T[][] = []
  for (let i = 0; i < items.length; i += size) {
    out.push(items.slice(i, i + size))
  }
  return out
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms))
const log = (message: string) => process.stdout.write(`[bench] ${message}\n`)

/** Bootstrap 95% interval of `statistic` over resamples of `xs`. */
function bootstrap<T>(xs: T[], statistic: (sample: T[]) => number, rounds = 2000) {
  const rand = prng(7)
  const values: number[] = []
  for (let i = 0; i < rounds; i++) {
    values.push(statistic(Array.from(xs, () => xs[Math.floor(rand() * xs.length)])))
  }
  values.sort((x, y) => x - y)
  return [values[Math.floor(0.025 * rounds)], values[Math.floor(0.975 * rounds)]]
}

/**
 * The plugin's subscribers as the local event bus holds them (listeners
 * tagged with their `subscriberId`). They are wrapped to time each run and
 * can be detached and re-attached, which is "the store without the plugin's
 * subscribers" for the checkout comparison.
 */
function instrumentPluginSubscribers(eventBus: any) {
  const emitter = eventBus.eventEmitter_
  if (!emitter) {
    throw new Error("bench needs the local event bus (eventBus.eventEmitter_)")
  }
  const runs: { event: string; id?: string; start: number; end: number }[] = []
  let inFlight = 0
  const wrapped: { event: string; listener: (...args: any[]) => any }[] = []
  for (const event of emitter.eventNames()) {
    for (const original of emitter.listeners(event)) {
      if (!String(original.subscriberId ?? "").startsWith(SUBSCRIBER_PREFIX)) {
        continue
      }
      const listener = async (payload: any) => {
        inFlight++
        const start = performance.now()
        try {
          await original(payload)
        } finally {
          inFlight--
          runs.push({ event: String(event), id: payload?.data?.id, start, end: performance.now() })
        }
      }
      ;(listener as any).subscriberId = original.subscriberId
      emitter.off(event, original)
      emitter.on(event, listener)
      wrapped.push({ event: String(event), listener })
    }
  }
  if (!wrapped.length) {
    throw new Error("no plugin subscribers found on the event bus")
  }
  const attached = new Set(wrapped.map((w) => w.listener))
  return {
    events: [...new Set(wrapped.map((w) => w.event))],
    runs,
    inFlight: () => inFlight,
    subscriberIds: [...new Set(wrapped.map((w) => String((w.listener as any).subscriberId)))],
    /** Attaches every plugin subscriber (true), none (false), or those `keep` accepts. */
    attach(on: boolean | ((subscriberId: string) => boolean)) {
      const keep = typeof on === "function" ? on : () => on
      for (const { event, listener } of wrapped) {
        const want = keep(String((listener as any).subscriberId))
        const has = attached.has(listener)
        if (want && !has) {
          emitter.on(event, listener)
          attached.add(listener)
        } else if (!want && has) {
          emitter.off(event, listener)
          attached.delete(listener)
        }
      }
    },
    /** The events some attached plugin subscriber listens to. */
    attachedEvents: () => new Set(wrapped.filter((w) => attached.has(w.listener)).map((w) => w.event)),
    /** Resolves once no plugin handler has been running for `quietMs`. */
    async idle(quietMs = 50, timeoutMs = 60_000) {
      const deadline = Date.now() + timeoutMs
      let quietSince = inFlight === 0 ? performance.now() : Infinity
      while (Date.now() < deadline) {
        await sleep(5)
        if (inFlight > 0) {
          quietSince = Infinity
        } else if (quietSince === Infinity) {
          quietSince = performance.now()
        } else if (performance.now() - quietSince >= quietMs) {
          return
        }
      }
      throw new Error("plugin subscribers did not go idle")
    },
  }
}

/** Stops the scheduled sweep job so it does not run during the measurements. */
function pauseScheduledSweep() {
  const scheduler = (global as any).WorkflowScheduler
  const scheduled: Map<string, unknown> | undefined = scheduler?.storage?.scheduled
  const had = !!scheduled?.has(SWEEP_JOB_WORKFLOW)
  scheduler?.storage?.remove?.(SWEEP_JOB_WORKFLOW)
  return had
}

// ------------------------------------------------------------------- bench

jest.setTimeout(6 * 60 * 60 * 1000)

const results: Record<string, any> = {}

medusaIntegrationTestRunner({
  testSuite: ({ api, getContainer }) => {
    let container: MedusaContainer
    let fixture: StoreFixture
    let pg: any
    let marketing: MarketingModuleService

    const sql = async (text: string, bindings: unknown[] = []) =>
      (await pg.raw(text, bindings)).rows as any[]
    const storeHeaders = () => ({ headers: { "x-publishable-api-key": fixture.publishableKey } })
    const contactEmail = (i: number) => `contact-${i}@bench.test`

    beforeAll(async () => {
      const started = performance.now()
      container = getContainer()
      pg = container.resolve(ContainerRegistrationKeys.PG_CONNECTION)
      marketing = container.resolve(MARKETING_MODULE)
      const sweepWasScheduled = pauseScheduledSweep()

      fixture = await createStoreFixture(container)

      // Contacts as a store that has used the plugin for a while has them: some
      // subscribed, each with a little timeline history.
      await sql(
        `INSERT INTO marketing_contact (id, email, consent_status, consent_at, last_seen_at)
         SELECT 'mkt_con_bench' || lpad(i::text, 7, '0'), 'contact-' || i || '@bench.test',
                CASE WHEN i % 3 = 0 THEN 'subscribed' ELSE 'never' END,
                CASE WHEN i % 3 = 0 THEN now() - (i % 400) * interval '1 day' END,
                now() - (i % 90) * interval '1 day'
         FROM generate_series(1, ?::int) AS i`,
        [CONTACTS]
      )
      await sql(
        `INSERT INTO marketing_contact_event (id, contact_id, type, occurred_at, idempotency_key)
         SELECT 'mkt_cev_bench' || lpad(i::text, 7, '0') || t.type,
                'mkt_con_bench' || lpad(i::text, 7, '0'), t.type,
                now() - (i % 90) * interval '1 day', t.type || ':bench:' || i
         FROM generate_series(1, ?::int) AS i, (VALUES ('signed_up'), ('cart_updated')) AS t(type)`,
        [CONTACTS]
      )
      await sql(`ANALYZE marketing_contact; ANALYZE marketing_contact_event`)

      results.meta = {
        date: new Date().toISOString(),
        scale: SCALE,
        sweep_scale: SWEEP_SCALE,
        ...(await machineFacts(sql, ["shared_buffers", "work_mem", "fsync", "synchronous_commit", "max_connections"])),
        sweep_job_paused: sweepWasScheduled,
        loadavg_at_start: loadAverage(),
        setup_s: Math.round(performance.now() - started) / 1000,
      }
      log(`setup: fixture + ${CONTACTS} contacts in ${results.meta.setup_s} s`)
    })

    afterAll(() => {
      if (results.meta) {
        results.meta.loadavg_at_end = loadAverage()
      }
      fs.mkdirSync(path.dirname(OUT), { recursive: true })
      fs.writeFileSync(OUT, JSON.stringify(results, null, 2))
      log(`results written to ${OUT}`)
    })

    // ------------------------------------------------------------ 1. replay

    it("replays order and cart events through the subscribers", async () => {
      const sectionStart = performance.now()
      const orderModule = container.resolve(Modules.ORDER)
      const cartModule = container.resolve(Modules.CART)
      const rand = prng(42)
      // 90% of buyers are known contacts (several orders each for some), 10% new guests.
      const buyer = (i: number) =>
        rand() < 0.9 ? contactEmail(1 + Math.floor(rand() * CONTACTS)) : `guest-${i}@bench.test`

      let t0 = performance.now()
      const orderIds: string[] = []
      for (const batch of chunks([...Array(REPLAY_WARMUP + ORDERS + SERIAL_PROBE).keys()], BATCH)) {
        const created = await orderModule.createOrders(
          batch.map((i) => ({
            email: buyer(i),
            currency_code: "eur",
            region_id: fixture.regionId,
            sales_channel_id: fixture.salesChannelId,
            status: "pending" as any,
            shipping_address: {
              first_name: `First${i % 500}`,
              last_name: `Last${i % 700}`,
              address_1: "Torstr. 1",
              city: "Berlin",
              country_code: "de",
              postal_code: "10119",
            },
            items: [
              {
                title: "Linen shirt",
                product_id: fixture.productId,
                variant_id: fixture.variantId,
                quantity: 1 + (i % 3),
                unit_price: fixture.price,
              },
            ],
            shipping_methods: [{ name: "Standard", amount: fixture.shippingPrice }],
          }))
        )
        orderIds.push(...created.map((order) => order.id))
      }
      const ordersSetupS = (performance.now() - t0) / 1000
      log(`created ${orderIds.length} orders in ${ordersSetupS.toFixed(1)} s`)

      t0 = performance.now()
      const cartIds: string[] = []
      for (const batch of chunks([...Array(REPLAY_WARMUP + CARTS + SERIAL_PROBE).keys()], BATCH)) {
        const created = await cartModule.createCarts(
          batch.map((i) => {
            const r = rand()
            return {
              currency_code: "eur",
              region_id: fixture.regionId,
              sales_channel_id: fixture.salesChannelId,
              // 85% known contacts, 10% new shoppers, 5% no email yet.
              email:
                r < 0.85
                  ? contactEmail(1 + Math.floor(rand() * CONTACTS))
                  : r < 0.95
                    ? `shopper-${i}@bench.test`
                    : undefined,
              items: [benchCartItem(fixture)],
            }
          })
        )
        cartIds.push(...created.map((cart) => cart.id))
      }
      const cartsSetupS = (performance.now() - t0) / 1000
      log(`created ${cartIds.length} carts in ${cartsSetupS.toFixed(1)} s`)
      const [{ count: trackedBefore }] = await sql(
        `SELECT count(*)::int AS count FROM marketing_tracked_cart`
      )

      const call = (handler: any, name: string) => (id: string) =>
        handler({ event: { name, data: { id }, metadata: {} }, container, pluginOptions: {} })

      const phases: Record<string, any> = {}
      const runPhase = async (
        key: string,
        event: string,
        handler: any,
        ids: string[],
        concurrency = CONCURRENCY
      ) => {
        const { latencies, wallMs } = await timedPool(ids, concurrency, call(handler, event))
        phases[key] = {
          concurrency,
          event,
          events: ids.length,
          wall_s: Math.round(wallMs) / 1000,
          events_per_s: Math.round((ids.length / wallMs) * 1000 * 10) / 10,
          latency_ms: stats(latencies),
        }
        log(
          `${key}: ${ids.length} in ${(wallMs / 1000).toFixed(1)} s, ` +
            `${phases[key].events_per_s}/s, p95 ${phases[key].latency_ms.p95} ms`
        )
        return latencies
      }

      // Warm-up (JIT, connection pool, caches): the first orders and carts, not counted.
      const warmOrders = orderIds.splice(0, REPLAY_WARMUP)
      const warmCarts = cartIds.splice(0, REPLAY_WARMUP)
      // Kept for the one-at-a-time probe at the end.
      const probeOrders = orderIds.splice(ORDERS)
      const probeCarts = cartIds.splice(CARTS)
      await timedPool(warmOrders, CONCURRENCY, call(orderPlacedHandler, "order.placed"))
      await timedPool(warmCarts, CONCURRENCY, call(cartActivityHandler, "cart.created"))

      const all: number[] = []
      all.push(...(await runPhase("order_placed", "order.placed", orderPlacedHandler, orderIds)))
      all.push(...(await runPhase("cart_created", "cart.created", cartActivityHandler, cartIds)))
      // The shopper comes back: each cart gets new activity before `cart.updated`.
      // (A few set-based statements; they take well under a second of the total.)
      await sql(
        `UPDATE cart_line_item SET quantity = quantity + 1, updated_at = now()
         WHERE cart_id = ANY(?::text[])`,
        [cartIds]
      )
      all.push(...(await runPhase("cart_updated", "cart.updated", cartActivityHandler, cartIds)))
      // Wall time of the three phases, without the UPDATE between them.
      const totalMs = ["order_placed", "cart_created", "cart_updated"].reduce(
        (sum, key) => sum + phases[key].wall_s * 1000,
        0
      )

      // The same handlers one event at a time: latency without queueing behind
      // the other events in flight (after the big replay, so tables are full).
      await runPhase("order_placed_serial", "order.placed", orderPlacedHandler, probeOrders, 1)
      await runPhase("cart_created_serial", "cart.created", cartActivityHandler, probeCarts, 1)

      const [check] = await sql(
        `SELECT
           (SELECT count(*)::int FROM marketing_contact WHERE deleted_at IS NULL) AS contacts,
           (SELECT count(*)::int FROM marketing_contact WHERE orders_count > 0) AS contacts_with_orders,
           (SELECT coalesce(sum(orders_count), 0)::int FROM marketing_contact) AS orders_counted,
           (SELECT count(*)::int FROM marketing_contact_event WHERE type = 'order_placed') AS order_events,
           (SELECT count(*)::int FROM marketing_contact_event WHERE type = 'cart_updated'
              AND idempotency_key NOT LIKE '%:bench:%') AS cart_events,
           (SELECT count(*)::int FROM marketing_tracked_cart) AS tracked_carts`
      )
      results.replay = {
        concurrency: CONCURRENCY,
        warmup_orders_and_carts: REPLAY_WARMUP,
        contacts_before: CONTACTS,
        orders: orderIds.length,
        carts: cartIds.length,
        setup_s: { orders: ordersSetupS, carts: cartsSetupS },
        tracked_before_replay: trackedBefore,
        phases,
        total: {
          events: all.length,
          wall_s: Math.round(totalMs) / 1000,
          events_per_s: Math.round((all.length / totalMs) * 1000 * 10) / 10,
          latency_ms: stats(all),
        },
        check,
        load1: loadDuring(sectionStart),
      }
      log(`replay check: ${JSON.stringify(check)}`)
      const [{ measured, warm }] = await sql(
        `SELECT count(*) FILTER (WHERE id = ANY(?::text[]))::int AS measured,
                count(*) FILTER (WHERE id = ANY(?::text[]))::int AS warm
         FROM cart WHERE email IS NOT NULL`,
        [cartIds, [...warmCarts, ...probeCarts]]
      )
      const allOrders = warmOrders.length + orderIds.length + probeOrders.length
      expect(check.order_events).toEqual(allOrders)
      expect(check.orders_counted).toEqual(allOrders)
      // One `cart_updated` event per cart with an email for each of the two
      // activities (the warm-up and probe carts saw only the first).
      expect(check.cart_events).toEqual(2 * measured + warm)
    })

    // ---------------------------------------------------------- 2. checkout

    it("completes carts with and without the plugin's subscribers, interleaved", async () => {
      const sectionStart = performance.now()
      const eventBus = container.resolve(Modules.EVENT_BUS)
      const plugin = instrumentPluginSubscribers(eventBus)
      const address = CHECKOUT_ADDRESS

      // Carts ready to complete, prepared through the store API as a storefront does.
      const prepare = async (i: number) => {
        const headers = storeHeaders()
        const {
          data: { cart },
        } = await api.post(
          "/store/carts",
          { region_id: fixture.regionId, email: contactEmail(1 + ((i * 7919) % CONTACTS)) },
          headers
        )
        await api.post(
          `/store/carts/${cart.id}/line-items`,
          { variant_id: fixture.variantId, quantity: 1 },
          headers
        )
        await api.post(
          `/store/carts/${cart.id}`,
          { shipping_address: address, billing_address: address },
          headers
        )
        await api.post(
          `/store/carts/${cart.id}/shipping-methods`,
          { option_id: fixture.shippingOptionId },
          headers
        )
        const {
          data: { payment_collection },
        } = await api.post("/store/payment-collections", { cart_id: cart.id }, headers)
        await api.post(
          `/store/payment-collections/${payment_collection.id}/payment-sessions`,
          { provider_id: "pp_system_default" },
          headers
        )
        return cart.id as string
      }
      // Besides the store with every plugin subscriber and the store with none,
      // BENCH_CHECKOUT_DETACH (subscriber ids, comma-separated) adds one store per
      // id with every subscriber but that one, to tell which handler costs what.
      const arms: { name: string; keep: boolean | ((id: string) => boolean) }[] = [
        { name: "with", keep: true },
        { name: "without", keep: false },
        ...DETACH_EACH.map((id) => {
          if (!plugin.subscriberIds.includes(id)) {
            throw new Error(`BENCH_CHECKOUT_DETACH: no plugin subscriber "${id}" (${plugin.subscriberIds.join(", ")})`)
          }
          return { name: `without ${id}`, keep: (other: string) => other !== id }
        }),
      ]
      const total = arms.length * (CHECKOUT_PAIRS + CHECKOUT_WARMUP)
      const t0 = performance.now()
      const carts: string[] = []
      for (let i = 0; i < total; i++) {
        carts.push(await prepare(i))
      }
      await plugin.idle()
      log(`prepared ${carts.length} carts in ${((performance.now() - t0) / 1000).toFixed(1)} s`)

      const samples: Record<string, number[]> = Object.fromEntries(arms.map((a) => [a.name, []]))
      const pluginDone: number[] = [] // request start -> plugin finished with the order
      const pluginAfter: number[] = [] // response -> plugin finished
      const handled: Record<string, number> = {}

      const complete = async (cartId: string, arm: (typeof arms)[number], record: boolean) => {
        plugin.attach(arm.keep)
        const listening = plugin.attachedEvents()
        const firstRun = plugin.runs.length
        const start = performance.now()
        const { data } = await api.post(`/store/carts/${cartId}/complete`, {}, storeHeaders())
        const end = performance.now()
        if (data.type !== "order") {
          throw new Error(`checkout failed: ${JSON.stringify(data.error ?? data)}`)
        }
        if (listening.has("order.placed")) {
          // Wait for the plugin's handling of this order, then for any other
          // handler the checkout triggered, so nothing spills into the next sample.
          const deadline = Date.now() + 60_000
          while (!plugin.runs.slice(firstRun).some((r) => r.event === "order.placed" && r.id === data.order.id)) {
            if (Date.now() > deadline) throw new Error("order.placed was not handled")
            await sleep(2)
          }
        } else {
          await sleep(20)
        }
        await plugin.idle(20)
        if (record && arm.name === "with") {
          const mine = plugin.runs.slice(firstRun)
          const done = Math.max(...mine.map((r) => r.end))
          pluginDone.push(done - start)
          pluginAfter.push(Math.max(0, done - end))
          for (const r of mine) handled[r.event] = (handled[r.event] ?? 0) + 1
        }
        if (record) {
          samples[arm.name].push(end - start)
        }
      }

      let next = 0
      for (let i = 0; i < CHECKOUT_WARMUP; i++) {
        for (const arm of arms) {
          await complete(carts[next++], arm, false)
        }
      }
      // Each round runs every arm once, starting one arm further along each
      // time, so drift and position effects hit every arm alike.
      for (let i = 0; i < CHECKOUT_PAIRS; i++) {
        for (let k = 0; k < arms.length; k++) {
          await complete(carts[next++], arms[(i + k) % arms.length], true)
        }
      }
      plugin.attach(true)

      const round3 = (x: number) => Math.round(x * 1000) / 1000
      const withStats = stats(samples.with)
      const withoutStats = stats(samples.without)
      // Each pair ran back to back, so its ratio cancels slow drift in machine load.
      const pairs = samples.with.map((w, i) => [w, samples.without[i]])
      const againstWithout = (name: string) => {
        const own = samples[name]
        const paired = own.map((x, i) => x / samples.without[i])
        const [ratioLow, ratioHigh] = bootstrap(
          own.map((x, i) => [x, samples.without[i]]),
          (ps) => median(ps.map(([x]) => x)) / median(ps.map(([, wo]) => wo))
        )
        return {
          name,
          ms: stats(own),
          ratio_median: round3(median(own) / withoutStats.p50),
          ratio_median_ci95: [round3(ratioLow), round3(ratioHigh)],
          paired_ratio_median: round3(median(paired)),
        }
      }
      const [low, high] = bootstrap(pairs, (ps) =>
        median(ps.map(([w]) => w)) / median(ps.map(([, wo]) => wo))
      )
      const pairRatios = pairs.map(([w, wo]) => w / wo)
      const [pairLow, pairHigh] = bootstrap(pairRatios, median)
      results.checkout = {
        pairs: CHECKOUT_PAIRS,
        warmup_pairs: CHECKOUT_WARMUP,
        plugin_events: plugin.events,
        with_plugin_ms: withStats,
        without_plugin_ms: withoutStats,
        ratio_median: round3(withStats.p50 / withoutStats.p50),
        ratio_median_ci95: [round3(low), round3(high)],
        paired_ratio_median: round3(median(pairRatios)),
        paired_ratio_median_ci95: [round3(pairLow), round3(pairHigh)],
        ratio_mean: round3(withStats.mean / withoutStats.mean),
        ratio_p95: round3(withStats.p95 / withoutStats.p95),
        plugin_done_after_request_start_ms: stats(pluginDone),
        plugin_done_after_response_ms: stats(pluginAfter),
        load1: loadDuring(sectionStart),
        detached_one_at_a_time: arms.slice(2).map((arm) => againstWithout(arm.name)),
        plugin_handlers_per_checkout: Object.fromEntries(
          Object.entries(handled).map(([event, n]) => [event, n / CHECKOUT_PAIRS])
        ),
      }
      log(`checkout: ${JSON.stringify(results.checkout)}`)
    })

    // ------------------------------------------------------------- 3. sweep

    it("sweeps 100,000 tracked carts", async () => {
      const sectionStart = performance.now()
      const cartModule = container.resolve(Modules.CART)
      const now = new Date(Math.floor(Date.now() / 1000) * 1000)
      // `await` works whether getOptions is sync or async.
      const options = await marketing.getOptions()
      const cutoff = new Date(now.getTime() - options.abandonedCartAfterMinutes * 60_000)
      const sweep = () => sweepAbandonedCarts(container, { now })

      // Real carts left with items (for the "abandoned" runs): one item, a contact's email.
      let t0 = performance.now()
      const realCartIds: string[] = []
      for (const batch of chunks([...Array(CANDIDATES).keys()], BATCH)) {
        const created = await cartModule.createCarts(
          batch.map((i) => ({
            currency_code: "eur",
            region_id: fixture.regionId,
            email: contactEmail(1 + ((i * 31) % CONTACTS)),
            items: [benchCartItem(fixture)],
          }))
        )
        realCartIds.push(...created.map((cart) => cart.id))
      }
      const realCartsS = (performance.now() - t0) / 1000
      // Discovery has already seen these carts (as it would have, minute by minute).
      await marketing.saveJobState({
        key: CART_DISCOVERY_JOB_KEY,
        status: "idle",
        cursor: { after_id: [...realCartIds].sort().at(-1) },
      })

      // 100,000 tracked carts. Times are whole milliseconds, as the app writes them.
      // - CANDIDATES rows with no cart behind them, idle 61 min .. ~4 days (due in run set 1)
      // - CANDIDATES rows for the real carts above (due in run set 2)
      // - RECENT_ACTIVE rows active within the last 50 minutes (not due)
      // - the rest settled over the last 30 days: completed, abandoned, empty, expired
      t0 = performance.now()
      const settledCount = TRACKED - 2 * CANDIDATES - RECENT_ACTIVE
      await sql(
        `INSERT INTO marketing_tracked_cart
           (id, cart_id, email, contact_id, currency_code, item_count, status, last_activity_at)
         SELECT 'mkt_crt_benchsyn' || lpad(i::text, 7, '0'), 'cart_bench_syn' || lpad(i::text, 7, '0'),
                'contact-' || (1 + i % ?::int) || '@bench.test', NULL, 'eur', 1, 'active',
                ?::timestamptz - interval '61 minutes' - (i * 67 % 345600) * interval '1 second'
         FROM generate_series(1, ?::int) AS i`,
        [CONTACTS, now, CANDIDATES]
      )
      await sql(
        `INSERT INTO marketing_tracked_cart
           (id, cart_id, email, currency_code, item_count, status, last_activity_at)
         SELECT 'mkt_crt_benchrec' || lpad(i::text, 7, '0'), 'cart_bench_rec' || lpad(i::text, 7, '0'),
                'contact-' || (1 + i % ?::int) || '@bench.test', 'eur', 1 + i % 3, 'active',
                ?::timestamptz - (i % 3000) * interval '1 second'
         FROM generate_series(1, ?::int) AS i`,
        [CONTACTS, now, RECENT_ACTIVE]
      )
      await sql(
        `INSERT INTO marketing_tracked_cart
           (id, cart_id, email, currency_code, item_count, status, last_activity_at)
         SELECT 'mkt_crt_benchset' || lpad(i::text, 7, '0'), 'cart_bench_set' || lpad(i::text, 7, '0'),
                'contact-' || (1 + i % ?::int) || '@bench.test', 'eur', i % 4,
                (ARRAY['completed','completed','completed','abandoned','empty','expired'])[1 + i % 6],
                ?::timestamptz - (i * 26 % 2592000) * interval '1 second'
         FROM generate_series(1, ?::int) AS i`,
        [CONTACTS, now, settledCount]
      )
      await sql(
        `INSERT INTO marketing_tracked_cart
           (id, cart_id, email, currency_code, item_count, status, last_activity_at)
         SELECT 'mkt_crt_benchreal' || lpad(n::text, 7, '0'), c.id, c.email, 'eur', 1, 'completed',
                ?::timestamptz - interval '2 days'
         FROM unnest(?::text[]) WITH ORDINALITY AS u(cart_id, n) JOIN cart c ON c.id = u.cart_id`,
        [now, realCartIds]
      )
      await sql(`VACUUM ANALYZE marketing_tracked_cart`)
      const insertS = (performance.now() - t0) / 1000
      const [{ rows: trackedRows }] = await sql(
        `SELECT count(*)::int AS rows FROM marketing_tracked_cart WHERE deleted_at IS NULL`
      )
      const mix = await sql(
        `SELECT status, (last_activity_at <= ?) AS idle, count(*)::int AS n
         FROM marketing_tracked_cart GROUP BY 1, 2 ORDER BY 1, 2`,
        [cutoff]
      )
      log(`tracked carts: ${trackedRows} in ${insertS.toFixed(1)} s; ${JSON.stringify(mix)}`)

      const timeRun = async () => {
        const start = performance.now()
        const result = await sweep()
        const ms = performance.now() - start
        return {
          ms: Math.round(ms * 10) / 10,
          discovered: result.discovered,
          examined: result.examined,
          abandoned: result.abandoned.length,
          ms_per_1000_carts: result.examined
            ? Math.round((ms / result.examined) * 1000 * 10) / 10
            : null,
        }
      }

      // Run set 0: nothing due (the steady state between abandonments).
      await sql(`UPDATE marketing_tracked_cart SET status = 'completed' WHERE id LIKE 'mkt_crt_benchsyn%'`)
      await sql(`VACUUM ANALYZE marketing_tracked_cart`)
      await sweep() // warm-up
      const idleRuns: any[] = []
      for (let i = 0; i < IDLE_SWEEP_RUNS; i++) {
        idleRuns.push(await timedRunOrThrow(timeRun, 0))
      }

      // Run set 1: CANDIDATES due, no cart behind them -> settled "completed".
      const resetSynthetic = async () => {
        await sql(
          `UPDATE marketing_tracked_cart SET status = 'active', updated_at = now()
           WHERE id LIKE 'mkt_crt_benchsyn%'`
        )
        await sql(`VACUUM ANALYZE marketing_tracked_cart`)
      }
      await resetSynthetic()
      const explain = await sql(
        `EXPLAIN (ANALYZE, BUFFERS)
         SELECT * FROM marketing_tracked_cart
         WHERE deleted_at IS NULL AND status = 'active' AND last_activity_at <= ?
         ORDER BY last_activity_at
         LIMIT ?`,
        [cutoff, 200]
      )
      const plan = explain.map((row: any) => row["QUERY PLAN"]).join("\n")
      log(`candidate query plan:\n${plan}`)

      const completedRuns: any[] = []
      for (let run = 0; run < SWEEP_RUNS; run++) {
        if (run > 0) await resetSynthetic()
        completedRuns.push(await timedRunOrThrow(timeRun, CANDIDATES))
      }

      // Where one batch of 200 goes, outside the workflow: the candidate
      // query, the re-read of the carts through Query, the settle statement(s).
      await resetSynthetic()
      const query = container.resolve(ContainerRegistrationKeys.QUERY)
      const parts = { list_ms: [] as number[], read_carts_ms: [] as number[], settle_ms: [] as number[] }
      for (let batch = 0; batch < 5; batch++) {
        let t = performance.now()
        const candidates = await marketing.listAbandonmentCandidates(cutoff, 200)
        parts.list_ms.push(performance.now() - t)
        t = performance.now()
        await readCarts(query, { id: candidates.map((c) => c.cart_id) })
        parts.read_carts_ms.push(performance.now() - t)
        t = performance.now()
        await marketing.settleTrackedCarts(
          candidates.map((c) => ({
            id: c.id,
            status: "completed" as const,
            activity_at: c.last_activity_at,
            expected_activity_at: c.last_activity_at,
          }))
        )
        parts.settle_ms.push(performance.now() - t)
      }
      const batchBreakdown = Object.fromEntries(
        Object.entries(parts).map(([key, xs]) => [key, median(xs)])
      )
      log(`one batch of 200, median of 5: ${JSON.stringify(batchBreakdown)}`)
      await sql(`UPDATE marketing_tracked_cart SET status = 'completed' WHERE id LIKE 'mkt_crt_benchsyn%'`)

      // Run set 2: CANDIDATES real carts left with items, idle 90 min .. ~4 days
      // -> each is re-read through Query and reported abandoned (contact upsert,
      // timeline event, `marketing.cart_abandoned`). Each run shifts the activity
      // by a millisecond so its events are new, not replays.
      const abandonedRuns: any[] = []
      for (let run = 0; run < SWEEP_RUNS; run++) {
        const activity = `?::timestamptz - interval '90 minutes' - (u.n * 67 % 345600) * interval '1 second' - ?::int * interval '1 millisecond'`
        await sql(
          `UPDATE cart SET created_at = ${activity} - interval '5 minutes', updated_at = ${activity}
           FROM unnest(?::text[]) WITH ORDINALITY AS u(cart_id, n) WHERE cart.id = u.cart_id`,
          [now, run, now, run, realCartIds]
        )
        await sql(
          `UPDATE cart_line_item SET created_at = ${activity}, updated_at = ${activity}
           FROM unnest(?::text[]) WITH ORDINALITY AS u(cart_id, n) WHERE cart_line_item.cart_id = u.cart_id`,
          [now, run, now, run, realCartIds]
        )
        await sql(
          `UPDATE marketing_tracked_cart t SET status = 'active', last_activity_at = ${activity},
             reported_activity_at = NULL, abandoned_at = NULL
           FROM unnest(?::text[]) WITH ORDINALITY AS u(cart_id, n) WHERE t.cart_id = u.cart_id`,
          [now, run, realCartIds]
        )
        await sql(`VACUUM ANALYZE marketing_tracked_cart`)
        abandonedRuns.push(await timedRunOrThrow(timeRun, CANDIDATES, CANDIDATES))
      }

      results.sweep = {
        tracked_carts: trackedRows,
        due_per_run: CANDIDATES,
        recent_active: RECENT_ACTIVE,
        mix,
        setup_s: { real_carts: realCartsS, tracked_rows: insertS },
        cutoff_minutes: options.abandonedCartAfterMinutes,
        plan,
        batch_of_200_breakdown_ms: batchBreakdown,
        load1: loadDuring(sectionStart),
        runs: {
          nothing_due: { runs: idleRuns, ms: stats(idleRuns.map((r) => r.ms)) },
          due_no_cart_completed: {
            runs: completedRuns,
            ms: stats(completedRuns.map((r) => r.ms)),
          },
          due_real_carts_abandoned: {
            runs: abandonedRuns,
            ms: stats(abandonedRuns.map((r) => r.ms)),
          },
        },
      }
      // On a few hundred rows Postgres rightly prefers a sequential scan; the
      // index is what matters at the 100,000.
      if (TRACKED >= 10_000) {
        expect(plan).toContain("IDX_marketing_tracked_cart_last_activity_at")
      }
    })

    async function timedRunOrThrow(
      timeRun: () => Promise<{ examined: number; abandoned: number } & Record<string, any>>,
      examined: number,
      abandoned = 0
    ) {
      const run = await timeRun()
      log(`sweep run: ${JSON.stringify(run)}`)
      if (run.examined !== examined || run.abandoned !== abandoned) {
        throw new Error(
          `sweep examined ${run.examined} (expected ${examined}), abandoned ${run.abandoned} (expected ${abandoned})`
        )
      }
      return run
    }
  },
})
