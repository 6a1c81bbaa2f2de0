/**
 * Dispatch benchmark (run it with `npm run bench:dispatch`, which starts this
 * file through bench/dispatch.js and bench/jest.config.js).
 *
 * Boots the real app with the plugin (Medusa's integration test runner), with
 * Medusa's local notification provider for email: it accepts each email at
 * once, so what is measured is the plugin and the Notification Module, with
 * every database write they make. 100,000 subscribed contacts each get one
 * queued marketing email (the abandoned-cart starter with three items, links
 * tracked); the outbox is then drained by BENCH_DISPATCHERS dispatchers side
 * by side, as several instances would, unthrottled. Reported: messages per
 * second end to end, per-batch latency, peak memory of the process, and a
 * check that every message was sent exactly once. A second run of the same
 * size swaps the Notification Module for a stand-in that answers at once,
 * which shows the plugin's own share of the cost beside the module's.
 *
 * A third run of the same size drains the outbox from BENCH_PROCESSES Medusa
 * processes at once, as a server and a worker instance would.
 *
 * `BENCH_MESSAGES` (100000), `BENCH_BATCH` (500 claimed per batch),
 * `BENCH_GROUP` (50 sends per Notification Module call), `BENCH_DISPATCHERS` (3),
 * `BENCH_PROCESSES` (2).
 */
import { ChildProcess, spawn } from "node:child_process"
import fs from "node:fs"
import path from "node:path"
import { performance } from "node:perf_hooks"
import { medusaIntegrationTestRunner } from "@medusajs/test-utils"
import { asValue } from "@medusajs/framework/awilix"
import { MedusaContainer } from "@medusajs/framework/types"
import { ContainerRegistrationKeys, Modules } from "@medusajs/framework/utils"
import { MARKETING_MODULE } from "../src/modules/marketing"
import MarketingModuleService from "../src/modules/marketing/service"
import { dispatchDueMessages, unthrottled } from "../src/workflows/messages"
import { installStarterTemplates } from "../src/workflows/templates"
import { SAMPLE_TEMPLATE_DATA } from "../src/lib/templates/sample-data"

const MESSAGES = Number(process.env.BENCH_MESSAGES || 100_000)
const BATCH = Number(process.env.BENCH_BATCH || 500)
const GROUP = Number(process.env.BENCH_GROUP || 50)
const DISPATCHERS = Number(process.env.BENCH_DISPATCHERS || 3)
// Medusa processes dispatching in the last part: this one and the rest as children.
const PROCESSES = Number(process.env.BENCH_PROCESSES || 2)
const ROOT = path.resolve(__dirname, "..")
const OUT = process.env.BENCH_OUT || path.join(__dirname, "results", "dispatch-latest.json")
// Noon UTC: outside quiet hours for contacts without a time zone.
const NOON = new Date("2027-06-01T12:00:00Z")

const quantile = (sorted: number[], q: number) =>
  sorted.length ? sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))] : 0

jest.setTimeout(3 * 60 * 60 * 1000)

