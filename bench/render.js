#!/usr/bin/env node
/**
 * `npm run bench:render`: render cost per message with the compile cache
 * against compiling MJML per message (bench/render.bench.ts), written into
 * BENCHMARKS.md between the `bench:render` markers.
 */
const fs = require("node:fs")
const os = require("node:os")
const path = require("node:path")
const { spawnSync } = require("node:child_process")

const ROOT = path.resolve(__dirname, "..")
const DOC = path.join(ROOT, "BENCHMARKS.md")
const START = "<!-- bench:render:start -->"
const END = "<!-- bench:render:end -->"

const out = path.join(__dirname, "results", `render-${Date.now()}.json`)
fs.mkdirSync(path.dirname(out), { recursive: true })
const run = spawnSync(
  path.join(ROOT, "node_modules", ".bin", "jest"),
  ["--config", path.join(__dirname, "jest.config.js"), "--runInBand", "bench/render.bench.ts"],
  { cwd: ROOT, stdio: "inherit", env: { ...process.env, BENCH_OUT: out } }
)
if (run.status !== 0 || !fs.existsSync(out)) {
  process.exit(run.status || 1)
}
const r = JSON.parse(fs.readFileSync(out, "utf8"))
const ms = (v) => v.toFixed(3)
const block = `${START}
Measured ${r.date.slice(0, 16).replace("T", " ")} UTC with \`npm run bench:render\` on ${os.cpus().length} × ${os.cpus()[0].model.trim()}, Node ${process.version}.

| per message (cart reminder, 3 items) | runs | p50 ms | p95 ms | p99 ms |
| --- | ---: | ---: | ---: | ---: |
| compile cache: Liquid render of compiled HTML, text part included | ${r.with_cache.n} | ${ms(r.with_cache.p50)} | ${ms(r.with_cache.p95)} | ${ms(r.with_cache.p99)} |
| MJML compiled for every message | ${r.without_cache.n} | ${ms(r.without_cache.p50)} | ${ms(r.without_cache.p95)} | ${ms(r.without_cache.p99)} |
| **ratio (p50)** | | **${r.ratio_p50.toFixed(0)}×** | | |
${r.starter ? `| the shipped abandoned-cart starter (layout, 2 items, discount, 3 recommendations), compile cache | ${r.starter.with_cache.n} | ${ms(r.starter.with_cache.p50)} | ${ms(r.starter.with_cache.p95)} | ${ms(r.starter.with_cache.p99)} |
| the same, MJML compiled for every message | ${r.starter.without_cache.n} | ${ms(r.starter.without_cache.p50)} | ${ms(r.starter.without_cache.p95)} | ${ms(r.starter.without_cache.p99)} |
| **ratio (p50)** | | **${r.starter.ratio_p50.toFixed(0)}×** | | |` : ""}
${END}`
let doc = fs.existsSync(DOC) ? fs.readFileSync(DOC, "utf8") : "# Benchmarks\n"
if (doc.includes(START)) {
  doc = doc.replace(new RegExp(`${START}[\\s\\S]*?${END}`), block)
} else {
  doc += `\n## Rendering\n\nGoal: at least 100× faster with the compile cache, at most 0.2 ms p50 per message.\n\n${block}\n`
}
fs.writeFileSync(DOC, doc)
console.log(block)
