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
import { queueConfirmationStep } from "../../messages/steps/queue-confirmation"
import { readSettingsStep } from "../../settings/read-settings"
import { emitContactsChanged } from "../../segments/contacts-changed"

// A pending confirmation is not sent again within this time, so a subscribe
// form cannot be used to flood someone's inbox.
const CONFIRMATION_RESEND_AFTER_MS = 24 * 3_600_000

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
 * original evidence; a suppressed contact stays suppressed. With double
 * opt-in on, the contact stays pending and gets a confirmation email.
 */
export const subscribeContactWorkflow = createWorkflow(
  subscribeContactWorkflowId,
  (input: SubscribeContactInput) => {
    const upserts = transform({ input }, ({ input }) => [
      { email: input.email, first_name: input.first_name ?? undefined },
    ])
    const results = upsertContactsStep(upserts)
    const contact = transform({ results }, ({ results }) => results[0].contact)

    const settings = readSettingsStep()

    when({ contact, settings }, ({ contact, settings }) =>
      !settings.double_opt_in && contact.consent_status !== "subscribed"
    ).then(() => {
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
    })

    // With double opt-in the contact is pending until they follow the link
    // in the confirmation email; the evidence of the request is kept.
    when({ contact, settings }, ({ contact, settings }) =>
      settings.double_opt_in &&
      contact.consent_status !== "subscribed" &&
      !contact.suppressed_at &&
      !(
        contact.consent_status === "pending" &&
        Date.now() - new Date(contact.consent_at).getTime() < CONFIRMATION_RESEND_AFTER_MS
      )
    ).then(() => {
      const { contact: pending } = updateConsentStep(
        transform({ input, contact }, ({ input, contact }) => ({
          contact_id: contact.id,
          status: "pending" as const,
          source: input.source ?? "store_api",
          ip: input.ip,
          consent_text: input.consent_text,
        }))
      ).config({ name: "request-confirmation-consent" })
      queueConfirmationStep(
        transform({ pending }, ({ pending }) => ({
          contact_id: pending.id,
          email: pending.email,
          requested_at: pending.consent_at,
        }))
      )
    })

    emitContactsChanged(transform({ contact }, ({ contact }) => [contact.id]))

    const contactSubscribed = createHook("contactSubscribed", { contact, input })
    return new WorkflowResponse(contact, { hooks: [contactSubscribed] })
  }
)
