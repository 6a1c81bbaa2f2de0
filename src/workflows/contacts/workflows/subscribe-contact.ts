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
import { lastConfirmationStep, queueConfirmationStep } from "../../messages/steps/queue-confirmation"
import { readSettingsStep } from "../../settings/read-settings"
import { refreshChangedContacts } from "../../segments/refresh-changed-contacts"
import { decideSubscribeRequest } from "../../../lib/contacts/subscribe-request"
import type { ConsentStatus } from "../../../types/contact"

export type SubscribeContactInput = {
  email: string
  first_name?: string | null
  source?: string | null
  ip?: string | null
  consent_text?: string | null
}

export const subscribeContactWorkflowId = "subscribe-contact"

/**
 * A request to subscribe an address, from a form anyone can post to. A new
 * contact is created with the name given; an existing one keeps everything
 * it has. Consent is recorded with its evidence at once, or with double
 * opt-in after the confirmation email's link; a contact who unsubscribed is
 * only sent that confirmation (`decideSubscribeRequest`). A suppressed
 * contact stays suppressed.
 */
export const subscribeContactWorkflow = createWorkflow(
  subscribeContactWorkflowId,
  (input: SubscribeContactInput) => {
    const upserts = transform({ input }, ({ input }) => [
      { email: input.email, first_name: input.first_name ?? undefined, only_when_created: true },
    ])
    const results = upsertContactsStep(upserts)
    const contact = transform({ results }, ({ results }) => results[0].contact)

    const settings = readSettingsStep()
    const lastConfirmation = lastConfirmationStep(transform({ contact }, ({ contact }) => ({ contact_id: contact.id })))
    const outcome = transform({ contact, settings, lastConfirmation }, ({ contact, settings, lastConfirmation }) =>
      decideSubscribeRequest({
        status: contact.consent_status as ConsentStatus,
        consentAt: contact.consent_at ? new Date(contact.consent_at) : null,
        suppressed: !!contact.suppressed_at,
        doubleOptIn: settings.double_opt_in,
        lastConfirmationAt: lastConfirmation ? new Date(lastConfirmation) : null,
        now: new Date(),
      })
    )

    when({ outcome }, ({ outcome }) => outcome === "subscribe").then(() => {
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
    when({ outcome }, ({ outcome }) => outcome === "request").then(() => {
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

    // Unsubscribed: their opt-out and its evidence stand until the link is followed.
    when({ outcome }, ({ outcome }) => outcome === "confirm").then(() => {
      queueConfirmationStep(
        transform({ contact }, ({ contact }) => ({
          contact_id: contact.id,
          email: contact.email,
          requested_at: new Date(),
        }))
      ).config({ name: "queue-resubscribe-confirmation" })
    })

    refreshChangedContacts(transform({ contact }, ({ contact }) => [contact.id]))

    const contactSubscribed = createHook("contactSubscribed", { contact, input })
    return new WorkflowResponse(contact, { hooks: [contactSubscribed] })
  }
)
