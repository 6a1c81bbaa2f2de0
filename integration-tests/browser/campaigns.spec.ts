/**
 * The Campaigns pages of the plugin's admin in a real browser: the wizard
 * (a live audience count while segments are picked, a template with its
 * preview, an A/B test on the subject, a schedule, and the server's refusal
 * shown on the step of the field it names), the list with its status
 * filter and search, a campaign's page with cancelling, drafts saved and
 * deleted, and a campaign sent now whose results and hourly chart show the
 * open that really happened.
 *
 * Runs in ./harness.ts: headless Chromium (Debian's /usr/bin/chromium,
 * driven by playwright-core) against the repository's own store, booted by
 * ./dev-store.ts on a fresh database with the demo data.
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
import { Locator } from "playwright-core"
import { sampleSize } from "../../src/lib/campaigns/ab-test"
import { useSmtpCapture } from "../helpers/smtp-capture"
import { browserHarness, TEST_TIMEOUT } from "./harness"

// Listens, and sets SMTP_HOST for the store, before the harness starts it.
const smtp = useSmtpCapture()

// The sending job and the dispatcher each run once a minute on the real clock.
const SEND_TIMEOUT = 5 * 60_000

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

/** What setup and the tests create, for the ones after them. */
const created = { templateId: "", everyoneId: "", annaId: "", campaignId: "" }

