/**
 * The flows admin in a real browser: the list, the builder (a step added
 * from the catalog, the dangling step validation marks, a link dragged on
 * the canvas, a link picked in the step's form, activation refused by the
 * server and then accepted), a dry run for a seeded contact with the email
 * it would get, and the runs of a customer who signed up.
 *
 * Same harness as ./emails.spec.ts: headless Chromium (Debian's
 * /usr/bin/chromium, driven by playwright-core) against the repository's own
 * store, booted by ./dev-store.ts on a fresh database with the demo data.
 *
 * Screenshots land in .cache/screenshots/ (named flows-*), the store's logs
 * and the browser console in .cache/browser/ (named flows-*).
 *
 *   TEST_TYPE=browser NODE_OPTIONS=--experimental-vm-modules \
 *     DB_HOST=localhost DB_PORT=5432 DB_USERNAME=postgres DB_PASSWORD= \
 *     npx jest --runInBand --forceExit integration-tests/browser/flows.spec.ts
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

const SETUP_TIMEOUT = 6 * 60_000
const TEST_TIMEOUT = 120_000
// How long a page may take to show what it should (API answer + render).
const UI_TIMEOUT = 20_000

// Not the names of the starter templates and playbook flows a new store gets.
const FLOW_NAME = "Signup thank-you"
const TEMPLATE_NAME = "Signup thanks"
// A seeded customer of the demo data, subscribed by the test.
const CONTACT_EMAIL = "anna.schmidt@example.com"
const CONTACT_SUBJECT = "Thanks for signing up, Anna!"
const SIGN_UP_EMAIL = "new.customer@example.com"

const timings: Record<string, number> = {}
let db: Database | undefined
let server: Server | undefined
let browser: Browser | undefined
let page: Page
let adminToken = ""
let publishableKey = ""
const pageErrors: string[] = []

/** What the tests create, for the ones after them. */
const created = { templateId: "", flowId: "" }

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

const squash = (value: string) => value.replace(/\s+/g, " ").trim()

const texts = async (locator: Locator) => (await locator.allInnerTexts()).map(squash)

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
  const file = path.join(SCREENSHOTS, `flows-${String(++shots).padStart(2, "0")}-${name}.png`)
  await page.waitForLoadState("networkidle", { timeout: 5_000 }).catch(() => {})
  await target.screenshot({ path: file, animations: "disabled" })
}

async function openInAdmin(adminPath: string) {
  if (new URL(page.url()).pathname === `/app${adminPath}`) return
  await page.goto(`${server!.url}/app${adminPath}`)
}

/** A toast with this title (Medusa's toaster keeps a few on screen). */
const toast = (title: string | RegExp) => page.locator("[data-sonner-toast]").filter({ hasText: title }).first()

const node = (step: string) => page.locator(`[data-testid="flow-node"][data-step="${step}"]`)

/** Picks an option of a Radix select opened from `trigger`. */
async function choose(trigger: Locator, option: string | RegExp) {
  await trigger.click()
  await page.getByRole("option", { name: option }).click()
}

/** Confirms the prompt that opened with this title. */
async function confirmPrompt(title: string, button: string) {
  const prompt = page.getByRole("alertdialog")
  await expectText(prompt.getByRole("heading"), title)
  await prompt.getByRole("button", { name: button }).click()
}

/** Drags a link on the canvas from a handle to a node, with the mouse as a merchant would. */
async function dragLink(from: Locator, to: Locator) {
  const start = (await from.boundingBox())!
  const end = (await to.boundingBox())!
  await page.mouse.move(start.x + start.width / 2, start.y + start.height / 2)
  await page.mouse.down()
  await page.mouse.move(end.x + end.width / 2, end.y + end.height / 2, { steps: 12 })
  await page.mouse.move(end.x + end.width / 2, end.y + 8, { steps: 4 })
  await page.mouse.up()
}

const flowIssues = () => page.getByTestId("flow-issues")

// ---------------------------------------------------------------------------
// Store and browser

