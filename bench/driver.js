/**
 * What every `npm run bench:*` script does around its own tables: run one
 * `bench/<name>.bench.ts` through Jest (bench/jest.config.js, so Medusa's
 * integration test runner can boot the app from TypeScript sources) with
 * BENCH_OUT naming the results file, or read saved results given with
 * `--render FILE.json`; then put the rendered block between the
 * `bench:<name>` markers of BENCHMARKS.md.
 */
const fs = require("node:fs")
const path = require("node:path")
const { spawnSync } = require("node:child_process")

const ROOT = path.resolve(__dirname, "..")
const DOC = path.join(ROOT, "BENCHMARKS.md")

/** Results saved by an earlier run, when the script was given `--render FILE.json`; else null. */
function savedResults() {
  const at = process.argv.indexOf("--render")
  return at === -1 ? null : JSON.parse(fs.readFileSync(path.resolve(process.argv[at + 1]), "utf8"))
}

/**
 * Runs `bench/<name>.bench.ts` and returns its results, with the run's wall
 * time as `wall_s`; exits the process when the run fails.
 */
function runBench(name, { needsDatabase = true } = {}) {
  if (needsDatabase && !process.env.DB_HOST) {
    console.error(
      `DB_HOST is not set. Run \`npm run bench:${name}\` (scripts/with-db.js provides a Postgres)\n` +
        "or set DB_HOST=localhost DB_PORT=5432 DB_USERNAME=postgres DB_PASSWORD= yourself."
    )
    process.exit(2)
  }
  const stamp = new Date().toISOString().replace(/[:.]/g, "-")
  const out = path.join(__dirname, "results", `${name}-${stamp}.json`)
  fs.mkdirSync(path.dirname(out), { recursive: true })
  const started = Date.now()
  const child = spawnSync(
    path.join(ROOT, "node_modules", ".bin", "jest"),
    ["--config", path.join(__dirname, "jest.config.js"), "--runInBand", "--forceExit", `bench/${name}.bench.ts`],
    {
      cwd: ROOT,
      stdio: "inherit",
      env: {
        ...process.env,
        BENCH_OUT: out,
        MEDUSA_DISABLE_TELEMETRY: "true",
        // Medusa logs every event it hands out and every email the local provider sends at info level.
        LOG_LEVEL: process.env.LOG_LEVEL || "error",
        // The runner boots the app, which loads ES modules with import().
        NODE_OPTIONS: [process.env.NODE_OPTIONS, "--experimental-vm-modules"].filter(Boolean).join(" "),
      },
    }
  )
  const wallS = Math.round((Date.now() - started) / 1000)
  if (child.status !== 0 || !fs.existsSync(out)) {
    console.error(`bench:${name} failed (jest exit ${child.status}) after ${wallS} s`)
    process.exit(child.status || 1)
  }
  const results = JSON.parse(fs.readFileSync(out, "utf8"))
  results.wall_s = wallS
  fs.writeFileSync(out, JSON.stringify(results, null, 2))
  console.log(`raw results: ${path.relative(ROOT, out)}`)
  return results
}

/**
 * Replaces the `bench:<name>` block of BENCHMARKS.md with `block`; a
 * benchmark published for the first time gets its own section, headed
 * `heading` and introduced by `intro` (its goals).
 */
function publish(name, block, { heading, intro }) {
  const start = `<!-- bench:${name}:start -->`
  const end = `<!-- bench:${name}:end -->`
  const section = `${start}\n${block}\n${end}`
  const doc = fs.existsSync(DOC) ? fs.readFileSync(DOC, "utf8") : "# Benchmarks\n"
  const from = doc.indexOf(start)
  const to = doc.indexOf(end)
  const next =
    from !== -1 && to > from
      ? `${doc.slice(0, from)}${section}${doc.slice(to + end.length)}`
      : `${doc.trimEnd()}\n\n## ${heading}\n\n${intro}\n\n${section}\n`
  fs.writeFileSync(DOC, next)
  console.log(`\n${section}\n\nWritten to ${path.relative(ROOT, DOC)}`)
}

/** A number as the tables show it: en-US grouping, `digits` decimals, "–" when missing. */
const n = (value, digits = 0) =>
  value === null || value === undefined
    ? "–"
    : Number(value).toLocaleString("en-US", { minimumFractionDigits: digits, maximumFractionDigits: digits })

module.exports = { savedResults, runBench, publish, n }
