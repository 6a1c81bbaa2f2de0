/**
 * The Marketing landing page in a real browser: what email earned this
 * month, the 30-day chart (drawn with recharts, which has to come through
 * the admin's Vite build), the top flows and campaigns and the latest
 * sends; and the attribution windows on the Email settings page.
 *
 * Same harness as ./emails.spec.ts: headless Chromium (Debian's
 * /usr/bin/chromium, driven by playwright-core) against the repository's own
 * store, booted by ./dev-store.ts on a fresh database with the demo data.
 * The sends and attributed orders the page reports are written straight
 * into the database, and the expected revenue is summed there too, so a
 * page that adds up wrong fails.
 *
 * Screenshots land in .cache/screenshots/ (named overview-*), the store's
 * logs and the browser console in .cache/browser/ (named overview-*).
 *
 *   TEST_TYPE=browser NODE_OPTIONS=--experimental-vm-modules \
 *     DB_HOST=localhost DB_PORT=5432 DB_USERNAME=postgres DB_PASSWORD= \
 *     npx jest --runInBand --forceExit integration-tests/browser/overview.spec.ts
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

const FLOW = { id: "mkt_flw_browser", name: "Welcome series" }
const CAMPAIGN = { id: "mkt_cmp_browser", name: "Spring sale" }

const timings: Record<string, number> = {}
let db: Database | undefined
let server: Server | undefined
let browser: Browser | undefined
let page: Page
let adminToken = ""
const pageErrors: string[] = []

// ---------------------------------------------------------------------------
// Helpers (as in scores.spec.ts)

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

/** Runs statements on the store's database directly. */
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
  const file = path.join(SCREENSHOTS, `overview-${String(++shots).padStart(2, "0")}-${name}.png`)
  await page.waitForLoadState("networkidle", { timeout: 5_000 }).catch(() => {})
  await target.screenshot({ path: file, animations: "disabled" })
}

async function openInAdmin(adminPath: string) {
  if (new URL(page.url()).pathname === `/app${adminPath}`) return
  await page.goto(`${server!.url}/app${adminPath}`)
}

/** A toast with this title (Medusa's toaster keeps a few on screen). */
const toast = (title: string | RegExp) =>
  page.locator("[data-sonner-toast]").filter({ hasText: title }).first()

/** How the browser (en-US) writes an amount. */
const money = (amount: number, currency: string) =>
  new Intl.NumberFormat("en-US", { style: "currency", currency: currency.toUpperCase() }).format(amount)

/**
 * A flow and a campaign that sent to three of the demo contacts today, with
 * opens and clicks, and their attributed orders: this month's (one partly
 * refunded, one canceled) and one from last month, which must not count.
 */
async function seedResults() {
  const contacts = await sql<{ id: string; email: string }>(
    `SELECT id, email FROM marketing_contact WHERE deleted_at IS NULL ORDER BY email LIMIT 3`
  )
  expect(contacts).toHaveLength(3)
  await sql(`INSERT INTO marketing_flow (id, name, status, definition) VALUES ($1, $2, 'active', '{}')`, [
    FLOW.id,
    FLOW.name,
  ])
  await sql(
    `INSERT INTO marketing_campaign (id, name, status, template_id, segment_ids) VALUES ($1, $2, 'sent', 'tpl_browser', '[]')`,
    [CAMPAIGN.id, CAMPAIGN.name]
  )
  const sends = [
    { id: "mkt_msg_browser_1", contact: contacts[0], reason: ["flow", FLOW.id], step: "welcome", subject: "Welcome in" },
    { id: "mkt_msg_browser_2", contact: contacts[1], reason: ["flow", FLOW.id], step: "welcome", subject: "Welcome in" },
    { id: "mkt_msg_browser_3", contact: contacts[2], reason: ["campaign", CAMPAIGN.id], step: null, subject: "Spring is here" },
  ]
  for (const [i, send] of sends.entries()) {
    await sql(
      `INSERT INTO marketing_message (id, contact_id, template_version_id, to_email, subject, reason_type, reason_id,
         reason_step, status, send_after, sent_at, idempotency_key, opened_at, clicked_at)
       VALUES ($1, $2, 'tv_browser', $3, $4, $5, $6, $7, 'sent', now() - interval '1 hour', now() - make_interval(mins => $8),
         $1, now() - interval '20 minutes', CASE WHEN $9 THEN now() - interval '15 minutes' END)`,
      [send.id, send.contact.id, send.contact.email, send.subject, ...send.reason, send.step, 50 - i, i !== 1]
    )
    await sql(
      `INSERT INTO marketing_message_event (id, message_id, contact_id, type, occurred_at, source)
       VALUES ($1, $2, $3, $4, now() - interval '15 minutes', 'tracking')`,
      [`mkt_mev_browser_${i}`, send.id, send.contact.id, i === 1 ? "opened" : "clicked"]
    )
  }
  const conversions = [
    // Net 100: 120.50 paid, 20.50 refunded.
    { order: "order_browser_1", send: sends[0], amount: 120.5, refunded: 20.5, canceled: false, lastMonth: false },
    { order: "order_browser_2", send: sends[2], amount: 45, refunded: 0, canceled: false, lastMonth: false },
    { order: "order_browser_3", send: sends[1], amount: 999, refunded: 0, canceled: true, lastMonth: false },
    { order: "order_browser_4", send: sends[1], amount: 30, refunded: 0, canceled: false, lastMonth: true },
  ]
  for (const c of conversions) {
    await sql(
      `INSERT INTO marketing_conversion (id, order_id, contact_id, message_id, reason_type, reason_id, reason_step,
         touch, touched_at, ordered_at, amount, raw_amount, refunded_amount, raw_refunded_amount, currency_code, canceled_at)
       VALUES ($1, $2, $3, $4, $5, $6, $7, 'click', now() - interval '15 minutes',
         CASE WHEN $8 THEN date_trunc('month', now()) - interval '10 days' ELSE now() - interval '10 minutes' END,
         $9::numeric, jsonb_build_object('value', $9::numeric::text, 'precision', 20),
         $10::numeric, jsonb_build_object('value', $10::numeric::text, 'precision', 20), 'eur', CASE WHEN $11 THEN now() END)`,
      [
        `mkt_cnv_${c.order}`,
        c.order,
        c.send.contact.id,
        c.send.id,
        ...c.send.reason,
        c.send.step,
        c.lastMonth,
        c.amount,
        c.refunded,
        c.canceled,
      ]
    )
  }
  return { contacts, sends }
}

