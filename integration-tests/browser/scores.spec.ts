/**
 * The Scores page of the plugin's admin in a real browser: the RFM groups,
 * the recency × frequency grid and the churn-risk chart of the seeded store
 * after a refresh started from the page, and the lead-score rules editor
 * (create, a server error shown on the form, switch off, delete).
 *
 * Same harness as ./emails.spec.ts: headless Chromium (Debian's
 * /usr/bin/chromium, driven by playwright-core) against the repository's own
 * store, booted by ./dev-store.ts on a fresh database with the demo data.
 * Expected counts are read straight from the database, not from the
 * plugin's summary, so a page that adds up wrong fails.
 *
 * Screenshots land in .cache/screenshots/ (named scores-*), the store's logs
 * and the browser console in .cache/browser/ (named scores-*).
 *
 *   TEST_TYPE=browser NODE_OPTIONS=--experimental-vm-modules \
 *     DB_HOST=localhost DB_PORT=5432 DB_USERNAME=postgres DB_PASSWORD= \
 *     npx jest --runInBand --forceExit integration-tests/browser/scores.spec.ts
 */
import fs from "node:fs"
import path from "node:path"
import { Client } from "pg"
import { Browser, chromium, Locator, Page } from "playwright-core"
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

const CHROMIUM = process.env.CHROMIUM_PATH || "/usr/bin/chromium"
const SCREENSHOTS = path.join(ROOT, ".cache", "screenshots")
const ADMIN_EMAIL = "admin@example.com"
const ADMIN_PASSWORD = "supersecret"

const SETUP_TIMEOUT = 6 * 60_000
const TEST_TIMEOUT = 120_000
// How long a page may take to show what it should (API answer + render).
const UI_TIMEOUT = 20_000

const timings: Record<string, number> = {}
let db: Database | undefined
let server: Server | undefined
let browser: Browser | undefined
let page: Page
let adminToken = ""
const pageErrors: string[] = []

// ---------------------------------------------------------------------------
// Helpers (as in emails.spec.ts)

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms))

/** Retries `fn` (which asserts) until it passes or `timeout` ms have passed. */
async function eventually<T>(fn: () => Promise<T>, timeout = UI_TIMEOUT): Promise<T> {
  const deadline = Date.now() + timeout
  for (;;) {
    try {
      return await fn()
    } catch (err) {
      if (Date.now() > deadline) throw err
      await sleep(200)
    }
  }
}

async function api<T = any>(
  urlPath: string,
  init: { method?: string; body?: unknown } = {}
): Promise<T> {
  const res = await fetch(`${server!.url}${urlPath}`, {
    method: init.method ?? "GET",
    headers: {
      "content-type": "application/json",
      ...(adminToken ? { authorization: `Bearer ${adminToken}` } : {}),
    },
    body: init.body === undefined ? undefined : JSON.stringify(init.body),
    signal: AbortSignal.timeout(30_000),
  })
  const body = await res.text()
  if (!res.ok) throw new Error(`${init.method ?? "GET"} ${urlPath}: ${res.status} ${body}`)
  return body ? JSON.parse(body) : (undefined as T)
}

/** Reads the store's database directly: the expected values, independent of the plugin's API. */
async function sql<T = any>(query: string, params: unknown[] = []): Promise<T[]> {
  const client = new Client({ connectionString: db!.url, connectionTimeoutMillis: 10_000 })
  await client.connect()
  try {
    return (await client.query(query, params)).rows as T[]
  } finally {
    await client.end()
  }
}

const squash = (value: string) => value.replace(/\s+/g, " ").trim()

const texts = async (locator: Locator) => (await locator.allInnerTexts()).map(squash)

const text = async (locator: Locator, timeout = 2_000) =>
  squash(await locator.innerText({ timeout }))

/** Waits until the element reads `expected` (pages render in steps). */
const expectText = (locator: Locator, expected: string | RegExp, timeout = UI_TIMEOUT) =>
  eventually(async () => {
    const actual = await text(locator)
    if (typeof expected === "string") expect(actual).toBe(expected)
    else expect(actual).toMatch(expected)
    return actual
  }, timeout)

let shots = 0
async function screenshot(name: string, target: Page | Locator = page) {
  const file = path.join(SCREENSHOTS, `scores-${String(++shots).padStart(2, "0")}-${name}.png`)
  await page.waitForLoadState("networkidle", { timeout: 5_000 }).catch(() => {})
  await target.screenshot({ path: file, animations: "disabled" })
}

async function openInAdmin(adminPath: string) {
  if (new URL(page.url()).pathname === `/app${adminPath}`) return
  await page.goto(`${server!.url}/app${adminPath}`)
}

