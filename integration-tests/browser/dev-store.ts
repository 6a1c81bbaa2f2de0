/**
 * Boots the repository's development store (medusa-config.ts at the root)
 * for the browser test, the way `npm run dev` does, but on a throw-away
 * database and a free port:
 *
 *   createDatabase()  a fresh database on the Postgres in DB_HOST/DB_PORT/
 *                     DB_USERNAME/DB_PASSWORD (what `npm test` provides)
 *   runMedusa()       `medusa db:migrate`, `medusa exec …` against it
 *   startServer()     the server with the admin served by Vite at /app
 *
 * Why not medusaIntegrationTestRunner: it turns the admin off
 * (`admin.disable = true`, see @medusajs/test-utils medusa-test-runner-utils/
 * config.js), and the admin is what this test is about.
 *
 * Why `medusa start` with NODE_ENV=development rather than `medusa develop`:
 * `develop` is exactly that plus a lint step and a file watcher over the
 * whole repository, which restarts the server whenever any file changes (a
 * colleague's edit, a build) and would cut the test's requests off. The
 * forked `start` is the same server, admin included (Vite dev middleware,
 * offline).
 *
 * Every child gets its own process group, so stopping it also stops what it
 * spawned.
 */
import { ChildProcess, spawn } from "node:child_process"
import fs from "node:fs"
import net from "node:net"
import path from "node:path"
import { Client } from "pg"

export const ROOT = path.resolve(__dirname, "..", "..")
export const LOG_DIR = path.join(ROOT, ".cache", "browser")
const MEDUSA = path.join(ROOT, "node_modules", ".bin", "medusa")

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms))

/** Writes progress lines to stderr (console.log in Jest adds a stack per line). */
export function log(message: string) {
  process.stderr.write(`[browser-test] ${message}\n`)
}

/** Runs `fn` and logs how long it took. */
export async function timed<T>(
  label: string,
  timings: Record<string, number>,
  fn: () => Promise<T>
) {
  const started = Date.now()
  try {
    return await fn()
  } finally {
    timings[label] = Date.now() - started
    log(`${label}: ${((Date.now() - started) / 1000).toFixed(1)} s`)
  }
}

export function tail(file: string, lines = 40) {
  try {
    return fs.readFileSync(file, "utf8").trimEnd().split("\n").slice(-lines).join("\n")
  } catch {
    return "(no log)"
  }
}

// ---------------------------------------------------------------------------
// Database

type PgConfig = { host: string; port: number; user: string; password: string }

function pgConfig(): PgConfig {
  return {
    host: process.env.DB_HOST || "localhost",
    port: Number(process.env.DB_PORT || 5432),
    user: process.env.DB_USERNAME || "postgres",
    password: process.env.DB_PASSWORD ?? "",
  }
}

async function withMaintenanceClient<T>(fn: (client: Client) => Promise<T>) {
  const client = new Client({
    ...pgConfig(),
    database: "postgres",
    connectionTimeoutMillis: 10_000,
  })
  await client.connect()
  try {
    return await fn(client)
  } finally {
    await client.end()
  }
}

export type Database = { name: string; url: string; drop: () => Promise<void> }

export async function createDatabase(): Promise<Database> {
  const config = pgConfig()
  const name = `mkt_browser_${Date.now().toString(36)}_${process.pid}`
  await withMaintenanceClient((client) =>
    client.query(`CREATE DATABASE ${client.escapeIdentifier(name)}`)
  )
  const credentials = config.password
    ? `${encodeURIComponent(config.user)}:${encodeURIComponent(config.password)}`
    : encodeURIComponent(config.user)
  return {
    name,
    url: `postgres://${credentials}@${config.host}:${config.port}/${name}`,
    // FORCE (Postgres 13+) ends sessions a killed server may have left.
    drop: () =>
      withMaintenanceClient(async (client) => {
        await client.query(`DROP DATABASE IF EXISTS ${client.escapeIdentifier(name)} WITH (FORCE)`)
      }),
  }
}

// ---------------------------------------------------------------------------
// Processes

function childEnv(extra: Record<string, string>): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = {
    ...process.env,
    MEDUSA_DISABLE_TELEMETRY: "true",
    // Jest sets NODE_ENV=test; `medusa develop` runs its server with
    // "development", which is what serves the admin through Vite.
    NODE_ENV: "development",
    ...extra,
  }
  // Jest's flags (--experimental-vm-modules) are not for the store.
  delete env.NODE_OPTIONS
  delete env.TEST_TYPE
  delete env.JEST_WORKER_ID
  return env
}

