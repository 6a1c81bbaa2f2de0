/**
 * The Campaigns pages of the plugin's admin in a real browser: the wizard
 * (a live audience count while segments are picked, a template with its
 * preview, an A/B test on the subject, a schedule, and the server's refusal
 * shown on the step of the field it names), the list with its status
 * filter and search, a campaign's page with cancelling, drafts saved and
 * deleted, and a campaign sent now whose results and hourly chart show the
 * open that really happened.
 *
 * Same harness as ./emails.spec.ts: headless Chromium (Debian's
 * /usr/bin/chromium, driven by playwright-core) against the repository's own
 * store, booted by ./dev-store.ts on a fresh database with the demo data.
 * Mail goes out through the plugin's SMTP provider to a capture server on
 * loopback (../helpers/smtp-capture.ts). The template and segments the
 * campaigns use are created through the admin API first.
 *
 * Screenshots land in .cache/screenshots/ (named campaigns-*), the store's
 * logs and the browser console in .cache/browser/ (named campaigns-*).
 *
 *   TEST_TYPE=browser NODE_OPTIONS=--experimental-vm-modules \
 *     DB_HOST=localhost DB_PORT=5432 DB_USERNAME=postgres DB_PASSWORD= \
 *     npx jest --runInBand --forceExit integration-tests/browser/campaigns.spec.ts
 */
import fs from "node:fs"
import path from "node:path"
import { Browser, chromium, Locator, Page } from "playwright-core"
import { sampleSize } from "../../src/lib/campaigns/ab-test"
import { useSmtpCapture } from "../helpers/smtp-capture"
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

// Listens, and sets SMTP_HOST for the store, before the store starts below.
const smtp = useSmtpCapture()

const CHROMIUM = process.env.CHROMIUM_PATH || "/usr/bin/chromium"
const SCREENSHOTS = path.join(ROOT, ".cache", "screenshots")
const ADMIN_EMAIL = "admin@example.com"
const ADMIN_PASSWORD = "supersecret"

const SETUP_TIMEOUT = 6 * 60_000
const TEST_TIMEOUT = 120_000
// The sending job and the dispatcher each run once a minute on the real clock.
const SEND_TIMEOUT = 5 * 60_000
// How long a page may take to show what it should (API answer + render).
const UI_TIMEOUT = 20_000

const TEMPLATE = {
  name: "Spring news",
  subject: "Spring news for {{ contact.first_name }}",
  mjml: `<mjml><mj-body><mj-section><mj-column>
  <mj-text>Hi {{ contact.first_name | default: "there" }}, spring is here.</mj-text>
  <mj-button href="https://shop.example.com/spring">Shop the collection</mj-button>
</mj-column></mj-section></mj-body></mjml>`,
}
const EVERYONE = "Everyone at example.com"
const ANNA = "Anna"
const ANNA_EMAIL = "anna.schmidt@example.com"
const CAMPAIGN = "Spring sale"
const SUBJECT = "Spring is here, {{ contact.first_name }}"
const VARIANT_A = "New linen for {{ contact.first_name }}"
// A Liquid tag without its condition: the server refuses it, naming the variant's subject.
const VARIANT_B_BROKEN = "{% if %}Last days"
const VARIANT_B = "Last days of the spring sale"

const timings: Record<string, number> = {}
let db: Database | undefined
let server: Server | undefined
let browser: Browser | undefined
let page: Page
let adminToken = ""
const pageErrors: string[] = []

/** What setup and the tests create, for the ones after them. */
const created = { templateId: "", everyoneId: "", annaId: "", campaignId: "" }

// ---------------------------------------------------------------------------
// Helpers (as in emails.spec.ts)

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms))

/** Retries `fn` (which asserts) until it passes or `timeout` ms have passed. */
async function eventually<T>(fn: () => Promise<T>, timeout = UI_TIMEOUT, interval = 200): Promise<T> {
  const deadline = Date.now() + timeout
  for (;;) {
    try {
      return await fn()
    } catch (err) {
      if (Date.now() > deadline) throw err
      await sleep(interval)
    }
  }
}

