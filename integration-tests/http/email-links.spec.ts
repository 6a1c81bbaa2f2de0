import { medusaIntegrationTestRunner } from "@medusajs/test-utils"
import type { ParsedMail } from "mailparser"
import { MARKETING_MODULE } from "../../src/modules/marketing"
import MarketingModuleService from "../../src/modules/marketing/service"
import { signToken } from "../../src/lib/tracking/tokens"
import { signGenericBody } from "../../src/lib/delivery/webhooks"
import { resolveEmailContext } from "../../src/utils/email-context"
import { dispatchDueMessages, unthrottled } from "../../src/workflows/messages"
import { installStarterTemplates } from "../../src/workflows/templates"
import { adminHeaders } from "../helpers/auth"
import { storeHeaders } from "../helpers/checkout"
import { useSmtpCapture } from "../helpers/smtp-capture"
import { createStoreFixture, StoreFixture } from "../helpers/store-fixture"

jest.setTimeout(300_000)

const WEBHOOK_SECRET = "whsec-generic-test-secret"
process.env.MARKETING_WEBHOOK_SECRET = WEBHOOK_SECRET

const capture = useSmtpCapture()

// Midday UTC, outside quiet hours; in the future, so the app's own
// every-minute dispatch job never finds these messages due first.
const NOON = new Date("2027-06-01T12:00:00Z")
const BROWSER = "Mozilla/5.0 (Macintosh; Intel Mac OS X 14_5) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/17.5 Safari/605.1.15"
const ADDRESS = "Linen & Co, 12 Harbour Street, 10115 Berlin"

/** The path and query of a link in an email, to call on the test server. */
const pathOf = (url: string) => {
  const parsed = new URL(url)
  return parsed.pathname + parsed.search
}

const hrefs = (html: string) => [...html.matchAll(/href="([^"]+)"/g)].map((m) => m[1].replace(/&amp;/g, "&"))

