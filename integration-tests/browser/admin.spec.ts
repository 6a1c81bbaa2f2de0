/**
 * The plugin's admin pages in a real browser: headless Chromium (Debian's
 * /usr/bin/chromium, driven by playwright-core) logs in to the development
 * store, opens Marketing → Contacts, a contact, and a customer with the
 * marketing widget, runs the import of existing customers, and checks what a
 * merchandiser reads on each page.
 *
 * The store is the repository's own (medusa-config.ts), booted by
 * ./dev-store.ts on a fresh database with the demo data
 * (src/scripts/seed-demo.ts, through ./seed.ts). Expected values come from
 * Medusa's own admin API (customers, orders), not from the plugin, so a page
 * that shows wrong numbers fails as well as one that shows nothing.
 *
 * Screenshots of every page land in .cache/screenshots/, the store's logs
 * and the browser console in .cache/browser/.
 *
 *   npm run test:browser          (brings its own Postgres if DB_HOST is unset)
 *   TEST_TYPE=browser NODE_OPTIONS=--experimental-vm-modules \
 *     DB_HOST=localhost DB_PORT=5432 DB_USERNAME=postgres DB_PASSWORD= \
 *     npx jest --runInBand --forceExit
 */
import fs from "node:fs"
import path from "node:path"
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
// What the storefront's newsletter form sends for the subject (beforeAll).
const CONSENT_SOURCE = "footer_form"
const CONSENT_TEXT = "Yes, send me news and offers by email."

const SETUP_TIMEOUT = 6 * 60_000
const TEST_TIMEOUT = 90_000
// How long a page may take to show what it should (API answer + render).
const UI_TIMEOUT = 20_000

// "6 months ago", "last month", "yesterday", "just now": relative times.
const RELATIVE_PAST = /^(.+ ago|just now|now|yesterday|last (week|month|year))$/
// "Nov 29, 2026, 4:28 AM" in an en-US browser.
const DATE_TIME = /^[A-Z][a-z]{2} \d{1,2}, \d{4}, \d{1,2}:\d{2} [AP]M$/

const timings: Record<string, number> = {}
let db: Database | undefined
let server: Server | undefined
let browser: Browser | undefined
let page: Page
let adminToken = ""
const pageErrors: string[] = []

type Order = { id: string; display_id: number; total: number; currency_code: string }

/** What Medusa knows about the store, read through its admin API. */
const store = {
  name: "",
  customersCount: 0,
  ordersCount: 0,
  contactsCount: 0,
}

/** A customer with an account who has never ordered. */
const nonBuyer = { customerId: "", email: "" }

/** The contact the tests follow: the customer with the most orders. */
const subject = {
  contactId: "",
  customerId: "",
  email: "",
  name: "",
  orders: [] as Order[],
  currency: "",
  total: 0,
}