const ui = browserHarness({
  name: "campaigns",
  setup: async (ui) => {
    await ui.timed("log in", ui.logIn)
    await ui.timed("template and segments (admin API)", async () => {
      const { template } = await ui.api("/admin/marketing/templates", {
        method: "POST",
        body: { name: TEMPLATE.name, content: { subject: TEMPLATE.subject, mjml: TEMPLATE.mjml } },
      })
      created.templateId = template.id
      const segment = async (name: string, field: { operator: string; value: string }) =>
        (
          await ui.api("/admin/marketing/segments", {
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
  },
})
const { api, sleep, eventually, text, expectText, screenshot, openInAdmin, sidebar, toast } = ui

const wizard = () => ui.page.getByTestId("campaign-wizard")

/** The wizard step on screen, by its progress tab. */
const activeStep = () =>
  wizard()
    .locator('[data-testid^="campaign-step-"][data-state="active"]')
    .getAttribute("data-testid")
    .then((id) => id?.replace("campaign-step-", ""))

const expectStep = (step: string) => eventually(async () => expect(await activeStep()).toBe(step))

/** A segment's checkbox in the wizard's "Send to" or "Leave out" list. */
const segmentBox = (list: "include" | "exclude", name: string) =>
  ui.page.getByTestId(`campaign-${list}-segments`).getByRole("checkbox", { name, exact: true })

/** Picks an option of a Radix select. */
async function choose(trigger: Locator, option: string) {
  await trigger.click()
  await ui.page.getByRole("option", { name: option, exact: true }).click()
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
    const shown = ui.page.getByTestId("campaign-audience-count")
    expect(await text(shown)).toBe(String(count))
    expect(await shown.locator("xpath=..").getAttribute("data-state")).toBe("ready")
    expect(await text(ui.page.getByTestId("campaign-audience-reachable"))).toMatch(/^[\d,]+ can be emailed now \(/)
  })

/** 09:00 UTC three days from now, as the date-time input takes it and as the API stores it. */
const inThreeDays = () => {
  const day = new Date(Date.now() + 3 * 24 * 3_600_000).toISOString().slice(0, 10)
  return { input: `${day}T09:00`, iso: `${day}T09:00:00.000Z` }
}

describe("Marketing campaigns in the browser", () => {
  it("links Campaigns from the overview and the sidebar", async () => {
    await openInAdmin("/marketing")
    await expectText(ui.page.getByTestId("marketing-campaigns-link"), /^Campaigns 0 scheduled · /)
    await expect(sidebar().getByRole("link", { name: "Campaigns", exact: true }).isVisible()).resolves.toBe(true)

    await ui.page.getByTestId("marketing-campaigns-link").click()
    await ui.page.waitForURL("**/app/marketing/campaigns")
    await expectText(ui.page.getByRole("heading", { level: 1 }), "Campaigns")
    await expectText(ui.page.getByTestId("campaigns-count"), "0 campaigns")
  }, TEST_TIMEOUT)

  it("builds an A/B-tested campaign step by step and schedules it, after the server's refusal is shown on its step", async () => {
    const everyone = await audienceOf([created.everyoneId])
    const withoutAnna = await audienceOf([created.everyoneId], [created.annaId])
    expect(withoutAnna).toBe(everyone - 1)

    await openInAdmin("/marketing/campaigns")
    await ui.page.getByTestId("create-campaign").click()
    await wizard().waitFor()
    await expectStep("audience")
    await expectText(ui.page.getByTestId("campaign-audience-waiting"), "Choose a segment to see how many contacts it reaches.")

    // Nothing chosen yet: the step says what is missing and keeps the merchant there.
    await ui.page.getByTestId("campaign-continue").click()
    await expectText(ui.page.getByTestId("campaign-issue-name"), "Give the campaign a name.")
    await expectText(ui.page.getByTestId("campaign-issue-segment_ids"), "Choose at least one segment to send to.")
    await expectStep("audience")

    // The live count follows each pick.
    await ui.page.getByTestId("campaign-name").fill(CAMPAIGN)
    await segmentBox("include", EVERYONE).click()
    await expectAudience(everyone)
    expect(await ui.page.getByTestId("campaign-issue-segment_ids").count()).toBe(0)
    // A segment sent to cannot also be left out.
    expect(await segmentBox("exclude", EVERYONE).isDisabled()).toBe(true)
    await segmentBox("exclude", ANNA).click()
    await expectAudience(withoutAnna)
    await screenshot("wizard-audience")

    await ui.page.getByTestId("campaign-continue").click()
    await expectStep("content")
    await choose(ui.page.getByTestId("campaign-template"), TEMPLATE.name)
    // The preview renders the template with the sample contact, then with the subject override.
    await expectText(ui.page.getByTestId("email-preview-subject"), "Spring news for Ana")
    await ui.page.getByTestId("campaign-subject").fill(SUBJECT)
    await expectText(ui.page.getByTestId("email-preview-subject"), "Spring is here, Ana")
    await screenshot("wizard-content")

    await ui.page.getByTestId("campaign-continue").click()
    await expectStep("ab_test")
    await ui.page.getByTestId("campaign-ab-enabled").click()
    await ui.page.getByTestId("campaign-ab-variant-a-subject").fill(VARIANT_A)
    await ui.page.getByTestId("campaign-ab-variant-b-subject").fill(VARIANT_B_BROKEN)
    await ui.page.getByTestId("campaign-ab-sample").fill("30")
    await choose(ui.page.getByTestId("campaign-ab-metric"), "Click rate")
    await ui.page.getByTestId("campaign-ab-hours").fill("6")
    const sample = sampleSize(withoutAnna, 30, 2)
    const explanation = await expectText(
      ui.page.getByTestId("campaign-ab-explanation"),
      new RegExp(`30% of the audience \\(${sample} of ${withoutAnna} contacts now\\)`)
    )
    expect(explanation).toContain("6 hours later, the variant with the most clicks per email sent wins")
    expect(explanation).toContain(`the other ${withoutAnna - sample} contacts`)
    await screenshot("wizard-ab-test")

    await ui.page.getByTestId("campaign-continue").click()
    await expectStep("schedule")
    await ui.page.getByTestId("campaign-send-later").click()
    const when = inThreeDays()
    await ui.page.getByTestId("campaign-scheduled-at").fill(when.input)
    const review = ui.page.getByTestId("campaign-review")
    await expectText(review.getByTestId("fact-review-name"), CAMPAIGN)
    await expectText(
      review.getByTestId("fact-review-audience"),
      `${EVERYONE}, leaving out ${ANNA} (${withoutAnna} contacts now)`
    )
    await expectText(review.getByTestId("fact-review-template"), TEMPLATE.name)
    await expectText(review.getByTestId("fact-review-subject"), SUBJECT)
    await expectText(review.getByTestId("fact-review-ab-test"), /^30% sample, winner by click rate after 6 hours/)
    await expectText(review.getByTestId("fact-review-when"), /9:00 AM$/)
    await expectText(ui.page.getByTestId("campaign-confirm"), "Schedule campaign")
    await screenshot("wizard-schedule")

    // The server refuses variant B's subject: the wizard goes back to the A/B step and says so under it.
    await ui.page.getByTestId("campaign-confirm").click()
    await expect(toast("The campaign was not created").waitFor()).resolves.toBeUndefined()
    await expectStep("ab_test")
    await expectText(ui.page.getByTestId("campaign-ab-variant-b-issue"), /^ab_test\.variants\[1\]\.subject: /)
    expect(await ui.page.getByTestId("campaign-ab-variant-a-issue").count()).toBe(0)
    expect((await api("/admin/marketing/campaigns")).count).toBe(0)
    await screenshot("wizard-refused")

    await ui.page.getByTestId("campaign-ab-variant-b-subject").fill(VARIANT_B)
    expect(await ui.page.getByTestId("campaign-ab-variant-b-issue").count()).toBe(0)
    await ui.page.getByTestId("campaign-step-schedule").click()
    await expectStep("schedule")
    await ui.page.getByTestId("campaign-confirm").click()
    await expect(toast("Campaign scheduled").waitFor()).resolves.toBeUndefined()
    await ui.page.waitForURL(/\/app\/marketing\/campaigns\/mkt_cmp_/)
    created.campaignId = new URL(ui.page.url()).pathname.split("/").pop()!
    await expectText(ui.page.getByTestId("campaign-title"), CAMPAIGN)
    expect(await ui.page.getByTestId("campaign-page").getByTestId("campaign-status-badge").getAttribute("data-status")).toBe(
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
    await expectText(ui.page.getByTestId("campaigns-count"), "1 campaign")
    const row = ui.page.locator("tbody tr", {
      has: ui.page.getByTestId("campaign-row-name").filter({ hasText: CAMPAIGN }),
    })
    await expectText(row.getByTestId("campaign-status-badge"), "Scheduled")
    expect(await row.getByTestId("campaign-status-badge").getAttribute("data-status")).toBe("scheduled")
    await expectText(row.getByTestId("campaign-row-audience"), `${EVERYONE}, leaving out ${ANNA}`)
    await expectText(row.getByTestId("campaign-row-when"), /^Sends .*9:00 AM$/)
    await screenshot("list")

    await ui.page.getByTestId("campaigns-table").locator('button[aria-haspopup="menu"]').click()
    await ui.page.getByRole("menuitem", { name: "Status" }).click()
    await ui.page.getByRole("dialog").getByText("Sent", { exact: true }).click()
    // Closed before the pill holds its value, Medusa's filter drops the pill and keeps the filter.
    await expectText(ui.page.getByTestId("campaigns-count"), "0 campaigns")
    await ui.page.keyboard.press("Escape")
    await ui.page.getByRole("button", { name: "Clear all" }).click()
    await expectText(ui.page.getByTestId("campaigns-count"), "1 campaign")

    await ui.page.getByPlaceholder("Search campaigns").fill("nothing like it")
    await expectText(ui.page.getByTestId("campaigns-count"), "0 campaigns")
    await ui.page.getByPlaceholder("Search campaigns").fill("spring")
    await expectText(ui.page.getByTestId("campaigns-count"), "1 campaign")
  }, TEST_TIMEOUT)

  it("opens the campaign and cancels it after confirming", async () => {
    expect(created.campaignId).toBeTruthy()
    await openInAdmin("/marketing/campaigns")
    await ui.page.getByTestId("campaign-row-name").filter({ hasText: CAMPAIGN }).click()
    await ui.page.waitForURL(`**/app/marketing/campaigns/${created.campaignId}`)
    await expectText(ui.page.getByTestId("campaign-moment"), /^Sends .*9:00 AM\. /)
    const details = ui.page.getByTestId("campaign-details")
    await expectText(details.getByTestId("fact-send-to"), EVERYONE)
    await expectText(details.getByTestId("fact-leave-out"), ANNA)
    await expectText(details.getByTestId("fact-template"), TEMPLATE.name)
    await expectText(ui.page.getByTestId("campaign-results-waiting"), "Results appear here once it starts sending.")
    await screenshot("detail-scheduled")

    // Kept when the merchant changes their mind.
    await ui.page.getByTestId("campaign-cancel").click()
    const prompt = ui.page.getByRole("alertdialog")
    await expectText(prompt.getByRole("heading"), "Cancel campaign?")
    await prompt.getByRole("button", { name: "Keep it" }).click()
    expect((await api(`/admin/marketing/campaigns/${created.campaignId}`)).campaign.status).toBe("scheduled")

    await ui.page.getByTestId("campaign-cancel").click()
    await ui.page.getByRole("alertdialog").getByRole("button", { name: "Cancel campaign" }).click()
    await expect(toast("Campaign cancelled").waitFor()).resolves.toBeUndefined()
    await eventually(async () =>
      expect(await ui.page.getByTestId("campaign-status-badge").getAttribute("data-status")).toBe("cancelled")
    )
    await expectText(ui.page.getByTestId("campaign-status-badge"), "Cancelled")
    // Nothing more can be done with it.
    for (const action of ["campaign-cancel", "campaign-edit", "campaign-schedule", "campaign-delete"]) {
      expect([action, await ui.page.getByTestId(action).count()]).toEqual([action, 0])
    }
    expect((await api(`/admin/marketing/campaigns/${created.campaignId}`)).campaign.status).toBe("cancelled")
    await expectText(ui.page.getByTestId("campaign-results-waiting"), "It was cancelled before it started: nothing was sent.")
    await screenshot("detail-cancelled")

    await openInAdmin("/marketing/campaigns")
    const row = ui.page.locator("tbody tr", {
      has: ui.page.getByTestId("campaign-row-name").filter({ hasText: CAMPAIGN }),
    })
    await expectText(row.getByTestId("campaign-status-badge"), "Cancelled")
  }, TEST_TIMEOUT)

  it("saves a draft part way, reopens it as saved, and deletes it after confirming", async () => {
    await openInAdmin("/marketing/campaigns")
    await ui.page.getByTestId("create-campaign").click()
    await ui.page.getByTestId("campaign-name").fill("Autumn preview")
    await segmentBox("include", ANNA).click()
    await expectAudience(1)
    // Without a template there is nothing to store yet: the wizard shows where it is missing.
    await ui.page.getByTestId("campaign-save-draft").click()
    await expectStep("content")
    await expectText(ui.page.getByTestId("campaign-issue-template_id"), "Choose the template to send.")
    await choose(ui.page.getByTestId("campaign-template"), TEMPLATE.name)
    await ui.page.getByTestId("campaign-save-draft").click()
    await expect(toast("Draft saved").waitFor()).resolves.toBeUndefined()
    await ui.page.waitForURL(/\/app\/marketing\/campaigns\/mkt_cmp_/)
    const draftId = new URL(ui.page.url()).pathname.split("/").pop()!
    await expectText(ui.page.getByTestId("campaign-title"), "Autumn preview")
    expect(await ui.page.getByTestId("campaign-page").getAttribute("data-status")).toBe("draft")

    // Editing opens it as stored; leaving with a change asks first.
    await ui.page.getByTestId("campaign-edit").click()
    await eventually(async () => expect(await ui.page.getByTestId("campaign-name").inputValue()).toBe("Autumn preview"))
    expect(await segmentBox("include", ANNA).getAttribute("aria-checked")).toBe("true")
    await ui.page.getByTestId("campaign-name").fill("Autumn preview, renamed")
    await ui.page.keyboard.press("Escape")
    const leave = ui.page.getByRole("alertdialog")
    await expectText(leave.getByRole("heading"), "Leave without saving?")
    await leave.getByRole("button", { name: "Leave" }).click()
    await eventually(async () => expect(await wizard().count()).toBe(0))
    expect((await api(`/admin/marketing/campaigns/${draftId}`)).campaign.name).toBe("Autumn preview")

    await ui.page.getByTestId("campaign-delete").click()
    const prompt = ui.page.getByRole("alertdialog")
    await expectText(prompt.getByRole("heading"), "Delete draft?")
    await prompt.getByRole("button", { name: "Delete" }).click()
    await expect(toast("Draft deleted").waitFor()).resolves.toBeUndefined()
    await ui.page.waitForURL("**/app/marketing/campaigns")
    await expect(api(`/admin/marketing/campaigns/${draftId}`)).rejects.toThrow(/404/)
  }, TEST_TIMEOUT)

  it(
    "sends a transactional campaign now; its page shows the email sent and opened, with the opens per hour",
    async () => {
      await openInAdmin("/marketing/campaigns")
      await ui.page.getByTestId("create-campaign").click()
      await ui.page.getByTestId("campaign-name").fill("Terms update")
      await segmentBox("include", ANNA).click()
      await expectAudience(1)
      await ui.page.getByTestId("campaign-continue").click()
      await choose(ui.page.getByTestId("campaign-template"), TEMPLATE.name)
      await ui.page.getByTestId("campaign-transactional").click()
      await ui.page.getByTestId("campaign-continue").click()
      await ui.page.getByTestId("campaign-continue").click()
      await expectStep("schedule")
      await expectText(ui.page.getByTestId("campaign-review").getByTestId("fact-review-when"), "Now")
      await expectText(ui.page.getByTestId("campaign-confirm"), "Send now")
      await ui.page.getByTestId("campaign-confirm").click()
      await expect(toast("Campaign is sending").waitFor()).resolves.toBeUndefined()
      await ui.page.waitForURL(/\/app\/marketing\/campaigns\/mkt_cmp_/)
      const id = new URL(ui.page.url()).pathname.split("/").pop()!

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
      const opened = await fetch(`${ui.url}${pixelUrl.pathname}${pixelUrl.search}`, {
        headers: { "user-agent": "Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 Thunderbird/128.0" },
      })
      expect(opened.status).toBe(200)
      await eventually(async () =>
        expect((await api(`/admin/marketing/campaigns/${id}/results`)).results.total.opened).toBe(1)
      )

      await ui.page.reload()
      const total = ui.page.locator('[data-testid="campaign-results-row"][data-row="total"]')
      await expectText(total.getByTestId("campaign-results-recipients"), "1")
      await expectText(total.getByTestId("campaign-results-sent"), "1")
      await expectText(total.getByTestId("campaign-results-opened"), "1 · 100%")
      await expectText(total.getByTestId("campaign-results-clicked"), "0 · 0%")
      await expectText(total.getByTestId("campaign-results-revenue"), "-")
      await expectText(ui.page.getByTestId("campaign-chart-unit"), "Opens and clicks per hour")
      expect(await ui.page.getByTestId("campaign-chart").getAttribute("data-points")).toBe("1")
      // recharts drew the opened line.
      await eventually(async () => expect(await ui.page.getByTestId("campaign-chart").locator(".recharts-line").count()).toBe(2))
      expect(["sending", "sent"]).toContain(await ui.page.getByTestId("campaign-page").getAttribute("data-status"))
      await screenshot("detail-results")

      await openInAdmin("/marketing/campaigns")
      const row = ui.page.locator("tbody tr", { has: ui.page.getByTestId("campaign-row-name").filter({ hasText: "Terms update" }) })
      await expectText(row.getByTestId("campaign-row-sent"), "1")
      await expectText(row.getByTestId("campaign-row-open-rate"), "100%")
      await expectText(row.getByTestId("campaign-row-click-rate"), "0%")
      await screenshot("list-results")
    },
    SEND_TIMEOUT
  )
})
