import { SubscriberArgs, SubscriberConfig } from "@medusajs/framework"
import { MarketingEvents } from "../types/events"
import { scoreContactsWorkflow } from "../workflows/scores"
import { refreshSegmentsWorkflow } from "../workflows/segments"

/**
 * Rescores contacts whose facts or activity just changed (against the model
 * the last full refresh fitted), then re-checks their segments.
 */
export default async function contactsChangedHandler({
  event: { data },
  container,
}: SubscriberArgs<{ contact_ids: string[] }>) {
  await scoreContactsWorkflow(container).run({ input: { contact_ids: data.contact_ids } })
  await refreshSegmentsWorkflow(container).run({ input: { contact_ids: data.contact_ids } })
}

export const config: SubscriberConfig = {
  event: MarketingEvents.CONTACTS_CHANGED,
  context: { subscriberId: "marketing-contacts-changed" },
}
