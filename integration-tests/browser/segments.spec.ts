/**
 * The Segments pages of the plugin's admin in a real browser: build a
 * segment with the visual rule builder while its live preview counts the
 * store's contacts, see the server refuse a bad value, save it, find it in
 * the list with its count, open its members and download them as CSV, then
 * delete it.
 *
 * Runs in ./harness.ts: headless Chromium (Debian's /usr/bin/chromium,
 * driven by playwright-core) against the repository's own store, booted by
 * ./dev-store.ts on a fresh database with the demo data
 * (12 customers, 25 orders). Three of them subscribe on the storefront
 * first, two who ordered and one who did not, so "ordered and subscribed"
 * has a known answer.
 *
 * Screenshots land in .cache/screenshots/ (named segments-*), the store's
 * logs and the browser console in .cache/browser/ (named segments-*).
 *
 *   TEST_TYPE=browser NODE_OPTIONS=--experimental-vm-modules \
 *     DB_HOST=localhost DB_PORT=5432 DB_USERNAME=postgres DB_PASSWORD= \
 *     npx jest --runInBand --forceExit integration-tests/browser/segments.spec.ts
 */
import fs from "node:fs"
import { Locator } from "playwright-core"
import { browserHarness, TEST_TIMEOUT } from "./harness"

const SEGMENT_NAME = "Subscribed buyers"

type ContactRow = { id: string; email: string; orders_count: number; consent_status: string }

/** What the store holds after setup, worked out from the API rather than from the UI. */
const store = {
  contactsCount: 0,
  buyers: [] as string[],
  subscribedBuyers: [] as string[],
}
/** What the tests create, for the ones after them. */
const created = { segmentId: "" }

const ui = browserHarness({
  name: "segments",
  context: { acceptDownloads: true },
  setup: async (ui) => {
    await ui.timed("log in", ui.logIn)
    await ui.timed("subscribe three customers", async () => {
      const { contacts } = await ui.api<{ contacts: ContactRow[] }>("/admin/marketing/contacts?limit=200")
      const buyers = contacts.filter((c) => c.orders_count >= 1)
      const nonBuyer = contacts.find((c) => c.orders_count === 0)
      if (buyers.length < 3 || !nonBuyer) {
        throw new Error(`The demo data changed: ${buyers.length} buyers, non-buyer ${nonBuyer?.email}`)
      }
      const {
        api_keys: [key],
      } = await ui.api("/admin/api-keys?type=publishable&limit=1")
      for (const email of [buyers[0].email, buyers[1].email, nonBuyer.email]) {
        await ui.api("/store/marketing/subscribe", {
          method: "POST",
          headers: { "x-publishable-api-key": key.token },
          body: { email, source: "footer_form" },
        })
      }
      // The answer, from the contacts API: who ordered, and who ordered and subscribed.
      const after = await ui.api<{ contacts: ContactRow[]; count: number }>("/admin/marketing/contacts?limit=200")
      store.contactsCount = after.count
      store.buyers = after.contacts.filter((c) => c.orders_count >= 1).map((c) => c.email)
      store.subscribedBuyers = after.contacts
        .filter((c) => c.orders_count >= 1 && c.consent_status === "subscribed")
        .map((c) => c.email)
      expect(store.subscribedBuyers).toHaveLength(2)
    })
  },
})
const { api, eventually, text, texts, expectText, expectTexts, screenshot, openInAdmin, sidebar, toast } = ui

/** Picks an option of a Radix select: open it, click the option. */
async function choose(trigger: Locator, option: string) {
  await trigger.click()
  await ui.page.getByRole("option", { name: option, exact: true }).click()
  await expectText(trigger, option)
}

/** The condition the builder shows at this path ("0", "1.0"). */
const condition = (pathKey: string) =>
  ui.page.locator(`[data-testid="segment-condition"][data-path="${pathKey}"]`)

const sortedEmails = (emails: string[]) => [...emails].sort()

/** "1 segment", "3 segments": the store may add segments of its own (the playbooks' "At risk"). */
const segmentsCount = async () => {
  const { count } = await api<{ count: number }>("/admin/marketing/segments?limit=1")
  return `${count} ${count === 1 ? "segment" : "segments"}`
}

/** Waits until the page's count of segments is the server's. */
const expectSegmentsCount = (locator: Locator) =>
  eventually(async () => expect(await text(locator)).toBe(await segmentsCount()))

