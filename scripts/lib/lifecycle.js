/**
 * Shared process plumbing for the dev/test scripts: run one foreground child
 * at a time, and on Ctrl-C / SIGTERM let that child finish before the cleanups
 * (stopping embedded Postgres) run. Stopping the database first would make the
 * child log connection errors or hang on its own shutdown.
 */
const { spawn } = require("node:child_process")
const { constants } = require("node:os")

const cleanups = []
let current = null // { child, detached }
let stopping = null // { code, at } once a signal arrived
let exiting = null

/** Registers an async cleanup; cleanups run last-registered first. */
function onShutdown(fn) {
  cleanups.push(fn)
}

/** Runs the cleanups (once, however often called), then ends the process. */
function exit(code) {
  exiting ??= (async () => {
    for (const fn of cleanups.splice(0).reverse()) {
      try {
        await fn()
      } catch (err) {
        console.error(err)
      }
    }
    process.exit(code)
  })()
  return exiting
}

function kill(pid, signal) {
  try {
    process.kill(pid, signal)
  } catch {
    // Already gone.
  }
}

function signalChild({ child, detached }, signal) {
  // A detached child leads its own process group: signal the whole group so
  // grandchildren (e.g. the server `medusa develop` forks) stop too.
  kill(detached ? -child.pid : child.pid, signal)
}

/**
 * Runs a command with inherited output and resolves with its exit code.
 * `detached` puts it in its own process group: the terminal's Ctrl-C then
 * reaches only us, and we decide how to stop it (see handleSignal).
 * While a signal-triggered shutdown is under way the promise never resolves:
 * the process exits once the child is gone, so callers do not start the next
 * step.
 */
function run(cmd, args, { env = {}, detached = false } = {}) {
  return new Promise((resolve) => {
    const child = spawn(cmd, args, {
      env: { ...process.env, ...env },
      // A background process group must not read the terminal (SIGTTIN).
      stdio: detached ? ["ignore", "inherit", "inherit"] : "inherit",
      detached,
    })
    current = { child, detached }
    child.on("error", (err) => {
      console.error(`Could not start ${cmd}: ${err.message}`)
      current = null
      if (stopping) return exit(stopping.code)
      resolve(127)
    })
    child.on("exit", async (code, signal) => {
      if (detached) await waitForGroup(child.pid)
      current = null
      if (stopping) return exit(stopping.code)
      resolve(code ?? 128 + (constants.signals[signal] || 0))
    })
  })
}

function groupAlive(pgid) {
  try {
    process.kill(-pgid, 0)
    return true
  } catch (err) {
    return err.code === "EPERM"
  }
}

/**
 * The group leader exiting does not mean its children did: `medusa develop`
 * dies on SIGTERM at once while the server it forked is still shutting down
 * (and still using the database). Wait for the whole group, within reason.
 */
async function waitForGroup(pgid, timeoutMs = 15_000) {
  if (!groupAlive(pgid)) return
  // Leader gone on its own: make sure what it started does not linger.
  if (!stopping) kill(-pgid, "SIGTERM")
  const deadline = Date.now() + timeoutMs
  while (groupAlive(pgid) && Date.now() < deadline) {
    await new Promise((resolve) => setTimeout(resolve, 200))
  }
  if (groupAlive(pgid)) {
    console.warn(`Processes of group ${pgid} still running after ${timeoutMs} ms: killing them.`)
    kill(-pgid, "SIGKILL")
  }
}

function handleSignal(signal) {
  if (stopping) {
    // One Ctrl-C often arrives twice: from the terminal and forwarded by
    // `npm run`. Only a later one means "stop waiting".
    if (Date.now() - stopping.at < 2000) return
    if (current) signalChild(current, "SIGKILL")
    else process.exit(stopping.code)
    return
  }
  stopping = { code: 128 + constants.signals[signal], at: Date.now() }
  if (!current) return exit(stopping.code)
  // SIGTERM rather than SIGINT for detached children: `medusa develop` answers
  // SIGINT with interactive prompts, SIGTERM with a plain graceful shutdown.
  signalChild(current, current.detached ? "SIGTERM" : signal)
}

for (const signal of ["SIGINT", "SIGTERM", "SIGHUP"]) {
  process.on(signal, handleSignal)
}

// Last resort if we crash: a detached child would otherwise outlive us.
process.on("exit", () => {
  if (current && current.detached) signalChild(current, "SIGTERM")
})

module.exports = { run, exit, onShutdown }
