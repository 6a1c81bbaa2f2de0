/**
 * The Scores page of the plugin's admin in a real browser: the RFM groups,
 * the recency × frequency grid and the churn-risk chart of the seeded store
 * after a refresh started from the page, and the lead-score rules editor
 * (create, a server error shown on the form, switch off, delete).
 *
 * Runs in ./harness.ts: headless Chromium (Debian's /usr/bin/chromium,
 * driven by playwright-core) against the repository's own store, booted by
 * ./dev-store.ts on a fresh database with the demo data.
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
import { browserHarness, TEST_TIMEOUT } from "./harness"

const ui = browserHarness({ name: "scores" })
const { api, sql, eventually, texts, expectText, expectTexts, screenshot, openInAdmin, sidebar, toast } = ui

/** Picks an entry of one of @medusajs/ui's selects. */
async function choose(testId: string, option: string) {
  await ui.page.getByTestId(testId).click()
  await ui.page.getByRole("option", { name: option, exact: true }).click()
}

const ruleRow = (name: string) =>
  ui.page
    .getByTestId("lead-rule-row")
    .filter({ has: ui.page.getByTestId("lead-rule-row-name").filter({ hasText: name }) })

describe("Marketing Scores page in the browser", () => {
  it("is linked from the overview and the sidebar, and a refresh fills the groups, grid and chart from the seeded orders", async () => {
    await openInAdmin("/marketing")
    await expectText(ui.page.getByTestId("marketing-scores-link"), /^Scores /)
    await expect(sidebar().getByRole("link", { name: "Scores", exact: true }).isVisible()).resolves.toBe(true)
    await ui.page.getByTestId("marketing-scores-link").click()
    await ui.page.waitForURL("**/app/marketing/scores")
    await expectText(ui.page.getByRole("heading", { level: 1 }), "Scores")

    // The seed records orders but never scores: the store starts unscored, unless the
    // hourly refresh (at minute 17) already ran in the test server.
    const {
      summary: { refresh },
    } = await api("/admin/marketing/scores/summary")
    if (refresh.finished_at) {
      await expectText(ui.page.getByTestId("scores-last-refreshed"), /^Last refreshed /)
    } else {
      await expectText(ui.page.getByTestId("scores-last-refreshed"), "Not refreshed yet")
    }
    const groupCounts = async (): Promise<Record<string, number>> =>
      Object.fromEntries(
        await ui.page.getByTestId("rfm-group").evaluateAll((tiles) =>
          tiles.map((tile) => [
            tile.getAttribute("data-group")!,
            Number(tile.querySelector('[data-testid="rfm-group-count"]')!.textContent!.replace(/\D/g, "")),
          ])
        )
      )
    expect(Object.keys(await groupCounts())).toHaveLength(11)
    if (!refresh.finished_at) {
      expect(Object.values(await groupCounts()).every((count) => count === 0)).toBe(true)
    }
    await screenshot("before-refresh")

    await ui.page.getByTestId("scores-refresh").click()
    await expect(toast("Refreshing scores").waitFor()).resolves.toBeUndefined()
    await expectText(ui.page.getByTestId("scores-last-refreshed"), /^Last refreshed /, 90_000)

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
    await expectText(ui.page.getByTestId("scores-buyers"), String(buyers))

    // A tile: its share of all buyers, and what its members spent.
    const [top] = [...byGroup].sort((a, b) => b.n - a.n)
    const tile = ui.page.locator(`[data-testid="rfm-group"][data-group="${top.rfm_segment}"]`)
    await expectText(tile.getByTestId("rfm-group-share"), `${Math.round((top.n / buyers) * 100)}% of buyers`)
    await expectText(tile.getByTestId("rfm-group-revenue"), /^€[\d,.]+ spent · €[\d,.]+ each$/)

    // The grid and the chart count the same buyers.
    const cells = await ui.page.getByTestId("rfm-grid-cell").evaluateAll((nodes) =>
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
    const bars = (await texts(ui.page.getByTestId("churn-bucket-count"))).map(Number)
    expect(bars).toHaveLength(10)
    expect(bars.reduce((sum, n) => sum + n, 0)).toBe(buyers)
    await expectText(ui.page.getByTestId("scores-predicted-value"), /^€[\d,.]+$/)
    await screenshot("after-refresh")

    // A buyer's contact page shows their scores with the sentences that explain them, built when asked.
    const [{ id: buyerId }] = await sql<{ id: string }>(
      `SELECT id FROM marketing_contact WHERE ${live} AND rfm_recency IS NOT NULL ORDER BY orders_count DESC, id LIMIT 1`
    )
    const { contact } = await api(`/admin/marketing/contacts/${buyerId}`)
    await openInAdmin(`/marketing/contacts/${buyerId}`)
    await expectText(ui.page.getByTestId("contact-scores-why").locator("li").first(), new RegExp(`^Recency ${contact.rfm_recency}: `))
    await screenshot("contact-why")
  }, TEST_TIMEOUT)

  it("creates a lead-score rule in the editor, shows the server's error for a bad one, and switches off and deletes rules", async () => {
    await openInAdmin("/marketing/scores")
    await expectText(ui.page.getByTestId("lead-rules-count"), "0 rules")

    // Every seeded customer signed up with an account: +10 each.
    await ui.page.getByTestId("create-lead-rule").click()
    await ui.page.getByTestId("lead-rule-name").fill("Signed up")
    await choose("lead-rule-event", "Signed up for an account")
    await ui.page.getByTestId("lead-rule-points").fill("10")
    await screenshot("rule-create", ui.page.getByTestId("lead-rule-drawer"))
    await ui.page.getByTestId("lead-rule-submit").click()
    await expect(toast("Rule created").waitFor()).resolves.toBeUndefined()
    const signedUp = ruleRow("Signed up")
    await expectText(signedUp.getByTestId("lead-rule-row-event"), "Signed up for an account")
    await expectText(signedUp.getByTestId("lead-rule-row-points"), "+10")
    await expectText(ui.page.getByTestId("lead-rules-count"), "1 rule")

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
    await ui.page.getByTestId("create-lead-rule").click()
    await ui.page.getByTestId("lead-rule-name").fill("Big order")
    await choose("lead-rule-event", "Placed an order")
    await ui.page.getByTestId("lead-rule-has-condition").click()
    await ui.page.getByTestId("lead-rule-path").fill("total")
    await choose("lead-rule-operator", "is more than")
    await ui.page.getByTestId("lead-rule-value").fill("lots")
    await ui.page.getByTestId("lead-rule-points").fill("25")
    await ui.page.getByTestId("lead-rule-submit").click()
    const valueError = ui.page.locator("#lead-rule-value-error")
    const message = await expectText(valueError, /property\.value/)
    expect(message).toMatch(/must be a number for gt/)
    await screenshot("rule-error", ui.page.getByTestId("lead-rule-drawer"))
    expect((await api("/admin/marketing/lead-score-rules")).count).toBe(1)

    await ui.page.getByTestId("lead-rule-value").fill("100")
    await eventually(async () => expect(await valueError.count()).toBe(0))
    await ui.page.getByTestId("lead-rule-submit").click()
    await expect(toast("Rule created").waitFor()).resolves.toBeUndefined()
    await expectText(ruleRow("Big order").getByTestId("lead-rule-row-condition"), "total is more than 100")
    await expectText(ui.page.getByTestId("lead-rules-count"), "2 rules")
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
    const prompt = ui.page.getByRole("alertdialog")
    await expectText(prompt.getByRole("heading"), "Delete rule?")
    await prompt.getByRole("button", { name: "Delete" }).click()
    await expect(toast("Rule deleted").waitFor()).resolves.toBeUndefined()
    await expectTexts(ui.page.getByTestId("lead-rule-row-name"), ["Signed up"])
    expect((await api("/admin/marketing/lead-score-rules")).lead_score_rules.map((r: any) => r.name)).toEqual([
      "Signed up",
    ])
  }, TEST_TIMEOUT)
})
