#!/usr/bin/env node
/**
 * `node scripts/with-db.js <cmd...>`: runs a command against a test-purpose
 * Postgres (DB_HOST/DB_PORT/DB_USERNAME/DB_PASSWORD in its environment), the
 * same one `npm test` would use, and stops it afterwards. Used by benchmarks.
 */
const { ensurePostgres } = require("./lib/postgres")
const { run, exit } = require("./lib/lifecycle")

async function main() {
  const [cmd, ...args] = process.argv.slice(2)
  if (!cmd) {
    console.error("usage: node scripts/with-db.js <command> [args...]")
    return exit(2)
  }
  const { env } = await ensurePostgres({ purpose: "test" })
  const code = await run(cmd, args, {
    env: { ...env, MEDUSA_DISABLE_TELEMETRY: "true" },
  })
  await exit(code)
}

main().catch((err) => {
  console.error(err.message || err)
  exit(1)
})
