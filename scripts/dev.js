#!/usr/bin/env node
/**
 * `npm run dev [-- <medusa develop options>]`: a ready-to-click development
 * store in one command. Starts (or reuses) a database, migrates, seeds demo
 * data and an admin user the first time, prints how to log in, then runs
 * `medusa develop`.
 * Every step is skipped when already done, so later runs boot quickly and
 * keep whatever you changed in the admin.
 */
const http = require("node:http")
const path = require("node:path")
const { Client } = require("pg")
const { ensurePostgres } = require("./lib/postgres")
const { run, exit } = require("./lib/lifecycle")

const ROOT = path.resolve(__dirname, "..")
// The local binary, not `npx medusa`: one process less between us and the
// server (signals), and no chance of npx asking the registry.
const MEDUSA = path.join(ROOT, "node_modules", ".bin", "medusa")
const ADMIN_EMAIL = "admin@example.com"
const ADMIN_PASSWORD = "supersecret"
const SEED_REGION = "Europe" // the seed's marker, see src/scripts/seed-demo.ts

async function main() {
  // Jest, Medusa and the relative paths below all expect the repo root.
  process.chdir(ROOT)
  const { env: dbEnv } = await ensurePostgres({ purpose: "dev" })
  const env = { ...dbEnv, MEDUSA_DISABLE_TELEMETRY: "true" }
  const databaseUrl = env.DATABASE_URL

  await createDatabaseIfMissing(databaseUrl)
  await step("Migrating", [MEDUSA, "db:migrate"], env)

  if (await isSeeded(databaseUrl)) {
    console.log("Demo data already present, not seeding.")
  } else {
    await step("Seeding demo data", [MEDUSA, "exec", "./src/scripts/seed-demo.ts"], env)
  }

  if (await adminExists(databaseUrl)) {
    console.log(`Admin user ${ADMIN_EMAIL} already exists.`)
  } else {
    const code = await run(MEDUSA, ["user", "-e", ADMIN_EMAIL, "-p", ADMIN_PASSWORD], { env })
    // A race with another tool creating it is harmless: the login works.
    if (code !== 0) console.warn(`Creating ${ADMIN_EMAIL} failed (exit ${code}); continuing.`)
  }

  const publishableKey = await findPublishableKey(databaseUrl)
  const port = Number(portArgument(process.argv.slice(2)) || process.env.PORT || 9000)
  // Print the summary once the server answers, so it is not buried under the
  // boot log.
  waitForHealth(port).then((ok) => {
    if (ok) printSummary({ port, databaseUrl, publishableKey })
  })

  // Own process group: `medusa develop` forks the real server, and both must
  // get our SIGTERM (see lib/lifecycle.js).
  // Extra arguments go to `medusa develop`, e.g. `npm run dev -- --no-lint`.
  const code = await run(MEDUSA, ["develop", ...process.argv.slice(2)], { env, detached: true })
  await exit(code)
}

async function step(title, [cmd, ...args], env) {
  console.log(`\n== ${title}`)
  const code = await run(cmd, args, { env })
  if (code !== 0) {
    console.error(`${title} failed (exit ${code}).`)
    await exit(code)
  }
}

/** Runs `fn` with a connected client; `database` overrides the URL's. */
async function withClient(databaseUrl, fn, database) {
  const url = new URL(databaseUrl)
  if (database) url.pathname = `/${database}`
  const client = new Client({ connectionString: url.toString() })
  await client.connect()
  try {
    return await fn(client)
  } finally {
    await client.end()
  }
}

async function createDatabaseIfMissing(databaseUrl) {
  const name = decodeURIComponent(new URL(databaseUrl).pathname.slice(1))
  try {
    // Connect to the maintenance database: the target may not exist yet.
    await withClient(
      databaseUrl,
      async (client) => {
        const { rowCount } = await client.query("SELECT 1 FROM pg_database WHERE datname = $1", [
          name,
        ])
        if (rowCount) return
        await client.query(`CREATE DATABASE ${client.escapeIdentifier(name)}`)
        console.log(`Created database ${name}`)
      },
      "postgres"
    )
  } catch (err) {
    // A hosted database may forbid both; if it exists, migrating still works,
    // and if not, the migration's error is the clearer one.
    console.warn(`Could not check or create database ${name}: ${err.message}`)
  }
}

/** Best-effort lookups: a missing table just means "not done yet". */
async function queryOrNull(databaseUrl, sql, params) {
  try {
    return await withClient(databaseUrl, (client) => client.query(sql, params))
  } catch {
    return null
  }
}

async function isSeeded(databaseUrl) {
  const result = await queryOrNull(
    databaseUrl,
    "SELECT 1 FROM region WHERE name = $1 AND deleted_at IS NULL",
    [SEED_REGION]
  )
  return Boolean(result?.rowCount)
}

async function adminExists(databaseUrl) {
  const result = await queryOrNull(
    databaseUrl,
    `SELECT 1 FROM "user" WHERE email = $1 AND deleted_at IS NULL`,
    [ADMIN_EMAIL]
  )
  return Boolean(result?.rowCount)
}

async function findPublishableKey(databaseUrl) {
  // The oldest active key is the one Medusa creates and the seed links to
  // the sales channel that sells the demo products.
  const result = await queryOrNull(
    databaseUrl,
    `SELECT token FROM api_key
     WHERE type = 'publishable' AND revoked_at IS NULL AND deleted_at IS NULL
     ORDER BY created_at LIMIT 1`
  )
  return result?.rows[0]?.token ?? null
}

/** `-p 9001`, `--port 9001` or `--port=9001`, as `medusa develop` accepts. */
function portArgument(args) {
  for (const [i, arg] of args.entries()) {
    if (arg === "-p" || arg === "--port") return args[i + 1]
    if (arg.startsWith("--port=")) return arg.slice("--port=".length)
  }
  return null
}

function waitForHealth(port, timeoutMs = 180_000) {
  const deadline = Date.now() + timeoutMs
  return new Promise((resolve) => {
    const attempt = () => {
      // agent: false, no keep-alive: an idle socket of ours would hold up the
      // server's graceful shutdown later.
      const options = { host: "localhost", port, path: "/health", timeout: 2000, agent: false }
      const req = http.get(options, (res) => {
        res.resume()
        if (res.statusCode === 200) return resolve(true)
        retry()
      })
      req.on("error", retry)
      req.on("timeout", () => req.destroy())
    }
    const retry = () => {
      if (Date.now() > deadline) return resolve(false)
      setTimeout(attempt, 1000).unref()
    }
    attempt()
  })
}

/** Keeps a real password off the screen; the embedded one is no secret. */
function redact(databaseUrl) {
  const url = new URL(databaseUrl)
  if (url.password && url.password !== "postgres") url.password = "****"
  return url.toString()
}

function printSummary({ port, databaseUrl, publishableKey }) {
  const lines = [
    `Admin:           http://localhost:${port}/app`,
    `Login:           ${ADMIN_EMAIL} / ${ADMIN_PASSWORD}`,
    `Store API:       http://localhost:${port}/store`,
    `Publishable key: ${publishableKey ?? "(none found)"}`,
    `Database:        ${redact(databaseUrl)}`,
    "Stop with Ctrl-C.",
  ]
  const width = Math.max(...lines.map((l) => l.length))
  const rule = "=".repeat(width + 4)
  console.log(`\n${rule}\n${lines.map((l) => `  ${l}`).join("\n")}\n${rule}\n`)
}

main().catch(async (err) => {
  console.error(err.message || err)
  await exit(1)
})