// ---------------------------------------------------------------------------
// Store and browser

beforeAll(async () => {
  if (!fs.existsSync(CHROMIUM)) {
    throw new Error(`${CHROMIUM} not found: install Debian's chromium (apt-get install chromium)`)
  }
  fs.mkdirSync(SCREENSHOTS, { recursive: true })
  for (const file of fs.readdirSync(SCREENSHOTS)) {
    if (file.startsWith("overview-")) fs.rmSync(path.join(SCREENSHOTS, file))
  }
  fs.mkdirSync(LOG_DIR, { recursive: true })
  const started = Date.now()

  db = await timed("create database", timings, createDatabase)
  const env = { DATABASE_URL: db.url }
  await timed("medusa db:migrate", timings, () =>
    runMedusa(["db:migrate"], {
      env,
      logFile: path.join(LOG_DIR, "overview-migrate.log"),
      timeoutMs: 150_000,
    })
  )

  const seeding = timed("seed (demo data + admin user)", timings, () =>
    runMedusa(["exec", "./integration-tests/browser/seed.ts", ADMIN_EMAIL, ADMIN_PASSWORD], {
      env,
      logFile: path.join(LOG_DIR, "overview-seed.log"),
      timeoutMs: 150_000,
    })
  )
  seeding.catch(() => {})

  server = await timed("server up (/health)", timings, () =>
    startServer({
      databaseUrl: db!.url,
      logFile: path.join(LOG_DIR, "overview-server.log"),
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
  const consoleLog = fs.createWriteStream(path.join(LOG_DIR, "overview-browser-console.log"))
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
      `screenshots: ${path.relative(ROOT, SCREENSHOTS)}/overview-*, logs: ${path.relative(ROOT, LOG_DIR)}/overview-*`
  )
}, 60_000)

afterEach(() => {
  // An exception in the page is a bug even when the assertions passed.
  expect(pageErrors.splice(0)).toEqual([])
})

// ---------------------------------------------------------------------------

describe("Marketing overview in the browser", () => {
  it("shows the month's attributed revenue, a chart of the last 30 days, top earners and recent sends", async () => {
    const { sends } = await seedResults()
    // What the page must show, summed by the database: this month (UTC, the browser's zone), net, not canceled.
    const [{ revenue }] = await sql<{ revenue: string }>(
      `SELECT sum(greatest(amount - refunded_amount, 0)) AS revenue FROM marketing_conversion
       WHERE deleted_at IS NULL AND canceled_at IS NULL AND currency_code = 'eur'
         AND ordered_at >= date_trunc('month', now() AT TIME ZONE 'UTC') AT TIME ZONE 'UTC'`
    )
    expect(Number(revenue)).toBe(145)

    await openInAdmin("/marketing")
    await expectText(page.getByRole("heading", { level: 1 }), "Marketing")
    // The links others put on the page are still there.
    for (const testId of ["marketing-contacts-link", "marketing-messages-link", "marketing-settings-link"]) {
      await expect(page.getByTestId(testId).isVisible()).resolves.toBe(true)
    }

    const eur = page.locator('[data-testid="overview-revenue-currency"][data-currency="eur"]')
    await expectText(eur.getByTestId("overview-revenue-amount"), money(Number(revenue), "eur"))
    await expectText(eur.getByTestId("overview-revenue-detail"), `2 orders · last month ${money(30, "eur")}`)

    // recharts drew the chart: its SVG, a bar for today's sends, and a line per series.
    const chart = page.getByTestId("overview-activity-chart")
    await eventually(async () => {
      expect(await chart.locator(".recharts-wrapper > svg.recharts-surface").count()).toBe(1)
      expect(await chart.locator(".recharts-bar-rectangle path").count()).toBeGreaterThan(0)
      expect(await chart.locator("path.recharts-line-curve").count()).toBe(3)
    })
    const legend = await texts(chart.locator(".recharts-legend-item-text"))
    expect(legend).toEqual(["Sent", "Opened", "Clicked", "Revenue"])
    // The chart fills its card rather than collapsing to nothing.
    const box = await chart.locator(".recharts-wrapper > svg.recharts-surface").boundingBox()
    expect(box!.width).toBeGreaterThan(400)
    expect(box!.height).toBeGreaterThan(200)
    // Hovering today's column shows its figures.
    await chart.locator(".recharts-bar-rectangle").last().hover()
    const tooltip = chart.locator(".recharts-tooltip-wrapper")
    await eventually(async () => expect(await text(tooltip)).toMatch(/Sent\s*:\s*3/))
    expect(await text(tooltip)).toContain(money(145, "eur"))
    await screenshot("overview", page.getByTestId("overview-results"))

    await expectText(page.getByTestId("overview-top-flows-name"), FLOW.name)
    await expectText(page.getByTestId("overview-top-flows-revenue"), money(100, "eur"))
    await expectText(page.getByTestId("overview-top-campaigns-name"), CAMPAIGN.name)
    await expectText(page.getByTestId("overview-top-campaigns-revenue"), money(45, "eur"))

    // Newest first: the campaign's send went out last, each named after what sent it.
    const rows = page.getByTestId("overview-recent-send")
    const ours = await eventually(async () => {
      const shown = await texts(rows)
      const found = sends.map((send) => shown.findIndex((row) => row.includes(send.contact.email)))
      expect(found.every((index) => index >= 0)).toBe(true)
      return { shown, found }
    })
    expect(ours.found[2]).toBeLessThan(ours.found[1])
    expect(ours.found[1]).toBeLessThan(ours.found[0])
    expect(ours.shown[ours.found[2]]).toContain(CAMPAIGN.name)
    expect(ours.shown[ours.found[0]]).toContain(`${FLOW.name} · welcome`)
  }, TEST_TIMEOUT)

  it("saves the attribution windows on the settings page and does not send a window out of range", async () => {
    await openInAdmin("/marketing/settings")
    const section = page.getByTestId("settings-attribution")
    const click = page.getByTestId("attribution-click-window")
    await eventually(async () => expect(await click.inputValue()).toBe("5"))
    expect(await page.getByTestId("attribution-open-window").inputValue()).toBe("1")

    await click.fill("7")
    await page.getByTestId("attribution-open-window").fill("0")
    await page.getByTestId("settings-attribution-save").click()
    await expect(toast("Revenue attribution saved").waitFor()).resolves.toBeUndefined()
    await page.reload()
    await eventually(async () => expect(await page.getByTestId("attribution-click-window").inputValue()).toBe("7"))
    expect(await page.getByTestId("attribution-open-window").inputValue()).toBe("0")
    expect((await api("/admin/marketing/settings")).settings.attribution).toEqual({
      click_window_days: 7,
      open_window_days: 0,
    })
    await screenshot("settings-attribution", section)

    // The field allows 1 to 90 days: the browser flags 120 and the form is not sent.
    await page.getByTestId("attribution-click-window").fill("120")
    await page.getByTestId("settings-attribution-save").click()
    expect(
      await page.getByTestId("attribution-click-window").evaluate((input: HTMLInputElement) => input.validity.rangeOverflow)
    ).toBe(true)
    await sleep(1_000)
    expect(await toast("Revenue attribution saved").count()).toBe(0)
    expect((await api("/admin/marketing/settings")).settings.attribution.click_window_days).toBe(7)
  }, TEST_TIMEOUT)
})
