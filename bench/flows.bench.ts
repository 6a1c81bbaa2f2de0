/**
 * Flows benchmark (run it with `npm run bench:flows`, which starts this file
 * through bench/flows.js and bench/jest.config.js).
 *
 * Boots the real app with the plugin (Medusa's integration test runner, local
 * event bus, the scheduled jobs taken off so only the bench drives the engine),
 * inserts BENCH_CONTACTS subscribed contacts (30% with orders) and activates
 * one flow triggered by `bench.signal` (`contact_id` in the payload):
 *
 *   welcome: send_email → pause: wait 1 hour → check: orders_count > 0
 *     ├─ yes → done: exit
 *     └─ no  → nudge: send_email
 *
 * BENCH_ENTERING contacts (all of them by default) enter it during the bench;
 * any others went through it three days earlier, written by SQL (their runs,
 * sent emails and step-log rows), so the tables are as large as after every
 * contact entered. Then:
 *
 *  1. most entering contacts enter through `dispatchFlowEvent` directly,
 *     BENCH_DIRECT_BATCH per call, BENCH_DIRECT_CONCURRENCY calls at once:
 *     the first half at the real time, the second half stamped 6 hours later,
 *     so the halves fall due at different clock times. Each run is created
 *     and advanced to its wait (welcome email queued).
 *  2. BENCH_BUS_EVENTS of the first half (5% of the entering contacts)
 *     enter through Medusa's event bus: `bench.signal` is emitted,
 *     BENCH_IN_FLIGHT at a time, and the plugin's wildcard subscriber
 *     (src/subscribers/flow-events.ts) does the work as in the app. Measured
 *     per event: emit → run row inserted (seen as `insertFlowRuns` returns)
 *     and emit → subscriber finished. Then BENCH_SERIAL_PROBE events one at
 *     a time.
 *  3. the job: the clock set 2 hours after the first half's entries,
 *     `advanceFlowRuns(container, { now })` called until nothing is due, by one
 *     worker; then 2 hours after the second half's, by two workers side by side.
 *
 * Before the bus sample and each job pass the queued welcome emails are marked
 * sent, as the dispatcher would have done within a minute of each entry.
 *
 * Results go to the JSON file named by BENCH_OUT, which bench/flows.js renders
 * into BENCHMARKS.md.
 */
import fs from "node:fs"
import os from "node:os"
import path from "node:path"
import { performance } from "node:perf_hooks"
import { medusaIntegrationTestRunner } from "@medusajs/test-utils"
import { ContainerRegistrationKeys, Modules } from "@medusajs/framework/utils"
import { MARKETING_MODULE } from "../src/modules/marketing"
import MarketingModuleService from "../src/modules/marketing/service"
import { claimFlowRunsSql } from "../src/modules/marketing/repositories/flow-runs-sql"
import { SEGMENT_MESSAGES_SQL } from "../src/modules/marketing/repositories/segment-context-sql"
import {
  activateFlowWorkflow,
  advanceFlowRuns,
  createFlowWorkflow,
  dispatchFlowEvent,
} from "../src/workflows/flows"
import { createTemplateWorkflow } from "../src/workflows/templates"
import { loadAverage, loadDuring, machineFacts } from "./machine"

const CONTACTS = Number(process.env.BENCH_CONTACTS || 100_000)
/**
 * Contacts that enter the flow during the bench (all by default); any others
 * went through it earlier and are written by SQL (runs, sent emails, step
 * log), so every table has the size it has once all the contacts entered.
 */
const ENTERING = Math.min(CONTACTS, Number(process.env.BENCH_ENTERING || CONTACTS))
const HALF = Math.floor(ENTERING / 2)
const WARMUP = Math.min(50, Math.floor(ENTERING / 100))
const SERIAL_PROBE = Math.min(Number(process.env.BENCH_SERIAL_PROBE || 200), Math.floor(ENTERING / 50))
const BUS_EVENTS = Math.min(
  Number(process.env.BENCH_BUS_EVENTS || Math.floor(ENTERING / 20)),
  HALF - WARMUP - SERIAL_PROBE
)
const IN_FLIGHT = Number(process.env.BENCH_IN_FLIGHT || 8)
const DIRECT_BATCH = Number(process.env.BENCH_DIRECT_BATCH || 200)
const DIRECT_CONCURRENCY = Number(process.env.BENCH_DIRECT_CONCURRENCY || 2)
const OUT = process.env.BENCH_OUT || path.join(__dirname, "results", "flows-latest.json")

