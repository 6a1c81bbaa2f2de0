/**
 * Scoring and segmentation benchmark (run it with `npm run bench:segments`,
 * which starts this file through bench/segments.js and bench/jest.config.js).
 *
 * Boots the real app with the plugin (Medusa's integration test runner, so a
 * fresh database with every migration, dropped at the end), fills the
 * Marketing module's tables with a synthetic store (bench/segments-store.ts:
 * by default 1,000,000 contacts, 5,000,000 orders, 20,000,000 timeline
 * events, 3,000,000 sent messages with their opens and clicks), adds four
 * lead-score rules and twenty segments (bench/segments-rules.ts), then
 * measures:
 *
 *  1. the full refresh: every contact's scores (`scoreAllContacts`, the
 *     scoring half of `refreshScores`), then every segment
 *     (`refreshSegmentsWorkflow`), first on the fresh store (every score and
 *     membership written) and then as the hourly job finds it an hour later,
 *     plus `refreshScores` end to end at that point; each segment's refresh
 *     on its own with the plan of its matching query (EXPLAIN ANALYZE);
 *  2. the live count preview of a segment being drafted (`previewSegment`);
 *  3. one contact re-evaluated after an event: the re-check an event's
 *     workflow ends with (rescore, then that contact's segments), for random
 *     contacts, beside the same re-check run as a workflow of its own;
 *  4. the size of the module's tables per 1,000 contacts.
 *
 * Sizes: BENCH_CONTACTS (1000000), BENCH_ORDERS (5 per contact), BENCH_EVENTS
 * (20 per contact), BENCH_MESSAGES (3 per contact), BENCH_PRODUCTS (2000),
 * BENCH_SINGLE (200 contacts for part 3), BENCH_PREVIEW_RUNS (5 per rule).
 * Results go to the JSON file named by BENCH_OUT, which bench/segments.js
 * renders into BENCHMARKS.md. BENCH_HOLD_FILE keeps the store afterwards
 * while that file exists.
 */
import fs from "node:fs"
import inspector from "node:inspector"
import path from "node:path"
import { performance } from "node:perf_hooks"
import { medusaIntegrationTestRunner } from "@medusajs/test-utils"
import { MedusaContainer } from "@medusajs/framework/types"
import { ContainerRegistrationKeys, Modules } from "@medusajs/framework/utils"
import { createStep, createWorkflow, StepResponse, transform, WorkflowResponse } from "@medusajs/framework/workflows-sdk"
import { MARKETING_MODULE } from "../src/modules/marketing"
import MarketingModuleService from "../src/modules/marketing/service"
import { dependencyLevels, dependencyOrder, parseSegmentRule, Rule } from "../src/lib/segments"
import { compileSegmentRule } from "../src/workflows/segments/compile"
import { refreshContacts } from "../src/workflows/segments/steps/refresh-contacts-step"
import {
  refreshScores,
  refreshAllSegments,
  refreshSegmentsAfterScoring,
  scoreAllContacts,
  SCORES_JOB_KEY,
} from "../src/workflows/scores"
import { SCORING_LOOKBACK_DAYS } from "../src/lib/scoring"
import { refreshChangedContacts, refreshContactsWorkflow } from "../src/workflows/segments"
import { generateStore, sizesFromEnv } from "./segments-store"
import { BENCH_LEAD_RULES, BENCH_PREVIEWS, BENCH_SEGMENTS } from "./segments-rules"
import { seededRandom as prng } from "../src/lib/scoring/__tests__/simulate"
import { loadAverage, loadDuring, machineFacts } from "./machine"
import { JIT_OFF_SQL, previewMatchSql, WHOLE_SCAN_SETTINGS_SQL } from "../src/modules/marketing/repositories/population-sql"

