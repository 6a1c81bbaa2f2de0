/**
 * The email pages of the plugin's admin in a real browser: Templates (create
 * one, edit its MJML with a live preview, save a version, send a test),
 * Messages (the log and one message as it was sent) and Settings (quiet
 * hours, and the suppression list).
 *
 * Runs in ./harness.ts: headless Chromium (Debian's /usr/bin/chromium,
 * driven by playwright-core) against the repository's own store, booted by
 * ./dev-store.ts on a fresh database with the demo data.
 * Mail goes out through the plugin's SMTP provider to a capture server on
 * loopback (../helpers/smtp-capture.ts), so a test send really is sent and
 * the email the recipient got can be compared with what the admin shows.
 *
 * Screenshots land in .cache/screenshots/ (named emails-*), the store's logs
 * and the browser console in .cache/browser/ (named emails-*).
 *
 *   TEST_TYPE=browser NODE_OPTIONS=--experimental-vm-modules \
 *     DB_HOST=localhost DB_PORT=5432 DB_USERNAME=postgres DB_PASSWORD= \
 *     npx jest --runInBand --forceExit integration-tests/browser/emails.spec.ts
 */
import { useSmtpCapture } from "../helpers/smtp-capture"
import { ADMIN_EMAIL, browserHarness, TEST_TIMEOUT } from "./harness"

// Listens, and sets SMTP_HOST for the store, before the harness starts it.
const smtp = useSmtpCapture()

const TEMPLATE_NAME = "Spring sale"
// `{{` never closed, on the third line of the body.
const MJML_WITH_LIQUID_ERROR = `<mjml>
  <mj-body>
    <mj-section><mj-column><mj-text>Hi {{ contact.first_name </mj-text></mj-column></mj-section>
  </mj-body>
</mjml>`
const MJML_FIXED = `<mjml>
  <mj-body>
    <mj-section><mj-column><mj-text>Spring sale starts now, {{ contact.first_name | default: "friend" }}!</mj-text></mj-column></mj-section>
  </mj-body>
</mjml>`
// What the preview's sample contact (Ana) and the admin (no first name) read.
const SAMPLE_GREETING = "Spring sale starts now, Ana!"
const ADMIN_GREETING = "Spring sale starts now, friend!"

/** What the tests create, for the ones after them. */
const created = { templateId: "", messageId: "" }

const ui = browserHarness({ name: "emails" })
const { api, sleep, eventually, text, texts, expectText, expectTexts, screenshot, openInAdmin, sidebar, toast } = ui

/** Replaces the whole MJML body in the code editor, as typing would. */
async function setMjml(source: string) {
  const editor = ui.page.getByTestId("mjml-editor").locator(".cm-content")
  await editor.click()
  await ui.page.keyboard.press("ControlOrMeta+a")
  await ui.page.keyboard.press("Delete")
  // One insertion: the editor's auto-closing of tags reacts to single
  // typed characters and would add closing tags of its own.
  await ui.page.keyboard.insertText(source)
  await eventually(async () => {
    const content = await editor.evaluate((node) =>
      Array.from(node.querySelectorAll(".cm-line"))
        .map((line) => line.textContent)
        .join("\n")
    )
    expect(content).toBe(source)
  })
}

const previewFrame = () => ui.page.getByTestId("email-preview-frame")

/** The preview's email body as a reader sees it. */
const previewBody = () => ui.page.frameLocator('[data-testid="email-preview-frame"]').locator("body")