/** The admin's navigation on the left. */
const sidebar = () => page.locator("aside").first()

/** A toast with this title (Medusa's toaster keeps a few on screen). */
const toast = (title: string | RegExp) =>
  page.locator("[data-sonner-toast]").filter({ hasText: title }).first()

/** Picks an entry of one of @medusajs/ui's selects. */
async function choose(testId: string, option: string) {
  await page.getByTestId(testId).click()
  await page.getByRole("option", { name: option, exact: true }).click()
}

const ruleRow = (name: string) =>
  page.getByTestId("lead-rule-row").filter({ has: page.getByTestId("lead-rule-row-name").filter({ hasText: name }) })

// ---------------------------------------------------------------------------
// Store and browser

beforeAll(async () => {
  if (!fs.existsSync(CHROMIUM)) {
    throw new Error(`${CHROMIUM} not found: install Debian's chromium (apt-get install chromium)`)
  }
  fs.mkdirSync(SCREENSHOTS, { recursive: true })
  for (const file of fs.readdirSync(SCREENSHOTS)) {
    if (file.startsWith("scores-")) fs.rmSync(path.join(SCREENSHOTS, file))
  }
  fs.mkdirSync(LOG_DIR, { recursive: true })
  const started = Date.now()

  db = await timed("create database", timings, createDatabase)
  const env = { DATABASE_URL: db.url }
  await timed("medusa db:migrate", timings, () =>
    runMedusa(["db:migrate"], {
      env,
      logFile: path.join(LOG_DIR, "scores-migrate.log"),
      timeoutMs: 150_000,
    })
  )

  const seeding = timed("seed (demo data + admin user)", timings, () =>
    runMedusa(["exec", "./integration-tests/browser/seed.ts", ADMIN_EMAIL, ADMIN_PASSWORD], {
      env,
      logFile: path.join(LOG_DIR, "scores-seed.log"),
      timeoutMs: 150_000,
    })
  )
  seeding.catch(() => {})

  server = await timed("server up (/health)", timings, () =>
    startServer({
      databaseUrl: db!.url,
      logFile: path.join(LOG_DIR, "scores-server.log"),
      timeoutMs: 90_000,
    })
  )

  browser = await timed("launch chromium", timings, () =>
    chromium.launch({
      executablePath: CHROMIUM,
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
  )
  const context = await browser.newContext({
    viewport: { width: 1440, height: 1000 },
    locale: "en-US",
    timezoneId: "UTC",
  })
  page = await context.newPage()
  page.setDefaultTimeout(UI_TIMEOUT)
  page.setDefaultNavigationTimeout(60_000)
  const consoleLog = fs.createWriteStream(path.join(LOG_DIR, "scores-browser-console.log"))
  page.on("console", (message) => consoleLog.write(`${message.type()}: ${message.text()}\n`))
  page.on("pageerror", (error) => {
    pageErrors.push(error.message)
    consoleLog.write(`pageerror: ${error.stack || error.message}\n`)
  })

  await timed("first admin page load (Vite)", timings, async () => {
    await page.goto(`${server!.url}/app`, { timeout: 150_000 })
    await page.locator('input[name="email"]').waitFor({ timeout: 150_000 })
    await page.waitForLoadState("networkidle", { timeout: 30_000 }).catch(() => {})
  })

  await seeding

  await timed("log in", timings, async () => {
    ;({ token: adminToken } = await api("/auth/user/emailpass", {
      method: "POST",
      body: { email: ADMIN_EMAIL, password: ADMIN_PASSWORD },
    }))
    await page.locator('input[name="email"]').fill(ADMIN_EMAIL)
    await page.locator('input[name="password"]').fill(ADMIN_PASSWORD)
    await page.getByRole("button", { name: "Continue with Email" }).click()
    await page.waitForURL((url) => !url.pathname.startsWith("/app/login"), { timeout: 60_000 })
  })

  timings["setup total"] = Date.now() - started
  log(`setup total: ${(timings["setup total"] / 1000).toFixed(1)} s`)
}, SETUP_TIMEOUT)

afterAll(async () => {
  const started = Date.now()
  await browser?.close().catch(() => {})
  await stopGroup(server?.child, 15_000)
  await stopAll()
  await db?.drop().catch((err) => log(`could not drop database ${db!.name}: ${err.message}`))
  timings["cleanup"] = Date.now() - started
  const lines = Object.entries(timings).map(
    ([label, ms]) => `  ${label}: ${(ms / 1000).toFixed(1)} s`
  )
  log(
    `timings:\n${lines.join("\n")}\n` +
      `screenshots: ${path.relative(ROOT, SCREENSHOTS)}/scores-*, logs: ${path.relative(ROOT, LOG_DIR)}/scores-*`
  )
}, 60_000)

afterEach(() => {
  // An exception in the page is a bug even when the assertions passed.
  expect(pageErrors.splice(0)).toEqual([])
})

// ---------------------------------------------------------------------------

describe("Marketing Scores page in the browser", () => {
  it("is linked from the overview and the sidebar, and a refresh fills the groups, grid and chart from the seeded orders", async () => {
    await openInAdmin("/marketing")
    await expectText(page.getByTestId("marketing-scores-link"), /^Scores /)
    await expect(sidebar().getByRole("link", { name: "Scores", exact: true }).isVisible()).resolves.toBe(true)
    await page.getByTestId("marketing-scores-link").click()
    await page.waitForURL("**/app/marketing/scores")
    await expectText(page.getByRole("heading", { level: 1 }), "Scores")

    // The seed records orders but never scores: the store starts unscored.
    await expectText(page.getByTestId("scores-last-refreshed"), "Not refreshed yet")
    const groupCounts = async (): Promise<Record<string, number>> =>
      Object.fromEntries(
        await page.getByTestId("rfm-group").evaluateAll((tiles) =>
          tiles.map((tile) => [
            tile.getAttribute("data-group")!,
            Number(tile.querySelector('[data-testid="rfm-group-count"]')!.textContent!.replace(/\D/g, "")),
          ])
        )
      )
    expect(Object.keys(await groupCounts())).toHaveLength(11)
    expect(Object.values(await groupCounts()).every((count) => count === 0)).toBe(true)
    await screenshot("before-refresh")

    await page.getByTestId("scores-refresh").click()
    await expect(toast("Refreshing scores").waitFor()).resolves.toBeUndefined()
    await expectText(page.getByTestId("scores-last-refreshed"), /^Last refreshed /, 90_000)

    // What the database holds after the refresh: one group per buyer.
    const live = "deleted_at IS NULL AND erased_at IS NULL"
    const [{ buyers }] = await sql<{ buyers: number }>(
      `SELECT count(*)::int AS buyers FROM marketing_contact WHERE ${live} AND orders_count > 0`
    )
    expect(buyers).toBeGreaterThan(5)
    const byGroup = await sql<{ rfm_segment: string; n: number }>(
      `SELECT rfm_segment, count(*)::int AS n FROM marketing_contact
       WHERE ${live} AND rfm_segment IS NOT NULL GROUP BY 1`
    )
    const expected = Object.fromEntries(byGroup.map((row) => [row.rfm_segment, row.n]))
    await eventually(async () => {
      const shown = await groupCounts()
      for (const [group, count] of Object.entries(shown)) {
        expect([group, count]).toEqual([group, expected[group] ?? 0])
      }
      expect(Object.values(shown).reduce((sum, n) => sum + n, 0)).toBe(buyers)
    })
    await expectText(page.getByTestId("scores-buyers"), String(buyers))

    // A tile: its share of all buyers, and what its members spent.
    const [top] = [...byGroup].sort((a, b) => b.n - a.n)
    const tile = page.locator(`[data-testid="rfm-group"][data-group="${top.rfm_segment}"]`)
    await expectText(tile.getByTestId("rfm-group-share"), `${Math.round((top.n / buyers) * 100)}% of buyers`)
    await expectText(tile.getByTestId("rfm-group-revenue"), /^€[\d,.]+ spent · €[\d,.]+ each$/)

    // The grid and the chart count the same buyers.
    const cells = await page.getByTestId("rfm-grid-cell").evaluateAll((nodes) =>
      nodes.map((node) => ({
        r: Number(node.getAttribute("data-recency")),
        f: Number(node.getAttribute("data-frequency")),
        n: Number(node.textContent!.replace(/\D/g, "")),
      }))
    )
    expect(cells).toHaveLength(25)
    const byCell = await sql<{ r: number; f: number; n: number }>(
      `SELECT rfm_recency AS r, rfm_frequency AS f, count(*)::int AS n FROM marketing_contact
       WHERE ${live} AND rfm_recency IS NOT NULL GROUP BY 1, 2`
    )
    for (const cell of cells) {
      expect(cell).toEqual({ ...cell, n: byCell.find((c) => c.r === cell.r && c.f === cell.f)?.n ?? 0 })
    }
    const bars = (await texts(page.getByTestId("churn-bucket-count"))).map(Number)
    expect(bars).toHaveLength(10)
    expect(bars.reduce((sum, n) => sum + n, 0)).toBe(buyers)
    await expectText(page.getByTestId("scores-predicted-value"), /^€[\d,.]+$/)
    await screenshot("after-refresh")
  }, TEST_TIMEOUT)

  it("creates a lead-score rule in the editor, shows the server's error for a bad one, and switches off and deletes rules", async () => {
    await openInAdmin("/marketing/scores")
    await expectText(page.getByTestId("lead-rules-count"), "0 rules")

    // Every seeded customer signed up with an account: +10 each.
    await page.getByTestId("create-lead-rule").click()
    await page.getByTestId("lead-rule-name").fill("Signed up")
    await choose("lead-rule-event", "Signed up for an account")
    await page.getByTestId("lead-rule-points").fill("10")
    await screenshot("rule-create", page.getByTestId("lead-rule-drawer"))
    await page.getByTestId("lead-rule-submit").click()
    await expect(toast("Rule created").waitFor()).resolves.toBeUndefined()
    const signedUp = ruleRow("Signed up")
    await expectText(signedUp.getByTestId("lead-rule-row-event"), "Signed up for an account")
    await expectText(signedUp.getByTestId("lead-rule-row-points"), "+10")
    await expectText(page.getByTestId("lead-rules-count"), "1 rule")

    // The contacts who signed up get the points once the background rescore has run.
    const [{ accounts }] = await sql<{ accounts: number }>(
      `SELECT count(DISTINCT contact_id)::int AS accounts FROM marketing_contact_event
       WHERE type = 'signed_up' AND deleted_at IS NULL AND occurred_at >= now() - interval '365 days'`
    )
    expect(accounts).toBeGreaterThan(0)
    await eventually(async () => {
      const [{ n }] = await sql<{ n: number }>(
        `SELECT count(*)::int AS n FROM marketing_contact WHERE lead_score = 10 AND deleted_at IS NULL`
      )
      expect(n).toBe(accounts)
    }, 60_000)

    // A comparison with text: the server's message, under the value it is about.
    await page.getByTestId("create-lead-rule").click()
    await page.getByTestId("lead-rule-name").fill("Big order")
    await choose("lead-rule-event", "Placed an order")
    await page.getByTestId("lead-rule-has-condition").click()
    await page.getByTestId("lead-rule-path").fill("total")
    await choose("lead-rule-operator", "is more than")
    await page.getByTestId("lead-rule-value").fill("lots")
    await page.getByTestId("lead-rule-points").fill("25")
    await page.getByTestId("lead-rule-submit").click()
    const valueError = page.locator("#lead-rule-value-error")
    const message = await expectText(valueError, /property\.value/)
    expect(message).toMatch(/must be a number for gt/)
    await screenshot("rule-error", page.getByTestId("lead-rule-drawer"))
    expect((await api("/admin/marketing/lead-score-rules")).count).toBe(1)

    await page.getByTestId("lead-rule-value").fill("100")
    await eventually(async () => expect(await valueError.count()).toBe(0))
    await page.getByTestId("lead-rule-submit").click()
    await expect(toast("Rule created").waitFor()).resolves.toBeUndefined()
    await expectText(ruleRow("Big order").getByTestId("lead-rule-row-condition"), "total is more than 100")
    await expectText(page.getByTestId("lead-rules-count"), "2 rules")
    const { lead_score_rules: rules } = await api("/admin/marketing/lead-score-rules")
    expect(rules.find((r: any) => r.name === "Big order")).toEqual(
      expect.objectContaining({ event_type: "order_placed", points: 25, property: { path: "total", operator: "gt", value: 100 } })
    )
    await screenshot("rules")

    // Switched off in place, then deleted after confirming.
    await ruleRow("Signed up").getByTestId("lead-rule-enabled-switch").click()
    await eventually(async () => {
      const { lead_score_rules } = await api("/admin/marketing/lead-score-rules")
      expect(lead_score_rules.find((r: any) => r.name === "Signed up").enabled).toBe(false)
    })
    await ruleRow("Big order").getByTestId("lead-rule-delete").click()
    const prompt = page.getByRole("alertdialog")
    await expectText(prompt.getByRole("heading"), "Delete this rule?")
    await prompt.getByRole("button", { name: "Delete" }).click()
    await expect(toast("Rule deleted").waitFor()).resolves.toBeUndefined()
    await eventually(async () =>
      expect(await texts(page.getByTestId("lead-rule-row-name"))).toEqual(["Signed up"])
    )
    expect((await api("/admin/marketing/lead-score-rules")).lead_score_rules.map((r: any) => r.name)).toEqual([
      "Signed up",
    ])
  }, TEST_TIMEOUT)
})
