#!/usr/bin/env node
/**
 * `npm test [-- <suite>...]`: runs the Jest suites (unit, modules, http,
 * browser) one after another against one Postgres (see lib/postgres.js) and
 * ends with the line `N passed, N failed`, which CI and humans can grep.
 */
const fs = require("node:fs")
const path = require("node:path")
const { ensurePostgres } = require("./lib/postgres")
const { run, exit } = require("./lib/lifecycle")

const ROOT = path.resolve(__dirname, "..")
const SUITES = ["unit", "modules", "http", "browser"]
const CHROMIUM = "/usr/bin/chromium"

async function main() {
  // Jest, Medusa and the relative paths below all expect the repo root.
  process.chdir(ROOT)
  const requested = process.argv.slice(2)
  const unknown = requested.filter((s) => !SUITES.includes(s))
  if (unknown.length) {
    console.error(`Unknown suite(s): ${unknown.join(", ")}. Known: ${SUITES.join(", ")}`)
    return exit(2)
  }
  const suites = requested.length ? requested : SUITES

  const { env: dbEnv } = await ensurePostgres({ purpose: "test" })
  const env = {
    ...dbEnv,
    MEDUSA_DISABLE_TELEMETRY: "true",
    // Each http file boots Medusa and logs every migration; keep test output readable.
    LOG_LEVEL: process.env.LOG_LEVEL || "error",
    // As in Medusa's app starter: the http runner boots the app, which loads
    // ES modules with import(); Jest's VM only allows that with this flag.
    NODE_OPTIONS: [process.env.NODE_OPTIONS, "--experimental-vm-modules"]
      .filter(Boolean)
      .join(" "),
  }

  fs.mkdirSync(path.join(ROOT, ".cache"), { recursive: true })
  const jest = path.join(ROOT, "node_modules", ".bin", "jest")
  let passed = 0
  let failed = 0
  const problems = []

  for (const suite of suites) {
    if (suite === "browser" && !fs.existsSync(CHROMIUM)) {
      console.log(`\n== browser: skipped (no ${CHROMIUM}; playwright-core drives the system Chromium)`)
      continue
    }
    console.log(`\n== ${suite}`)
    const outputFile = path.join(".cache", `jest-${suite}.json`)
    // A stale file from an earlier run must not be counted if Jest crashes.
    fs.rmSync(path.join(ROOT, outputFile), { force: true })

    // With --outputFile the JSON goes to the file and the usual reporter
    // still writes to the terminal.
    const code = await run(
      jest,
      [...schedule(suite), "--forceExit", "--passWithNoTests", "--json", "--outputFile", outputFile],
      { env: { ...env, TEST_TYPE: suite } }
    )

    const result = readJson(path.join(ROOT, outputFile))
    if (!result) {
      problems.push(`${suite}: jest exited with ${code} and wrote no results`)
      continue
    }
    // A file that cannot run at all (syntax error, bad import) has no failed
    // *tests*; count it as one so the total cannot read "0 failed" then.
    const brokenFiles = result.testResults.filter(
      (file) =>
        file.status === "failed" &&
        !file.assertionResults.some((test) => test.status === "failed")
    ).length
    passed += result.numPassedTests
    failed += result.numFailedTests + brokenFiles
    if (code !== 0 && result.numFailedTests + brokenFiles === 0) {
      problems.push(`${suite}: jest exited with ${code}`)
    }
  }

  for (const problem of problems) console.error(problem)
  console.log(`${passed} passed, ${failed} failed`)
  await exit(failed > 0 || problems.length > 0 ? 1 : 0)
}

/**
 * Unit tests run in Jest's own process. Every file of the other suites boots
 * Medusa, whose modules keep memory Jest cannot free between files; in one
 * process two dozen files exhaust the heap. One worker, replaced once it
 * holds more than the limit after a file, keeps the files sequential (they
 * share one Postgres) and the memory bounded.
 */
function schedule(suite) {
  return suite === "unit" ? ["--runInBand"] : ["--maxWorkers=1", "--workerIdleMemoryLimit=1536MB"]
}

function readJson(file) {
  try {
    return JSON.parse(fs.readFileSync(file, "utf8"))
  } catch {
    return null
  }
}

main().catch((err) => {
  console.error(err.message || err)
  exit(1)
})
