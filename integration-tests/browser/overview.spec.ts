/**
 * The Marketing landing page in a real browser: what email earned this
 * month, the 30-day chart (drawn with recharts, which has to come through
 * the admin's Vite build), the top flows and campaigns and the latest
 * sends; and the attribution windows on the Email settings page.
 *
 * Runs in ./harness.ts: headless Chromium (Debian's /usr/bin/chromium,
 * driven by playwright-core) against the repository's own store, booted by
 * ./dev-store.ts on a fresh database with the demo data.
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
import { browserHarness, TEST_TIMEOUT } from "./harness"
import { money } from "./page-text"

const FLOW = { id: "mkt_flw_browser", name: "Welcome series" }
const CAMPAIGN = { id: "mkt_cmp_browser", name: "Spring sale" }

const ui = browserHarness({ name: "overview" })
const { api, sql, sleep, eventually, text, texts, expectText, screenshot, openInAdmin, toast } = ui

/**
 * A flow and a campaign that sent to three of the demo contacts today, with
 * opens and clicks, and their attributed orders: this month's (one partly
 * refunded, one canceled) and one from last month, which must not count.
 */
async function seedResults() {
  // Minutes ago, squeezed into the time since midnight UTC when the test runs
  // early in the day, so every seeded moment falls on today's column.
  const now = Date.now()
  const sinceMidnight = now - new Date(now).setUTCHours(0, 0, 0, 0)
  const scale = Math.min(1, (0.9 * sinceMidnight) / 3_600_000)
  const ago = (minutes: number) => new Date(now - minutes * 60_000 * scale)
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
       VALUES ($1, $2, 'tv_browser', $3, $4, $5, $6, $7, 'sent', $10::timestamptz, $8::timestamptz,
         $1, $11::timestamptz, CASE WHEN $9 THEN $12::timestamptz END)`,
      [send.id, send.contact.id, send.contact.email, send.subject, ...send.reason, send.step, ago(50 - i), i !== 1, ago(60), ago(20), ago(15)]
    )
    await sql(
      `INSERT INTO marketing_message_event (id, message_id, contact_id, type, occurred_at, source)
       VALUES ($1, $2, $3, $4, $5::timestamptz, 'tracking')`,
      [`mkt_mev_browser_${i}`, send.id, send.contact.id, i === 1 ? "opened" : "clicked", ago(15)]
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
       VALUES ($1, $2, $3, $4, $5, $6, $7, 'click', $12::timestamptz,
         CASE WHEN $8 THEN date_trunc('month', now()) - interval '10 days' ELSE $13::timestamptz END,
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
        ago(15),
        ago(10),
      ]
    )
  }
  return { contacts, sends }
}

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
    await expectText(ui.page.getByRole("heading", { level: 1 }), "Marketing")
    // The links others put on the page are still there.
    for (const testId of ["marketing-contacts-link", "marketing-messages-link", "marketing-settings-link"]) {
      await expect(ui.page.getByTestId(testId).isVisible()).resolves.toBe(true)
    }

    const eur = ui.page.locator('[data-testid="overview-revenue-currency"][data-currency="eur"]')
    await expectText(eur.getByTestId("overview-revenue-amount"), money(Number(revenue), "eur"))
    await expectText(eur.getByTestId("overview-revenue-detail"), `2 orders · last month ${money(30, "eur")}`)

    // recharts drew the chart: its SVG, a bar for today's sends, and a line per series.
    const chart = ui.page.getByTestId("overview-activity-chart")
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
    await screenshot("overview", ui.page.getByTestId("overview-results"))

    await expectText(ui.page.getByTestId("overview-top-flows-name"), FLOW.name)
    await expectText(ui.page.getByTestId("overview-top-flows-revenue"), money(100, "eur"))
    await expectText(ui.page.getByTestId("overview-top-campaigns-name"), CAMPAIGN.name)
    await expectText(ui.page.getByTestId("overview-top-campaigns-revenue"), money(45, "eur"))

    // Newest first: the campaign's send went out last, each named after what sent it.
    const rows = ui.page.getByTestId("overview-recent-send")
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
    const section = ui.page.getByTestId("settings-attribution")
    const click = ui.page.getByTestId("attribution-click-window")
    await eventually(async () => expect(await click.inputValue()).toBe("5"))
    expect(await ui.page.getByTestId("attribution-open-window").inputValue()).toBe("1")

    await click.fill("7")
    await ui.page.getByTestId("attribution-open-window").fill("0")
    await ui.page.getByTestId("settings-attribution-save").click()
    await expect(toast("Revenue attribution saved").waitFor()).resolves.toBeUndefined()
    await ui.page.reload()
    await eventually(async () => expect(await ui.page.getByTestId("attribution-click-window").inputValue()).toBe("7"))
    expect(await ui.page.getByTestId("attribution-open-window").inputValue()).toBe("0")
    expect((await api("/admin/marketing/settings")).settings.attribution).toEqual({
      click_window_days: 7,
      open_window_days: 0,
    })
    await screenshot("settings-attribution", section)

    // The field allows 1 to 90 days: the browser flags 120 and the form is not sent.
    await ui.page.getByTestId("attribution-click-window").fill("120")
    await ui.page.getByTestId("settings-attribution-save").click()
    expect(
      await ui.page.getByTestId("attribution-click-window").evaluate((input: HTMLInputElement) => input.validity.rangeOverflow)
    ).toBe(true)
    await sleep(1_000)
    expect(await toast("Revenue attribution saved").count()).toBe(0)
    expect((await api("/admin/marketing/settings")).settings.attribution.click_window_days).toBe(7)
  }, TEST_TIMEOUT)
})