const SIZES = sizesFromEnv()
const SINGLE = Number(process.env.BENCH_SINGLE || 200)
const SINGLE_WARMUP = 20
const PREVIEW_RUNS = Number(process.env.BENCH_PREVIEW_RUNS || 5)
const PARTS = ["one-contact", "hourly", "settings"].includes(process.env.BENCH_PARTS ?? "") ? process.env.BENCH_PARTS : "all"
const ONE_CONTACT_ONLY = PARTS === "one-contact"
const HOURLY_ONLY = PARTS === "hourly"
const SETTINGS_ONLY = PARTS === "settings"
/**
 * BENCH_PARTS=settings: the drafted previews' matching statement under each of
 * these Postgres settings, side by side (each rule under every setting in
 * turn, BENCH_PREVIEW_RUNS times), to show what a setting buys.
 */
const PREVIEW_SETTINGS: { name: string; sql: string[] }[] = [
  { name: "Postgres defaults (JIT on)", sql: [] },
  { name: "JIT off", sql: [JIT_OFF_SQL] },
  { name: "JIT off, work_mem 32MB", sql: [JIT_OFF_SQL, "SET LOCAL work_mem = '32MB'"] },
  { name: "JIT off, work_mem 32MB, parallel costs 0 (the plugin)", sql: [JIT_OFF_SQL, WHOLE_SCAN_SETTINGS_SQL] },
]
const HOURS = Number(process.env.BENCH_HOURS || 3)
const CPU_PROFILE = process.env.BENCH_CPU_PROFILE
const OUT = process.env.BENCH_OUT || path.join(__dirname, "results", "segments-latest.json")
const HOUR_MS = 3_600_000

type Stats = { n: number; p50: number; p95: number; max: number }

function stats(samples: number[]): Stats {
  const sorted = [...samples].sort((a, b) => a - b)
  const at = (p: number) => sorted[Math.max(0, Math.ceil(p * sorted.length) - 1)]
  const round = (x: number) => Math.round(x * 100) / 100
  return { n: sorted.length, p50: round(at(0.5)), p95: round(at(0.95)), max: round(sorted[sorted.length - 1]) }
}

const seconds = (ms: number) => Math.round(ms) / 1000

const log = (message: string) => process.stdout.write(`[bench:segments] ${message}\n`)

/**
 * Takes the plugin's subscribers off the local event bus. A first refresh
 * enters every matching contact into every segment and emits one
 * `marketing.segment_entered` per membership, hundreds of thousands at this
 * size, and what flows do with them is not what this bench measures: with
 * the subscribers attached, that burst would run beside the measurements
 * and compete with them for the database.
 */
function detachPluginSubscribers(container: MedusaContainer): number {
  const emitter = (container.resolve(Modules.EVENT_BUS) as any).eventEmitter_
  let detached = 0
  for (const event of emitter?.eventNames() ?? []) {
    for (const listener of emitter.listeners(event)) {
      if (String(listener.subscriberId ?? "").startsWith("marketing-")) {
        emitter.off(event, listener)
        detached++
      }
    }
  }
  return detached
}

/** Takes the plugin's scheduled jobs off the scheduler so only the bench refreshes anything. */
function pauseScheduledJobs(): string[] {
  const scheduler = (global as any).WorkflowScheduler
  const scheduled: Map<string, unknown> | undefined = scheduler?.storage?.scheduled
  const paused = [...(scheduled?.keys() ?? [])].filter((name) => String(name).startsWith("job-marketing-"))
  for (const name of paused) {
    scheduler.storage.remove(name)
  }
  return paused
}

/** A workflow of one step that does nothing: the fixed cost of running any workflow in Medusa. */
const benchEmptyStep = createStep("bench-empty", async (input: { n: number }) => new StepResponse(input.n))
const benchEmptyWorkflow = createWorkflow("bench-empty", (input: { n: number }) => new WorkflowResponse(benchEmptyStep(input)))

/**
 * An event's workflow as the plugin's capture workflows end: its own step
 * (here one that does nothing), then the contacts it changed re-checked in
 * the same run.
 */
