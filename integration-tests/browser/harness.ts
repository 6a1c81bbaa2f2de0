/**
 * What every browser spec runs in: before its tests, a fresh database with
 * the demo data (./seed.ts) and the repository's own store on it
 * (./dev-store.ts), and headless Chromium (Debian's /usr/bin/chromium,
 * driven by playwright-core) on the admin, logged in; after them, all of it
 * gone again and the time each step took printed.
 *
 *   const ui = browserHarness({ name: "scores" })
 *   const { api, screenshot } = ui
 *   it("…", async () => { await ui.page.goto(…) })
 *
 * `ui.page` and `ui.url` exist once the setup has run: read them in tests,
 * not at the top of the file. The helpers may be destructured.
 *
 * Screenshots land in .cache/screenshots/, the store's logs and the browser
 * console in .cache/browser/, both named after the spec (`name-*`).
 */
import fs from "node:fs"
import path from "node:path"
import { Client } from "pg"
import { Browser, BrowserContextOptions, chromium, Locator, Page } from "playwright-core"
import {
  createDatabase,
  Database,
  LOG_DIR,
  log,
  ROOT,
  runMedusa,
  Server,
  startServer,
  stopAll,
  stopGroup,
  timed,
} from "./dev-store"
import { expectText, expectTexts, text, texts } from "./page-text"
import { eventually, sleep, UI_TIMEOUT } from "./waiting"

const CHROMIUM = process.env.CHROMIUM_PATH || "/usr/bin/chromium"
const SCREENSHOTS = path.join(ROOT, ".cache", "screenshots")
export const ADMIN_EMAIL = "admin@example.com"
export const ADMIN_PASSWORD = "supersecret"

const SETUP_TIMEOUT = 6 * 60_000
export const TEST_TIMEOUT = 120_000

export type ApiInit = { method?: string; body?: unknown; headers?: Record<string, string> }

export type HarnessOptions = {
  /**
   * Prefix of the spec's screenshots and logs. Without one they are not
   * prefixed, and the spec clears the whole screenshots folder first.
   */
  name?: string
  /** Added to the browser context's options. */
  context?: BrowserContextOptions
  /**
   * Runs once the store is seeded and the admin's login page has loaded.
   * By default it logs in; a spec that creates data of its own, or logs in
   * differently, does it here, in `ui.timed` steps.
   */
  setup?: (ui: BrowserHarness) => Promise<void>
}

export type BrowserHarness = {
  readonly page: Page
  /** The store's address, e.g. http://localhost:9123. */
  readonly url: string
  /** The store's API, as the admin once `authenticate` (or `logIn`) has run. */
  api<T = any>(urlPath: string, init?: ApiInit): Promise<T>
  /** Runs statements on the store's database directly. */
  sql<T = any>(query: string, params?: unknown[]): Promise<T[]>
  /** A setup step, in the timings printed at the end. */
  timed<T>(label: string, fn: () => Promise<T>): Promise<T>
  /** An admin token for `api`. */
  authenticate(): Promise<void>
  /** Signs in with the admin's email and password form. */
  submitLoginForm(): Promise<void>
  /** `authenticate` and `submitLoginForm`. */
  logIn(): Promise<void>
  /** Saves a picture of the page or of one element, numbered in the order taken. */
  screenshot(name: string, target?: Page | Locator): Promise<void>
  /** Goes to an admin page, unless the browser is on it already. */
  openInAdmin(adminPath: string): Promise<void>
  /** The admin's navigation on the left. */
  sidebar(): Locator
  /** A toast with this title (Medusa's toaster keeps a few on screen). */
  toast(title: string | RegExp): Locator
  eventually: typeof eventually
  sleep: typeof sleep
  text: typeof text
  texts: typeof texts
  expectText: typeof expectText
  expectTexts: typeof expectTexts
}

