/**
 * The plugin's admin pages in a real browser: headless Chromium (Debian's
 * /usr/bin/chromium, driven by playwright-core) logs in to the development
 * store, opens Marketing → Contacts, a contact, and a customer with the
 * marketing widget, runs the import of existing customers, and checks what a
 * merchandiser reads on each page.
 *
 * The store is the repository's own (medusa-config.ts), booted by
 * ./dev-store.ts on a fresh database with the demo data
 * (src/scripts/seed-demo.ts, through ./seed.ts); ./harness.ts sets it and
 * the browser up for every browser spec. Expected values come from
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
import { ADMIN_EMAIL, ADMIN_PASSWORD, browserHarness } from "./harness"
import { money } from "./page-text"

// What the storefront's newsletter form sends for the subject (setup below).
const CONSENT_SOURCE = "footer_form"
const CONSENT_TEXT = "Yes, send me news and offers by email."

const TEST_TIMEOUT = 90_000

// "6 months ago", "last month", "yesterday", "just now": relative times.
const RELATIVE_PAST = /^(.+ ago|just now|now|yesterday|last (week|month|year))$/
// "Nov 29, 2026, 4:28 AM" in an en-US browser.
const DATE_TIME = /^[A-Z][a-z]{2} \d{1,2}, \d{4}, \d{1,2}:\d{2} [AP]M$/

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

const ui = browserHarness({
  // Its screenshots and logs are not prefixed, and it clears the screenshots of all specs.
  // The first test logs in through the form: setup only gets a token for the API.
  setup: (ui) =>
    ui.timed("test data via the API", async () => {
      await ui.authenticate()
      const {
        stores: [{ name }],
      } = await ui.api("/admin/stores?fields=name")
      store.name = name

      // The subject, and the truth about their orders, come from Medusa.
      const { orders, count: ordersCount } = await ui.api(
        "/admin/orders?fields=id,display_id,total,currency_code,customer_id&limit=1000"
      )
      store.ordersCount = ordersCount
      store.customersCount = (await ui.api("/admin/customers?fields=id&limit=1")).count
      const byCustomer = new Map<string, Order[]>()
      for (const order of orders) {
        if (!order.customer_id) continue
        byCustomer.set(order.customer_id, [...(byCustomer.get(order.customer_id) ?? []), order])
      }
      const [customerId, customerOrders] = [...byCustomer].sort(
        ([a, x], [b, y]) => y.length - x.length || a.localeCompare(b)
      )[0]
      const { customers } = await ui.api("/admin/customers?fields=id,email,has_account&limit=1000")
      const quiet = customers.find((c: any) => c.has_account && !byCustomer.has(c.id))
      if (quiet) Object.assign(nonBuyer, { customerId: quiet.id, email: quiet.email })
      const { customer } = await ui.api(`/admin/customers/${customerId}`)
      const {
        contacts: [contact],
      } = await ui.api(`/admin/marketing/contacts?customer_id=${customerId}`)
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
      } = await ui.api("/admin/api-keys?type=publishable&limit=1")
      await ui.api("/store/marketing/subscribe", {
        method: "POST",
        headers: { "x-publishable-api-key": key.token },
        body: { email: subject.email, source: CONSENT_SOURCE, consent_text: CONSENT_TEXT },
      })
      store.contactsCount = (await ui.api("/admin/marketing/contacts?limit=1")).count
    }),
})
const { api, eventually, text, texts, expectText, screenshot, openInAdmin, sidebar } = ui

const plural = (count: number, word: string) => `${count} ${word}${count === 1 ? "" : "s"}`

const rowEmails = () => texts(ui.page.getByTestId("contact-row-email"))

/** The contacts table row of one contact, found by its email link. */
const contactRow = (email: string) =>
  ui.page.locator("tbody tr", {
    has: ui.page.getByTestId("contact-row-email").filter({ hasText: email }),
  })

const expectContactsCount = (count: number) =>
  expectText(ui.page.getByTestId("contacts-count"), plural(count, "contact"))