const benchEventWorkflow = createWorkflow("bench-event", (input: { n: number; contact_ids: string[] }) => {
  benchEmptyStep(input)
  refreshChangedContacts(transform({ input }, ({ input }): (string | null)[] => input.contact_ids))
  return new WorkflowResponse(input.n)
})

/**
 * With BENCH_HOLD_FILE set, keeps the store after the run while that file
 * exists, so its plans can be explored from psql; the database's name is logged.
 */
async function holdStore(sql: (text: string) => Promise<any[]>) {
  const file = process.env.BENCH_HOLD_FILE
  if (!file) {
    return
  }
  fs.writeFileSync(file, "")
  const [{ name }] = await sql("SELECT current_database() AS name")
  log(`holding database ${name} while ${file} exists`)
  while (fs.existsSync(file)) {
    await new Promise((resolve) => setTimeout(resolve, 2_000))
  }
}

/** Runs `work` under the V8 CPU profiler when BENCH_CPU_PROFILE names a file prefix, and saves the profile to `file`. */
async function profiled<T>(file: string, work: () => Promise<T>): Promise<T> {
  if (!CPU_PROFILE) {
    return work()
  }
  const session = new inspector.Session()
  session.connect()
  const post = (method: string) =>
    new Promise<any>((resolve, reject) => session.post(method, (error, result) => (error ? reject(error) : resolve(result))))
  await post("Profiler.enable")
  await post("Profiler.start")
  try {
    return await work()
  } finally {
    const { profile } = await post("Profiler.stop")
    fs.writeFileSync(file, JSON.stringify(profile))
    session.disconnect()
  }
}

jest.setTimeout(6 * 60 * 60 * 1000)