async function api<T = any>(urlPath: string, init: { method?: string; body?: unknown } = {}): Promise<T> {
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

const squash = (value: string) => value.replace(/\s+/g, " ").trim()

const text = async (locator: Locator, timeout = 2_000) => squash(await locator.innerText({ timeout }))

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
  const file = path.join(SCREENSHOTS, `campaigns-${String(++shots).padStart(2, "0")}-${name}.png`)
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
const toast = (title: string | RegExp) => page.locator("[data-sonner-toast]").filter({ hasText: title }).first()

const wizard = () => page.getByTestId("campaign-wizard")

/** The wizard step on screen, by its progress tab. */
const activeStep = () =>
  wizard()
    .locator('[data-testid^="campaign-step-"][data-state="active"]')
    .getAttribute("data-testid")
    .then((id) => id?.replace("campaign-step-", ""))

const expectStep = (step: string) => eventually(async () => expect(await activeStep()).toBe(step))

/** A segment's checkbox in the wizard's "Send to" or "Leave out" list. */
const segmentBox = (list: "include" | "exclude", name: string) =>
  page.getByTestId(`campaign-${list}-segments`).getByRole("checkbox", { name, exact: true })

/** Picks an option of a Radix select. */
async function choose(trigger: Locator, option: string) {
  await trigger.click()
  await page.getByRole("option", { name: option, exact: true }).click()
}

/** How many contacts the API counts for these segments. */
const audienceOf = async (segment_ids: string[], exclude_segment_ids: string[] = []) =>
  (
    await api<{ count: number }>("/admin/marketing/campaigns/audience", {
      method: "POST",
      body: { segment_ids, exclude_segment_ids },
    })
  ).count

/** The audience count the wizard shows once it has settled. */
const expectAudience = (count: number) =>
  eventually(async () => {
    const shown = page.getByTestId("campaign-audience-count")
    expect(await text(shown)).toBe(String(count))
    expect(await shown.locator("xpath=..").getAttribute("data-state")).toBe("ready")
  })

/** 09:00 UTC three days from now, as the date-time input takes it and as the API stores it. */
const inThreeDays = () => {
  const day = new Date(Date.now() + 3 * 24 * 3_600_000).toISOString().slice(0, 10)
  return { input: `${day}T09:00`, iso: `${day}T09:00:00.000Z` }
}

// ---------------------------------------------------------------------------
// Store and browser

beforeAll(async () => {
  if (!fs.existsSync(CHROMIUM)) {
    throw new Error(`${CHROMIUM} not found: install Debian's chromium (apt-get install chromium)`)
  }
  fs.mkdirSync(SCREENSHOTS, { recursive: true })
  for (const file of fs.readdirSync(SCREENSHOTS)) {
    if (file.startsWith("campaigns-")) fs.rmSync(path.join(SCREENSHOTS, file))
  }
  fs.mkdirSync(LOG_DIR, { recursive: true })
  const started = Date.now()

  db = await timed("create database", timings, createDatabase)
  const env = { DATABASE_URL: db.url }
  await timed("medusa db:migrate", timings, () =>
    runMedusa(["db:migrate"], {
      env,
      logFile: path.join(LOG_DIR, "campaigns-migrate.log"),
      timeoutMs: 150_000,
    })
  )

  const seeding = timed("seed (demo data + admin user)", timings, () =>
    runMedusa(["exec", "./integration-tests/browser/seed.ts", ADMIN_EMAIL, ADMIN_PASSWORD], {
      env,
      logFile: path.join(LOG_DIR, "campaigns-seed.log"),
      timeoutMs: 150_000,
    })
  )
  seeding.catch(() => {})

  server = await timed("server up (/health)", timings, () =>
    startServer({
      databaseUrl: db!.url,
      logFile: path.join(LOG_DIR, "campaigns-server.log"),
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
    // The date-time input then reads in UTC, like the times this test expects.
    timezoneId: "UTC",
  })
  page = await context.newPage()
  page.setDefaultTimeout(UI_TIMEOUT)
  page.setDefaultNavigationTimeout(60_000)
  const consoleLog = fs.createWriteStream(path.join(LOG_DIR, "campaigns-browser-console.log"))
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

  await timed("template and segments (admin API)", timings, async () => {
    const { template } = await api("/admin/marketing/templates", {
      method: "POST",
      body: { name: TEMPLATE.name, content: { subject: TEMPLATE.subject, mjml: TEMPLATE.mjml } },
    })
    created.templateId = template.id
    const segment = async (name: string, field: { operator: string; value: string }) =>
      (
        await api("/admin/marketing/segments", {
          method: "POST",
          body: {
            name,
            rules: { type: "group", match: "all", rules: [{ type: "field", field: "email", ...field }] },
          },
        })
      ).segment.id as string
    created.everyoneId = await segment(EVERYONE, { operator: "contains", value: "@example.com" })
    created.annaId = await segment(ANNA, { operator: "starts_with", value: "anna." })
    // The demo customers are contacts by now: the counts below mean something.
    const everyone = await audienceOf([created.everyoneId])
    const anna = await audienceOf([created.annaId])
    if (everyone < 3 || anna !== 1) {
      throw new Error(`The demo data changed: ${everyone} contacts at example.com, ${anna} Anna`)
    }
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
  const lines = Object.entries(timings).map(([label, ms]) => `  ${label}: ${(ms / 1000).toFixed(1)} s`)
  log(
    `timings:\n${lines.join("\n")}\n` +
      `screenshots: ${path.relative(ROOT, SCREENSHOTS)}/campaigns-*, logs: ${path.relative(ROOT, LOG_DIR)}/campaigns-*`
  )
}, 60_000)

afterEach(() => {
  // An exception in the page is a bug even when the assertions passed.
  expect(pageErrors.splice(0)).toEqual([])
})

// ---------------------------------------------------------------------------

describe("Marketing campaigns in the browser", () => {
  it("links Campaigns from the overview and the sidebar", async () => {
    await openInAdmin("/marketing")
    await expectText(page.getByTestId("marketing-campaigns-link"), /^Campaigns 0 scheduled · /)
    await expect(sidebar().getByRole("link", { name: "Campaigns", exact: true }).isVisible()).resolves.toBe(true)

    await page.getByTestId("marketing-campaigns-link").click()
    await page.waitForURL("**/app/marketing/campaigns")
    await expectText(page.getByRole("heading", { level: 1 }), "Campaigns")
    await expectText(page.getByTestId("campaigns-count"), "0 campaigns")
  }, TEST_TIMEOUT)

  it("builds an A/B-tested campaign step by step and schedules it, after the server's refusal is shown on its step", async () => {
    const everyone = await audienceOf([created.everyoneId])
    const withoutAnna = await audienceOf([created.everyoneId], [created.annaId])
    expect(withoutAnna).toBe(everyone - 1)

    await openInAdmin("/marketing/campaigns")
    await page.getByTestId("create-campaign").click()
    await wizard().waitFor()
    await expectStep("audience")
    await expectText(page.getByTestId("campaign-audience-waiting"), "Choose a segment to see how many contacts it reaches.")

    // Nothing chosen yet: the step says what is missing and keeps the merchant there.
    await page.getByTestId("campaign-continue").click()
    await expectText(page.getByTestId("campaign-issue-name"), "Give the campaign a name.")
    await expectText(page.getByTestId("campaign-issue-segment_ids"), "Choose at least one segment to send to.")
    await expectStep("audience")

    // The live count follows each pick.
    await page.getByTestId("campaign-name").fill(CAMPAIGN)
    await segmentBox("include", EVERYONE).click()
    await expectAudience(everyone)
    expect(await page.getByTestId("campaign-issue-segment_ids").count()).toBe(0)
    // A segment sent to cannot also be left out.
    expect(await segmentBox("exclude", EVERYONE).isDisabled()).toBe(true)
    await segmentBox("exclude", ANNA).click()
    await expectAudience(withoutAnna)
    await screenshot("wizard-audience")

    await page.getByTestId("campaign-continue").click()
    await expectStep("content")
    await choose(page.getByTestId("campaign-template"), TEMPLATE.name)
    // The preview renders the template with the sample contact, then with the subject override.
    await expectText(page.getByTestId("email-preview-subject"), "Spring news for Ana")
    await page.getByTestId("campaign-subject").fill(SUBJECT)
    await expectText(page.getByTestId("email-preview-subject"), "Spring is here, Ana")
    await screenshot("wizard-content")

    await page.getByTestId("campaign-continue").click()
    await expectStep("ab_test")
    await page.getByTestId("campaign-ab-enabled").click()
    await page.getByTestId("campaign-ab-variant-a-subject").fill(VARIANT_A)
    await page.getByTestId("campaign-ab-variant-b-subject").fill(VARIANT_B_BROKEN)
    await page.getByTestId("campaign-ab-sample").fill("30")
    await choose(page.getByTestId("campaign-ab-metric"), "Click rate")
    await page.getByTestId("campaign-ab-hours").fill("6")
    const sample = sampleSize(withoutAnna, 30, 2)
    const explanation = await expectText(
      page.getByTestId("campaign-ab-explanation"),
      new RegExp(`30% of the audience \\(${sample} of ${withoutAnna} contacts now\\)`)
    )
    expect(explanation).toContain("6 hours later, the variant with the most clicks per email sent wins")
    expect(explanation).toContain(`the other ${withoutAnna - sample} contacts`)
    await screenshot("wizard-ab-test")

    await page.getByTestId("campaign-continue").click()
    await expectStep("schedule")
    await page.getByTestId("campaign-send-later").click()
    const when = inThreeDays()
    await page.getByTestId("campaign-scheduled-at").fill(when.input)
    const review = page.getByTestId("campaign-review")
    await expectText(review.getByTestId("fact-review-name"), CAMPAIGN)
    await expectText(
      review.getByTestId("fact-review-audience"),
      `${EVERYONE}, leaving out ${ANNA} (${withoutAnna} contacts now)`
    )
    await expectText(review.getByTestId("fact-review-template"), TEMPLATE.name)
    await expectText(review.getByTestId("fact-review-subject"), SUBJECT)
    await expectText(review.getByTestId("fact-review-ab-test"), /^30% sample, winner by click rate after 6 hours/)
    await expectText(review.getByTestId("fact-review-when"), /9:00 AM$/)
    await expectText(page.getByTestId("campaign-confirm"), "Schedule campaign")
    await screenshot("wizard-schedule")

    // The server refuses variant B's subject: the wizard goes back to the A/B step and says so under it.
    await page.getByTestId("campaign-confirm").click()
    await expect(toast("The campaign was not created").waitFor()).resolves.toBeUndefined()
    await expectStep("ab_test")
    await expectText(page.getByTestId("campaign-ab-variant-b-issue"), /^ab_test\.variants\[1\]\.subject: /)
    expect(await page.getByTestId("campaign-ab-variant-a-issue").count()).toBe(0)
    expect((await api("/admin/marketing/campaigns")).count).toBe(0)
    await screenshot("wizard-refused")

    await page.getByTestId("campaign-ab-variant-b-subject").fill(VARIANT_B)
    expect(await page.getByTestId("campaign-ab-variant-b-issue").count()).toBe(0)
    await page.getByTestId("campaign-step-schedule").click()
    await expectStep("schedule")
    await page.getByTestId("campaign-confirm").click()
    await expect(toast("Campaign scheduled").waitFor()).resolves.toBeUndefined()
    await page.waitForURL(/\/app\/marketing\/campaigns\/mkt_cmp_/)
    created.campaignId = new URL(page.url()).pathname.split("/").pop()!
    await expectText(page.getByTestId("campaign-title"), CAMPAIGN)
    expect(await page.getByTestId("campaign-page").getByTestId("campaign-status-badge").getAttribute("data-status")).toBe(
      "scheduled"
    )

    // What the server stored is what the wizard showed.
    const { campaign } = await api(`/admin/marketing/campaigns/${created.campaignId}`)
    expect(campaign).toMatchObject({
      name: CAMPAIGN,
      status: "scheduled",
      template_id: created.templateId,
      subject: SUBJECT,
      segment_ids: [created.everyoneId],
      exclude_segment_ids: [created.annaId],
      transactional: false,
      scheduled_at: when.iso,
      local_time: false,
      ab_test: {
        variants: [
          { key: "a", subject: VARIANT_A },
          { key: "b", subject: VARIANT_B },
        ],
        sample_percent: 30,
        metric: "click_rate",
        decide_after_hours: 6,
      },
    })
  }, TEST_TIMEOUT)

  it("lists the campaign as scheduled, with the status filter and the search", async () => {
    expect(created.campaignId).toBeTruthy()
    await openInAdmin("/marketing/campaigns")
    await expectText(page.getByTestId("campaigns-count"), "1 campaign")
    const row = page.locator("tbody tr", { has: page.getByTestId("campaign-row-name").filter({ hasText: CAMPAIGN }) })
    await expectText(row.getByTestId("campaign-status-badge"), "Scheduled")
    expect(await row.getByTestId("campaign-status-badge").getAttribute("data-status")).toBe("scheduled")
    await expectText(row.getByTestId("campaign-row-audience"), `${EVERYONE}, leaving out ${ANNA}`)
    await expectText(row.getByTestId("campaign-row-when"), /^Sends .*9:00 AM$/)
    await screenshot("list")

    await page.getByTestId("campaigns-table").locator('button[aria-haspopup="menu"]').click()
    await page.getByRole("menuitem", { name: "Status" }).click()
    await page.getByRole("dialog").getByText("Sent", { exact: true }).click()
    await page.keyboard.press("Escape")
    await expectText(page.getByTestId("campaigns-count"), "0 campaigns")
    await page.getByRole("button", { name: "Clear all" }).click()
    await expectText(page.getByTestId("campaigns-count"), "1 campaign")

    await page.getByPlaceholder("Search campaigns").fill("nothing like it")
    await expectText(page.getByTestId("campaigns-count"), "0 campaigns")
    await page.getByPlaceholder("Search campaigns").fill("spring")
    await expectText(page.getByTestId("campaigns-count"), "1 campaign")
  }, TEST_TIMEOUT)

  it("opens the campaign and cancels it after confirming", async () => {
    expect(created.campaignId).toBeTruthy()
    await openInAdmin("/marketing/campaigns")
    await page.getByTestId("campaign-row-name").filter({ hasText: CAMPAIGN }).click()
    await page.waitForURL(`**/app/marketing/campaigns/${created.campaignId}`)
    await expectText(page.getByTestId("campaign-moment"), /^Sends .*9:00 AM\. /)
    const details = page.getByTestId("campaign-details")
    await expectText(details.getByTestId("fact-send-to"), EVERYONE)
    await expectText(details.getByTestId("fact-leave-out"), ANNA)
    await expectText(details.getByTestId("fact-template"), TEMPLATE.name)
    await expectText(page.getByTestId("campaign-results-waiting"), "Results appear here once it starts sending.")
    await screenshot("detail-scheduled")

    // Kept when the merchant changes their mind.
    await page.getByTestId("campaign-cancel").click()
    const prompt = page.getByRole("alertdialog")
    await expectText(prompt.getByRole("heading"), "Cancel campaign?")
    await prompt.getByRole("button", { name: "Keep it" }).click()
    expect((await api(`/admin/marketing/campaigns/${created.campaignId}`)).campaign.status).toBe("scheduled")

    await page.getByTestId("campaign-cancel").click()
    await page.getByRole("alertdialog").getByRole("button", { name: "Cancel campaign" }).click()
    await expect(toast("Campaign cancelled").waitFor()).resolves.toBeUndefined()
    await eventually(async () =>
      expect(await page.getByTestId("campaign-status-badge").getAttribute("data-status")).toBe("cancelled")
    )
    await expectText(page.getByTestId("campaign-status-badge"), "Cancelled")
    // Nothing more can be done with it.
    for (const action of ["campaign-cancel", "campaign-edit", "campaign-schedule", "campaign-delete"]) {
      expect([action, await page.getByTestId(action).count()]).toEqual([action, 0])
    }
    expect((await api(`/admin/marketing/campaigns/${created.campaignId}`)).campaign.status).toBe("cancelled")
    await expectText(page.getByTestId("campaign-results-waiting"), "It was cancelled before it started: nothing was sent.")
    await screenshot("detail-cancelled")

    await openInAdmin("/marketing/campaigns")
    const row = page.locator("tbody tr", { has: page.getByTestId("campaign-row-name").filter({ hasText: CAMPAIGN }) })
    await expectText(row.getByTestId("campaign-status-badge"), "Cancelled")
  }, TEST_TIMEOUT)

  it("saves a draft part way, reopens it as saved, and deletes it after confirming", async () => {
    await openInAdmin("/marketing/campaigns")
    await page.getByTestId("create-campaign").click()
    await page.getByTestId("campaign-name").fill("Autumn preview")
    await segmentBox("include", ANNA).click()
    await expectAudience(1)
    // Without a template there is nothing to store yet: the wizard shows where it is missing.
    await page.getByTestId("campaign-save-draft").click()
    await expectStep("content")
    await expectText(page.getByTestId("campaign-issue-template_id"), "Choose the template to send.")
    await choose(page.getByTestId("campaign-template"), TEMPLATE.name)
    await page.getByTestId("campaign-save-draft").click()
    await expect(toast("Draft saved").waitFor()).resolves.toBeUndefined()
    await page.waitForURL(/\/app\/marketing\/campaigns\/mkt_cmp_/)
    const draftId = new URL(page.url()).pathname.split("/").pop()!
    await expectText(page.getByTestId("campaign-title"), "Autumn preview")
    expect(await page.getByTestId("campaign-page").getAttribute("data-status")).toBe("draft")

    // Editing opens it as stored; leaving with a change asks first.
    await page.getByTestId("campaign-edit").click()
    await eventually(async () => expect(await page.getByTestId("campaign-name").inputValue()).toBe("Autumn preview"))
    expect(await segmentBox("include", ANNA).getAttribute("aria-checked")).toBe("true")
    await page.getByTestId("campaign-name").fill("Autumn preview, renamed")
    await page.keyboard.press("Escape")
    const leave = page.getByRole("alertdialog")
    await expectText(leave.getByRole("heading"), "Leave without saving?")
    await leave.getByRole("button", { name: "Leave" }).click()
    await eventually(async () => expect(await wizard().count()).toBe(0))
    expect((await api(`/admin/marketing/campaigns/${draftId}`)).campaign.name).toBe("Autumn preview")

    await page.getByTestId("campaign-delete").click()
    const prompt = page.getByRole("alertdialog")
    await expectText(prompt.getByRole("heading"), "Delete draft?")
    await prompt.getByRole("button", { name: "Delete" }).click()
    await expect(toast("Draft deleted").waitFor()).resolves.toBeUndefined()
    await page.waitForURL("**/app/marketing/campaigns")
    await expect(api(`/admin/marketing/campaigns/${draftId}`)).rejects.toThrow(/404/)
  }, TEST_TIMEOUT)

  it(
    "sends a transactional campaign now; its page shows the email sent and opened, with the opens per hour",
    async () => {
      await openInAdmin("/marketing/campaigns")
      await page.getByTestId("create-campaign").click()
      await page.getByTestId("campaign-name").fill("Terms update")
      await segmentBox("include", ANNA).click()
      await expectAudience(1)
      await page.getByTestId("campaign-continue").click()
      await choose(page.getByTestId("campaign-template"), TEMPLATE.name)
      await page.getByTestId("campaign-transactional").click()
      await page.getByTestId("campaign-continue").click()
      await page.getByTestId("campaign-continue").click()
      await expectStep("schedule")
      await expectText(page.getByTestId("campaign-review").getByTestId("fact-review-when"), "Now")
      await expectText(page.getByTestId("campaign-confirm"), "Send now")
      await page.getByTestId("campaign-confirm").click()
      await expect(toast("Campaign is sending").waitFor()).resolves.toBeUndefined()
      await page.waitForURL(/\/app\/marketing\/campaigns\/mkt_cmp_/)
      const id = new URL(page.url()).pathname.split("/").pop()!

      // The sending job starts it and the dispatcher sends it, each within a minute.
      const mail = await eventually(
        async () => {
          const found = smtp.received.find((m) => [m.to ?? []].flat().some((to) => to.text.includes(ANNA_EMAIL)))
          expect(found).toBeDefined()
          return found!
        },
        SEND_TIMEOUT - 60_000,
        1_000
      )
      expect(mail.subject).toBe("Spring news for Anna")

      // Anna reads it (a person: not within two seconds of sending, with a mail app's user agent).
      await sleep(2_500)
      const pixel = /src="([^"]*\/marketing\/open\/[^"]+)"/.exec(String(mail.html))?.[1]
      expect(pixel).toBeDefined()
      const pixelUrl = new URL(pixel!.replace(/&amp;/g, "&"))
      const opened = await fetch(`${server!.url}${pixelUrl.pathname}${pixelUrl.search}`, {
        headers: { "user-agent": "Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 Thunderbird/128.0" },
      })
      expect(opened.status).toBe(200)
      await eventually(async () =>
        expect((await api(`/admin/marketing/campaigns/${id}/results`)).results.total.opened).toBe(1)
      )

      await page.reload()
      const total = page.locator('[data-testid="campaign-results-row"][data-row="total"]')
      await expectText(total.getByTestId("campaign-results-recipients"), "1")
      await expectText(total.getByTestId("campaign-results-sent"), "1")
      await expectText(total.getByTestId("campaign-results-opened"), "1 · 100%")
      await expectText(total.getByTestId("campaign-results-clicked"), "0 · 0%")
      await expectText(total.getByTestId("campaign-results-revenue"), "-")
      await expectText(page.getByTestId("campaign-chart-unit"), "Opens and clicks per hour")
      expect(await page.getByTestId("campaign-chart").getAttribute("data-points")).toBe("1")
      // recharts drew the opened line.
      await eventually(async () => expect(await page.getByTestId("campaign-chart").locator(".recharts-line").count()).toBe(2))
      expect(["sending", "sent"]).toContain(await page.getByTestId("campaign-page").getAttribute("data-status"))
      await screenshot("detail-results")

      await openInAdmin("/marketing/campaigns")
      const row = page.locator("tbody tr", { has: page.getByTestId("campaign-row-name").filter({ hasText: "Terms update" }) })
      await expectText(row.getByTestId("campaign-row-sent"), "1")
      await expectText(row.getByTestId("campaign-row-open-rate"), "100%")
      await expectText(row.getByTestId("campaign-row-click-rate"), "0%")
      await screenshot("list-results")
    },
    SEND_TIMEOUT
  )
})