medusaIntegrationTestRunner({
  testSuite: ({ api, getContainer }) => {
    let marketing: MarketingModuleService
    let admin: { headers: Record<string, string> }
    let fixture: StoreFixture
    let starters: Map<string, string>

    beforeEach(async () => {
      capture.received.length = 0
      marketing = getContainer().resolve(MARKETING_MODULE)
      admin = await adminHeaders(api, getContainer())
      fixture = await createStoreFixture(getContainer())
      starters = await installStarterTemplates(getContainer())
      await api.post("/admin/marketing/settings", { store: { name: "Linen & Co", address: ADDRESS } }, admin)
    })

    const subscribedContact = async (email: string, first_name = "Ana") => {
      const [{ contact }] = await marketing.upsertContacts([{ email, first_name }])
      await marketing.updateConsent({ contact_id: contact.id, status: "subscribed", source: "test" })
      return contact
    }

    const latestVersion = async (starterKey: string) => {
      const [version] = await marketing.listTemplateVersions(
        { template_id: starters.get(starterKey)! },
        { order: { version: "DESC" }, take: 1 }
      )
      return version
    }

    const send = async (contact: { id: string; email: string }, starterKey: string, key: string, data = {}) => {
      const version = await latestVersion(starterKey)
      const [queued] = await marketing.enqueueMessages([
        {
          contact_id: contact.id,
          template_version_id: version.id,
          to_email: contact.email,
          reason_type: "campaign",
          reason_id: "cmp_links",
          idempotency_key: key,
          send_after: NOON,
          data,
        },
      ])
      await dispatchDueMessages(getContainer(), { now: NOON, throttle: unthrottled })
      const [message] = await marketing.listMessages({ id: queued.id })
      return message
    }

    const waitForMail = async (count: number): Promise<ParsedMail[]> => {
      for (let i = 0; i < 100 && capture.received.length < count; i++) {
        await new Promise((resolve) => setTimeout(resolve, 50))
      }
      return capture.received
    }

    it("sends a marketing email with the footer address, a text part, tracked links and one-click unsubscribe that works", async () => {
      const contact = await subscribedContact("ana@example.com")
      const message = await send(contact, "welcome", "links:1")
      expect(message.status).toEqual("sent")

      const [mail] = await waitForMail(1)
      expect(mail.subject).toContain("Ana")
      expect(mail.text).toContain("12 Harbour Street")
      expect(mail.html).toContain("12 Harbour Street")
      expect(mail.text).not.toMatch(/\{\{|\{%/)

      const header = (name: string) => mail.headerLines.find((line) => line.key === name)?.line ?? ""
      expect(header("list-unsubscribe-post")).toEqual("List-Unsubscribe-Post: List-Unsubscribe=One-Click")
      const oneClick = /<(https?:[^>]+)>/.exec(header("list-unsubscribe"))![1]
      expect(oneClick).toContain("/marketing/unsubscribe/")

      // Links to the storefront go through the click route; the plugin's own links do not.
      const links = hrefs(mail.html as string)
      expect(links.some((l) => l.includes("/marketing/preferences/"))).toBe(true)
      expect(links.some((l) => l.includes("/marketing/unsubscribe/"))).toBe(true)
      const tracked = links.filter((l) => l.includes("/marketing/click/"))
      expect(tracked.length).toBeGreaterThan(0)
      expect(mail.html).toContain("/marketing/open/")

      // A scanner that follows the unsubscribe link unsubscribes nobody.
      const page = await api.get(pathOf(oneClick))
      expect(page.status).toEqual(200)
      expect(page.data).toContain("Unsubscribe from all marketing emails")
      expect((await marketing.retrieveContact(contact.id)).consent_status).toEqual("subscribed")

      // The mail client's one-click POST, without any session.
      const unsubscribed = await api.post(pathOf(oneClick), "List-Unsubscribe=One-Click", {
        headers: { "content-type": "application/x-www-form-urlencoded" },
      })
      expect(unsubscribed.status).toEqual(200)
      const after = await marketing.retrieveContact(contact.id)
      expect(after.consent_status).toEqual("unsubscribed")
      expect(after.consent_source).toEqual("one_click")
      const events = await marketing.listMessageEvents({ message_id: message.id })
      expect(events.map((e) => e.type)).toContain("unsubscribed")

      // It takes effect at once: the next marketing email is not sent.
      const next = await send(contact, "new_arrivals", "links:2")
      expect(next.status).toEqual("skipped")
      expect(next.last_error).toEqual("no_consent")
    })

    it("counts a person's open and click, flags machine opens, and redirects only to links of the message", async () => {
      const contact = await subscribedContact("bruno@example.com", "Bruno")
      const message = await send(contact, "abandoned_cart", "links:3", {
        cart: {
          id: "cart_1",
          items: [{ title: "Linen shirt", variant_title: "M", thumbnail: null, quantity: 1, unit_price: "€30.00", total: "€30.00" }],
          item_count: 1,
          subtotal: "€30.00",
          total: "€30.00",
          currency_code: "eur",
          recovery_url: "https://shop.example.com/cart/recover/cart_1",
        },
      })
      const [mail] = await waitForMail(1)
      // Let the send lie in the past, as it would when a person opens it.
      await marketing.updateMessages({ id: message.id, sent_at: new Date(Date.now() - 60_000) })

      const pixel = /src="([^"]*\/marketing\/open\/[^"]+)"/.exec(mail.html as string)![1]
      const proxyOpen = await api.get(pathOf(pixel), { headers: { "user-agent": "Mozilla/5.0" } })
      expect(proxyOpen.status).toEqual(200)
      expect(proxyOpen.headers["content-type"]).toEqual("image/gif")
      expect((await marketing.listMessages({ id: message.id }))[0].opened_at).toBeNull()

      await api.get(pathOf(pixel), { headers: { "user-agent": BROWSER } })
      const opened = (await marketing.listMessages({ id: message.id }))[0]
      expect(opened.opened_at).not.toBeNull()
      expect((await marketing.retrieveContact(contact.id)).last_opened_at).not.toBeNull()
      const opens = await marketing.listMessageEvents({ message_id: message.id, type: "opened" })
      expect(opens.map((e) => e.machine).sort()).toEqual([false, true])

      // The recovery link goes through the click route and lands on the cart, with UTM parameters.
      const recovery = (opened.links as unknown as string[]).findIndex((l) => l.startsWith("https://shop.example.com/cart/recover/cart_1"))
      expect(recovery).toBeGreaterThanOrEqual(0)
      const clickUrl = hrefs(mail.html as string).find((l) => l.includes("/marketing/click/"))!
      expect(clickUrl).toBeDefined()
      const context = await resolveEmailContext(getContainer())
      const recoveryClick = `/marketing/click/${signToken({ k: "click", m: message.id, i: recovery }, context.secret)}`
      const redirect = await api.get(recoveryClick, { headers: { "user-agent": BROWSER }, maxRedirects: 0, validateStatus: () => true })
      expect(redirect.status).toEqual(302)
      const target = new URL(redirect.headers.location)
      expect(target.origin + target.pathname).toEqual("https://shop.example.com/cart/recover/cart_1")
      expect(target.searchParams.get("utm_medium")).toEqual("email")
      expect((await marketing.listMessages({ id: message.id }))[0].clicked_at).not.toBeNull()

      // A link index the message never had is refused, and so is a tampered token.
      const outside = `/marketing/click/${signToken({ k: "click", m: message.id, i: 999 }, context.secret)}`
      expect((await api.get(outside, { maxRedirects: 0, validateStatus: () => true })).status).toEqual(404)
      const tampered = pathOf(clickUrl).replace(/.$/, (c) => (c === "A" ? "B" : "A"))
      expect((await api.get(tampered, { maxRedirects: 0, validateStatus: () => true })).status).toEqual(400)
      const forged = `/marketing/click/${signToken({ k: "click", m: message.id, i: 0 }, "not-the-store-secret")}`
      expect((await api.get(forged, { maxRedirects: 0, validateStatus: () => true })).status).toEqual(400)
      const openAsClick = pathOf(pixel).replace("/marketing/open/", "/marketing/click/")
      expect((await api.get(openAsClick, { maxRedirects: 0, validateStatus: () => true })).status).toEqual(400)
    })

    it("lets a recipient leave one topic on the preference page, and the next email of that topic is not sent", async () => {
      const contact = await subscribedContact("carla@example.com", "Carla")
      const first = await send(contact, "welcome", "links:4")
      const [mail] = await waitForMail(1)
      const preferences = hrefs(mail.html as string).find((l) => l.includes("/marketing/preferences/"))!

      const page = await api.get(pathOf(preferences))
      expect(page.status).toEqual(200)
      expect(page.data).toContain('name="topics" value="offers" checked')

      const saved = await api.post(pathOf(preferences), "action=topics&topics=newsletter&topics=reminders", {
        headers: { "content-type": "application/x-www-form-urlencoded" },
      })
      expect(saved.status).toEqual(200)
      expect(saved.data).toContain("Your choices are saved.")
      expect((await marketing.retrieveContact(contact.id)).unsubscribed_topics).toEqual(["offers"])

      const bad = await api.post(pathOf(preferences), "action=everything", {
        headers: { "content-type": "application/x-www-form-urlencoded" },
        validateStatus: () => true,
      })
      expect(bad.status).toEqual(400)
      expect(bad.data).toContain("action")
      expect((await marketing.retrieveContact(contact.id)).unsubscribed_topics).toEqual(["offers"])

      // win_back belongs to "offers"; past the frequency cap window so only the topic decides.
      const later = new Date(NOON.getTime() + 24 * 3_600_000)
      const version = await latestVersion("win_back")
      await marketing.enqueueMessages([
        { contact_id: contact.id, template_version_id: version.id, to_email: contact.email, reason_type: "campaign", idempotency_key: "links:5", send_after: later },
      ])
      await dispatchDueMessages(getContainer(), { now: later, throttle: unthrottled })
      const [skipped] = await marketing.listMessages({ idempotency_key: "links:5" })
      expect(first.status).toEqual("sent")
      expect([skipped.status, skipped.last_error]).toEqual(["skipped", "topic_unsubscribed"])

      // The unsubscribe link in the body: a page, then its button, unsubscribes from everything.
      const unsubscribe = hrefs(mail.html as string).find((l) => l.includes("/marketing/unsubscribe/"))!
      const button = await api.post(pathOf(unsubscribe), "", {
        headers: { "content-type": "application/x-www-form-urlencoded" },
      })
      expect(button.status).toEqual(200)
      expect(button.data).toContain("You are unsubscribed")
      const after = await marketing.retrieveContact(contact.id)
      expect([after.consent_status, after.consent_source]).toEqual(["unsubscribed", "unsubscribe_page"])
    })

    it("with double opt-in, a subscriber stays pending until the link in the confirmation email is followed", async () => {
      await api.post("/admin/marketing/settings", { double_opt_in: true }, admin)
      await api.post("/store/marketing/subscribe", { email: "dora@example.com", first_name: "Dora" }, storeHeaders(fixture))
      const contact = (await marketing.findContactByEmail("dora@example.com"))!
      expect(contact.consent_status).toEqual("pending")

      // Asking again within a day does not send a second confirmation.
      await api.post("/store/marketing/subscribe", { email: "dora@example.com" }, storeHeaders(fixture))
      const queued = await marketing.listMessages({ contact_id: contact.id })
      expect(queued).toHaveLength(1)
      expect(queued[0].transactional).toBe(true)

      await dispatchDueMessages(getContainer(), { now: new Date(), throttle: unthrottled })
      const [mail] = await waitForMail(1)
      expect(mail.headerLines.map((line) => line.key)).not.toContain("list-unsubscribe")
      const confirm = hrefs(mail.html as string).find((l) => l.includes("/marketing/confirm/"))!
      expect(confirm).toBeDefined()

      const confirmed = await api.get(pathOf(confirm), { headers: { "user-agent": BROWSER }, validateStatus: () => true })
      expect([confirmed.status, confirmed.status === 200 ? "" : confirmed.data]).toEqual([200, ""])
      const after = await marketing.retrieveContact(contact.id)
      expect(after.consent_status).toEqual("subscribed")
      expect(after.consent_source).toEqual("double_opt_in")
      expect(after.consent_ip).toBeTruthy()

      // A scanner following the link is shown a button; it does not confirm anything.
      await api.post("/store/marketing/subscribe", { email: "eve@example.com" }, storeHeaders(fixture))
      const eve = (await marketing.findContactByEmail("eve@example.com"))!
      await dispatchDueMessages(getContainer(), { now: new Date(), throttle: unthrottled })
      const [, eveMail] = await waitForMail(2)
      const eveConfirm = hrefs(eveMail.html as string).find((l) => l.includes("/marketing/confirm/"))!
      const scanned = await api.get(pathOf(eveConfirm), { headers: { "user-agent": "Barracuda Sentinel (EE)" } })
      expect(scanned.data).toContain("Yes, subscribe me")
      expect((await marketing.retrieveContact(eve.id)).consent_status).toEqual("pending")
      await api.post(pathOf(eveConfirm), "", { headers: { "content-type": "application/x-www-form-urlencoded" } })
      expect((await marketing.retrieveContact(eve.id)).consent_status).toEqual("subscribed")

      const broken = await api.get(pathOf(confirm).slice(0, -3), { validateStatus: () => true })
      expect(broken.status).toEqual(400)
    })

    it("an anonymous subscribe changes no one's details and never undoes an unsubscribe; only a confirmation sent after it can", async () => {
      await api.post("/admin/marketing/settings", { double_opt_in: true }, admin)
      const subscribe = (body: Record<string, string>) =>
        api.post("/store/marketing/subscribe", body, storeHeaders(fixture))
      await subscribe({ email: "vic@example.com", first_name: "Victoria" })
      const contact = (await marketing.findContactByEmail("vic@example.com"))!
      await dispatchDueMessages(getContainer(), { now: new Date(), throttle: unthrottled })
      const [first] = await waitForMail(1)
      const oldLink = pathOf(hrefs(first.html as string).find((l) => l.includes("/marketing/confirm/"))!)
      await api.get(oldLink, { headers: { "user-agent": BROWSER } })
      expect((await marketing.retrieveContact(contact.id)).consent_status).toEqual("subscribed")

      // Links carry whole seconds: the unsubscribe comes in a later second than the first link.
      await new Promise((resolve) => setTimeout(resolve, 1_100))
      await marketing.updateConsent({ contact_id: contact.id, status: "unsubscribed", source: "one_click" })
      const unsubscribed = await marketing.retrieveContact(contact.id)

      // The first confirmation link, followed again, does not undo the unsubscribe.
      const replayed = await api.get(oldLink, { headers: { "user-agent": BROWSER }, validateStatus: () => true })
      expect(replayed.status).toEqual(410)
      expect((await marketing.retrieveContact(contact.id)).consent_status).toEqual("unsubscribed")

      // Anyone may post the address: the name stays, the opt-out and its evidence stand, and
      // only a confirmation goes out; with single opt-in as well, and not twice in a day.
      await new Promise((resolve) => setTimeout(resolve, 1_100))
      expect((await subscribe({ email: "vic@example.com", first_name: "your account is locked" })).status).toEqual(202)
      await api.post("/admin/marketing/settings", { double_opt_in: false }, admin)
      await subscribe({ email: "vic@example.com", first_name: "call us" })
      const after = await marketing.retrieveContact(contact.id)
      expect([after.first_name, after.consent_status, after.consent_source, after.consent_at]).toEqual([
        "Victoria",
        "unsubscribed",
        "one_click",
        unsubscribed.consent_at,
      ])
      expect(await marketing.listMessages({ contact_id: contact.id, reason_type: "double_opt_in" })).toHaveLength(2)

      await dispatchDueMessages(getContainer(), { now: new Date(), throttle: unthrottled })
      const [, second] = await waitForMail(2)
      const newLink = pathOf(hrefs(second.html as string).find((l) => l.includes("/marketing/confirm/"))!)
      expect((await api.get(newLink, { headers: { "user-agent": BROWSER } })).status).toEqual(200)
      const resubscribed = await marketing.retrieveContact(contact.id)
      expect([resubscribed.consent_status, resubscribed.consent_source, resubscribed.first_name]).toEqual([
        "subscribed",
        "double_opt_in",
        "Victoria",
      ])
    })

    it("takes bounces and complaints from the signed webhook: hard bounces suppress, redeliveries count once, soft bounces count to the limit", async () => {
      const hard = await subscribedContact("hard@example.com")
      const soft = await subscribedContact("soft@example.com")
      const hardMessage = await send(hard, "welcome", "links:6")
      const softMessage = await send(soft, "welcome", "links:7")
      // The log shows what the admin needs; the claim token and the send's data stay inside.
      const listed = (await api.get("/admin/marketing/messages?fields=id,status,claim_token,data,idempotency_key", admin)).data
      expect(listed.messages.map((m: any) => Object.keys(m).filter((k) => k !== "template").sort())).toEqual([
        ["id", "status"],
        ["id", "status"],
      ])

      const post = (events: unknown[], secret = WEBHOOK_SECRET) => {
        const body = JSON.stringify({ events })
        return api.post("/hooks/marketing/email-events/generic", body, {
          headers: { "content-type": "application/json", "x-marketing-signature": signGenericBody(secret, body) },
          validateStatus: () => true,
        })
      }

      const bounce = { id: "evt_1", type: "bounced", bounce: "hard", email: "hard@example.com", message_id: hardMessage.id, reason: "550 5.1.1 user unknown" }
      expect((await post([bounce])).status).toEqual(200)
      expect((await post([bounce])).status).toEqual(200)
      expect(await marketing.listMessageEvents({ message_id: hardMessage.id, type: "bounced" })).toHaveLength(1)
      const suppressed = await marketing.retrieveContact(hard.id)
      expect(suppressed.suppressed_at).not.toBeNull()
      expect(suppressed.suppression_reason).toEqual("hard_bounce")

      // Matched by address when the provider does not echo the message id.
      for (const id of ["s1", "s2"]) {
        await post([{ id, type: "bounced", bounce: "soft", email: "soft@example.com", reason: "mailbox full" }])
      }
      expect((await marketing.retrieveContact(soft.id)).suppressed_at).toBeNull()
      await post([{ id: "s3", type: "bounced", bounce: "soft", email: "soft@example.com" }])
      const third = await marketing.retrieveContact(soft.id)
      expect(third.soft_bounces).toEqual(3)
      expect(third.suppression_reason).toEqual("soft_bounces")
      expect(await marketing.listMessageEvents({ message_id: softMessage.id, type: "bounced" })).toHaveLength(3)

      // A complaint about an address the store never emailed still protects it.
      await post([{ id: "c1", type: "complained", email: "stranger@example.com" }])
      expect((await marketing.findContactByEmail("stranger@example.com"))?.suppression_reason).toEqual("complaint")

      expect((await post([bounce], "wrong-secret")).status).toEqual(401)
      const malformed = await post([{ id: "x", type: "bounced", bounce: "hard" }])
      expect(malformed.status).toEqual(400)
      expect(malformed.data.message).toContain("email")
      const unconfigured = await api.post("/hooks/marketing/email-events/sendgrid", "[]", {
        headers: { "content-type": "application/json" },
        validateStatus: () => true,
      })
      expect(unconfigured.status).toEqual(401)
      // Amazon signs every account's topics alike: SES is refused until the store names its own.
      const ses = await api.post("/hooks/marketing/email-events/ses", "{}", {
        headers: { "content-type": "application/json" },
        validateStatus: () => true,
      })
      expect(ses.status).toEqual(401)
      expect(ses.data.message).toContain("webhooks.ses_topic_arns")
    })

    it("keeps settings and the suppression list behind the admin, refusing bad values by name and keeping what was stored", async () => {
      expect((await api.get("/admin/marketing/settings", { validateStatus: () => true })).status).toEqual(401)
      expect((await api.get("/admin/marketing/suppressions", { validateStatus: () => true })).status).toEqual(401)

      const saved = await api.post("/admin/marketing/settings", { quiet_hours: { start: "22:30" } }, admin)
      expect(saved.data.settings.quiet_hours).toEqual({ enabled: true, start: "22:30", end: "08:00" })
      expect(saved.data.settings.store.address).toEqual(ADDRESS)

      const bad = await api.post("/admin/marketing/settings", { quiet_hours: { start: "25:00" } }, { ...admin, validateStatus: () => true })
      expect(bad.status).toEqual(400)
      expect(bad.data.message).toContain("quiet_hours.start")
      const script = await api.post("/admin/marketing/settings", { store: { logo_url: "javascript:alert(1)" } }, { ...admin, validateStatus: () => true })
      expect([script.status, script.data.message]).toEqual([400, expect.stringContaining("store.logo_url")])
      const unknown = await api.post("/admin/marketing/settings", { tracking: { pixels: false } }, { ...admin, validateStatus: () => true })
      expect(unknown.status).toEqual(400)
      expect((await api.get("/admin/marketing/settings", admin)).data.settings.quiet_hours.start).toEqual("22:30")

      const added = await api.post("/admin/marketing/suppressions", { emails: ["Old@Example.com", "gone@example.com"] }, admin)
      expect(added.data.suppressed).toEqual(2)
      const list = await api.get("/admin/marketing/suppressions?q=example", admin)
      expect(list.data.contacts.map((c: any) => c.email).sort()).toEqual(["gone@example.com", "old@example.com"])
      const old = list.data.contacts.find((c: any) => c.email === "old@example.com")
      expect((await api.delete(`/admin/marketing/suppressions/${old.id}`, admin)).data.deleted).toBe(true)
      expect((await api.get("/admin/marketing/suppressions", admin)).data.contacts.map((c: any) => c.email)).toEqual(["gone@example.com"])
      expect((await api.delete(`/admin/marketing/suppressions/${old.id}`, { ...admin, validateStatus: () => true })).status).toEqual(404)
      const invalid = await api.post("/admin/marketing/suppressions", { emails: ["not-an-email"] }, { ...admin, validateStatus: () => true })
      expect(invalid.status).toEqual(400)
      expect(invalid.data.message).toContain("emails")
    })
  },
})