describe("Marketing email pages in the browser", () => {
  it("links Templates, Messages and Email settings from the overview and the sidebar", async () => {
    await openInAdmin("/marketing")
    await expectText(ui.page.getByRole("heading", { level: 1 }), "Marketing")
    for (const [testId, title] of [
      ["marketing-templates-link", "Templates"],
      ["marketing-messages-link", "Messages"],
      ["marketing-settings-link", "Email settings"],
    ]) {
      await expectText(ui.page.getByTestId(testId), new RegExp(`^${title} `))
    }
    // Nested under Marketing in the sidebar, next to Contacts.
    for (const label of ["Contacts", "Templates", "Messages", "Email settings"]) {
      await expect(
        sidebar().getByRole("link", { name: label, exact: true }).isVisible()
      ).resolves.toBe(true)
    }
    await screenshot("overview")

    await ui.page.getByTestId("marketing-templates-link").click()
    await ui.page.waitForURL("**/app/marketing/templates")
    await expectText(ui.page.getByRole("heading", { level: 1 }), "Templates")
  }, TEST_TIMEOUT)

  it("asks for the store's postal address on the overview until it is set", async () => {
    const saveAddress = (address: string) =>
      api("/admin/marketing/settings", { method: "POST", body: { store: { address } } })
    const { settings } = await api("/admin/marketing/settings")
    try {
      await saveAddress("")
      await openInAdmin("/marketing")
      const notice = ui.page.getByTestId("postal-address-notice")
      await expectText(notice, /no postal address yet/)
      await notice.getByRole("link", { name: "Add it in Email settings" }).click()
      await ui.page.waitForURL("**/app/marketing/settings")

      await saveAddress("1 Bean Street, 10115 Berlin")
      // Gone once the settings have arrived, not merely before they do.
      await Promise.all([
        ui.page.waitForResponse((response) => response.url().includes("/admin/marketing/settings")),
        openInAdmin("/marketing"),
      ])
      await expectText(ui.page.getByRole("heading", { level: 1 }), "Marketing")
      await sleep(500)
      expect(await notice.count()).toBe(0)
    } finally {
      await saveAddress(settings.store.address)
    }
  }, TEST_TIMEOUT)

  it("creates a template, shows a Liquid error with its line, previews the fix and saves version 2", async () => {
    await openInAdmin("/marketing/templates")
    await ui.page.getByTestId("create-template").click()
    await ui.page.getByTestId("new-template-name").fill(TEMPLATE_NAME)
    await screenshot("template-create")
    await ui.page.getByTestId("new-template-submit").click()
    await ui.page.waitForURL(/\/app\/marketing\/templates\/mkt_/)
    created.templateId = new URL(ui.page.url()).pathname.split("/").pop()!

    await expectText(ui.page.getByTestId("template-title"), TEMPLATE_NAME)
    await expectText(ui.page.getByTestId("template-version-badge"), "Version 1")
    // The blank starter, rendered with the sample data.
    await eventually(async () =>
      expect(await text(previewBody())).toContain("Write your message here.")
    )
    await expectText(ui.page.getByTestId("email-preview-subject"), "News from Demo Coffee Roasters")

    // A Liquid mistake: the server's message, with its part and line, under the editor.
    await setMjml(MJML_WITH_LIQUID_ERROR)
    const problem = ui.page.getByTestId("template-content-error")
    const message = await expectText(problem, /mjml line 3\b/)
    expect(message).toMatch(/not closed|unexpected|expected/i)
    expect(await ui.page.getByTestId("mjml-editor").getAttribute("data-invalid")).toBe("true")
    await screenshot("template-liquid-error")

    // Fixed: the problem goes, and the preview shows the rendered text.
    await setMjml(MJML_FIXED)
    await eventually(async () => {
      expect(await problem.count()).toBe(0)
      expect(await text(previewBody())).toBe(SAMPLE_GREETING)
    })

    // Desktop is the email's 600 px design width at least, scaled down to fit a narrower pane rather
    // than cut off; phone is 375 px.
    const frameWidth = () =>
      previewFrame().evaluate((frame) => frame.getBoundingClientRect().width)
    const desktopFit = () =>
      previewFrame().evaluate((frame) => {
        const pane = frame.parentElement!.parentElement!
        return {
          designWidth: frame.getBoundingClientRect().width / Number(frame.dataset.scale),
          cutOff: pane.scrollWidth - pane.clientWidth,
        }
      })
    expect(await desktopFit()).toEqual({ designWidth: expect.any(Number), cutOff: 0 })
    expect((await desktopFit()).designWidth).toBeGreaterThanOrEqual(599.5)
    await ui.page.setViewportSize({ width: 1280, height: 1000 })
    try {
      await eventually(async () => expect(Number(await previewFrame().getAttribute("data-scale"))).toBeLessThan(1))
      expect((await desktopFit()).cutOff).toBe(0)
      expect((await desktopFit()).designWidth).toBeCloseTo(600, 0)
      await expectText(ui.page.getByTestId("email-preview-scale"), /^Shown at \d+% to fit the desktop width of 600 px\.$/)
      await screenshot("template-preview-scaled")
    } finally {
      await ui.page.setViewportSize({ width: 1440, height: 1000 })
    }
    await ui.page.getByTestId("email-preview-phone").click()
    await eventually(async () => expect(await frameWidth()).toBe(375))
    expect(await previewFrame().getAttribute("data-device")).toBe("phone")
    expect(await text(previewBody())).toBe(SAMPLE_GREETING)
    await screenshot("template-preview-phone")

    // The text part, generated from the email.
    await ui.page.getByRole("tab", { name: "Plain text" }).click()
    await expectText(ui.page.getByTestId("email-preview-text"), SAMPLE_GREETING)
    await ui.page.getByRole("tab", { name: "Email" }).click()

    await expectText(ui.page.getByTestId("template-save-state"), /saving publishes version 2/)

    // A refused sender address is shown under its own field, not under the body.
    await ui.page.getByTestId("template-from_email").fill("not-an-email")
    await ui.page.getByTestId("template-save").click()
    await expectText(ui.page.locator("#template-from_email-error"), "Must be an email address")
    expect(await ui.page.getByTestId("template-content-error").count()).toBe(0)
    await ui.page.getByTestId("template-from_email").fill("")

    await ui.page.getByTestId("template-save").click()
    await expect(toast("Saved as version 2").waitFor()).resolves.toBeUndefined()
    await expectText(ui.page.getByTestId("template-version-badge"), "Version 2")
    await expectText(ui.page.getByTestId("template-save-state"), "All changes saved.")
    const versions = await texts(ui.page.getByTestId("template-version"))
    expect(versions.map((entry) => entry.split(" ").slice(0, 2).join(" "))).toEqual([
      "Version 2",
      "Version 1",
    ])
    expect(versions[0]).toContain("Current")
    await screenshot("template-saved")

    // What the server stored, and the earlier version shown read-only.
    const { template } = await api(`/admin/marketing/templates/${created.templateId}`)
    expect(template.versions.map((v: any) => v.version)).toEqual([2, 1])
    expect(template.versions[0].mjml).toBe(MJML_FIXED)
    await ui.page.locator('[data-testid="template-version"][data-version="1"]').click()
    await ui.page.getByTestId("template-past-version-notice").waitFor()
    await eventually(async () =>
      expect(await text(previewBody())).toContain("Write your message here.")
    )
    await ui.page.getByRole("button", { name: "Back to editing" }).click()
    await eventually(async () => expect(await text(previewBody())).toBe(SAMPLE_GREETING))
  }, TEST_TIMEOUT)

  it("sends a test email, which the message log and the message page show as sent", async () => {
    expect(created.templateId).toBeTruthy()
    await openInAdmin(`/marketing/templates/${created.templateId}`)
    await ui.page.getByTestId("template-test-send").click()
    const address = ui.page.getByTestId("test-send-email")
    // The signed-in user's address is suggested.
    await eventually(async () => expect(await address.inputValue()).toBe(ADMIN_EMAIL))
    await screenshot("template-test-send")
    await ui.page.getByTestId("test-send-submit").click()
    await expect(toast("Test email sent").waitFor()).resolves.toBeUndefined()

    // It really went out, rendered for the admin's contact.
    const mail = await eventually(async () => {
      const mail = smtp.received.find((m) =>
        [m.to ?? []].flat().some((to) => to.text.includes(ADMIN_EMAIL))
      )
      expect(mail).toBeDefined()
      return mail!
    })
    expect(mail.subject).toMatch(/^News from \S/)
    expect(mail.text).toContain(ADMIN_GREETING)

    // The log: the test send, sent, from version 2.
    await openInAdmin("/marketing/messages")
    await expectText(ui.page.getByRole("heading", { level: 1 }), "Messages")
    const row = ui.page.locator("tbody tr", {
      has: ui.page.getByTestId("message-row-recipient").filter({ hasText: ADMIN_EMAIL }),
    })
    const cells = await eventually(async () => {
      const cells = await texts(row.first().locator("td"))
      expect(cells.length).toBeGreaterThan(5)
      return cells
    })
    expect(cells.slice(0, 6)).toEqual([
      ADMIN_EMAIL,
      mail.subject,
      `${TEMPLATE_NAME} v2`,
      "Sent",
      "Test send",
      expect.stringMatching(/^(just now|now|\d+ (second|minute)s? ago)$/),
    ])
    expect(await row.first().getByTestId("message-status-badge").getAttribute("data-status")).toBe(
      "sent"
    )
    await screenshot("messages")

    // Dates that hold nothing say so, rather than that nothing was ever sent.
    await ui.page.getByTestId("messages-from").fill("2099-01-01")
    await expectText(ui.page.getByText("No messages in these dates"), "No messages in these dates")
    await ui.page.getByRole("button", { name: "Any date" }).click()
    await eventually(async () => expect(await row.count()).toBeGreaterThan(0))

    // Filters: no failed emails; the recipient search finds it.
    await ui.page.getByTestId("messages-table").locator('button[aria-haspopup="menu"]').click()
    await ui.page.getByRole("menuitem", { name: "Status" }).click()
    await ui.page.getByRole("dialog").getByText("Failed", { exact: true }).click()
    // Closed before the pill holds its value, Medusa's filter drops the pill and keeps the filter.
    await expectText(ui.page.getByTestId("messages-count"), "0 messages")
    await ui.page.keyboard.press("Escape")
    await screenshot("messages-filter-failed")
    await ui.page.getByRole("button", { name: "Clear all" }).click()
    await ui.page.getByPlaceholder("Search recipient email").fill("admin@")
    await expectTexts(ui.page.getByTestId("message-row-recipient"), [ADMIN_EMAIL])

    // Someone's mail app fetches the images (Apple's privacy proxy), later
    // the person reads it: one machine open, one real open.
    const { messages } = await api(`/admin/marketing/messages?template_id=${created.templateId}`)
    created.messageId = messages[0].id
    const pixel = /src="([^"]*\/marketing\/open\/[^"]+)"/.exec(String(mail.html))?.[1]
    expect(pixel).toBeDefined()
    const pixelUrl = new URL(pixel!.replace(/&amp;/g, "&"))
    const open = (userAgent: string) =>
      fetch(`${ui.url}${pixelUrl.pathname}${pixelUrl.search}`, {
        headers: { "user-agent": userAgent },
      }).then((res) => expect(res.status).toBe(200))
    await open("Mozilla/5.0")
    await sleep(2_100) // a person never opens within two seconds of sending
    await open("Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 Thunderbird/128.0")

    await row.first().click()
    await ui.page.waitForURL(`**/app/marketing/messages/${created.messageId}`)
    await expectText(ui.page.getByTestId("message-subject"), mail.subject!)
    await expectText(ui.page.getByTestId("message-detail").getByTestId("message-status-badge"), "Sent")
    await expectText(ui.page.getByTestId("fact-attempts"), "1")
    await expectText(ui.page.getByTestId("fact-last-error"), "-")
    await expectText(ui.page.getByTestId("message-template-link"), `${TEMPLATE_NAME}, version 2`)
    await expectText(ui.page.getByTestId("message-contact-link"), ADMIN_EMAIL)
    await expectTexts(ui.page.getByTestId("message-event-label"), [
      "Machine open (privacy proxy or scanner)",
      "Opened",
    ])
    // The email as the recipient got it.
    await eventually(async () => expect(await text(previewBody())).toBe(ADMIN_GREETING))
    await screenshot("message-detail")
    await ui.page.getByRole("tab", { name: "Plain text" }).click()
    await expectText(ui.page.getByTestId("email-preview-text"), ADMIN_GREETING)

    // Its links lead to the template and the contact.
    await ui.page.getByTestId("message-template-link").click()
    await ui.page.waitForURL(`**/app/marketing/templates/${created.templateId}`)
    await ui.page.goBack()
    await ui.page.getByTestId("message-contact-link").click()
    await ui.page.waitForURL(/\/app\/marketing\/contacts\/mkt_con_/)
    await expectText(ui.page.getByTestId("contact-email"), ADMIN_EMAIL)

    // One a guardrail held back says why in words, not as an error code.
    const heldId = `${created.messageId}_held`
    await ui.sql(
      `INSERT INTO marketing_message (id, contact_id, template_version_id, to_email, subject, reason_type, status,
         last_error, send_after, idempotency_key)
       SELECT $1, contact_id, template_version_id, to_email, subject, reason_type, 'skipped', 'no_consent', now(), $1
       FROM marketing_message WHERE id = $2`,
      [heldId, created.messageId]
    )
    await openInAdmin(`/marketing/messages/${heldId}`)
    await expectText(ui.page.getByTestId("fact-last-error"), "The contact has not subscribed to marketing email")
  }, TEST_TIMEOUT)

  it("saves quiet hours, keeps them after a reload, and shows the server's error for a bad time", async () => {
    await openInAdmin("/marketing")
    await ui.page.getByTestId("marketing-settings-link").click()
    await ui.page.waitForURL("**/app/marketing/settings")
    await expectText(ui.page.getByRole("heading", { level: 1 }), "Email settings")

    const start = ui.page.getByTestId("quiet-hours-start")
    await eventually(async () => expect(await start.inputValue()).toBe("21:00"))
    await start.fill("22:00")
    await ui.page.getByTestId("settings-quiet-hours-save").click()
    await expect(toast("Quiet hours saved").waitFor()).resolves.toBeUndefined()

    await ui.page.reload()
    await eventually(async () => expect(await ui.page.getByTestId("quiet-hours-start").inputValue()).toBe("22:00"))
    expect((await api("/admin/marketing/settings")).settings.quiet_hours.start).toBe("22:00")
    await screenshot("settings")

    await ui.page.getByTestId("quiet-hours-start").fill("25:00")
    await ui.page.getByTestId("settings-quiet-hours-save").click()
    const error = ui.page.getByTestId("settings-quiet-hours-error")
    const message = await expectText(error, /HH:MM/)
    expect(message).toMatch(/quiet_hours\.start/)
    await screenshot("settings-quiet-hours-error", ui.page.getByTestId("settings-quiet-hours"))
    expect((await api("/admin/marketing/settings")).settings.quiet_hours.start).toBe("22:00")
  }, TEST_TIMEOUT)

  it("adds addresses to the suppression list and removes one after confirming", async () => {
    await openInAdmin("/marketing/settings")
    await ui.page.getByRole("tab", { name: "Suppression list" }).click()
    await ui.page.waitForURL(/\/app\/marketing\/settings\?tab=suppressions$/)
    const list = ui.page.getByTestId("suppression-list")
    const emails = () => texts(list.getByTestId("suppression-email"))
    const before = await api("/admin/marketing/suppressions?limit=1")

    await ui.page.getByTestId("add-suppressions").click()
    await ui.page.getByTestId("suppress-emails").fill("gone@example.com\nno-more@example.com\n")
    await screenshot("suppressions-add")
    await ui.page.getByTestId("suppress-submit").click()
    await expect(toast("Added to the suppression list").waitFor()).resolves.toBeUndefined()
    await eventually(async () =>
      expect([...(await emails())].sort()).toEqual(
        expect.arrayContaining(["gone@example.com", "no-more@example.com"])
      )
    )
    await expectText(
      ui.page.getByTestId("suppressions-count"),
      `${before.count + 2} suppressed addresses`
    )
    await screenshot("suppressions")

    const row = list.locator("tbody tr", {
      has: ui.page.getByTestId("suppression-email").filter({ hasText: "gone@example.com" }),
    })
    await row.getByTestId("suppression-remove").click()
    const prompt = ui.page.getByRole("alertdialog")
    await expectText(prompt.getByRole("heading"), "Remove from the suppression list?")
    await prompt.getByRole("button", { name: "Remove" }).click()
    await expect(toast("Removed from the suppression list").waitFor()).resolves.toBeUndefined()
    await eventually(async () => {
      const shown = await emails()
      expect(shown).toContain("no-more@example.com")
      expect(shown).not.toContain("gone@example.com")
    })
    const { contacts } = await api("/admin/marketing/suppressions?q=example.com&limit=100")
    const suppressed = contacts.map((c: any) => c.email)
    expect(suppressed).toContain("no-more@example.com")
    expect(suppressed).not.toContain("gone@example.com")

    // The contacts list says a suppressed contact cannot be emailed, whatever their consent.
    await openInAdmin("/marketing/contacts")
    const contactRow = ui.page.locator("tbody tr", {
      has: ui.page.getByTestId("contact-row-email").filter({ hasText: "no-more@example.com" }),
    })
    await expectText(contactRow.getByTestId("consent-badge"), "Suppressed")
  }, TEST_TIMEOUT)

  it("deletes a template after confirming, and names the flow that still sends a starter", async () => {
    const { template } = await api("/admin/marketing/templates", {
      method: "POST",
      body: { name: "Old promo", content: { subject: "Old", mjml: "<mjml><mj-body><mj-section><mj-column><mj-text>Old</mj-text></mj-column></mj-section></mj-body></mjml>" } },
    })
    await openInAdmin(`/marketing/templates/${template.id}`)
    await expectText(ui.page.getByTestId("template-title"), "Old promo")
    await ui.page.getByTestId("template-delete").click()
    const prompt = ui.page.getByRole("alertdialog")
    await expectText(prompt.getByRole("heading"), "Delete template?")
    await prompt.getByRole("button", { name: "Delete" }).click()
    await ui.page.waitForURL("**/app/marketing/templates")
    await expect(toast("Template deleted").waitFor()).resolves.toBeUndefined()
    await eventually(async () => expect(await texts(ui.page.getByTestId("template-row-name"))).not.toContain("Old promo"))

    // The welcome starter is what the Welcome series playbook sends.
    const { templates } = await api("/admin/marketing/templates?limit=100")
    const welcome = templates.find((t: { starter_key: string | null }) => t.starter_key === "welcome")
    await openInAdmin(`/marketing/templates/${welcome.id}`)
    await ui.page.getByTestId("template-delete").click()
    await ui.page.getByRole("alertdialog").getByRole("button", { name: "Delete" }).click()
    const refused = toast("The template was not deleted")
    await expectText(refused, /used by flow/)
    expect(new URL(ui.page.url()).pathname).toBe(`/app/marketing/templates/${welcome.id}`)
    expect((await api(`/admin/marketing/templates/${welcome.id}`)).template.id).toBe(welcome.id)
  }, TEST_TIMEOUT)
})