// ---------------------------------------------------------------------------
// Helpers

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
  init: { method?: string; body?: unknown; headers?: Record<string, string> } = {}
): Promise<T> {
  const res = await fetch(`${server!.url}${urlPath}`, {
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
}

/** An amount as the admin shows it in an en-US browser: "€589.75". */
const money = (amount: number, currency: string) =>
  new Intl.NumberFormat("en-US", {
    style: "currency",
    currency: currency.toUpperCase(),
  }).format(amount)

const plural = (count: number, word: string) => `${count} ${word}${count === 1 ? "" : "s"}`

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
  const file = path.join(SCREENSHOTS, `${String(++shots).padStart(2, "0")}-${name}.png`)
  // Let fonts and images settle for a picture a human can judge.
  await page.waitForLoadState("networkidle", { timeout: 5_000 }).catch(() => {})
  await target.screenshot({ path: file, animations: "disabled" })
}

/**
 * Each test after the login starts from its page's address, so that one
 * failing test does not take the next ones down with it. (The session
 * cookie keeps the browser logged in.)
 */
async function openInAdmin(adminPath: string) {
  if (new URL(page.url()).pathname === `/app${adminPath}`) return
  await page.goto(`${server!.url}/app${adminPath}`)
}

/** The admin's navigation on the left. */
const sidebar = () => page.locator("aside").first()

const rowEmails = () => texts(page.getByTestId("contact-row-email"))

/** The contacts table row of one contact, found by its email link. */
const contactRow = (email: string) =>
  page.locator("tbody tr", {
    has: page.getByTestId("contact-row-email").filter({ hasText: email }),
  })

const expectContactsCount = (count: number) =>
  expectText(page.getByTestId("contacts-count"), plural(count, "contact"))

// ---------------------------------------------------------------------------
// Store and browser

beforeAll(async () => {
  if (!fs.existsSync(CHROMIUM)) {
    throw new Error(`${CHROMIUM} not found: install Debian's chromium (apt-get install chromium)`)
  }
  fs.rmSync(SCREENSHOTS, { recursive: true, force: true })
  fs.mkdirSync(SCREENSHOTS, { recursive: true })
  fs.mkdirSync(LOG_DIR, { recursive: true })
  const started = Date.now()

  db = await timed("create database", timings, createDatabase)
  const env = { DATABASE_URL: db.url }
  await timed("medusa db:migrate", timings, () =>
    runMedusa(["db:migrate"], {
      env,
      logFile: path.join(LOG_DIR, "migrate.log"),
      timeoutMs: 150_000,
    })
  )

  // Seeding, and booting the server with Vite's first build of the admin,
  // are independent: run them side by side.
  const seeding = timed("seed (demo data + admin user)", timings, () =>
    runMedusa(["exec", "./integration-tests/browser/seed.ts", ADMIN_EMAIL, ADMIN_PASSWORD], {
      env,
      logFile: path.join(LOG_DIR, "seed.log"),
      timeoutMs: 150_000,
    })
  )
  // Awaited below; this keeps a failure meanwhile from being "unhandled".
  seeding.catch(() => {})

  server = await timed("server up (/health)", timings, () =>
    startServer({
      databaseUrl: db!.url,
      logFile: path.join(LOG_DIR, "server.log"),
      timeoutMs: 90_000,
    })
  )

  browser = await timed("launch chromium", timings, () =>
    chromium.launch({
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
  )
  const context = await browser.newContext({
    viewport: { width: 1440, height: 1000 },
    locale: "en-US",
    timezoneId: "UTC",
  })
  page = await context.newPage()
  page.setDefaultTimeout(UI_TIMEOUT)
  page.setDefaultNavigationTimeout(60_000)
  const consoleLog = fs.createWriteStream(path.join(LOG_DIR, "browser-console.log"))
  page.on("console", (message) => consoleLog.write(`${message.type()}: ${message.text()}\n`))
  page.on("pageerror", (error) => {
    pageErrors.push(error.message)
    consoleLog.write(`pageerror: ${error.stack || error.message}\n`)
  })

  // The first visit makes Vite transform the admin (and pre-bundle its
  // dependencies when node_modules/.vite is cold: ~40 s more). Waiting for
  // the login form here keeps that out of the tests' own timeouts.
  await timed("first admin page load (Vite)", timings, async () => {
    await page.goto(`${server!.url}/app`, { timeout: 150_000 })
    await page.locator('input[name="email"]').waitFor({ timeout: 150_000 })
    await page.waitForLoadState("networkidle", { timeout: 30_000 }).catch(() => {})
  })

  await seeding

  await timed("test data via the API", timings, async () => {
    ;({ token: adminToken } = await api("/auth/user/emailpass", {
      method: "POST",
      body: { email: ADMIN_EMAIL, password: ADMIN_PASSWORD },
    }))

    const {
      stores: [{ name }],
    } = await api("/admin/stores?fields=name")
    store.name = name

    // The subject, and the truth about their orders, come from Medusa.
    const { orders, count: ordersCount } = await api(
      "/admin/orders?fields=id,display_id,total,currency_code,customer_id&limit=1000"
    )
    store.ordersCount = ordersCount
    store.customersCount = (await api("/admin/customers?fields=id&limit=1")).count
    const byCustomer = new Map<string, Order[]>()
    for (const order of orders) {
      if (!order.customer_id) continue
      byCustomer.set(order.customer_id, [...(byCustomer.get(order.customer_id) ?? []), order])
    }
    const [customerId, customerOrders] = [...byCustomer].sort(
      ([a, x], [b, y]) => y.length - x.length || a.localeCompare(b)
    )[0]
    const { customers } = await api("/admin/customers?fields=id,email,has_account&limit=1000")
    const quiet = customers.find((c: any) => c.has_account && !byCustomer.has(c.id))
    if (quiet) Object.assign(nonBuyer, { customerId: quiet.id, email: quiet.email })
    const { customer } = await api(`/admin/customers/${customerId}`)
    const {
      contacts: [contact],
    } = await api(`/admin/marketing/contacts?customer_id=${customerId}`)
    if (!contact) throw new Error(`The plugin made no contact for customer ${customer.email}`)
    Object.assign(subject, {
      contactId: contact.id,
      customerId,
      email: customer.email,
      name: [customer.first_name, customer.last_name].filter(Boolean).join(" "),
      orders: customerOrders,
      currency: customerOrders[0].currency_code,
      total: customerOrders.reduce((sum, order) => sum + Number(order.total), 0),
    })

    // The subject signs up for the newsletter on the storefront.
    const {
      api_keys: [key],
    } = await api("/admin/api-keys?type=publishable&limit=1")
    await api("/store/marketing/subscribe", {
      method: "POST",
      headers: { "x-publishable-api-key": key.token },
      body: { email: subject.email, source: CONSENT_SOURCE, consent_text: CONSENT_TEXT },
    })
    store.contactsCount = (await api("/admin/marketing/contacts?limit=1")).count
  })

  timings["setup total"] = Date.now() - started
  log(`setup total: ${(timings["setup total"] / 1000).toFixed(1)} s`)
}, SETUP_TIMEOUT)

afterAll(async () => {
  const started = Date.now()
  await browser?.close().catch(() => {})
  await stopGroup(server?.child, 15_000)
  await stopAll() // a seed still running if the setup failed early
  await db?.drop().catch((err) => log(`could not drop database ${db!.name}: ${err.message}`))
  timings["cleanup"] = Date.now() - started
  const lines = Object.entries(timings).map(
    ([label, ms]) => `  ${label}: ${(ms / 1000).toFixed(1)} s`
  )
  log(
    `timings:\n${lines.join("\n")}\n` +
      `screenshots: ${path.relative(ROOT, SCREENSHOTS)}/, logs: ${path.relative(ROOT, LOG_DIR)}/`
  )
}, 60_000)

afterEach(() => {
  // An exception in the page is a bug even when the assertions passed.
  expect(pageErrors.splice(0)).toEqual([])
})

// ---------------------------------------------------------------------------

describe("Marketing admin in the browser", () => {
  it("logs in with the email and password form", async () => {
    expect(new URL(page.url()).pathname).toBe("/app/login")
    await screenshot("login")
    await page.locator('input[name="email"]').fill(ADMIN_EMAIL)
    await page.locator('input[name="password"]').fill(ADMIN_PASSWORD)
    await page.getByRole("button", { name: "Continue with Email" }).click()
    await page.waitForURL((url) => !url.pathname.startsWith("/app/login"))

    // The admin's shell: the store's name and the signed-in user.
    await eventually(async () => {
      expect(await text(sidebar())).toContain(store.name)
      expect(await text(sidebar())).toContain(ADMIN_EMAIL)
    })
  }, TEST_TIMEOUT)

  it("lists the contacts under Marketing → Contacts, searches and filters them", async () => {
    // The plugin's entry in the admin's sidebar, and its overview page.
    await sidebar().getByRole("link", { name: "Marketing", exact: true }).click()
    await page.waitForURL("**/app/marketing")
    await expectText(page.getByRole("heading", { level: 1 }), "Marketing")
    await expectText(
      page.getByTestId("marketing-contacts-link"),
      `Contacts ${plural(store.contactsCount, "contact")} · 1 subscribed`
    )
    await screenshot("marketing-overview")

    await sidebar().getByRole("link", { name: "Contacts", exact: true }).click()
    await page.waitForURL("**/app/marketing/contacts")
    await expectText(page.getByRole("heading", { level: 1 }), "Contacts")
    await expectContactsCount(store.contactsCount)

    // The first page: the API's contacts, newest first. (Contacts created in
    // the same instant may come in either order, so compare their dates.)
    const { contacts: firstPage } = await api(
      "/admin/marketing/contacts?limit=20&order=-created_at"
    )
    const createdAt = new Map<string, number>(
      firstPage.map((c: any) => [c.email, new Date(c.created_at).getTime()])
    )
    const emails = await eventually(async () => {
      const emails = await rowEmails()
      expect([...emails].sort()).toEqual([...createdAt.keys()].sort())
      return emails
    })
    const dates = emails.map((email) => createdAt.get(email)!)
    expect(dates).toEqual([...dates].sort((a, b) => b - a))

    // The subject's row, as a person reads it.
    const cells = await texts(contactRow(subject.email).locator("td"))
    expect(cells.slice(0, 5)).toEqual([
      subject.email,
      subject.name,
      "Subscribed",
      String(subject.orders.length),
      money(subject.total, subject.currency),
    ])
    expect(cells[5]).toMatch(RELATIVE_PAST) // last order
    expect(cells[6]).toMatch(RELATIVE_PAST) // last seen
    // Every row's spend reads as money, or "-" for someone who never ordered.
    const spent = await texts(page.locator("tbody tr td:nth-child(5)"))
    expect(spent).toHaveLength(firstPage.length)
    for (const amount of spent) expect(amount).toMatch(/^(-|[^\d\s]+[\d,]+\.\d{2})$/)
    await screenshot("contacts")

    // Searching for an email narrows the list to that contact.
    const search = page.getByPlaceholder("Search email or name")
    await search.fill(subject.email)
    await eventually(async () => {
      expect(await rowEmails()).toEqual([subject.email])
      expect(await text(page.getByTestId("contacts-count"))).toBe("1 contact")
    })
    await screenshot("contacts-search")
    await search.fill("")
    await expectContactsCount(store.contactsCount)

    // The consent filter: only the subject has subscribed.
    await page.getByTestId("contacts-table").locator('button[aria-haspopup="menu"]').click()
    await page.getByRole("menuitem", { name: "Consent" }).click()
    await page.getByRole("dialog").getByText("Subscribed", { exact: true }).click()
    await page.keyboard.press("Escape")
    await eventually(async () => {
      expect(await rowEmails()).toEqual([subject.email])
      expect(await text(page.getByTestId("contacts-count"))).toBe("1 contact")
    })
    await screenshot("contacts-filter-subscribed")
    await page.getByRole("button", { name: "Clear all" }).click()
    await expectContactsCount(store.contactsCount)
    await eventually(async () =>
      expect(await rowEmails()).toHaveLength(Math.min(store.contactsCount, 20))
    )
  }, TEST_TIMEOUT)

  it("opens a contact: consent, profile facts and timeline", async () => {
    await openInAdmin("/marketing/contacts")
    await page.getByTestId("contact-row-email").filter({ hasText: subject.email }).click()
    await page.waitForURL(`**/app/marketing/contacts/${subject.contactId}`)

    await expectText(page.getByTestId("contact-email"), subject.email)
    const detail = page.getByTestId("contact-detail")
    await expectText(detail.getByTestId("consent-badge").first(), "Subscribed")
    await expectText(page.getByTestId("fact-name"), subject.name)
    await expectText(page.getByTestId("fact-customer"), "View customer")

    // Consent and its evidence, as the storefront recorded it.
    await expectText(page.getByTestId("fact-consent-status"), "Subscribed")
    await expectText(page.getByTestId("fact-consent-source"), CONSENT_SOURCE)
    await expectText(page.getByTestId("fact-consent-text"), CONSENT_TEXT)
    await expectText(page.getByTestId("fact-consent-at"), DATE_TIME)

    // Profile facts, against Medusa's own orders of this customer.
    const count = subject.orders.length
    await expectText(page.getByTestId("fact-orders-count"), String(count))
    await expectText(page.getByTestId("fact-total-spent"), money(subject.total, subject.currency))
    await expectText(
      page.getByTestId("fact-average-order-value"),
      money(subject.total / count, subject.currency)
    )
    // "Jan 24, 2026 (10 months ago)"
    await expectText(
      page.getByTestId("fact-first-order-at"),
      /^[A-Z][a-z]{2} \d{1,2}, \d{4} \(.+\)$/
    )

    // The timeline, newest first: the subscription just now, every real
    // order with its number and total, the sign-up last.
    const timeline = page.getByTestId("timeline")
    await expectText(
      timeline.getByTestId("timeline-entry").first(),
      /^Subscribed (just now|now|\d+ (second|minute)s? ago)$/
    )
    const labels = await texts(timeline.getByTestId("timeline-entry-label"))
    expect(labels[0]).toBe("Subscribed")
    expect(labels[labels.length - 1]).toBe("Signed up")
    expect(labels.filter((label) => label.startsWith("Placed order")).sort()).toEqual(
      subject.orders
        .map(
          (order) =>
            `Placed order #${order.display_id} · ${money(order.total, order.currency_code)}`
        )
        .sort()
    )
    for (const time of await texts(timeline.getByTestId("timeline-entry-time"))) {
      expect(time).toMatch(RELATIVE_PAST)
    }
    await screenshot("contact-detail")
  }, TEST_TIMEOUT)

  it("shows the marketing widget on the customer's page, linking to the contact", async () => {
    await openInAdmin(`/marketing/contacts/${subject.contactId}`)
    await page.getByTestId("contact-customer-link").click()
    await page.waitForURL(`**/app/customers/${subject.customerId}`)
    // Medusa's own customer page, with the plugin's widget in it.
    await expectText(page.getByRole("heading", { level: 1 }).first(), subject.email)
    const widget = page.getByTestId("customer-marketing-widget")
    await widget.scrollIntoViewIfNeeded()

    await expectText(widget.getByRole("heading", { level: 2 }), "Marketing")
    await expectText(widget.getByTestId("consent-badge"), "Subscribed")
    await expectText(widget.getByTestId("fact-orders-count"), String(subject.orders.length))
    await expectText(widget.getByTestId("fact-total-spent"), money(subject.total, subject.currency))
    await expectText(widget.getByTestId("fact-last-order-at"), RELATIVE_PAST)

    // Recent activity: at most five entries, the subscription first.
    const labels = await eventually(async () => {
      const labels = await texts(widget.getByTestId("timeline-entry-label"))
      expect(labels.length).toBeGreaterThan(1)
      return labels
    })
    expect(labels.length).toBeLessThanOrEqual(5)
    expect(labels[0]).toBe("Subscribed")
    for (const label of labels.slice(1)) {
      expect(label).toMatch(/^(Placed order #\d+ · \D+[\d,]+\.\d{2}|Signed up)$/)
    }
    await screenshot("customer-page")
    await screenshot("customer-widget", widget)

    const link = widget.getByTestId("customer-marketing-profile-link")
    await expectText(link, "View marketing profile")
    await link.click()
    await page.waitForURL(`**/app/marketing/contacts/${subject.contactId}`)
    await expectText(page.getByTestId("contact-email"), subject.email)

    // Someone who signed up but never bought: no orders, nothing spent.
    if (nonBuyer.customerId) {
      await openInAdmin(`/customers/${nonBuyer.customerId}`)
      await expectText(page.getByRole("heading", { level: 1 }).first(), nonBuyer.email)
      const widget = page.getByTestId("customer-marketing-widget")
      await expectText(widget.getByTestId("fact-orders-count"), "0")
      await expectText(widget.getByTestId("fact-total-spent"), "-")
      await expectText(widget.getByTestId("fact-last-order-at"), "-")
      await expectText(widget.getByTestId("timeline-entry-label").first(), /^Signed up$|cart/)
      await screenshot("customer-widget-no-orders", widget)
    }
  }, TEST_TIMEOUT)

  it("imports existing customers from the Contacts page", async () => {
    await openInAdmin("/marketing/contacts")
    await expectContactsCount(store.contactsCount)
    const status = page.getByTestId("backfill-status")
    // Nobody has run the import in this store yet: no status line.
    await eventually(async () => {
      expect(await status.getAttribute("data-status")).toBe("idle")
      expect(await text(status)).toBe("")
    })

    const button = page.getByTestId("backfill-button")
    await expectText(button, "Import existing customers")
    await button.click()
    await expectText(
      status,
      `Import finished. Imported ${plural(store.customersCount, "customer")} and ` +
        `${plural(store.ordersCount, "order")}.`,
      60_000
    )
    await eventually(async () => expect(await button.isEnabled()).toBe(true))

    // Importing people who are contacts already changes nothing they show:
    // no duplicates, the same orders, the consent kept.
    await eventually(async () => {
      expect(await text(page.getByTestId("contacts-count"))).toBe(
        plural(store.contactsCount, "contact")
      )
      const cells = await texts(contactRow(subject.email).locator("td"))
      expect(cells.slice(2, 5)).toEqual([
        "Subscribed",
        String(subject.orders.length),
        money(subject.total, subject.currency),
      ])
    })
    await screenshot("contacts-after-import")
  }, TEST_TIMEOUT)
})