medusaIntegrationTestRunner({
  testSuite: ({ getContainer, dbConfig }) => {
    it(`dispatches ${MESSAGES} queued messages`, async () => {
      const container = getContainer()
      const pg = container.resolve(ContainerRegistrationKeys.PG_CONNECTION)
      const sql = async (text: string, bindings: unknown[] = []) => (await pg.raw(text, bindings)).rows as any[]
      const marketing: MarketingModuleService = container.resolve(MARKETING_MODULE)

      const starters = await installStarterTemplates(container, ["abandoned_cart"])
      const [version] = await marketing.listTemplateVersions(
        { template_id: starters.get("abandoned_cart")! },
        { order: { version: "DESC" }, take: 1 }
      )
      await marketing.saveSettings({
        ...(await marketing.getSettings()),
        store: { name: "Bench store", logo_url: null, address: "1 Bench Street, 10115 Berlin", support_email: null },
        frequency_cap: { max_messages: 0, window_hours: 16 },
      })

      const seed = performance.now()
      await sql(
        `INSERT INTO marketing_contact (id, email, first_name, consent_status, consent_at)
         SELECT 'mkt_con_bench' || lpad(i::text, 7, '0'), 'contact-' || i || '@bench.test', 'Name' || i,
                'subscribed', now()
         FROM generate_series(1, ?::int) AS i`,
        [MESSAGES]
      )
      const data = JSON.stringify({ cart: SAMPLE_TEMPLATE_DATA.cart })
      // One queued message per contact; `tag` keeps each part's messages and keys apart.
      const queueMessages = async (tag: string) => {
        await sql(
          `INSERT INTO marketing_message
             (id, contact_id, template_version_id, to_email, reason_type, send_after, idempotency_key, data)
           SELECT 'mkt_msg_bench' || ? || lpad(i::text, 7, '0'), 'mkt_con_bench' || lpad(i::text, 7, '0'), ?,
                  'contact-' || i || '@bench.test', 'campaign', ?::timestamptz, 'bench' || ? || ':' || i, ?::jsonb
           FROM generate_series(1, ?::int) AS i`,
          [tag, version.id, NOON, tag, data, MESSAGES]
        )
        await sql(`ANALYZE marketing_message`)
      }
      await queueMessages("")
      await sql(`ANALYZE marketing_contact; ANALYZE marketing_message`)
      const seedMs = performance.now() - seed

      // Warm the compile cache and the code paths on a few messages, not counted.
      await dispatchDueMessages(container, { now: NOON, limit: 50, concurrency: GROUP, throttle: unthrottled })
      const warm = Number((await sql(`SELECT count(*) AS n FROM marketing_message WHERE status = 'sent'`))[0].n)

      let peakRss = process.memoryUsage().rss
      const sampler = setInterval(() => {
        peakRss = Math.max(peakRss, process.memoryUsage().rss)
      }, 100)
      const drain = async (dispatchContainer: MedusaContainer) => {
        const batchMs: number[] = []
        const started = performance.now()
        await Promise.all(
          Array.from({ length: DISPATCHERS }, async () => {
            for (;;) {
              const t = performance.now()
              const result = await dispatchDueMessages(dispatchContainer, {
                now: NOON,
                limit: BATCH,
                concurrency: GROUP,
                throttle: unthrottled,
              })
              if (result.claimed === 0) {
                return
              }
              batchMs.push(performance.now() - t)
            }
          })
        )
        return { elapsedMs: performance.now() - started, batchMs }
      }
      const { elapsedMs, batchMs } = await drain(container)
      clearInterval(sampler)

      const [counts] = await sql(
        `SELECT count(*) FILTER (WHERE status = 'sent') AS sent,
                count(*) FILTER (WHERE status <> 'sent') AS other,
                count(DISTINCT notification_id) AS notifications
         FROM marketing_message`
      )
      const [{ n: notificationRows }] = await sql(
        `SELECT count(*) AS n FROM notification WHERE resource_type = 'marketing_message' AND status = 'success'`
      )
      expect(Number(counts.sent)).toEqual(MESSAGES)
      expect(Number(counts.other)).toEqual(0)
      expect(Number(notificationRows)).toEqual(MESSAGES)

      // The same work with the Notification Module replaced by a stand-in that
      // stores nothing and answers at once: what the plugin's own part costs.
      await queueMessages("-b")
      const standIn = container.createScope()
      let sequence = 0
      standIn.register(
        Modules.NOTIFICATION,
        asValue({
          createNotifications: async (list: { idempotency_key: string }[]) =>
            list.map((n) => ({ id: `noti_standin_${++sequence}`, idempotency_key: n.idempotency_key, status: "success" })),
          listNotifications: async () => [],
        })
      )
      const pluginOnly = await drain(standIn)
      const [{ n: standInSent }] = await sql(
        `SELECT count(*) AS n FROM marketing_message WHERE idempotency_key LIKE 'bench-b:%' AND status = 'sent'`
      )
      expect(Number(standInSent)).toEqual(MESSAGES)

      // The same outbox drained by several Medusa processes at once, as a
      // server and a worker instance would: this process's dispatchers and
      // `medusa exec src/scripts/dispatch.ts` in the others. A Node process
      // runs on one core, so the others use what the first leaves idle.
      let processes: { per_second: number; sent_in_window: number } | null = null
      if (PROCESSES > 1) {
        await marketing.saveSettings({ ...(await marketing.getSettings()), send_rate_per_second: 10_000 })
        await queueMessages("-c")
        const sentC = async () =>
          Number((await sql(`SELECT count(*) AS n FROM marketing_message WHERE idempotency_key LIKE 'bench-c:%' AND status = 'sent'`))[0].n)
        fs.mkdirSync(path.join(ROOT, ".cache"), { recursive: true })
        const log = fs.openSync(path.join(ROOT, ".cache", "bench-dispatch-child.log"), "w")
        const children: ChildProcess[] = Array.from({ length: PROCESSES - 1 }, () =>
          spawn(
            path.join(ROOT, "node_modules", ".bin", "medusa"),
            ["exec", "./src/scripts/dispatch.ts", `now=${NOON.toISOString()}`, `limit=${BATCH}`, `concurrency=${GROUP}`],
            {
              cwd: ROOT,
              env: { ...process.env, DATABASE_URL: dbConfig.clientUrl, NODE_OPTIONS: "", LOG_LEVEL: "error" },
              stdio: ["ignore", log, log],
            }
          )
        )
        const exited = children.map((child) => new Promise((resolve) => child.once("exit", resolve)))
        // The window opens once the others have booted and are sending.
        for (const deadline = Date.now() + 180_000; (await sentC()) === 0; ) {
          if (Date.now() > deadline) {
            throw new Error("the other dispatcher processes sent nothing within 3 minutes; see .cache/bench-dispatch-child.log")
          }
          await new Promise((resolve) => setTimeout(resolve, 50))
        }
        const [{ at: opened }] = await sql(`SELECT clock_timestamp() AS at`)
        await drain(container)
        await Promise.all(exited)
        const [window] = await sql(
          `SELECT count(*) FILTER (WHERE sent_at >= ?) AS n, extract(epoch FROM max(sent_at) - ?::timestamptz) AS seconds,
                  count(*) FILTER (WHERE status <> 'sent') AS other,
                  count(DISTINCT notification_id) AS notifications
           FROM marketing_message WHERE idempotency_key LIKE 'bench-c:%'`,
          [opened, opened]
        )
        expect(Number(window.other)).toEqual(0)
        expect(Number(window.notifications)).toEqual(MESSAGES)
        processes = { per_second: Number(window.n) / Number(window.seconds), sent_in_window: Number(window.n) }
      }

      const measured = MESSAGES - warm
      const sorted = [...batchMs].sort((a, b) => a - b)
      const result = {
        date: new Date().toISOString(),
        messages: MESSAGES,
        measured,
        batch: BATCH,
        group: GROUP,
        dispatchers: DISPATCHERS,
        seed_s: seedMs / 1000,
        elapsed_s: elapsedMs / 1000,
        per_second: measured / (elapsedMs / 1000),
        plugin_only_per_second: MESSAGES / (pluginOnly.elapsedMs / 1000),
        processes: PROCESSES,
        processes_per_second: processes?.per_second ?? null,
        processes_sent_in_window: processes?.sent_in_window ?? null,
        batch_ms: { p50: quantile(sorted, 0.5), p95: quantile(sorted, 0.95), max: sorted[sorted.length - 1] ?? 0 },
        peak_rss_mb: peakRss / 1024 / 1024,
        exactly_once: Number(counts.notifications) === MESSAGES && Number(notificationRows) === MESSAGES,
        postgres: (await sql(`SELECT version()`))[0].version,
      }
      fs.mkdirSync(path.dirname(OUT), { recursive: true })
      fs.writeFileSync(OUT, JSON.stringify(result, null, 2))
    })
  },
})
