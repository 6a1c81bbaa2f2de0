import { emitEventStep } from "@medusajs/medusa/core-flows"
import { transform, when, WorkflowData } from "@medusajs/framework/workflows-sdk"
import { MarketingEvents } from "../../types/events"

/**
 * Ends a workflow that changed contacts' facts or activity by announcing
 * `marketing.contacts_changed`, on which those contacts' segment memberships
 * are re-checked. Emitted once the workflow has finished, so the subscriber
 * reads the facts as the workflow left them.
 */
export function emitContactsChanged(contactIds: WorkflowData<(string | null | undefined)[]>) {
  const data = transform({ contactIds }, ({ contactIds }) => ({
    contact_ids: [...new Set(contactIds.filter((id): id is string => !!id))],
  }))
  when({ data }, ({ data }) => data.contact_ids.length > 0).then(() => {
    emitEventStep({ eventName: MarketingEvents.CONTACTS_CHANGED, data }).config({ name: "emit-contacts-changed" })
  })
}