const EVENT = "bench.signal"
const HOUR = 3_600_000
const SUBSCRIBER_ID = "marketing-flow-events"
/** Contacts with `i % 10 < 3` have orders: they leave at the condition, the others get the second email. */
const ORDERED_SHARE = 0.3

const contactId = (i: number) => `mkt_con_bench${String(i).padStart(7, "0")}`
const range = (from: number, to: number) => Array.from({ length: Math.max(0, to - from + 1) }, (_, k) => from + k)
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms))
const log = (message: string) => process.stdout.write(`[bench] ${message}\n`)

type Stats = { n: number; mean: number; p50: number; p95: number; p99: number; max: number }

function stats(samples: number[]): Stats {
  const sorted = [...samples].sort((a, b) => a - b)
  const at = (p: number) => sorted[Math.max(0, Math.ceil(p * sorted.length) - 1)] ?? 0
  const round = (x: number) => Math.round(x * 10) / 10
  return {
    n: sorted.length,
    mean: round(sorted.reduce((s, x) => s + x, 0) / Math.max(1, sorted.length)),
    p50: round(at(0.5)),
    p95: round(at(0.95)),
    p99: round(at(0.99)),
    max: round(sorted[sorted.length - 1] ?? 0),
  }
}

/** Runs `fn` over `items`, `concurrency` at a time; returns each call's result and the wall time. */
async function pool<T, R>(items: T[], concurrency: number, fn: (item: T) => Promise<R>) {
  const results: R[] = new Array(items.length)
  let next = 0
  const started = performance.now()
  const worker = async () => {
    while (next < items.length) {
      const index = next++
      results[index] = await fn(items[index])
    }
  }
  await Promise.all(Array.from({ length: Math.min(concurrency, items.length) }, worker))
  return { results, wallMs: performance.now() - started }
}

function chunks<T>(items: T[], size: number): T[][] {
  const out: T[][] = []
  for (let i = 0; i < items.length; i += size) out.push(items.slice(i, i + size))
  return out
}

/** The load while a phase ran; a phase shorter than the first sample gets the load at its end. */
const loadOf = (start: number) => loadDuring(start) ?? { mean: os.loadavg()[0], max: os.loadavg()[0] }

jest.setTimeout(6 * 60 * 60 * 1000)

