#!/usr/bin/env node
/**
 * `npm run bench:render`: render cost per message with the compile cache
 * against compiling MJML per message (bench/render.bench.ts), written into
 * BENCHMARKS.md between the `bench:render` markers (bench/driver.js).
 * `node bench/render.js --render FILE.json` only re-renders saved results.
 */
const os = require("node:os")
const { savedResults, runBench, publish } = require("./driver")

const r = savedResults() ?? runBench("render", { needsDatabase: false })
const ms = (v) => v.toFixed(3)
const row = (label, m) => `| ${label} | ${m.n} | ${ms(m.p50)} | ${ms(m.p95)} | ${ms(m.p99)} |`
// Results saved before the liquidjs-only row was measured have no such row.
const interpreted = (m) => (m.liquidjs_only ? `${row("the same through liquidjs's own evaluation, compile cache", m.liquidjs_only)}\n` : "")
const table = (label, m) => `${row(`${label}, compile cache: Liquid compiled to closures, text part included`, m.with_cache)}
${interpreted(m)}${row("the same with MJML compiled for every message", m.without_cache)}
| **ratio (p50), compile cache against MJML per message** | | **${m.ratio_p50.toFixed(0)}×** | | |`
const block = `Measured ${r.date.slice(0, 16).replace("T", " ")} UTC with \`npm run bench:render\` on ${os.cpus().length} × ${os.cpus()[0].model.trim()}, Node ${process.version}.

| per message | runs | p50 ms | p95 ms | p99 ms |
| --- | ---: | ---: | ---: | ---: |
${table("cart reminder (3 items)", r)}
${r.starter ? table("the shipped abandoned-cart starter (layout, 2 items, discount, 3 recommendations)", r.starter) : ""}`
publish("render", block, {
  heading: "Rendering",
  intro: "Goal: at least 100× faster with the compile cache, at most 0.2 ms p50 per message.",
})