const segmentsNamed = async (name: string) =>
  (await api<{ segments: { name: string }[] }>(`/admin/marketing/segments?q=${encodeURIComponent(name)}`)).segments.filter(
    (segment) => segment.name === name
  )

describe("Marketing segments in the browser", () => {
  it("links Segments from the overview and the sidebar", async () => {
    await openInAdmin("/marketing")
    await eventually(async () =>
      expect(await text(ui.page.getByTestId("marketing-segments-link"))).toMatch(
        new RegExp(`^Segments ${(await segmentsCount()).split(" ")[0]} segments · `)
      )
    )
    await expect(
      sidebar().getByRole("link", { name: "Segments", exact: true }).isVisible()
    ).resolves.toBe(true)

    await ui.page.getByTestId("marketing-segments-link").click()
    await ui.page.waitForURL("**/app/marketing/segments")
    await expectText(ui.page.getByRole("heading", { level: 1 }), "Segments")
    await expectSegmentsCount(ui.page.getByTestId("segments-count"))
    await screenshot("list-before")
  }, TEST_TIMEOUT)

  it("builds 'ordered at least once and subscribed' with a live count that matches the store, shows the server's message for a bad value, and saves it", async () => {
    await openInAdmin("/marketing/segments")
    await ui.page.getByTestId("create-segment").click()
    await ui.page.waitForURL("**/app/marketing/segments/create")
    await expectText(ui.page.getByTestId("segment-title"), "Create segment")
    await ui.page.getByTestId("segment-name").fill(SEGMENT_NAME)
    await expectText(ui.page.getByTestId("segment-preview-waiting"), "Add a condition to see who matches.")
    expect(await ui.page.getByTestId("segment-save").isDisabled()).toBe(true)

    // Orders placed: at least 1.
    await ui.page.getByTestId("group-add-condition").click()
    await choose(condition("0").getByTestId("condition-type"), "Orders placed")
    await expectText(condition("0").getByTestId("orders-count-operator"), "at least")
    expect(await condition("0").getByTestId("orders-count-value").inputValue()).toBe("1")
    await expectText(ui.page.getByTestId("segment-preview-count"), String(store.buyers.length))

    // And subscribed: a contact field, readable labels, the enum's value.
    await ui.page.getByTestId("group-add-condition").click()
    const consent = condition("1")
    await expectText(consent.getByTestId("condition-type"), "Contact field")
    await expectText(consent.getByTestId("condition-field"), "Consent")
    await expectText(consent.getByTestId("condition-operator"), "is")
    await expectText(consent.getByTestId("condition-value"), "Subscribed")
    await expectText(ui.page.getByTestId("segment-preview-count"), String(store.subscribedBuyers.length))
    await eventually(async () =>
      expect(sortedEmails(await texts(ui.page.getByTestId("segment-preview-email")))).toEqual(
        sortedEmails(store.subscribedBuyers)
      )
    )
    await screenshot("builder-preview")

    // A window of 0 days: the server names the node and what is wrong.
    await condition("0").getByTestId("orders-within-toggle").click()
    const amount = condition("0").getByTestId("orders-within-amount")
    await amount.fill("0")
    const error = ui.page.getByTestId("segment-rules-error")
    const message = await expectText(error, /^rules\.rules\[0\]\.within\.amount: /)
    expect(message).toMatch(/>=\s*1|at least 1|too small/i)
    expect(await condition("0").getAttribute("data-invalid")).toBe("true")
    await expectText(condition("0").getByTestId("condition-error"), message)
    await expectText(ui.page.getByTestId("segment-preview-waiting"), "Fix the rules to see who matches.")
    await screenshot("builder-server-error")

    // Saving the bad rules is refused with the same message, and nothing is stored.
    await ui.page.getByTestId("segment-save").click()
    await expect(toast("The segment was not created").waitFor()).resolves.toBeUndefined()
    await expectText(error, message)
    expect(await segmentsNamed(SEGMENT_NAME)).toEqual([])

    // Two years is fine: the demo orders are all from the last year.
    await amount.fill("24")
    await choose(condition("0").getByTestId("orders-within-unit"), "months")
    await eventually(async () => expect(await error.count()).toBe(0))
    await expectText(ui.page.getByTestId("segment-preview-count"), String(store.subscribedBuyers.length))
    // No window after all: any order ever.
    await condition("0").getByTestId("orders-within-toggle").click()
    expect(await condition("0").getByTestId("orders-within-amount").count()).toBe(0)

    await ui.page.getByTestId("segment-save").click()
    await ui.page.waitForURL(/\/app\/marketing\/segments\/mkt_seg_/)
    created.segmentId = new URL(ui.page.url()).pathname.split("/").pop()!
    await expect(toast("Segment created").waitFor()).resolves.toBeUndefined()
    await expectText(ui.page.getByTestId("segment-title"), SEGMENT_NAME)
    await expectText(ui.page.getByTestId("segment-member-count"), `${store.subscribedBuyers.length} members`)
    await expectText(ui.page.getByTestId("segment-save-state"), /^All changes saved\./)

    const { segment } = await api(`/admin/marketing/segments/${created.segmentId}`)
    expect(segment.member_count).toBe(store.subscribedBuyers.length)
    expect(segment.rules).toEqual({
      type: "group",
      match: "all",
      rules: [
        { type: "orders", count: { operator: "gte", value: 1 } },
        { type: "field", field: "consent_status", operator: "eq", value: "subscribed" },
      ],
    })
  }, TEST_TIMEOUT)

  it("lists the segment with its member count and opens it on a click, with its members", async () => {
    expect(created.segmentId).toBeTruthy()
    await openInAdmin("/marketing/segments")
    await expectSegmentsCount(ui.page.getByTestId("segments-count"))
    const row = ui.page.locator("tbody tr", {
      has: ui.page.getByTestId("segment-row-name").filter({ hasText: SEGMENT_NAME }),
    })
    await expectText(row.getByTestId("segment-row-count"), String(store.subscribedBuyers.length))
    const cells = await texts(row.locator("td"))
    expect(cells[2]).toMatch(/^(just now|now|\d+ (second|minute)s? ago)$/)
    expect(cells[3]).toBe("-")
    await screenshot("list")

    // Search finds it, and a name it does not have finds nothing.
    await ui.page.getByPlaceholder("Search segments").fill("nothing like it")
    await expectText(ui.page.getByTestId("segments-table"), /No matching segments/)
    await ui.page.getByPlaceholder("Search segments").fill("buyers")
    await expectTexts(ui.page.getByTestId("segment-row-name"), [SEGMENT_NAME])
    await expectText(row.getByTestId("segment-row-count"), String(store.subscribedBuyers.length))

    await row.locator("td").nth(1).click()
    await ui.page.waitForURL(`**/app/marketing/segments/${created.segmentId}`)
    await expectText(ui.page.getByTestId("segment-title"), SEGMENT_NAME)
    await expectText(
      ui.page.getByTestId("segment-members-count"),
      `${store.subscribedBuyers.length} members`
    )
    await eventually(async () =>
      expect(sortedEmails(await texts(ui.page.getByTestId("segment-member-email")))).toEqual(
        sortedEmails(store.subscribedBuyers)
      )
    )
    // The saved rules come back into the builder as they were built.
    await expectText(condition("0").getByTestId("condition-type"), "Orders placed")
    await expectText(condition("1").getByTestId("condition-value"), "Subscribed")
    await screenshot("segment-page")

    // A member's email leads to their contact page.
    const first = ui.page.getByTestId("segment-member-email").first()
    const email = await text(first)
    await first.click()
    await ui.page.waitForURL(/\/app\/marketing\/contacts\/mkt_con_/)
    await expectText(ui.page.getByTestId("contact-email"), email)
    await ui.page.goBack()
    await ui.page.waitForURL(`**/app/marketing/segments/${created.segmentId}`)
  }, TEST_TIMEOUT)

  it("downloads the members as a CSV file", async () => {
    await openInAdmin(`/marketing/segments/${created.segmentId}`)
    const button = ui.page.getByTestId("segment-export-csv")
    await eventually(async () => expect(await button.isEnabled()).toBe(true))
    const [download] = await Promise.all([ui.page.waitForEvent("download"), button.click()])
    expect(download.suggestedFilename()).toBe(`segment-${created.segmentId}.csv`)
    const file = await download.path()
    const text = fs.readFileSync(file!, "utf8")
    // Marked as UTF-8 for Excel.
    expect(text.startsWith("\uFEFF")).toBe(true)
    const [header, ...rows] = text.slice(1).trimEnd().split("\n")
    expect(header).toBe(
      "email,first_name,last_name,orders_count,total_spent,last_order_at,consent_status,entered_at"
    )
    expect(sortedEmails(rows.map((row) => row.split(",")[0].replace(/"/g, "")))).toEqual(
      sortedEmails(store.subscribedBuyers)
    )
    expect(rows.every((row) => row.includes('"subscribed"'))).toBe(true)
    await expect(toast("Export downloaded").waitFor()).resolves.toBeUndefined()
  }, TEST_TIMEOUT)

  it("edits nested groups, offers enum labels and other segments, and deletes after confirming", async () => {
    await openInAdmin(`/marketing/segments/${created.segmentId}`)
    await expectText(ui.page.getByTestId("segment-save-state"), /^All changes saved\./)

    // A nested "any" group with a field condition; switched to the RFM group.
    await ui.page.locator('[data-testid="segment-group"][data-path="root"] >> [data-testid="group-add-group"]').last().click()
    const nested = ui.page.locator('[data-testid="segment-group"][data-path="2"]')
    await expectText(nested.getByTestId("group-match"), "any")
    await choose(nested.getByTestId("group-match"), "none")
    await choose(condition("2.0").getByTestId("condition-field"), "RFM group")
    await choose(condition("2.0").getByTestId("condition-operator"), "is any of")
    await expect(condition("2.0").getByText("Can't lose", { exact: true }).isVisible()).resolves.toBe(true)
    await expectText(condition("2.0").getByTestId("condition-missing"), "Enter a value")
    await expectText(ui.page.getByTestId("segment-save-state"), "Fill in every condition before saving.")
    await screenshot("nested-group")

    // Removing the group again leaves nothing to save.
    await nested.getByTestId("group-remove").click()
    await expectText(ui.page.getByTestId("segment-save-state"), /^All changes saved\./)
    expect(await ui.page.getByTestId("segment-save").isDisabled()).toBe(true)

    // Another segment can be built on this one: not a member of it.
    await openInAdmin("/marketing/segments/create")
    await ui.page.getByTestId("group-add-condition").click()
    await choose(condition("0").getByTestId("condition-type"), "Segment membership")
    await choose(condition("0").getByTestId("segment-membership"), "Is not a member of")
    await choose(condition("0").getByTestId("segment-picker"), SEGMENT_NAME)
    await expectText(
      ui.page.getByTestId("segment-preview-count"),
      String(store.contactsCount - store.subscribedBuyers.length)
    )
    await screenshot("segment-condition")

    // Products and categories are chosen by name from the catalogue, and stored by id.
    await openInAdmin("/marketing/segments/create")
    await ui.page.getByTestId("group-add-condition").click()
    await choose(condition("0").getByTestId("condition-type"), "Orders placed")
    const products = condition("0").getByTestId("orders-product-ids")
    await products.getByTestId("orders-product-ids-search").fill("yirga")
    await products.getByTestId("orders-product-ids-match").filter({ hasText: "Ethiopia Yirgacheffe" }).click()
    await expectTexts(products.getByTestId("orders-product-ids-item"), ["Ethiopia Yirgacheffe"])
    const categories = condition("0").getByTestId("orders-category-ids")
    await categories.getByTestId("orders-category-ids-search").fill("brew")
    await categories.getByTestId("orders-category-ids-match").filter({ hasText: "Brewing gear" }).click()
    await expectTexts(categories.getByTestId("orders-category-ids-item"), ["Brewing gear"])
    const [{ id: productId }] = (await api("/admin/products?q=Yirgacheffe&fields=id")).products
    expect(await products.getByTestId("orders-product-ids-item").getAttribute("data-id")).toBe(productId)
    await screenshot("catalog-picker")
    await categories.getByRole("button", { name: "Remove Brewing gear" }).click()
    expect(await categories.getByTestId("orders-category-ids-item").count()).toBe(0)
    // The "Products bought" profile field picks the same way, and the preview counts who bought it.
    await ui.page.getByTestId("group-add-condition").click()
    await choose(condition("1").getByTestId("condition-field"), "Products bought")
    const bought = condition("1").getByTestId("condition-value")
    await bought.getByTestId("condition-value-search").fill("yirga")
    await bought.getByTestId("condition-value-match").filter({ hasText: "Ethiopia Yirgacheffe" }).click()
    await expectTexts(bought.getByTestId("condition-value-item"), ["Ethiopia Yirgacheffe"])
    expect(await bought.getByTestId("condition-value-item").getAttribute("data-id")).toBe(productId)

    // Unsubscribed topics are ticked by their names in Email settings, and stored by key
    // (on a new create page: the one above is still open).
    await openInAdmin("/marketing/segments")
    await openInAdmin("/marketing/segments/create")
    await ui.page.getByTestId("group-add-condition").click()
    await choose(condition("0").getByTestId("condition-type"), "Contact field")
    await choose(condition("0").getByTestId("condition-field"), "Unsubscribed topics")
    await condition("0").getByTestId("condition-value").getByLabel("Offers", { exact: true }).click()

    // Messages from a flow: the flow is chosen by its name.
    const { flow } = await api("/admin/marketing/flows", {
      method: "POST",
      body: {
        name: "Coffee club intro",
        definition: { trigger: { type: "event", event: "customer.created" }, reentry: "once", entry: "bye", steps: { bye: { type: "exit" } } },
      },
    })
    await ui.page.getByTestId("group-add-condition").click()
    await choose(condition("1").getByTestId("condition-type"), "Received a message")
    await choose(condition("1").getByTestId("received-reason-type"), "flow")
    await expectText(condition("1").getByTestId("condition-missing"), "Choose a flow")
    await choose(condition("1").getByTestId("received-reason-id"), "Coffee club intro")
    await screenshot("topics-and-flow-pickers")
    await ui.page.getByTestId("segment-name").fill("Built by name")
    await ui.page.getByTestId("segment-save").click()
    await ui.page.waitForURL(/\/app\/marketing\/segments\/mkt_seg_/)
    const saved = (await api(`/admin/marketing/segments/${new URL(ui.page.url()).pathname.split("/").pop()}`)).segment
    expect(saved.rules.rules).toEqual([
      { type: "field", field: "unsubscribed_topics", operator: "contains_any", value: ["offers"] },
      { type: "received_message", reason_type: "flow", reason_id: flow.id },
    ])

    // Leaving unsaved changes asks first; keeping them stays on the page with them.
    await openInAdmin(`/marketing/segments/${created.segmentId}`)
    await ui.page.getByTestId("segment-name").fill(`${SEGMENT_NAME} (renamed)`)
    const leave = ui.page.getByTestId("unsaved-changes-prompt")
    await sidebar().getByRole("link", { name: "Segments", exact: true }).click()
    await expectText(leave.getByRole("heading"), "Leave without saving?")
    await leave.getByRole("button", { name: "Keep editing" }).click()
    expect(new URL(ui.page.url()).pathname).toBe(`/app/marketing/segments/${created.segmentId}`)
    expect(await ui.page.getByTestId("segment-name").inputValue()).toBe(`${SEGMENT_NAME} (renamed)`)
    await sidebar().getByRole("link", { name: "Segments", exact: true }).click()
    await leave.getByRole("button", { name: "Leave" }).click()
    await ui.page.waitForURL("**/app/marketing/segments")
    expect((await api(`/admin/marketing/segments/${created.segmentId}`)).segment.name).toBe(SEGMENT_NAME)

    // Deleting asks first.
    await openInAdmin(`/marketing/segments/${created.segmentId}`)
    await ui.page.getByTestId("segment-delete").click()
    const prompt = ui.page.getByRole("alertdialog")
    await expectText(prompt.getByRole("heading"), "Delete segment?")
    await prompt.getByRole("button", { name: "Cancel" }).click()
    expect((await api(`/admin/marketing/segments/${created.segmentId}`)).segment.id).toBe(created.segmentId)

    await ui.page.getByTestId("segment-delete").click()
    await ui.page.getByRole("alertdialog").getByRole("button", { name: "Delete" }).click()
    await ui.page.waitForURL("**/app/marketing/segments")
    await expect(toast("Segment deleted").waitFor()).resolves.toBeUndefined()
    await expectSegmentsCount(ui.page.getByTestId("segments-count"))
    expect(await texts(ui.page.getByTestId("segment-row-name"))).not.toContain(SEGMENT_NAME)
    await expect(api(`/admin/marketing/segments/${created.segmentId}`)).rejects.toThrow(/404/)
  }, TEST_TIMEOUT)
})