describe("Marketing admin in the browser", () => {
  it("logs in with the email and password form", async () => {
    expect(new URL(ui.page.url()).pathname).toBe("/app/login")
    await screenshot("login")
    await ui.page.locator('input[name="email"]').fill(ADMIN_EMAIL)
    await ui.page.locator('input[name="password"]').fill(ADMIN_PASSWORD)
    await ui.page.getByRole("button", { name: "Continue with Email" }).click()
    await ui.page.waitForURL((url) => !url.pathname.startsWith("/app/login"))

    // The admin's shell: the store's name and the signed-in user.
    await eventually(async () => {
      expect(await text(sidebar())).toContain(store.name)
      expect(await text(sidebar())).toContain(ADMIN_EMAIL)
    })
  }, TEST_TIMEOUT)

  it("lists the contacts under Marketing → Contacts, searches and filters them", async () => {
    // The plugin's entry in the admin's sidebar, and its overview page.
    await sidebar().getByRole("link", { name: "Marketing", exact: true }).click()
    await ui.page.waitForURL("**/app/marketing")
    await expectText(ui.page.getByRole("heading", { level: 1 }), "Marketing")
    await expectText(
      ui.page.getByTestId("marketing-contacts-link"),
      `Contacts ${plural(store.contactsCount, "contact")} · 1 subscribed`
    )
    await screenshot("marketing-overview")

    await sidebar().getByRole("link", { name: "Contacts", exact: true }).click()
    await ui.page.waitForURL("**/app/marketing/contacts")
    await expectText(ui.page.getByRole("heading", { level: 1 }), "Contacts")
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
    const spent = await texts(ui.page.locator("tbody tr td:nth-child(5)"))
    expect(spent).toHaveLength(firstPage.length)
    for (const amount of spent) expect(amount).toMatch(/^(-|[^\d\s]+[\d,]+\.\d{2})$/)
    await screenshot("contacts")

    // Searching for an email narrows the list to that contact.
    const search = ui.page.getByPlaceholder("Search email or name")
    await search.fill(subject.email)
    await eventually(async () => {
      expect(await rowEmails()).toEqual([subject.email])
      expect(await text(ui.page.getByTestId("contacts-count"))).toBe("1 contact")
    })
    await screenshot("contacts-search")
    await search.fill("")
    await expectContactsCount(store.contactsCount)

    // The consent filter: only the subject has subscribed.
    await ui.page.getByTestId("contacts-table").locator('button[aria-haspopup="menu"]').click()
    await ui.page.getByRole("menuitem", { name: "Consent" }).click()
    await ui.page.getByRole("dialog").getByText("Subscribed", { exact: true }).click()
    // Closed before the pill holds its value, Medusa's filter drops the pill and keeps the filter.
    await eventually(async () => {
      expect(await rowEmails()).toEqual([subject.email])
      expect(await text(ui.page.getByTestId("contacts-count"))).toBe("1 contact")
    })
    await ui.page.keyboard.press("Escape")
    await screenshot("contacts-filter-subscribed")
    await ui.page.getByRole("button", { name: "Clear all" }).click()
    await expectContactsCount(store.contactsCount)
    await eventually(async () =>
      expect(await rowEmails()).toHaveLength(Math.min(store.contactsCount, 20))
    )
  }, TEST_TIMEOUT)

  it("opens a contact: consent, profile facts and timeline", async () => {
    await openInAdmin("/marketing/contacts")
    await ui.page.getByTestId("contact-row-email").filter({ hasText: subject.email }).click()
    await ui.page.waitForURL(`**/app/marketing/contacts/${subject.contactId}`)

    await expectText(ui.page.getByTestId("contact-email"), subject.email)
    const detail = ui.page.getByTestId("contact-detail")
    await expectText(detail.getByTestId("consent-badge").first(), "Subscribed")
    await expectText(ui.page.getByTestId("fact-name"), subject.name)
    await expectText(ui.page.getByTestId("fact-customer"), "View customer")

    // Consent and its evidence, as the storefront recorded it.
    await expectText(ui.page.getByTestId("fact-consent-status"), "Subscribed")
    await expectText(ui.page.getByTestId("fact-consent-source"), CONSENT_SOURCE)
    await expectText(ui.page.getByTestId("fact-consent-text"), CONSENT_TEXT)
    await expectText(ui.page.getByTestId("fact-consent-at"), DATE_TIME)

    // Profile facts, against Medusa's own orders of this customer.
    const count = subject.orders.length
    await expectText(ui.page.getByTestId("fact-orders-count"), String(count))
    await expectText(ui.page.getByTestId("fact-total-spent"), money(subject.total, subject.currency))
    await expectText(
      ui.page.getByTestId("fact-average-order-value"),
      money(subject.total / count, subject.currency)
    )
    // "Jan 24, 2026 (10 months ago)"
    await expectText(
      ui.page.getByTestId("fact-first-order-at"),
      /^[A-Z][a-z]{2} \d{1,2}, \d{4} \(.+\)$/
    )

    // The timeline, newest first: the subscription just now, every real
    // order with its number and total, the sign-up last.
    const timeline = ui.page.getByTestId("timeline")
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
    await ui.page.getByTestId("contact-customer-link").click()
    await ui.page.waitForURL(`**/app/customers/${subject.customerId}`)
    // Medusa's own customer page, with the plugin's widget in it.
    await expectText(ui.page.getByRole("heading", { level: 1 }).first(), subject.email)
    const widget = ui.page.getByTestId("customer-marketing-widget")
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
    await ui.page.waitForURL(`**/app/marketing/contacts/${subject.contactId}`)
    await expectText(ui.page.getByTestId("contact-email"), subject.email)

    // Someone who signed up but never bought: no orders, nothing spent.
    if (nonBuyer.customerId) {
      await openInAdmin(`/customers/${nonBuyer.customerId}`)
      await expectText(ui.page.getByRole("heading", { level: 1 }).first(), nonBuyer.email)
      const widget = ui.page.getByTestId("customer-marketing-widget")
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
    const status = ui.page.getByTestId("backfill-status")
    // Nobody has run the import in this store yet: no status line.
    await eventually(async () => {
      expect(await status.getAttribute("data-status")).toBe("idle")
      expect(await text(status)).toBe("")
    })

    const button = ui.page.getByTestId("backfill-button")
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
      expect(await text(ui.page.getByTestId("contacts-count"))).toBe(
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