// Every process group started here, until it exits: stopAll() and the exit
// hook below make sure none outlives the test run.
const running = new Set<ChildProcess>()

process.on("exit", () => {
  for (const child of running) {
    try {
      process.kill(-child.pid!, "SIGKILL")
    } catch {
      // gone
    }
  }
})

function spawnGroup(args: string[], env: Record<string, string>, logFile: string) {
  fs.mkdirSync(path.dirname(logFile), { recursive: true })
  const out = fs.openSync(logFile, "w")
  try {
    const child = spawn(MEDUSA, args, {
      cwd: ROOT,
      env: childEnv(env),
      detached: true, // own process group: see stopGroup()
      stdio: ["ignore", out, out],
    })
    running.add(child)
    child.once("exit", () => {
      if (!groupAlive(child.pid!)) running.delete(child)
    })
    return child
  } finally {
    fs.closeSync(out) // the child has its own copy
  }
}

/** Stops every process group still running (a seed, a server). */
export async function stopAll(graceMs = 10_000) {
  await Promise.all([...running].map((child) => stopGroup(child, graceMs)))
}

function groupAlive(pgid: number) {
  try {
    process.kill(-pgid, 0)
    return true
  } catch (err: any) {
    return err.code === "EPERM"
  }
}

/** SIGTERM to the whole group, SIGKILL if it has not gone after `graceMs`. */
export async function stopGroup(child: ChildProcess | undefined, graceMs = 10_000) {
  const pgid = child?.pid
  if (!pgid || !groupAlive(pgid)) {
    if (child) running.delete(child)
    return
  }
  try {
    process.kill(-pgid, "SIGTERM")
  } catch {
    return
  }
  const deadline = Date.now() + graceMs
  while (groupAlive(pgid) && Date.now() < deadline) await sleep(100)
  if (groupAlive(pgid)) {
    try {
      process.kill(-pgid, "SIGKILL")
    } catch {
      // gone meanwhile
    }
  }
  running.delete(child!)
}

/** `medusa <args>`; rejects with the log's tail on failure or timeout. */
export async function runMedusa(
  args: string[],
  { env, logFile, timeoutMs }: { env: Record<string, string>; logFile: string; timeoutMs: number }
) {
  const child = spawnGroup(args, env, logFile)
  const timer = setTimeout(() => void stopGroup(child, 2000), timeoutMs)
  try {
    const code = await new Promise<number | string>((resolve, reject) => {
      child.once("error", reject)
      child.once("exit", (code, signal) => resolve(code ?? signal ?? "unknown"))
    })
    if (code !== 0) {
      throw new Error(
        `medusa ${args[0]} failed (${code}; timeout ${timeoutMs / 1000} s). ` +
          `${path.relative(ROOT, logFile)}:\n${tail(logFile)}`
      )
    }
  } finally {
    clearTimeout(timer)
    // The command is done; make sure nothing it started lingers.
    await stopGroup(child, 2000)
  }
}

export async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = net.createServer()
    server.once("error", reject)
    server.listen(0, "127.0.0.1", () => {
      const { port } = server.address() as net.AddressInfo
      server.close(() => resolve(port))
    })
  })
}

export type Server = { url: string; port: number; child: ChildProcess; logFile: string }

/** Starts the store and resolves once /health answers. */
export async function startServer({
  databaseUrl,
  logFile,
  timeoutMs,
}: {
  databaseUrl: string
  logFile: string
  timeoutMs: number
}): Promise<Server> {
  const port = await freePort()
  const url = `http://localhost:${port}`
  const child = spawnGroup(["start"], { DATABASE_URL: databaseUrl, PORT: String(port) }, logFile)
  let exited: string | null = null
  child.once("exit", (code, signal) => {
    exited = String(code ?? signal)
  })

  const deadline = Date.now() + timeoutMs
  for (;;) {
    if (exited !== null) {
      throw new Error(
        `The store exited (${exited}) before answering. ` +
          `${path.relative(ROOT, logFile)}:\n${tail(logFile)}`
      )
    }
    try {
      const res = await fetch(`${url}/health`, { signal: AbortSignal.timeout(2000) })
      if (res.ok) return { url, port, child, logFile }
    } catch {
      // not listening yet
    }
    if (Date.now() > deadline) {
      await stopGroup(child)
      throw new Error(
        `The store did not answer /health within ${timeoutMs / 1000} s. ` +
          `${path.relative(ROOT, logFile)}:\n${tail(logFile)}`
      )
    }
    await sleep(250)
  }
}
