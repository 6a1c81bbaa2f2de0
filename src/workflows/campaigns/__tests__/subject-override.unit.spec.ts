import { marketingSettingsSchema } from "../../../modules/marketing/settings"
import { parseMarketingOptions } from "../../../modules/marketing/options"
import type { EmailContext } from "../../../utils/email-context"
import { composeEmail } from "../../messages/compose-email"
import { campaignMessageData } from "../../../lib/campaigns"

const version = {
  id: "tpv_override_1",
  subject: "News for {{ contact.first_name }}",
  mjml: `<mjml><mj-body><mj-section><mj-column>
    <mj-button href="https://shop.example.com/sale">Shop</mj-button>
  </mj-column></mj-section></mj-body></mjml>`,
}

const context: EmailContext = {
  baseUrl: "https://api.shop.example.com",
  secret: "a-secret-of-sixteen-chars",
  options: parseMarketingOptions({ storefrontUrl: "https://shop.example.com" }),
  storeName: null,
  settings: marketingSettingsSchema.parse({ store: { name: "Linen & Co", address: "12 Harbour Street" } }),
}

const compose = (data: Record<string, unknown> | null) =>
  composeEmail({
    message: { id: "msg_1", contact_id: "con_1", transactional: false, reason_type: "campaign", data },
    contact: { email: "ana@example.com", first_name: "Ana", last_name: null },
    version,
    context,
  })

describe("a campaign's subject override", () => {
  it("replaces the version's subject, rendered with the contact's data, and tags links with the campaign", async () => {
    const email = await compose(campaignMessageData({ name: "Spring sale" }, { subject: "{{ contact.first_name }}, 20% off" }))
    expect(email.subject).toEqual("Ana, 20% off")
    expect(email.links[0]).toContain("utm_campaign=Spring")
  })

  it("leaves the version's subject to messages without one, even after an override was rendered", async () => {
    await compose({ subject: "Variant B" })
    expect((await compose(campaignMessageData({ name: "Spring sale" }, { subject: null }))).subject).toEqual("News for Ana")
    expect((await compose(null)).subject).toEqual("News for Ana")
  })
})
