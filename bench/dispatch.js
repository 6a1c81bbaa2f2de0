#!/usr/bin/env node
/**
 * `npm run bench:dispatch`: drains 100,000 queued messages through the real
 * dispatcher and Notification Module (bench/dispatch.bench.ts), then writes
 * the results into BENCHMARKS.md between the `bench:dispatch` markers
 * (bench/driver.js).
 * Env: BENCH_MESSAGES, BENCH_BATCH, BENCH_GROUP, BENCH_DISPATCHERS, BENCH_PROCESSES.
 * `node bench/dispatch.js --render FILE.json` only re-renders saved results.
 */
const os = require("node:os")
const { savedResults, runBench, publish, n } = require("./driver")

const r = savedResults() ?? runBench("dispatch")
const block = `Measured ${r.date.slice(0, 16).replace("T", " ")} UTC with \`npm run bench:dispatch\` on ${os.cpus().length} × ${os.cpus()[0].model.trim()}, Node ${process.version}, ${r.postgres.split(" on ")[0]} on the same machine.

| | value |
| --- | ---: |
| messages queued (abandoned-cart starter, 3 items, tracked links) | ${n(r.messages)} |
| dispatchers side by side, messages claimed per batch, sends per Notification Module call | ${r.dispatchers}, ${r.batch}, ${r.group} |
| **messages per second, end to end** | **${n(r.per_second)}** |
| the same with the Notification Module replaced by a stand-in that stores nothing | ${n(r.plugin_only_per_second)} |${r.processes_per_second ? `
| the same outbox drained by ${r.processes} Medusa processes at once (as a server and a worker instance), Notification Module included | ${n(r.processes_per_second)} |` : ""}
| time to drain the outbox | ${n(r.elapsed_s, 1)} s |
| batch p50 / p95 / max | ${n(r.batch_ms.p50)} / ${n(r.batch_ms.p95)} / ${n(r.batch_ms.max)} ms |
| peak memory (the whole Medusa process, RSS) | ${n(r.peak_rss_mb)} MB |
| every message sent once (outbox rows and notifications) | ${r.exactly_once ? "yes" : "NO"} |`
publish("dispatch", block, {
  heading: "Dispatch",
  intro: "Goal: at least 2,000 messages per second end to end on this 2-core machine, database writes included. Each message is claimed, checked against the guardrails, rendered (Liquid over the cached compiled MJML, links rewritten for tracking, open pixel), handed to the Notification Module (which stores a notification row and calls the provider), and settled in the outbox.",
})
