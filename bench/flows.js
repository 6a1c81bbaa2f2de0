#!/usr/bin/env node
/**
 * `npm run bench:flows`: contacts enter an event-triggered flow in a store of
 * BENCH_CONTACTS contacts, and the advance job takes them through it
 * (bench/flows.bench.ts), then the results replace the block between the
 * `bench:flows` markers in BENCHMARKS.md (bench/driver.js).
 * Env: BENCH_CONTACTS (100000), BENCH_ENTERING (all the contacts; the others are
 * written by SQL), BENCH_BUS_EVENTS (5% of those), BENCH_IN_FLIGHT (8), BENCH_SERIAL_PROBE (200),
 * BENCH_DIRECT_BATCH (200), BENCH_DIRECT_CONCURRENCY (2).
 * `node bench/flows.js --render FILE.json` only re-renders saved results.
 */
const { savedResults, runBench, publish, n } = require("./driver")

const row = (label, s) => `| ${label} | ${n(s.n)} | ${n(s.p50, 1)} | ${n(s.p95, 1)} | ${n(s.p99, 1)} | ${n(s.max, 1)} |`
const load = (l) => (l ? `load average (1 min) mean ${n(l.mean, 1)}, max ${n(l.max, 1)}` : "")

function render(r) {
  const m = r.meta
  const settings = Object.entries(m.postgres_settings || {})
    .map(([k, v]) => `${k}=${v}`)
    .join(", ")
  const bus = r.bus
  const job = (label, j) =>
    `| ${label} | ${n(j.runs)} | ${n(j.step_rows)} | ${n(j.effects)} | ${n(j.elapsed_s, 1)} | ${n(j.runs_per_s, 1)} | **${n(j.steps_per_s, 1)}** | ${n(j.effects_per_s, 1)} | ${n(j.call_ms.p50)} | ${n(j.load1.mean, 1)} |`
  const direct = (label, d) =>
    d
      ? `| ${label} | ${n(d.contacts)} | ${n(d.wall_s, 1)} | ${n(d.runs_per_s, 1)} | ${n(d.call_ms.p50)} / ${n(d.call_ms.p95)} | ${n(d.load1.mean, 1)} |`
      : ""
  const jit = (plan) => {
    const match = plan.match(/Timing:.*Total ([\d.]+) ms/)
    return match ? ` (${match[1]} ms of it compiling the query with JIT)` : ""
  }
  // What each plan reads and how long it took, in one line.
  const planSummary = (plan) => {
    const scans = [
      ...new Set(
        plan
          .split("\n")
          .map((line) => line.match(/(Seq Scan|Parallel Seq Scan|Index Scan|Index Only Scan|Bitmap Heap Scan)(?: using "?([^" ]+)"?)? on (\w+)/))
          .filter(Boolean)
          .map(([, kind, index, table]) => `${kind.toLowerCase()} of ${table}${index ? ` (${index})` : ""}`)
      ),
    ]
    const removed = plan.match(/Rows Removed by Filter: (\d+)/)
    const time = plan.match(/Execution Time: ([\d.]+) ms/)
    return `${scans.join(", ")}${removed ? `, ${n(removed[1])} rows read and dropped` : ""}; ${time ? time[1] : "?"} ms`
  }
  const hours = (seconds) => seconds / 3600
  // Direct entries and the bus sample together, over their wall time.
  const entryParts = [r.direct.first_half, r.direct.second_half].filter(Boolean)
  const entryRate =
    (entryParts.reduce((sum, d) => sum + d.contacts, 0) + bus.events) /
    (entryParts.reduce((sum, d) => sum + d.wall_s, 0) + bus.wall_s)
  const entryWall = entryParts.reduce((sum, d) => sum + d.wall_s, 0) + bus.wall_s
  const jobWall = r.job.one_worker.elapsed_s + r.job.two_workers.elapsed_s
  const tables = `${n(r.after_entry.tables.runs)} runs, ${n(r.after_entry.tables.messages)} messages, ${n(r.after_entry.tables.step_rows)} step-log rows after the entry`
  const entrySummary = () =>
    m.entering >= m.contacts
      ? `Every one of the ${n(m.contacts)} contacts entered during the bench (${n(bus.events)} through the bus, the others through \`dispatchFlowEvent\`): ${tables}. **Entering all of them took ${n(entryWall / 60, 1)} min, and the job took them through the flow in ${n(jobWall / 60, 1)} min** (half with one worker, half with two).`
      : `${n(m.contacts)} contacts in the store; ${n(m.entering)} entered during the bench, the other ${n(m.contacts - m.entering)} three days earlier (written by SQL: runs, sent emails, step-log rows), so the tables were those of a store where all of them entered: ${tables}. At the rates above, **${n(m.contacts)} contacts entering would take ${n(hours(m.contacts / entryRate), 1)} h, and the job ${n(hours(m.contacts / r.job.one_worker.runs_per_s), 1)} h with one worker** (${n(hours(m.contacts / r.job.two_workers.runs_per_s), 1)} h with two).`
  return `Measured ${m.date.slice(0, 16).replace("T", " ")} UTC with \`npm run bench:flows\` (BENCH_CONTACTS=${m.contacts}, BENCH_ENTERING=${m.entering}, whole run ${n(m.wall_s / 60, 1)} min) on ${m.nproc} × ${m.cpu}, ${m.memory_gb} GB RAM, Node ${m.node}, ${m.postgres.split(" on ")[0]} on the same machine (${settings}). Load average (1/5/15 min) ${m.loadavg_at_start.join(" / ")} at the start, ${m.loadavg_at_end.join(" / ")} at the end.

**Entry through Medusa's event bus** (\`bench.signal\` emitted for ${n(bus.events)} contacts, ${bus.in_flight} in flight, handled by the plugin's wildcard subscriber; the tables already held ${n(bus.tables_before.runs)} runs, ${n(bus.tables_before.messages)} messages and ${n(bus.tables_before.step_rows)} step-log rows; ms)

| from the emit to | n | p50 | p95 | p99 | max |
| --- | ---: | ---: | ---: | ---: | ---: |
${row(`**the run row created**, ${bus.in_flight} in flight`, bus.to_run_created_ms)}
${row(`the subscriber done (welcome email queued, run waiting), ${bus.in_flight} in flight`, bus.to_subscriber_done_ms)}
${row("the run row created, one event at a time", bus.serial.to_run_created_ms)}
${row("the subscriber done, one event at a time", bus.serial.to_subscriber_done_ms)}

${n(bus.events_per_s, 1)} events per second with ${bus.in_flight} in flight (${n(bus.serial.events_per_s, 1)} one at a time); ${load(bus.load1)}. **Goal p95 ≤ 2 s from the event to the run: ${bus.goal_met ? "met" : "NOT met"}** (p95 ${n(bus.to_run_created_ms.p95)} ms).

**Entry of the other contacts through \`dispatchFlowEvent\`** (${r.direct.batch} contacts per call, ${r.direct.concurrency} calls at once; each run is created and advanced to its wait, welcome email queued)

| contacts | n | s | runs/s | call p50 / p95 ms | load average |
| --- | ---: | ---: | ---: | ---: | ---: |
${[direct("first half", r.direct.first_half), direct("second half (tables fuller)", r.direct.second_half)].filter(Boolean).join("\n")}

${entrySummary()}

**The advance job** (clock 2 hours on; \`advanceFlowRuns\` called until nothing is due; each run takes the condition, then exits (30% with orders) or gets the second email and completes)

| workers | runs | steps (step-log rows) | effects (emails) | s | runs/s | steps/s | effects/s | ms per call (≤ 2,000 runs) | load average |
| --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: |
${job("1", r.job.one_worker)}
${job("2 side by side", r.job.two_workers)}

Every run ended as the graph says: ${n(r.job.one_worker.exited + r.job.two_workers.exited)} exited at the condition, ${n(r.job.one_worker.completed + r.job.two_workers.completed)} completed with ${n(r.job.one_worker.nudges + r.job.two_workers.nudges)} second emails, none failed.

Statements sent to Postgres: ${n(bus.serial.statements_per_event, 1)} per event entering a contact (${n(r.job.one_worker.statements_per_run, 1)} per run the job advances).

Query plans before the first job pass (EXPLAIN ANALYZE, tables full):

| query | plan |
| --- | --- |
| claiming 50 due runs (\`claimFlowRunsSql\`) | ${planSummary(r.plans.claim_due)} |
| the sent messages of 50 contacts (\`SEGMENT_MESSAGES_SQL\`, read for every event and every batch) | ${planSummary(r.plans.segment_messages)} |
| skipping an exiting run's queued messages (\`skipQueuedRunMessages\`) | ${planSummary(r.plans.skip_queued_run_messages)} |
| the store's best sellers (\`popularProducts(null, 12)\`, behind every email's recommendations; kept until the next order or for ten minutes) | ${planSummary(r.plans.popular_products)}${jit(r.plans.popular_products)} |`
}

publish("flows", render(savedResults() ?? runBench("flows")), {
  heading: "Flows",
  intro:
    "Goal: 100,000 contacts entering an active flow from events, with the time from the event to the run created at p95 ≤ 2 s, and the steps the advance job executes per second.",
})
