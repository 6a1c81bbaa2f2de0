#!/usr/bin/env node
/**
 * `npm run bench:dispatch`: drains 100,000 queued messages through the real
 * dispatcher and Notification Module (bench/dispatch.bench.ts), then writes
 * the results into BENCHMARKS.md between the `bench:dispatch` markers.
 * Env: BENCH_MESSAGES, BENCH_BATCH, BENCH_GROUP, BENCH_DISPATCHERS.
 */
const fs = require("node:fs")
const os = require("node:os")
const path = require("node:path")
const { spawnSync } = require("node:child_process")

const ROOT = path.resolve(__dirname, "..")
const DOC = path.join(ROOT, "BENCHMARKS.md")
const START = "<!-- bench:dispatch:start -->"
const END = "<!-- bench:dispatch:end -->"

const out = path.join(__dirname, "results", `dispatch-${Date.now()}.json`)
fs.mkdirSync(path.dirname(out), { recursive: true })
const run = spawnSync(
  path.join(ROOT, "node_modules", ".bin", "jest"),
  ["--config", path.join(__dirname, "jest.config.js"), "--runInBand", "--forceExit", "bench/dispatch.bench.ts"],
  {
    cwd: ROOT,
    stdio: "inherit",
    // The local provider logs each email at info level; that logging is not the dispatcher's cost.
    env: { ...process.env, BENCH_OUT: out, NODE_OPTIONS: "--experimental-vm-modules", LOG_LEVEL: "error" },
  }
)
if (run.status !== 0 || !fs.existsSync(out)) {
  process.exit(run.status || 1)
}
const r = JSON.parse(fs.readFileSync(out, "utf8"))
const n = (v, d = 0) => v.toLocaleString("en-US", { maximumFractionDigits: d, minimumFractionDigits: d })
const block = `${START}
Measured ${r.date.slice(0, 16).replace("T", " ")} UTC with \`npm run bench:dispatch\` on ${os.cpus().length} × ${os.cpus()[0].model.trim()}, Node ${process.version}, ${r.postgres.split(" on ")[0]} on the same machine.

| | value |
| --- | ---: |
| messages queued (abandoned-cart starter, 3 items, tracked links) | ${n(r.messages)} |
| dispatchers side by side, messages claimed per batch, sends per Notification Module call | ${r.dispatchers}, ${r.batch}, ${r.group} |
| **messages per second, end to end** | **${n(r.per_second)}** |
| the same with the Notification Module replaced by a stand-in that stores nothing | ${n(r.plugin_only_per_second)} |
| time to drain the outbox | ${n(r.elapsed_s, 1)} s |
| batch p50 / p95 / max | ${n(r.batch_ms.p50)} / ${n(r.batch_ms.p95)} / ${n(r.batch_ms.max)} ms |
| peak memory (the whole Medusa process, RSS) | ${n(r.peak_rss_mb)} MB |
| every message sent once (outbox rows and notifications) | ${r.exactly_once ? "yes" : "NO"} |
${END}`
let doc = fs.existsSync(DOC) ? fs.readFileSync(DOC, "utf8") : "# Benchmarks\n"
if (doc.includes(START)) {
  doc = doc.replace(new RegExp(`${START}[\\s\\S]*?${END}`), block)
} else {
  doc += `\n## Dispatch\n\nGoal: at least 2,000 messages per second end to end on this 2-core machine, database writes included. Each message is claimed, checked against the guardrails, rendered (Liquid over the cached compiled MJML, links rewritten for tracking, open pixel), handed to the Notification Module (which stores a notification row and calls the provider), and settled in the outbox.\n\n${block}\n`
}
fs.writeFileSync(DOC, doc)
console.log(block)
