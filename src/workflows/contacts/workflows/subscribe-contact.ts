import {
  createHook,
  createWorkflow,
  transform,
  when,
  WorkflowResponse,
} from "@medusajs/framework/workflows-sdk"
import {
  recordContactEventsStep,
  touchContactsStep,
  updateConsentStep,
  upsertContactsStep,
} from "../steps"

export type SubscribeContactInput = {
  email: string
  first_name?: string | null
  source?: string | null
  ip?: string | null
  consent_text?: string | null
}

export const subscribeContactWorkflowId = "subscribe-contact"

/**
 * Records marketing consent with its evidence. Subscribing again keeps the
 * original evidence; a suppressed contact stays suppressed.
 */
export const subscribeContactWorkflow = createWorkflow(
  subscribeContactWorkflowId,
  (input: SubscribeContactInput) => {
    const upserts = transform({ input }, ({ input }) => [
      { email: input.email, first_name: input.first_name ?? undefined },
    ])
    const results = upsertContactsStep(upserts)
    const contact = transform({ results }, ({ results }) => results[0].contact)

    when({ contact }, ({ contact }) => contact.consent_status !== "subscribed").then(
      () => {
        const consent = transform({ input, contact }, ({ input, contact }) => ({
          contact_id: contact.id,
          status: "subscribed" as const,
          source: input.source ?? "store_api",
          ip: input.ip,
          consent_text: input.consent_text,
        }))
        const { contact: updated } = updateConsentStep(consent)
        const events = transform({ updated, input }, ({ updated, input }) => [
          {
            contact_id: updated.id,
            type: "subscribed",
            idempotency_key: `subscribed:${updated.id}:${new Date(updated.consent_at).getTime()}`,
            occurred_at: updated.consent_at,
            data: { source: input.source ?? "store_api" },
          },
        ])
        recordContactEventsStep({ events })
        touchContactsStep(
          transform({ updated }, ({ updated }) => [
            { contact_id: updated.id, last_seen_at: updated.consent_at },
          ])
        )
      }
    )

    const contactSubscribed = createHook("contactSubscribed", { contact, input })
    return new WorkflowResponse(contact, { hooks: [contactSubscribed] })
  }
)
