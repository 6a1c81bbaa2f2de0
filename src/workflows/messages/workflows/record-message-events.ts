import { createWorkflow, transform, when, WorkflowResponse } from "@medusajs/framework/workflows-sdk"
import { RecordMessageEventInput } from "../../../types"
import { recordContactEventsStep, updateConsentStep } from "../../contacts/steps"
import { recordMessageEventsStep } from "../steps"
import { refreshChangedContacts } from "../../segments/refresh-changed-contacts"

export const recordMessageEventsWorkflowId = "record-message-events"

/**
 * Records what happened to sent messages, from the tracking routes or a
 * provider's webhook. An `unsubscribed` event from a provider (its own
 * unsubscribe link, a list-unsubscribe it handled) unsubscribes the contact.
 */
export const recordMessageEventsWorkflow = createWorkflow(
  recordMessageEventsWorkflowId,
  (input: { events: RecordMessageEventInput[] }) => {
    const result = recordMessageEventsStep(input)
    const unsubscribe = transform({ input }, ({ input }) =>
      input.events.find((e) => e.type === "unsubscribed") ?? null
    )
    when({ unsubscribe }, ({ unsubscribe }) => !!unsubscribe).then(() => {
      updateConsentStep(
        transform({ unsubscribe }, ({ unsubscribe }) => ({
          contact_id: unsubscribe!.contact_id,
          status: "unsubscribed" as const,
          source: `provider:${unsubscribe!.source}`,
          at: unsubscribe!.occurred_at,
        }))
      )
      recordContactEventsStep({
        events: transform({ unsubscribe }, ({ unsubscribe }) => [
          {
            contact_id: unsubscribe!.contact_id,
            type: "unsubscribed",
            idempotency_key: `unsubscribed:${unsubscribe!.message_id}:${unsubscribe!.source}`,
            occurred_at: unsubscribe!.occurred_at,
            resource_type: "marketing_message",
            resource_id: unsubscribe!.message_id,
            data: { source: unsubscribe!.source },
          },
        ]),
      })
    })
    refreshChangedContacts(transform({ input }, ({ input }) => input.events.map((e) => e.contact_id)))
    return new WorkflowResponse(result)
  }
)
