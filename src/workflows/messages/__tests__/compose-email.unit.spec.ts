import { marketingSettingsSchema } from "../../../modules/marketing/settings"
import { parseMarketingOptions } from "../../../modules/marketing/options"
import type { EmailContext } from "../../../utils/email-context"
import { composeEmail } from "../compose-email"

const version = {
  id: "tpv_compose_1",
  subject: "Hello {{ contact.first_name }}",
  mjml: `<mjml><mj-body><mj-section><mj-column>
    <mj-text>Hi {{ contact.first_name }} from {{ store.name }}, {{ store.address }}</mj-text>
    <mj-button href="https://shop.example.com/sale?ref=mail">Shop the sale</mj-button>
    <mj-text><a href="{{ links.unsubscribe }}">Unsubscribe</a></mj-text>
  </mj-column></mj-section></mj-body></mjml>`,
}

const contextWith = (settings: Record<string, unknown>): EmailContext => ({
  baseUrl: "https://api.shop.example.com",
  secret: "a-secret-of-sixteen-chars",
  options: parseMarketingOptions({ storefrontUrl: "https://shop.example.com" }),
  storeName: null,
  settings: marketingSettingsSchema.parse({ store: { name: "Linen & Co", address: "12 Harbour Street" }, ...settings }),
})

const compose = (settings: Record<string, unknown>, transactional = false) =>
  composeEmail({
    message: { id: "msg_1", contact_id: "con_1", transactional, reason_type: "campaign", data: null },
    contact: { email: "ana@example.com", first_name: "Ana", last_name: null },
    version,
    context: contextWith(settings),
  })

describe("composeEmail", () => {
  it("tracks links and opens, tags links with UTM, and leaves the plugin's own links alone", async () => {
    const email = await compose({})
    expect(email.subject).toEqual("Hello Ana")
    expect(email.html).toContain("12 Harbour Street")
    expect(email.links).toEqual(["https://shop.example.com/sale?ref=mail&utm_source=newsletter&utm_medium=email&utm_campaign=campaign"])
    expect(email.html).toContain("https://api.shop.example.com/marketing/click/")
    expect(email.html).not.toContain("https://shop.example.com/sale")
    expect(email.html).toContain("https://api.shop.example.com/marketing/open/")
    expect(email.html).toMatch(/href="https:\/\/api\.shop\.example\.com\/marketing\/unsubscribe\/[^"]+"/)
    expect(email.listUnsubscribe).toMatch(/^https:\/\/api\.shop\.example\.com\/marketing\/unsubscribe\//)
  })

  it("with tracking off, links go straight to the store, still tagged, and no pixel is added", async () => {
    const email = await compose({ tracking: { opens: false, clicks: false } })
    expect(email.links).toEqual([])
    expect(email.html).toContain("https://shop.example.com/sale?ref=mail&amp;utm_source=newsletter")
    expect(email.html).not.toContain("/marketing/click/")
    expect(email.html).not.toContain("/marketing/open/")
  })

  it("with UTM tagging off too, links are exactly as written", async () => {
    const email = await compose({ tracking: { opens: false, clicks: false }, utm: { enabled: false } })
    expect(email.html).toContain('href="https://shop.example.com/sale?ref=mail"')
  })

  it("gives transactional mail no List-Unsubscribe header", async () => {
    expect((await compose({}, true)).listUnsubscribe).toBeNull()
  })
})
