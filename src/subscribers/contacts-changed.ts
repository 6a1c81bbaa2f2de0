import { SubscriberArgs, SubscriberConfig } from "@medusajs/framework"
import { MarketingEvents } from "../types/events"
import { scoreContactsWorkflow } from "../workflows/scores"
import { IN_MEMORY_CONTACTS_LIMIT, refreshContactsWorkflow, refreshSegmentsWorkflow } from "../workflows/segments"

/**
 * Rescores contacts whose facts or activity just changed (against the model
 * the last full refresh fitted), then re-checks their segments. The plugin's
 * workflows refresh an event's few contacts themselves and announce only
 * larger batches, which are handled set-based in SQL; a few contacts
 * announced by other code are handled in memory in one workflow.
 */
export default async function contactsChangedHandler({
  event: { data },
  container,
}: SubscriberArgs<{ contact_ids: string[] }>) {
  if (data.contact_ids.length <= IN_MEMORY_CONTACTS_LIMIT) {
    await refreshContactsWorkflow(container).run({ input: { contact_ids: data.contact_ids } })
    return
  }
  await scoreContactsWorkflow(container).run({ input: { contact_ids: data.contact_ids } })
  await refreshSegmentsWorkflow(container).run({ input: { contact_ids: data.contact_ids } })
}

export const config: SubscriberConfig = {
  event: MarketingEvents.CONTACTS_CHANGED,
  context: { subscriberId: "marketing-contacts-changed" },
}