medusaIntegrationTestRunner({
  testSuite: ({ getContainer }) => {
    it(`scores and segments ${SIZES.contacts} contacts`, async () => {
      const container: MedusaContainer = getContainer()
      const pg = container.resolve(ContainerRegistrationKeys.PG_CONNECTION)
      const sql = async (text: string, bindings: any[] = []) => (await pg.raw(text, bindings)).rows as any[]
      // A plan as the plugin runs the statement: with the JIT compiler off (repositories/population-sql.ts).
      const explain = async (text: string, bindings: any[]) =>
        await pg.transaction(async (trx: any) => {
          await trx.raw(JIT_OFF_SQL)
          return ((await trx.raw(`EXPLAIN (ANALYZE, BUFFERS) ${text}`, bindings)).rows as any[]).map((row) => row["QUERY PLAN"] as string)
        })
      const marketing: MarketingModuleService = container.resolve(MARKETING_MODULE)
      const results: Record<string, any> = {}
      const paused = pauseScheduledJobs()
      const detached = detachPluginSubscribers(container)

      results.meta = {
        date: new Date().toISOString(),
        sizes: SIZES,
        ...(await machineFacts(sql, [
          "shared_buffers",
          "work_mem",
          "fsync",
          "synchronous_commit",
          "max_wal_size",
          "effective_cache_size",
        ])),
        jobs_paused: paused,
        parts: PARTS,
        subscribers_detached: detached,
        loadavg_at_start: loadAverage(),
      }

      // ------------------------------------------------------------ the store
      const storeNow = new Date()
      let started = performance.now()
      const connection = await pg.client.acquireConnection()
      try {
        results.store = await generateStore(connection, SIZES, storeNow)
      } finally {
        await pg.client.releaseConnection(connection)
      }
      results.store.total_s = seconds(performance.now() - started)
      results.store.load = loadDuring(started)
      log(`store generated in ${results.store.total_s} s: ${JSON.stringify(results.store.rows)}`)

      await marketing.createLeadScoreRules(BENCH_LEAD_RULES.map((rule) => ({ ...rule, property: rule.property ?? null })) as any)
      const segmentIds = new Map<string, string>()
      const resolveReferences = (rules: unknown): unknown =>
        JSON.parse(JSON.stringify(rules), (key, value) =>
          key === "segment_id" && typeof value === "string" && value.startsWith("@") ? segmentIds.get(value.slice(1)) : value
        )
      for (const definition of BENCH_SEGMENTS) {
        const parsed = parseSegmentRule(resolveReferences(definition.rules))
        if (!parsed.ok) {
          throw new Error(`${definition.name}: ${parsed.error.path} ${parsed.error.message}`)
        }
        const segment = await marketing.createSegments({ name: definition.name, rules: parsed.rule as any })
        segmentIds.set(definition.name, segment.id)
      }
      const segments = dependencyOrder(
        (await marketing.listSegments({}, { select: ["id", "name", "rules"] })) as unknown as { id: string; name: string; rules: Rule }[]
      )

      // --------------------------------------------------- 1. full refreshes
      // The first refresh builds every segment (as the nightly rebuild does);
      // the hourly job refreshes the segments that read scores.
      const fullRefresh = async (label: string, now: Date, segmentsToRefresh: "all" | "reading scores") => {
        const part: Record<string, any> = { now: now.toISOString() }
        let t = performance.now()
        const scored = await scoreAllContacts(container, { now })
        part.scores_s = seconds(performance.now() - t)
        part.recounted = scored.recounted
        // Stored as refreshScores stores it, so the next hour keeps its prediction fit.
        await marketing.saveJobState({ key: SCORES_JOB_KEY, status: "completed", cursor: { model: scored.model } })
        part.model = scored.model.prediction.model
        part.model_reason = scored.model.prediction.reason
        part.scored = scored.contacts
        part.written = scored.written
        const [before] = await sql(
          `SELECT count(*) FILTER (WHERE exited_at IS NULL) AS active, count(exited_at) AS exited FROM marketing_segment_membership`
        )
        t = performance.now()
        if (segmentsToRefresh === "all") {
          await refreshAllSegments(container)
          part.segments_refreshed = segments.length
        } else {
          // As `refreshScores` does after the hourly pass: the segments reading a score that changed.
          part.changed_fields = [...scored.changed_fields].sort()
          part.segments_refreshed = (await refreshSegmentsAfterScoring(container, scored.changed_fields)).length
        }
        part.segments_s = seconds(performance.now() - t)
        const [after] = await sql(
          `SELECT count(*) FILTER (WHERE exited_at IS NULL) AS active, count(exited_at) AS exited FROM marketing_segment_membership`
        )
        part.memberships_exited = Number(after.exited) - Number(before.exited)
        part.memberships_entered = Number(after.active) - Number(before.active) + part.memberships_exited
        part.total_s = Math.round((part.scores_s + part.segments_s) * 1000) / 1000
        part.load = loadDuring(t)
        log(`${label}: scores ${part.scores_s} s (${part.model}), ${part.scored} read, events counted for ${part.recounted}, ${part.written} written, ` +
          `${part.segments_refreshed} segments ${part.segments_s} s` +
          (part.changed_fields ? ` (reading ${part.changed_fields.join(", ") || "no changed score"}), ` : ", ") +
          `+${part.memberships_entered} / -${part.memberships_exited} memberships`)
        return part
      }
      results.first_refresh = await fullRefresh("first refresh", storeNow, "all")
      // BENCH_PARTS=hourly runs only the hourly job, BENCH_HOURS times an hour apart, under the CPU profiler with BENCH_CPU_PROFILE.
      if (HOURLY_ONLY) {
        results.hours = []
        for (let hour = 1; hour <= HOURS; hour++) {
          const now = new Date(storeNow.getTime() + hour * HOUR_MS)
          results.hours.push(
            await profiled(`${CPU_PROFILE}-${hour}.cpuprofile`, () => fullRefresh(`hour ${hour}`, now, "reading scores"))
          )
        }
        fs.mkdirSync(path.dirname(OUT), { recursive: true })
        fs.writeFileSync(OUT, JSON.stringify(results, null, 2))
        return
      }
      if (SETTINGS_ONLY) {
        const under = (settings: string[], text: string, bindings: unknown[]) =>
          pg.transaction(async (trx: any) => {
            for (const setting of settings) {
              await trx.raw(setting)
            }
            return (await trx.raw(text, bindings)).rows
          })
        const bySetting = new Map<string, Map<string, number[]>>(PREVIEW_SETTINGS.map((s) => [s.name, new Map()]))
        for (let run = 0; run < PREVIEW_RUNS; run++) {
          for (const draft of BENCH_PREVIEWS) {
            const match = compileSegmentRule((parseSegmentRule(draft.rules) as { rule: Rule }).rule, new Date(), { wholePopulation: true })
            for (const setting of PREVIEW_SETTINGS) {
              const t = performance.now()
              await under(setting.sql, previewMatchSql(match.sql), [...match.bindings, 10])
              const samples = bySetting.get(setting.name)!
              samples.set(draft.name, [...(samples.get(draft.name) ?? []), performance.now() - t])
            }
          }
        }
        results.settings = Object.fromEntries(
          [...bySetting].map(([name, byDraft]) => [
            name,
            {
              all: stats([...byDraft.values()].flat()),
              by_draft: Object.fromEntries([...byDraft].map(([draft, samples]) => [draft, stats(samples).p50])),
            },
          ])
        )
        log(`settings: ${JSON.stringify(results.settings)}`)
        fs.mkdirSync(path.dirname(OUT), { recursive: true })
        fs.writeFileSync(OUT, JSON.stringify(results, null, 2))
        return
      }
      // BENCH_PARTS=one-contact stops after the first refresh and measures only the one-contact path.
      if (!ONE_CONTACT_ONLY) {
        results.hourly_refresh = await fullRefresh("hourly refresh", new Date(storeNow.getTime() + HOUR_MS), "reading scores")

        started = performance.now()
        const rebuilt = await scoreAllContacts(container, { now: new Date(storeNow.getTime() + 1.5 * HOUR_MS), fromEvents: true })
        await marketing.saveJobState({ key: SCORES_JOB_KEY, status: "completed", cursor: { model: rebuilt.model } })
        results.nightly_scores = {
          total_s: seconds(performance.now() - started),
          recounted: rebuilt.recounted,
          written: rebuilt.written,
          load: loadDuring(started),
        }
        log(`every contact's events counted again (the nightly job): ${results.nightly_scores.total_s} s, ${rebuilt.written} written`)

        started = performance.now()
        await refreshAllSegments(container)
        results.nightly_segments = { total_s: seconds(performance.now() - started), load: loadDuring(started) }
        log(`every segment rebuilt (the nightly job): ${results.nightly_segments.total_s} s`)

        started = performance.now()
        const endToEnd = await refreshScores(container, { now: new Date(storeNow.getTime() + 2 * HOUR_MS) })
        results.refresh_scores = {
          total_s: seconds(performance.now() - started),
          contacts: endToEnd.contacts,
          model: endToEnd.model,
          load: loadDuring(started),
        }
        log(`refreshScores end to end (two hours later): ${results.refresh_scores.total_s} s`)

        // Each segment alone, as the refresh runs it, and the plan of its matching query.
        results.per_segment = []
        for (const segment of segments) {
          const now = new Date()
          const match = compileSegmentRule(segment.rules, now, { wholePopulation: true })
          const t = performance.now()
          await marketing.refreshSegmentMembership(segment.id, match, { now })
          const refreshMs = performance.now() - t
          const lines = await explain(
            `SELECT count(*) FROM marketing_contact c WHERE c.deleted_at IS NULL AND c.erased_at IS NULL AND (${match.sql})`,
            match.bindings
          )
          const [{ member_count }] = await sql(`SELECT member_count FROM marketing_segment WHERE id = ?`, [segment.id])
          results.per_segment.push({
            name: segment.name,
            members: Number(member_count),
            refresh_ms: Math.round(refreshMs),
            match_ms: Number(/Execution Time: ([\d.]+)/.exec(lines.join("\n"))?.[1] ?? NaN),
            plan: lines,
          })
        }
        log(`per segment: ${results.per_segment.map((s: any) => `${s.name} ${s.refresh_ms} ms`).join("; ")}`)

        // Every segment rebuilt one at a time (the statement per segment that
        // whole-population rebuilds ran before) and a dependency level at a
        // time (as they run now), alternating, in the same state as above.
        const levels = dependencyLevels(segments)
        const oneAtATimeMs: number[] = []
        const atOnceMs: number[] = []
        for (let round = 0; round < 3; round++) {
          const arms: [number[], () => Promise<unknown>][] = [
            [
              oneAtATimeMs,
              async () => {
                const now = new Date()
                for (const segment of segments) {
                  await marketing.refreshSegmentMembership(segment.id, compileSegmentRule(segment.rules, now, { wholePopulation: true }), { now })
                }
              },
            ],
            [
              atOnceMs,
              async () => {
                const now = new Date()
                for (const level of levels) {
                  await marketing.rebuildSegmentsMembership(
                    level.map((segment) => ({ segment_id: segment.id, ...compileSegmentRule(segment.rules, now, { wholePopulation: true }) })),
                    { now }
                  )
                }
              },
            ],
          ]
          for (const [samples, arm] of round % 2 ? arms.reverse() : arms) {
            const t = performance.now()
            await arm()
            samples.push(performance.now() - t)
          }
        }
        results.segments_at_once = {
          levels: levels.map((level) => level.length),
          one_at_a_time: stats(oneAtATimeMs),
          at_once: stats(atOnceMs),
        }
        log(`all segments: one at a time ${JSON.stringify(results.segments_at_once.one_at_a_time)}, at once ${JSON.stringify(results.segments_at_once.at_once)}`)

        // ------------------------------------------------------------ 2. preview
        const previewMs: number[] = []
        const byDraft = new Map<string, number[]>()
        started = performance.now()
        for (let run = 0; run < PREVIEW_RUNS; run++) {
          for (const draft of BENCH_PREVIEWS) {
            const parsed = parseSegmentRule(draft.rules)
            if (!parsed.ok) {
              throw new Error(`${draft.name}: ${parsed.error.message}`)
            }
            const t = performance.now()
            await marketing.previewSegment(compileSegmentRule(parsed.rule, new Date(), { wholePopulation: true }), 10)
            previewMs.push(performance.now() - t)
            byDraft.set(draft.name, [...(byDraft.get(draft.name) ?? []), previewMs[previewMs.length - 1]])
          }
        }
        const existingMs: number[] = []
        for (const segment of segments) {
          const t = performance.now()
          await marketing.previewSegment(compileSegmentRule(segment.rules, new Date(), { wholePopulation: true }), 10)
          existingMs.push(performance.now() - t)
        }
        // The plan of each drafted rule's count, once.
        const draftPlans: Record<string, string[]> = {}
        for (const draft of BENCH_PREVIEWS) {
          const parsed = parseSegmentRule(draft.rules)
          const match = compileSegmentRule((parsed as { rule: Rule }).rule, new Date(), { wholePopulation: true })
          draftPlans[draft.name] = await explain(
            `SELECT count(*) FROM marketing_contact c WHERE c.deleted_at IS NULL AND c.erased_at IS NULL AND (${match.sql})`,
            match.bindings
          )
        }
        results.preview = {
          draft_plans: draftPlans,
          draft_rules: BENCH_PREVIEWS.length,
          runs: PREVIEW_RUNS,
          drafts: stats(previewMs),
          by_draft: Object.fromEntries([...byDraft].map(([name, samples]) => [name, stats(samples)])),
          existing_rules: stats(existingMs),
          load: loadDuring(started),
        }
        log(`preview: ${JSON.stringify(results.preview)}`)
      }

      // ------------------------------------------------------- 3. one contact
      const rand = prng(7)
      const pick = () => `mkt_con_bench${String(1 + Math.floor(rand() * SIZES.contacts)).padStart(8, "0")}`
      // The re-check as an event's workflow runs it, and beside it on other
      // contacts in the same iteration (so whatever else the database is doing
      // weighs on all of them alike): the same re-check as a workflow of its
      // own after the event (the `marketing.contacts_changed` path), its work
      // outside a workflow, that work's one read, and what any workflow run
      // costs in Medusa.
      const recheckMs: number[] = []
      const eventMs: number[] = []
      const ownWorkflowMs: number[] = []
      const workMs: number[] = []
      const readMs: number[] = []
      const emptyMs: number[] = []
      const timed = async (samples: number[], measured: boolean, run: () => Promise<unknown>) => {
        const t = performance.now()
        await run()
        if (measured) {
          samples.push(performance.now() - t)
        }
      }
      started = performance.now()
      await profiled(`${CPU_PROFILE}-one-contact.cpuprofile`, async () => {
        for (let i = 0; i < SINGLE_WARMUP + SINGLE; i++) {
          const measured = i >= SINGLE_WARMUP
          // From the re-check's first step to the end of the run, which also
          // announces who entered and left.
          let recheckStarted = 0
          await timed(eventMs, measured, () =>
            benchEventWorkflow(container).run({
              input: { n: i, contact_ids: [pick()] },
              events: {
                onStepBegin: ({ step }) => {
                  if (step.definition.action === "refresh-changed-contacts") {
                    recheckStarted = performance.now()
                  }
                },
              },
            })
          )
          if (measured) {
            recheckMs.push(performance.now() - recheckStarted)
          }
          await timed(ownWorkflowMs, measured, () =>
            refreshContactsWorkflow(container).run({ input: { contact_ids: [pick()] } })
          )
          await timed(workMs, measured, () => refreshContacts(marketing, { contact_ids: [pick()] }))
          await timed(readMs, measured, () =>
            marketing.readContactRefresh([pick()], {
              modelKey: SCORES_JOB_KEY,
              activitySince: new Date(Date.now() - SCORING_LOOKBACK_DAYS * 86_400_000),
            })
          )
          await timed(emptyMs, measured, () => benchEmptyWorkflow(container).run({ input: { n: i } }))
        }
      })
      results.single = {
        recheck: stats(recheckMs),
        event_workflow: stats(eventMs),
        own_workflow: stats(ownWorkflowMs),
        read: stats(readMs),
        work: stats(workMs),
        empty_workflow: stats(emptyMs),
        load: loadDuring(started),
      }
      log(`one contact: ${JSON.stringify(results.single)}`)

      // --------------------------------------------------------- 4. disk size
      const tables = await sql(
        `SELECT c.relname AS name, pg_total_relation_size(c.oid) AS bytes
         FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
         WHERE n.nspname = current_schema() AND c.relkind = 'r' AND c.relname LIKE 'marketing\\_%'
         ORDER BY 2 DESC`
      )
      const total = tables.reduce((sum: number, t: any) => sum + Number(t.bytes), 0)
      results.size = {
        total_bytes: total,
        per_1000_contacts_bytes: Math.round((total / SIZES.contacts) * 1000),
        tables: Object.fromEntries(tables.map((t: any) => [t.name, Number(t.bytes)])),
      }
      log(`size: ${(total / 1024 ** 3).toFixed(2)} GB, ${(results.size.per_1000_contacts_bytes / 1024 ** 2).toFixed(2)} MB per 1,000 contacts`)

      results.meta.loadavg_at_end = loadAverage()
      fs.mkdirSync(path.dirname(OUT), { recursive: true })
      fs.writeFileSync(OUT, JSON.stringify(results, null, 2))
      log(`results written to ${OUT}`)
      await holdStore(sql)
    })
  },
})
