import { MedusaContainer } from "@medusajs/framework/types"
import { MARKETING_MODULE } from "../../modules/marketing"
import MarketingModuleService from "../../modules/marketing/service"
import type { NormalizedEmailEvent } from "../../lib/delivery/webhooks/types"
import { RecordMessageEventInput } from "../../types"
import { suppressEmailsWorkflow } from "../settings/suppression"
import { recordMessageEventsWorkflow } from "./workflows/record-message-events"

// A provider event without a message reference belongs to the latest email
// sent to that address within this window.
const MATCH_BY_ADDRESS_DAYS = 30

type MessageRef = { id: string; contact_id: string }

/**
 * Stores provider events against the messages they are about: by the
 * plugin's message id when the provider echoes it, else by the provider's
 * message id, else by the latest message sent to the address. A hard
 * bounce or complaint for an address with no message still suppresses it.
 */
export async function ingestEmailEvents(
  container: MedusaContainer,
  provider: string,
  events: NormalizedEmailEvent[]
): Promise<{ stored: number; unmatched: number }> {
  const marketing: MarketingModuleService = container.resolve(MARKETING_MODULE)
  const byId = new Map<string, MessageRef>()
  const byProviderId = new Map<string, MessageRef>()
  const byAddress = new Map<string, MessageRef>()

  const ids = [...new Set(events.map((e) => e.message_id).filter((id): id is string => !!id))]
  if (ids.length) {
    for (const m of await marketing.listMessages({ id: ids }, { select: ["id", "contact_id"] })) {
      byId.set(m.id, m)
    }
  }
  const providerIds = [
    ...new Set(events.filter((e) => !byId.has(e.message_id ?? "")).map((e) => e.provider_message_id).filter((id): id is string => !!id)),
  ]
  if (providerIds.length) {
    for (const m of await marketing.listMessages({ provider_message_id: providerIds }, { select: ["id", "contact_id", "provider_message_id"] })) {
      byProviderId.set(m.provider_message_id as string, m)
    }
  }
  const since = new Date(Date.now() - MATCH_BY_ADDRESS_DAYS * 86_400_000)
  for (const event of events) {
    if (!byId.has(event.message_id ?? "") && !byProviderId.has(event.provider_message_id ?? "") && !byAddress.has(event.email)) {
      const [latest] = await marketing.listMessages(
        { to_email: event.email, status: "sent", sent_at: { $gte: since } },
        { select: ["id", "contact_id"], order: { sent_at: "DESC" }, take: 1 }
      )
      if (latest) {
        byAddress.set(event.email, latest)
      }
    }
  }

  const matched: RecordMessageEventInput[] = []
  const orphans: NormalizedEmailEvent[] = []
  for (const event of events) {
    const message =
      byId.get(event.message_id ?? "") ?? byProviderId.get(event.provider_message_id ?? "") ?? byAddress.get(event.email)
    if (!message) {
      orphans.push(event)
      continue
    }
    matched.push({
      message_id: message.id,
      contact_id: message.contact_id,
      type: event.type,
      occurred_at: event.occurred_at,
      url: event.url ?? null,
      reason: event.reason,
      bounce_type: event.type === "bounced" ? event.bounce ?? "hard" : null,
      source: provider,
      idempotency_key: `${provider}:${event.idempotency_key}`,
    })
  }
  if (matched.length) {
    await recordMessageEventsWorkflow(container).run({ input: { events: matched } })
  }
  const toSuppress = orphans.filter((e) => e.type === "complained" || (e.type === "bounced" && e.bounce !== "soft"))
  for (const reason of ["complaint", "hard_bounce"] as const) {
    const emails = toSuppress.filter((e) => (e.type === "complained") === (reason === "complaint")).map((e) => e.email)
    if (emails.length) {
      await suppressEmailsWorkflow(container).run({ input: { emails: [...new Set(emails)], reason } })
    }
  }
  return { stored: matched.length, unmatched: orphans.length }
}