/** Registers the spec's beforeAll, afterAll and afterEach; call it once, at the top of the spec. */
export function browserHarness(options: HarnessOptions = {}): BrowserHarness {
  const prefix = options.name ? `${options.name}-` : ""
  const timings: Record<string, number> = {}
  const pageErrors: string[] = []
  let db: Database | undefined
  let server: Server | undefined
  let browser: Browser | undefined
  let page: Page | undefined
  let adminToken = ""
  let shots = 0

  const ready = <T>(what: string, value: T | undefined): T => {
    if (value === undefined) throw new Error(`No ${what}: the browser harness's setup has not run (or failed)`)
    return value
  }

  const ui: BrowserHarness = {
    get page() {
      return ready("page", page)
    },
    get url() {
      return ready("store", server).url
    },

    async api<T = any>(urlPath: string, init: ApiInit = {}): Promise<T> {
      const res = await fetch(`${ui.url}${urlPath}`, {
        method: init.method ?? "GET",
        headers: {
          "content-type": "application/json",
          ...(adminToken ? { authorization: `Bearer ${adminToken}` } : {}),
          ...init.headers,
        },
        body: init.body === undefined ? undefined : JSON.stringify(init.body),
        signal: AbortSignal.timeout(30_000),
      })
      const body = await res.text()
      if (!res.ok) throw new Error(`${init.method ?? "GET"} ${urlPath}: ${res.status} ${body}`)
      return body ? JSON.parse(body) : (undefined as T)
    },

    async sql<T = any>(query: string, params: unknown[] = []): Promise<T[]> {
      const client = new Client({ connectionString: ready("database", db).url, connectionTimeoutMillis: 10_000 })
      await client.connect()
      try {
        return (await client.query(query, params)).rows as T[]
      } finally {
        await client.end()
      }
    },

    timed: (label, fn) => timed(label, timings, fn),

    async authenticate() {
      ;({ token: adminToken } = await ui.api("/auth/user/emailpass", {
        method: "POST",
        body: { email: ADMIN_EMAIL, password: ADMIN_PASSWORD },
      }))
    },

    async submitLoginForm() {
      await ui.page.locator('input[name="email"]').fill(ADMIN_EMAIL)
      await ui.page.locator('input[name="password"]').fill(ADMIN_PASSWORD)
      await ui.page.getByRole("button", { name: "Continue with Email" }).click()
      await ui.page.waitForURL((url) => !url.pathname.startsWith("/app/login"), { timeout: 60_000 })
    },

    async logIn() {
      await ui.authenticate()
      await ui.submitLoginForm()
    },

    async screenshot(name, target = ui.page) {
      const file = path.join(SCREENSHOTS, `${prefix}${String(++shots).padStart(2, "0")}-${name}.png`)
      // Let fonts and images settle for a picture a human can judge.
      await ui.page.waitForLoadState("networkidle", { timeout: 5_000 }).catch(() => {})
      await target.screenshot({ path: file, animations: "disabled" })
    },

    /**
     * Each test after the login starts from its page's address, so that one
     * failing test does not take the next ones down with it. (The session
     * cookie keeps the browser logged in.)
     */
    async openInAdmin(adminPath) {
      if (new URL(ui.page.url()).pathname === `/app${adminPath}`) return
      await ui.page.goto(`${ui.url}/app${adminPath}`)
    },

    sidebar: () => ui.page.locator("aside").first(),

    toast: (title) => ui.page.locator("[data-sonner-toast]").filter({ hasText: title }).first(),

    eventually,
    sleep,
    text,
    texts,
    expectText,
    expectTexts,
  }

  beforeAll(async () => {
    if (!fs.existsSync(CHROMIUM)) {
      throw new Error(`${CHROMIUM} not found: install Debian's chromium (apt-get install chromium)`)
    }
    clearScreenshots(prefix)
    fs.mkdirSync(LOG_DIR, { recursive: true })
    const setupStarted = Date.now()
    const logFile = (name: string) => path.join(LOG_DIR, `${prefix}${name}`)

    db = await ui.timed("create database", createDatabase)
    const env = { DATABASE_URL: db.url }
    await ui.timed("medusa db:migrate", () =>
      runMedusa(["db:migrate"], { env, logFile: logFile("migrate.log"), timeoutMs: 150_000 })
    )

    // Seeding, and booting the server with Vite's first build of the admin,
    // are independent: run them side by side.
    const seeding = ui.timed("seed (demo data + admin user)", () =>
      runMedusa(["exec", "./integration-tests/browser/seed.ts", ADMIN_EMAIL, ADMIN_PASSWORD], {
        env,
        logFile: logFile("seed.log"),
        timeoutMs: 150_000,
      })
    )
    // Awaited below; this keeps a failure meanwhile from being "unhandled".
    seeding.catch(() => {})

    server = await ui.timed("server up (/health)", () =>
      startServer({ databaseUrl: db!.url, logFile: logFile("server.log"), timeoutMs: 90_000 })
    )

    browser = await ui.timed("launch chromium", launchChromium)
    const context = await browser.newContext({
      viewport: { width: 1440, height: 1000 },
      locale: "en-US",
      // Dates and date-time inputs then read in UTC, like the times the specs expect.
      timezoneId: "UTC",
      ...options.context,
    })
    page = await context.newPage()
    page.setDefaultTimeout(UI_TIMEOUT)
    page.setDefaultNavigationTimeout(60_000)
    const consoleLog = fs.createWriteStream(logFile("browser-console.log"))
    page.on("console", (message) => consoleLog.write(`${message.type()}: ${message.text()}\n`))
    // Leaving an editor with unsaved changes by a full page load: the merchant chooses Leave.
    page.on("dialog", (dialog) => void (dialog.type() === "beforeunload" ? dialog.accept() : dialog.dismiss()))
    page.on("pageerror", (error) => {
      pageErrors.push(error.message)
      consoleLog.write(`pageerror: ${error.stack || error.message}\n`)
    })

    // The first visit makes Vite transform the admin (and pre-bundle its
    // dependencies when node_modules/.vite is cold: ~40 s more). Waiting for
    // the login form here keeps that out of the tests' own timeouts.
    await ui.timed("first admin page load (Vite)", async () => {
      await ui.page.goto(`${ui.url}/app`, { timeout: 150_000 })
      await ui.page.locator('input[name="email"]').waitFor({ timeout: 150_000 })
      await ui.page.waitForLoadState("networkidle", { timeout: 30_000 }).catch(() => {})
    })

    await seeding

    await (options.setup ?? ((ui) => ui.timed("log in", ui.logIn)))(ui)

    timings["setup total"] = Date.now() - setupStarted
    log(`setup total: ${(timings["setup total"] / 1000).toFixed(1)} s`)
  }, SETUP_TIMEOUT)

  afterAll(async () => {
    const cleanupStarted = Date.now()
    await browser?.close().catch(() => {})
    await stopGroup(server?.child, 15_000)
    await stopAll() // a seed still running if the setup failed early
    await db?.drop().catch((err) => log(`could not drop database ${db!.name}: ${err.message}`))
    timings["cleanup"] = Date.now() - cleanupStarted
    const lines = Object.entries(timings).map(([label, ms]) => `  ${label}: ${(ms / 1000).toFixed(1)} s`)
    const files = prefix ? `${prefix}*` : ""
    log(
      `timings:\n${lines.join("\n")}\n` +
        `screenshots: ${path.relative(ROOT, SCREENSHOTS)}/${files}, logs: ${path.relative(ROOT, LOG_DIR)}/${files}`
    )
  }, 60_000)

  afterEach(() => {
    // An exception in the page is a bug even when the assertions passed.
    expect(pageErrors.splice(0)).toEqual([])
  })

  return ui
}

/** Removes the spec's screenshots of an earlier run; without a prefix, that is all of them. */
function clearScreenshots(prefix: string) {
  fs.mkdirSync(SCREENSHOTS, { recursive: true })
  for (const file of fs.readdirSync(SCREENSHOTS)) {
    if (file.startsWith(prefix)) fs.rmSync(path.join(SCREENSHOTS, file), { recursive: true, force: true })
  }
}

function launchChromium() {
  return chromium.launch({
    executablePath: CHROMIUM,
    // playwright gives every launch a new, empty, temporary profile.
    args: [
      "--headless",
      "--no-sandbox",
      "--disable-gpu",
      "--disable-quic",
      "--no-first-run",
      "--disable-background-networking",
      "--disable-component-update",
      "--disable-sync",
    ],
    timeout: 30_000,
  })
}