medusaIntegrationTestRunner({
  testSuite: ({ getContainer }) => {
    it(`${CONTACTS} contacts enter an event-triggered flow and the job advances them`, async () => {
      const container = getContainer()
      const pg = container.resolve(ContainerRegistrationKeys.PG_CONNECTION)
      const sql = async (text: string, bindings: any[] = []) => (await pg.raw(text, bindings)).rows as any[]
      const marketing: MarketingModuleService = container.resolve(MARKETING_MODULE)
      const results: Record<string, any> = {}
      // Statements sent to Postgres (the modules' ORM and Query share this connection): a count the machine's load does not blur.
      let statements = 0
      pg.on("query", () => statements++)

      // The app's own minute jobs (advance, dispatch, …) would act on the bench's rows on the real clock.
      const scheduler = (global as any).WorkflowScheduler
      const unscheduled: string[] = []
      for (const key of [...(scheduler?.storage?.scheduled?.keys() ?? [])]) {
        if (String(key).startsWith("job-marketing-")) {
          scheduler.storage.remove(key)
          unscheduled.push(String(key))
        }
      }

      // ------------------------------------------------------------ setup
      let t0 = performance.now()
      const mjml = (body: string) =>
        `<mjml><mj-body><mj-section><mj-column><mj-text>${body}</mj-text></mj-column></mj-section></mj-body></mjml>`
      const { result: template } = await createTemplateWorkflow(container).run({
        input: { name: "Bench flow email", content: { subject: "Hello {{ contact.first_name }}", mjml: mjml("Hello {{ contact.first_name }}") } },
      })
      await sql(
        `INSERT INTO marketing_contact (id, email, first_name, consent_status, consent_at, orders_count, last_seen_at)
         SELECT 'mkt_con_bench' || lpad(i::text, 7, '0'), 'contact-' || i || '@bench.test', 'Name' || i,
                'subscribed', now() - (i % 400) * interval '1 day',
                CASE WHEN i % 10 < 3 THEN 1 + i % 4 ELSE 0 END, now() - (i % 90) * interval '1 day'
         FROM generate_series(1, ?::int) AS i`,
        [CONTACTS]
      )
      await sql(`ANALYZE marketing_contact`)
      const { result: flow } = await createFlowWorkflow(container).run({
        input: {
          name: "Bench flow",
          definition: {
            trigger: {
              type: "event",
              event: EVENT,
              filter: { contact: { type: "field", field: "consent_status", operator: "eq", value: "subscribed" } },
            },
            reentry: "once",
            exit_on: [{ event: "order.placed" }],
            entry: "welcome",
            steps: {
              welcome: { type: "send_email", template_id: template.template.id, next: "pause" },
              pause: { type: "wait", duration: { amount: 1, unit: "hours" }, next: "check" },
              check: {
                type: "condition",
                rule: { type: "field", field: "orders_count", operator: "gt", value: 0 },
                yes: "done",
                no: "nudge",
              },
              done: { type: "exit" },
              nudge: { type: "send_email", template_id: template.template.id },
            },
          },
        },
      })
      await activateFlowWorkflow(container).run({ input: { id: flow.id } })
      const [{ active_version_id: flowVersionId }] = await marketing.listFlows({ id: flow.id }, { select: ["active_version_id"] })

      // The contacts past ENTERING went through the flow three days ago: welcome
      // email, the wait, the condition, then the exit (with orders) or the second email.
      await sql(
        `INSERT INTO marketing_flow_run
           (id, flow_id, flow_version_id, contact_id, entry_key, status, state, current_step, trigger_data,
            entered_at, finished_at, exit_reason)
         SELECT 'mkt_frn_benchpre' || lpad(i::text, 7, '0'), ?, ?, 'mkt_con_bench' || lpad(i::text, 7, '0'),
                'earlier_' || i, CASE WHEN i % 10 < 3 THEN 'exited' ELSE 'completed' END,
                jsonb_build_object('step', CASE WHEN i % 10 < 3 THEN 'done' END,
                                   'status', CASE WHEN i % 10 < 3 THEN 'exited' ELSE 'completed' END),
                CASE WHEN i % 10 < 3 THEN 'done' END,
                jsonb_build_object('contact_id', 'mkt_con_bench' || lpad(i::text, 7, '0'), 'id', 'earlier_' || i),
                now() - interval '3 days' + (i % 3600) * interval '1 second',
                now() - interval '3 days' + interval '1 hour' + (i % 3600) * interval '1 second',
                CASE WHEN i % 10 < 3 THEN 'exit_step: exit step "done"' ELSE 'end_of_flow: the flow has no further step' END
         FROM generate_series(?::int, ?::int) AS i`,
        [flow.id, flowVersionId, ENTERING + 1, CONTACTS]
      )
      await sql(
        `INSERT INTO marketing_message
           (id, contact_id, template_version_id, to_email, reason_type, reason_id, reason_step, status,
            send_after, sent_at, idempotency_key, data)
         SELECT 'mkt_msg_benchpre' || s.step || lpad(i::text, 7, '0'), 'mkt_con_bench' || lpad(i::text, 7, '0'), ?,
                'contact-' || i || '@bench.test', 'flow', ?, s.step, 'sent',
                now() - interval '3 days' + s.after + (i % 3600) * interval '1 second',
                now() - interval '3 days' + s.after + (i % 3600) * interval '1 second',
                'flow:mkt_frn_benchpre' || lpad(i::text, 7, '0') || ':' || s.step || ':1',
                '{"customer": null, "products": []}'::jsonb
         FROM generate_series(?::int, ?::int) AS i,
              (VALUES ('welcome', interval '0'), ('nudge', interval '1 hour')) AS s(step, after)
         WHERE s.step = 'welcome' OR i % 10 >= 3`,
        [template.version.id, flow.id, ENTERING + 1, CONTACTS]
      )
      await sql(
        `INSERT INTO marketing_flow_step_log (id, run_id, flow_id, step_id, step_type, key, outcome, occurred_at)
         SELECT 'mkt_fsl_benchpre' || s.step || lpad(i::text, 7, '0'), 'mkt_frn_benchpre' || lpad(i::text, 7, '0'), ?,
                s.step, s.type, 'mkt_frn_benchpre' || lpad(i::text, 7, '0') || ':' || s.step || ':1', s.outcome,
                now() - interval '3 days' + s.after + (i % 3600) * interval '1 second'
         FROM generate_series(?::int, ?::int) AS i,
              (VALUES ('welcome', 'send_email', 'executed', interval '0'), ('pause', 'wait', 'entered', interval '0'),
                      ('check', 'condition', 'entered', interval '1 hour'), ('done', 'exit', 'entered', interval '1 hour'),
                      ('nudge', 'send_email', 'executed', interval '1 hour')) AS s(step, type, outcome, after)
         WHERE s.step IN ('welcome', 'pause', 'check') OR (s.step = 'done') = (i % 10 < 3)`,
        [flow.id, ENTERING + 1, CONTACTS]
      )
      await sql(`ANALYZE marketing_flow_run; ANALYZE marketing_message; ANALYZE marketing_flow_step_log`)
      results.meta = {
        date: new Date().toISOString(),
        contacts: CONTACTS,
        entering: ENTERING,
        ordered_share: ORDERED_SHARE,
        ...(await machineFacts(sql, ["shared_buffers", "work_mem", "fsync", "synchronous_commit", "max_connections"])),
        unscheduled_jobs: unscheduled,
        loadavg_at_start: loadAverage(),
        setup_s: Math.round(performance.now() - t0) / 1000,
      }
      log(`setup: template, flow, ${CONTACTS} contacts, ${CONTACTS - ENTERING} earlier runs in ${results.meta.setup_s} s`)

      // When each run row was written: `insertFlowRuns` is the one statement that creates runs.
      const created = new Map<string, number>()
      const insertFlowRuns = marketing.insertFlowRuns.bind(marketing) as (...args: any[]) => Promise<string[]>
      ;(marketing as any).insertFlowRuns = async (rows: { id: string; contact_id: string }[], ...rest: any[]) => {
        const ids = await insertFlowRuns(rows, ...rest)
        const at = performance.now()
        const inserted = new Set(ids)
        for (const row of rows) if (inserted.has(row.id)) created.set(row.contact_id, at)
        return ids
      }

      // When the plugin's wildcard subscriber finished each event: its bus listener, wrapped.
      const eventBus = container.resolve(Modules.EVENT_BUS) as any
      const emitter = eventBus.eventEmitter_
      const listener = emitter?.listeners("*").find((l: any) => l.subscriberId === SUBSCRIBER_ID)
      if (!listener) {
        throw new Error(`the flow subscriber (${SUBSCRIBER_ID}) is not on the local event bus`)
      }
      const finished = new Map<string, (at: number) => void>()
      const timed = async (event: any) => {
        await listener(event)
        const id = event?.name === EVENT ? event.data?.contact_id : undefined
        if (id) finished.get(id)?.(performance.now())
      }
      ;(timed as any).subscriberId = SUBSCRIBER_ID
      emitter.off("*", listener)
      emitter.on("*", timed)

      const emit = async (i: number) => {
        const id = contactId(i)
        const done = new Promise<number>((resolve, reject) => {
          const timer = setTimeout(() => reject(new Error(`no flow subscriber answer for ${id} within 120 s`)), 120_000)
          finished.set(id, (at) => {
            clearTimeout(timer)
            resolve(at)
          })
        })
        const start = performance.now()
        await eventBus.emit({ name: EVENT, data: { contact_id: id, id: `sig_${i}` } })
        const end = await done
        finished.delete(id)
        const row = created.get(id)
        if (row === undefined) throw new Error(`the event for ${id} started no run`)
        return { created: row - start, done: end - start }
      }

      // Contacts 1..HALF enter at the real time and WARMUP + the bus sample +
      // the probe of them through the bus, last, when the tables are full;
      // HALF+1..ENTERING enter directly, stamped 6 hours later, so the two
      // halves fall due for the job at different clock times.
      const busFrom = HALF - SERIAL_PROBE - BUS_EVENTS + 1
      const busIndices = range(busFrom, HALF - SERIAL_PROBE)
      const probeIndices = range(HALF - SERIAL_PROBE + 1, HALF)
      const simulateDispatcher = () =>
        // The dispatcher sends each queued email within a minute of the entry.
        sql(
          `UPDATE marketing_message SET status = 'sent', sent_at = send_after, updated_at = now()
           WHERE reason_id = ? AND status = 'queued'`,
          [flow.id]
        )

      // ---------------------------------------- 1. entry, directly, at scale
      const direct = async (indices: number[], offsetMs: number) => {
        const started = performance.now()
        const calls = await pool(chunks(indices, DIRECT_BATCH), DIRECT_CONCURRENCY, async (batch) => {
          const t = performance.now()
          const outcome = await dispatchFlowEvent(
            container,
            { name: EVENT, data: {} },
            {
              now: new Date(Date.now() + offsetMs),
              subjects: batch.map((i) => ({ contact_id: contactId(i), entry_key: `sig_${i}`, data: { contact_id: contactId(i), id: `sig_${i}` } })),
            }
          )
          return { ms: performance.now() - t, entered: outcome.entered.length }
        })
        const entered = calls.results.reduce((sum, call) => sum + call.entered, 0)
        if (entered !== indices.length) {
          throw new Error(`direct entry: ${entered} runs for ${indices.length} contacts`)
        }
        return {
          contacts: indices.length,
          wall_s: calls.wallMs / 1000,
          runs_per_s: entered / (calls.wallMs / 1000),
          call_ms: stats(calls.results.map((c) => c.ms)),
          load1: loadOf(started),
        }
      }
      await pool(range(1, WARMUP), IN_FLIGHT, emit)
      const firstHalfRest = range(WARMUP + 1, busFrom - 1)
      const directA = firstHalfRest.length ? await direct(firstHalfRest, 0) : null
      log(`direct, first half: ${JSON.stringify(directA)}`)
      await simulateDispatcher()
      const directB = await direct(range(HALF + 1, ENTERING), 6 * HOUR)
      const secondHalfEnd = Date.now() + 6 * HOUR
      log(`direct, second half: ${JSON.stringify(directB)}`)
      results.direct = { batch: DIRECT_BATCH, concurrency: DIRECT_CONCURRENCY, first_half: directA, second_half: directB }

      // -------------------------------------- 2. entry through the event bus
      await simulateDispatcher()
      await sql(`ANALYZE marketing_flow_run; ANALYZE marketing_message; ANALYZE marketing_flow_step_log`)
      const [sizes] = await sql(
        `SELECT (SELECT count(*)::int FROM marketing_flow_run) AS runs,
                (SELECT count(*)::int FROM marketing_message) AS messages,
                (SELECT count(*)::int FROM marketing_flow_step_log) AS step_rows`
      )
      const start = performance.now()
      const bus = await pool(busIndices, IN_FLIGHT, emit)
      const probeStatements = statements
      const probe = await pool(probeIndices, 1, emit)
      const perEvent = (statements - probeStatements) / Math.max(1, probeIndices.length)
      const firstHalfEnd = Date.now()
      emitter.off("*", timed)
      emitter.on("*", listener)
      const createdStats = stats(bus.results.map((r) => r.created))
      results.bus = {
        warmup: WARMUP,
        tables_before: sizes,
        events: busIndices.length,
        in_flight: IN_FLIGHT,
        wall_s: bus.wallMs / 1000,
        events_per_s: busIndices.length / (bus.wallMs / 1000),
        to_run_created_ms: createdStats,
        to_subscriber_done_ms: stats(bus.results.map((r) => r.done)),
        serial: {
          statements_per_event: perEvent,
          events: probeIndices.length,
          events_per_s: probeIndices.length / (probe.wallMs / 1000),
          to_run_created_ms: stats(probe.results.map((r) => r.created)),
          to_subscriber_done_ms: stats(probe.results.map((r) => r.done)),
        },
        goal_p95_ms: 2000,
        goal_met: createdStats.p95 <= 2000,
        load1: loadOf(start),
      }
      log(`bus: ${JSON.stringify(results.bus)}`)

      const [entry] = await sql(
        `SELECT count(*)::int AS runs,
                count(*) FILTER (WHERE status = 'waiting' AND current_step = 'pause')::int AS waiting,
                (SELECT count(*)::int FROM marketing_message WHERE reason_id = ? AND reason_step = 'welcome'
                   AND id NOT LIKE 'mkt_msg_benchpre%') AS welcome,
                (SELECT count(*)::int FROM marketing_flow_step_log WHERE flow_id = ?
                   AND run_id NOT LIKE 'mkt_frn_benchpre%') AS step_rows
         FROM marketing_flow_run WHERE flow_id = ? AND id NOT LIKE 'mkt_frn_benchpre%'`,
        [flow.id, flow.id, flow.id]
      )
      const [tables] = await sql(
        `SELECT (SELECT count(*)::int FROM marketing_contact) AS contacts,
                (SELECT count(*)::int FROM marketing_flow_run) AS runs,
                (SELECT count(*)::int FROM marketing_message) AS messages,
                (SELECT count(*)::int FROM marketing_flow_step_log) AS step_rows`
      )
      results.after_entry = { ...entry, tables }
      log(`after entry: ${JSON.stringify(results.after_entry)}`)
      expect(entry).toEqual({ runs: ENTERING, waiting: ENTERING, welcome: ENTERING, step_rows: 2 * ENTERING })

      // --------------------------------------------------------- 3. the job
      const plans: Record<string, string> = {}
      const explain = async (name: string, text: string, bindings: any[]) => {
        // In a transaction rolled back afterwards: EXPLAIN ANALYZE of an UPDATE performs it.
        const trx = await pg.transaction()
        try {
          const rows = (await trx.raw(`EXPLAIN (ANALYZE, BUFFERS) ${text}`, bindings)).rows
          plans[name] = rows.map((row: any) => row["QUERY PLAN"]).join("\n")
        } finally {
          await trx.rollback()
        }
      }

      const job = async (label: string, workers: number, now: Date, indices: number[]) => {
        await simulateDispatcher()
        await sql(`ANALYZE marketing_flow_run; ANALYZE marketing_message; ANALYZE marketing_flow_step_log`)
        if (label === "one_worker") {
          await explain("claim_due", claimFlowRunsSql(false), ["bench", new Date(now.getTime() + 300_000), now, now, 50])
          const sample = indices.slice(0, 50).map(contactId)
          // knex passes a JS array as one array parameter; the module's own executor expands it.
          await explain("segment_messages", SEGMENT_MESSAGES_SQL.replace("ARRAY[?]::text[]", "?::text[]"), [sample, "sent"])
          await explain(
            "skip_queued_run_messages",
            `UPDATE marketing_message SET status = 'skipped', last_error = 'bench', updated_at = now()
             WHERE deleted_at IS NULL AND status = 'queued' AND idempotency_key LIKE ? || '%' RETURNING id`,
            ["flow:mkt_frn_none:"]
          )
          // What `popularProducts(null, 12)` sends: the store's best sellers behind every email's recommendations.
          await explain(
            "popular_products",
            `SELECT p.product_id, count(DISTINCT c.id) AS buyers
             FROM marketing_contact c
             CROSS JOIN LATERAL unnest(c.product_ids) AS p(product_id)
             WHERE c.deleted_at IS NULL
             GROUP BY p.product_id
             ORDER BY buyers DESC, p.product_id
             LIMIT ?`,
            [12]
          )
        }
        const [before] = await sql(
          `SELECT count(*)::int AS step_rows FROM marketing_flow_step_log WHERE flow_id = ?`,
          [flow.id]
        )
        const calls: { ms: number; runs: number }[] = []
        const statementsBefore = statements
        const total = { runs: 0, effects: 0, failed: 0 }
        const started = performance.now()
        await Promise.all(
          Array.from({ length: workers }, async () => {
            for (;;) {
              const t = performance.now()
              const result = await advanceFlowRuns(container, { now })
              calls.push({ ms: performance.now() - t, runs: result.runs })
              total.runs += result.runs
              total.effects += result.effects
              total.failed += result.failed
              if (result.runs === 0) return
            }
          })
        )
        const elapsedS = (performance.now() - started) / 1000
        const jobStatements = statements - statementsBefore
        const [after] = await sql(
          `SELECT count(*)::int AS step_rows,
                  (SELECT count(*)::int FROM marketing_flow_run WHERE flow_id = ? AND contact_id = ANY(?::text[])
                     AND status = 'exited' AND current_step = 'done') AS exited,
                  (SELECT count(*)::int FROM marketing_flow_run WHERE flow_id = ? AND contact_id = ANY(?::text[])
                     AND status = 'completed') AS completed,
                  (SELECT count(*)::int FROM marketing_message WHERE reason_id = ? AND reason_step = 'nudge'
                     AND contact_id = ANY(?::text[])) AS nudges
           FROM marketing_flow_step_log WHERE flow_id = ?`,
          [flow.id, indices.map(contactId), flow.id, indices.map(contactId), flow.id, indices.map(contactId), flow.id]
        )
        const ordered = indices.filter((i) => i % 10 < 3).length
        const outcome = {
          workers,
          runs: total.runs,
          effects: total.effects,
          failed: total.failed,
          step_rows: after.step_rows - before.step_rows,
          elapsed_s: elapsedS,
          runs_per_s: total.runs / elapsedS,
          steps_per_s: (after.step_rows - before.step_rows) / elapsedS,
          effects_per_s: total.effects / elapsedS,
          calls: calls.length,
          statements_per_run: jobStatements / Math.max(1, total.runs),
          call_ms: stats(calls.filter((c) => c.runs > 0).map((c) => c.ms)),
          exited: after.exited,
          completed: after.completed,
          nudges: after.nudges,
          load1: loadOf(started),
        }
        log(`job ${label}: ${JSON.stringify(outcome)}`)
        expect({ runs: outcome.runs, exited: outcome.exited, completed: outcome.completed, nudges: outcome.nudges }).toEqual({
          runs: indices.length,
          exited: ordered,
          completed: indices.length - ordered,
          nudges: indices.length - ordered,
        })
        return outcome
      }

      results.job = {
        one_worker: await job("one_worker", 1, new Date(firstHalfEnd + 2 * HOUR), range(1, HALF)),
        two_workers: await job("two_workers", 2, new Date(secondHalfEnd + 2 * HOUR), range(HALF + 1, ENTERING)),
      }
      results.plans = plans
      results.meta.loadavg_at_end = loadAverage()
      results.meta.wall_s = Math.round((performance.now() - t0) / 1000)

      fs.mkdirSync(path.dirname(OUT), { recursive: true })
      fs.writeFileSync(OUT, JSON.stringify(results, null, 2))
      log(`results written to ${OUT}`)
      delete (marketing as any).insertFlowRuns
      await sleep(0)
    })
  },
})
