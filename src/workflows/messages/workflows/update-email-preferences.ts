import { createWorkflow, transform, when, WorkflowResponse } from "@medusajs/framework/workflows-sdk"
import { recordContactEventsStep, updateConsentStep } from "../../contacts/steps"
import { recordMessageEventsStep, setUnsubscribedTopicsStep } from "../steps"
import { refreshChangedContacts } from "../../segments/refresh-changed-contacts"

export type UpdateEmailPreferencesInput = {
  contact_id: string
  /** The message whose link was used, to count the unsubscribe against it. */
  message_id?: string | null
  /** "unsubscribe_all", "subscribe" (back to everything), or "topics". */
  action: "unsubscribe_all" | "subscribe" | "topics"
  /** For "topics": the topics the contact no longer wants. */
  unsubscribed_topics?: string[]
  /** Where it came from: "one_click", "preference_page", "link". */
  source: string
  ip?: string | null
  user_agent?: string | null
  at?: Date | string
}

export const updateEmailPreferencesWorkflowId = "update-email-preferences"

/**
 * What a recipient chooses on the preference page or with a one-click
 * unsubscribe; it takes effect before the response, so the next dispatch
 * already respects it. Evidence (source, IP, time) goes with the consent.
 */
export const updateEmailPreferencesWorkflow = createWorkflow(
  updateEmailPreferencesWorkflowId,
  (input: UpdateEmailPreferencesInput) => {
    // Epoch milliseconds: a Date does not survive the workflow's serialisation.
    const at = transform({ input }, ({ input }) => new Date(input.at ?? Date.now()).getTime())

    when({ input }, ({ input }) => input.action === "topics").then(() => {
      setUnsubscribedTopicsStep(
        transform({ input }, ({ input }) => ({
          contact_id: input.contact_id,
          topics: [...new Set(input.unsubscribed_topics ?? [])],
        }))
      )
    })

    when({ input }, ({ input }) => input.action === "subscribe").then(() => {
      setUnsubscribedTopicsStep(
        transform({ input }, ({ input }) => ({ contact_id: input.contact_id, topics: [] as string[] }))
      ).config({ name: "clear-unsubscribed-topics" })
      updateConsentStep(
        transform({ input, at }, ({ input, at }) => ({
          contact_id: input.contact_id,
          status: "subscribed" as const,
          source: input.source,
          ip: input.ip ?? null,
          at: new Date(at),
        }))
      ).config({ name: "resubscribe-consent" })
      recordContactEventsStep({
        events: transform({ input, at }, ({ input, at }) => [
          {
            contact_id: input.contact_id,
            type: "subscribed",
            idempotency_key: `subscribed:${input.contact_id}:${at}`,
            occurred_at: new Date(at),
            data: { source: input.source },
          },
        ]),
      }).config({ name: "record-resubscribed" })
    })

    when({ input }, ({ input }) => input.action === "unsubscribe_all").then(() => {
      updateConsentStep(
        transform({ input, at }, ({ input, at }) => ({
          contact_id: input.contact_id,
          status: "unsubscribed" as const,
          source: input.source,
          ip: input.ip ?? null,
          at: new Date(at),
        }))
      )
      recordContactEventsStep({
        events: transform({ input, at }, ({ input, at }) => [
          {
            contact_id: input.contact_id,
            type: "unsubscribed",
            idempotency_key: `unsubscribed:${input.contact_id}:${at}`,
            occurred_at: new Date(at),
            resource_type: input.message_id ? "marketing_message" : null,
            resource_id: input.message_id ?? null,
            data: { source: input.source },
          },
        ]),
      })
    })

    when({ input }, ({ input }) => input.action === "unsubscribe_all" && !!input.message_id).then(() => {
      recordMessageEventsStep(
        transform({ input, at }, ({ input, at }) => ({
          events: [
            {
              message_id: input.message_id!,
              contact_id: input.contact_id,
              type: "unsubscribed" as const,
              occurred_at: new Date(at),
              source: "tracking",
              idempotency_key: `unsubscribed:${input.message_id}`,
              data: { via: input.source, user_agent: input.user_agent ?? null },
            },
          ],
        }))
      )
    })

    refreshChangedContacts(transform({ input }, ({ input }) => [input.contact_id]))

    return new WorkflowResponse({ action: input.action })
  }
)
