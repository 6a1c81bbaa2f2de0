import { MedusaContainer } from "@medusajs/framework/types"
import { MARKETING_MODULE } from "../../src/modules/marketing"
import MarketingModuleService from "../../src/modules/marketing/service"
import { createTemplateWorkflow } from "../../src/workflows/templates"

/**
 * `count` subscribed contacts (`<prefix><i>@example.com`), each with one
 * marketing message queued for `sendAfter` from a one-line template that
 * greets them by name. Returns the queued contacts.
 */
export async function queueSubscribedMessages(
  container: MedusaContainer,
  options: { count: number; prefix: string; sendAfter: Date }
) {
  const marketing: MarketingModuleService = container.resolve(MARKETING_MODULE)
  const { result } = await createTemplateWorkflow(container).run({
    input: {
      name: `${options.prefix} news`,
      content: {
        subject: "News for {{ contact.first_name }}",
        mjml: "<mjml><mj-body><mj-section><mj-column><mj-text>Hi {{ contact.first_name }}</mj-text></mj-column></mj-section></mj-body></mjml>",
      },
    },
  })
  const contacts = await marketing.upsertContacts(
    Array.from({ length: options.count }, (_, i) => ({
      email: `${options.prefix}${i}@example.com`,
      first_name: `${options.prefix.toUpperCase()}${i}`,
    }))
  )
  for (const { contact } of contacts) {
    await marketing.updateConsent({ contact_id: contact.id, status: "subscribed", source: "test" })
  }
  await marketing.enqueueMessages(
    contacts.map(({ contact }) => ({
      contact_id: contact.id,
      template_version_id: result.version.id,
      to_email: contact.email,
      reason_type: "campaign",
      idempotency_key: `${options.prefix}:${contact.id}`,
      send_after: options.sendAfter,
    }))
  )
  return contacts.map(({ contact }) => contact)
}
