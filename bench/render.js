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
const block = `Measured ${r.date.slice(0, 16).replace("T", " ")} UTC with \`npm run bench:render\` on ${os.cpus().length} × ${os.cpus()[0].model.trim()}, Node ${process.version}.

| per message (cart reminder, 3 items) | runs | p50 ms | p95 ms | p99 ms |
| --- | ---: | ---: | ---: | ---: |
| compile cache: Liquid render of compiled HTML, text part included | ${r.with_cache.n} | ${ms(r.with_cache.p50)} | ${ms(r.with_cache.p95)} | ${ms(r.with_cache.p99)} |
| MJML compiled for every message | ${r.without_cache.n} | ${ms(r.without_cache.p50)} | ${ms(r.without_cache.p95)} | ${ms(r.without_cache.p99)} |
| **ratio (p50)** | | **${r.ratio_p50.toFixed(0)}×** | | |
${r.starter ? `| the shipped abandoned-cart starter (layout, 2 items, discount, 3 recommendations), compile cache | ${r.starter.with_cache.n} | ${ms(r.starter.with_cache.p50)} | ${ms(r.starter.with_cache.p95)} | ${ms(r.starter.with_cache.p99)} |
| the same, MJML compiled for every message | ${r.starter.without_cache.n} | ${ms(r.starter.without_cache.p50)} | ${ms(r.starter.without_cache.p95)} | ${ms(r.starter.without_cache.p99)} |
| **ratio (p50)** | | **${r.starter.ratio_p50.toFixed(0)}×** | | |` : ""}`
publish("render", block, {
  heading: "Rendering",
  intro: "Goal: at least 100× faster with the compile cache, at most 0.2 ms p50 per message.",
})