beforeAll(async () => {
  if (!fs.existsSync(CHROMIUM)) {
    throw new Error(`${CHROMIUM} not found: install Debian's chromium (apt-get install chromium)`)
  }
  fs.mkdirSync(SCREENSHOTS, { recursive: true })
  for (const file of fs.readdirSync(SCREENSHOTS)) {
    if (file.startsWith("flows-")) fs.rmSync(path.join(SCREENSHOTS, file))
  }
  fs.mkdirSync(LOG_DIR, { recursive: true })
  const started = Date.now()

  db = await timed("create database", timings, createDatabase)
  const env = { DATABASE_URL: db.url }
  await timed("medusa db:migrate", timings, () =>
    runMedusa(["db:migrate"], { env, logFile: path.join(LOG_DIR, "flows-migrate.log"), timeoutMs: 150_000 })
  )

  const seeding = timed("seed (demo data + admin user)", timings, () =>
    runMedusa(["exec", "./integration-tests/browser/seed.ts", ADMIN_EMAIL, ADMIN_PASSWORD], {
      env,
      logFile: path.join(LOG_DIR, "flows-seed.log"),
      timeoutMs: 150_000,
    })
  )
  seeding.catch(() => {})

  server = await timed("server up (/health)", timings, () =>
    startServer({ databaseUrl: db!.url, logFile: path.join(LOG_DIR, "flows-server.log"), timeoutMs: 90_000 })
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
  const context = await browser.newContext({ viewport: { width: 1440, height: 1000 }, locale: "en-US", timezoneId: "UTC" })
  page = await context.newPage()
  page.setDefaultTimeout(UI_TIMEOUT)
  page.setDefaultNavigationTimeout(60_000)
  const consoleLog = fs.createWriteStream(path.join(LOG_DIR, "flows-browser-console.log"))
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

  await timed("log in, seed a template, subscribe a contact", timings, async () => {
    ;({ token: adminToken } = await api("/auth/user/emailpass", {
      method: "POST",
      body: { email: ADMIN_EMAIL, password: ADMIN_PASSWORD },
    }))
    const { template } = await api("/admin/marketing/templates", {
      method: "POST",
      body: {
        name: TEMPLATE_NAME,
        content: {
          subject: 'Thanks for signing up, {{ contact.first_name | default: "friend" }}!',
          mjml: `<mjml><mj-body><mj-section><mj-column><mj-text>Glad you are here, {{ contact.first_name | default: "friend" }}.</mj-text></mj-column></mj-section></mj-body></mjml>`,
        },
      },
    })
    created.templateId = template.id
    const { api_keys } = await api("/admin/api-keys?type=publishable&limit=1")
    publishableKey = api_keys[0].token
    // Marketing emails need consent: the seeded customer signs up to the newsletter.
    await api("/store/marketing/subscribe", {
      method: "POST",
      body: { email: CONTACT_EMAIL, source: "browser-test" },
      headers: { "x-publishable-api-key": publishableKey },
    })
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
  const lines = Object.entries(timings).map(([label, ms]) => `  ${label}: ${(ms / 1000).toFixed(1)} s`)
  log(
    `timings:\n${lines.join("\n")}\n` +
      `screenshots: ${path.relative(ROOT, SCREENSHOTS)}/flows-*, logs: ${path.relative(ROOT, LOG_DIR)}/flows-*`
  )
}, 60_000)

afterEach(() => {
  // An exception in the page is a bug even when the assertions passed.
  expect(pageErrors.splice(0)).toEqual([])
})

// ---------------------------------------------------------------------------

describe("Flows admin in the browser", () => {
  it("links Flows from the overview and creates a draft flow from a trigger", async () => {
    await openInAdmin("/marketing")
    await expectText(page.getByTestId("marketing-flows-link"), /^Flows 0 active flows/)
    await page.getByTestId("marketing-flows-link").click()
    await page.waitForURL("**/app/marketing/flows")
    await expectText(page.getByRole("heading", { level: 1 }), "Flows")
    // The playbooks a new store gets, as drafts.
    const { count } = await api("/admin/marketing/flows?limit=1")
    await expectText(page.getByTestId("flows-count"), `${count} flows`)

    await page.getByTestId("create-flow").click()
    await page.getByTestId("new-flow-name").fill(FLOW_NAME)
    await choose(page.getByTestId("new-flow-trigger"), "Customer signed up")
    await screenshot("create")
    await page.getByTestId("new-flow-submit").click()
    await page.waitForURL(/\/app\/marketing\/flows\/mkt_flw_/)
    created.flowId = new URL(page.url()).pathname.split("/").pop()!

    await expectText(page.getByTestId("flow-title"), FLOW_NAME)
    await expectText(page.getByTestId("flow-status-badge"), "Draft")
    await expectText(page.getByTestId("flow-trigger-summary"), "When Customer signed up")
    // The trigger and the one step a new flow has, linked and valid.
    expect(await texts(page.getByTestId("flow-node-title"))).toEqual(["End"])
    await eventually(async () => expect(await flowIssues().getAttribute("data-count")).toBe("0"))
    expect(await page.locator(".react-flow__edge").count()).toBe(1)
    await screenshot("new-flow")
  }, TEST_TIMEOUT)

  it("marks a dangling step, shows the server refusing to activate it, and activates once it is linked", async () => {
    expect(created.flowId).toBeTruthy()
    await openInAdmin(`/marketing/flows/${created.flowId}`)
    await expectText(page.getByTestId("flow-title"), FLOW_NAME)

    // A step from the catalog, the store's own types among them.
    await page.getByTestId("add-step").click()
    await expect(page.getByTestId("add-step-store.tag_contact").isVisible()).resolves.toBe(true)
    await screenshot("catalog")
    await page.getByTestId("add-step-send_email").click()

    // Its drawer opens; until a template is chosen the server names the missing field.
    const drawer = page.getByTestId("step-drawer")
    await expect(drawer.getAttribute("data-step")).resolves.toBe("send_email")
    await expectText(drawer.getByTestId("step-issues"), /template_id/)
    await choose(drawer.getByTestId("step-template"), TEMPLATE_NAME)
    await screenshot("step-drawer")
    await drawer.getByTestId("step-done").click()

    // Nothing leads to it: validation reports it and marks its node.
    const issue = page.locator('[data-testid="flow-issue"][data-step="send_email"]')
    await expectText(issue, /step "send_email" cannot be reached from the entry step "end"/)
    expect(await issue.getAttribute("data-code")).toBe("unreachable_step")
    await eventually(async () => expect(await node("send_email").getAttribute("data-invalid")).toBe("true"))
    await expectText(node("send_email").getByTestId("flow-node-summary"), TEMPLATE_NAME)
    await screenshot("dangling-step")

    // Activating saves first; the server refuses and names the step.
    await page.getByTestId("flow-activate").click()
    await confirmPrompt("Activate flow?", "Activate")
    const refusal = toast("The flow was not activated")
    await refusal.waitFor()
    expect(await text(refusal)).toContain("definition.steps.send_email")
    await expectText(page.getByTestId("flow-status-badge"), "Draft")
    expect((await api(`/admin/marketing/flows/${created.flowId}`)).flow.definition.steps.send_email).toMatchObject({
      template_id: created.templateId,
    })

    // Fix it: drag a link from the trigger to the step, which makes it the first step…
    await dragLink(page.getByTestId("flow-trigger-handle"), node("send_email"))
    await eventually(async () => expect(await node("send_email").getAttribute("data-entry")).toBe("true"))
    // …which leaves "End" dangling until the email's next step is picked in its form.
    await expectText(page.locator('[data-testid="flow-issue"][data-step="end"]'), /cannot be reached/)
    await node("send_email").click()
    await choose(drawer.getByTestId("step-link-next"), /^End \(end\)$/)
    await drawer.getByTestId("step-done").click()
    await eventually(async () => expect(await flowIssues().getAttribute("data-count")).toBe("0"))
    await expectText(flowIssues(), "No problems found: the flow can be activated.")
    expect(await node("send_email").getAttribute("data-invalid")).toBeNull()
    expect(await page.locator(".react-flow__edge").count()).toBe(2)
    await screenshot("fixed")

    await page.getByTestId("flow-save").click()
    await toast("Flow saved").waitFor()
    await expectText(page.getByTestId("flow-save-state"), "All changes saved.")
    const { flow: saved } = await api(`/admin/marketing/flows/${created.flowId}`)
    expect(saved.definition).toMatchObject({
      entry: "send_email",
      steps: { send_email: { type: "send_email", template_id: created.templateId, next: "end" }, end: { type: "exit" } },
    })

    await page.getByTestId("flow-activate").click()
    await confirmPrompt("Activate flow?", "Activate")
    await toast("Flow activated").waitFor()
    await expectText(page.getByTestId("flow-status-badge"), "Active")
    expect(await page.getByTestId("flow-status-badge").getAttribute("data-status")).toBe("active")
    expect((await api(`/admin/marketing/flows/${created.flowId}`)).flow.status).toBe("active")
    await screenshot("active")

    await openInAdmin("/marketing/flows")
    const row = page.locator("tbody tr", { has: page.getByTestId("flow-row-name").filter({ hasText: FLOW_NAME }) })
    await expectText(row.getByTestId("flow-status-badge"), "Active")
    await expectText(row.getByTestId("flow-row-trigger"), "When Customer signed up")
  }, TEST_TIMEOUT)

  it("dry-runs the flow for a seeded contact and shows the email they would get", async () => {
    expect(created.flowId).toBeTruthy()
    await openInAdmin(`/marketing/flows/${created.flowId}`)
    const panel = page.getByTestId("dry-run-panel")
    await panel.getByTestId("dry-run-contact-search").fill("anna.schmidt")
    await panel.getByTestId("dry-run-contact-option").filter({ hasText: CONTACT_EMAIL }).click()
    await expectText(panel.getByTestId("dry-run-contact"), new RegExp(CONTACT_EMAIL))
    await panel.getByTestId("dry-run-submit").click()

    await expectText(panel.getByTestId("dry-run-email-subject"), CONTACT_SUBJECT)
    const sent = panel.locator('[data-testid="dry-run-entry"][data-step="send_email"]')
    expect(await sent.getAttribute("data-outcome")).toBe("executed")
    await expectText(panel.getByTestId("dry-run-final"), /reached an exit step/)
    const body = page.frameLocator('[data-testid="dry-run-email-frame"]').locator("body")
    await eventually(async () => expect(await text(body)).toContain("Glad you are here, Anna."))
    expect(await panel.getByTestId("dry-run-email-frame").getAttribute("sandbox")).toBe("")
    await panel.getByTestId("dry-run-timeline").scrollIntoViewIfNeeded()
    await screenshot("dry-run")

    // A simulation: nothing was sent to her.
    const { messages } = await api(`/admin/marketing/messages?q=${encodeURIComponent(CONTACT_EMAIL)}`)
    expect(messages).toEqual([])
  }, TEST_TIMEOUT)

  it("counts the run of a customer who signed up on the flow and its steps, and lists it by status", async () => {
    expect(created.flowId).toBeTruthy()
    const { token } = await api("/auth/customer/emailpass/register", {
      method: "POST",
      body: { email: SIGN_UP_EMAIL, password: "secret-password" },
    })
    await fetch(`${server!.url}/store/customers`, {
      method: "POST",
      headers: {
        "content-type": "application/json",
        authorization: `Bearer ${token}`,
        "x-publishable-api-key": publishableKey,
      },
      body: JSON.stringify({ email: SIGN_UP_EMAIL, first_name: "Nina" }),
    }).then((res) => expect(res.status).toBe(200))
    await eventually(async () => {
      const { runs } = await api(`/admin/marketing/flows/${created.flowId}/runs`)
      // The run ends at the flow's exit step.
      expect(runs).toEqual([expect.objectContaining({ email: SIGN_UP_EMAIL, status: "exited" })])
    }, 60_000)

    await page.goto(`${server!.url}/app/marketing/flows/${created.flowId}`)
    await expectText(page.getByTestId("flow-count-entered"), "Entered 1")
    await expectText(node("send_email").getByTestId("flow-node-counts"), "Reached 1 Done 1")

    await page.getByTestId("flow-tab-runs").click()
    const runs = page.getByTestId("flow-runs")
    await expectText(runs.getByTestId("flow-runs-count"), "1 run")
    expect(await texts(runs.getByTestId("flow-run-contact"))).toEqual([SIGN_UP_EMAIL])
    await expectText(runs.getByTestId("flow-run-status"), "Exited")
    await expectText(runs.getByTestId("flow-run-reason"), 'Exit step "end"')
    await screenshot("runs")

    await runs.locator('button[aria-haspopup="menu"]').click()
    await page.getByRole("menuitem", { name: "Status" }).click()
    await page.getByRole("dialog").getByText("Failed", { exact: true }).click()
    await page.keyboard.press("Escape")
    await expectText(runs.getByTestId("flow-runs-count"), "0 runs")
    await screenshot("runs-failed")
  }, TEST_TIMEOUT)
})
