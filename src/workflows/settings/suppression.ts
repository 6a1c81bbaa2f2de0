import {
  createStep,
  createWorkflow,
  StepResponse,
  transform,
  WorkflowResponse,
} from "@medusajs/framework/workflows-sdk"
import { MARKETING_MODULE } from "../../modules/marketing"
import MarketingModuleService from "../../modules/marketing/service"
import { SuppressionChange } from "../../types"
import { upsertContactsStep } from "../contacts/steps"

const restore = async (changes: SuppressionChange[] | undefined, container: { resolve: (key: string) => unknown }) => {
  if (changes?.length) {
    await (container.resolve(MARKETING_MODULE) as MarketingModuleService).restoreSuppression(changes)
  }
}

export const suppressContactsStep = createStep(
  "suppress-contacts",
  async (input: { contact_id: string; reason: string }[], { container }) => {
    const marketing: MarketingModuleService = container.resolve(MARKETING_MODULE)
    const changes = await marketing.suppressContacts(input)
    return new StepResponse(changes, changes)
  },
  async (changes, { container }) => restore(changes, container)
)

export const unsuppressContactsStep = createStep(
  "unsuppress-contacts",
  async (contactIds: string[], { container }) => {
    const marketing: MarketingModuleService = container.resolve(MARKETING_MODULE)
    const changes = await marketing.unsuppressContacts(contactIds)
    return new StepResponse(changes, changes)
  },
  async (changes, { container }) => restore(changes, container)
)

/**
 * Adds addresses to the suppression list, creating contacts for addresses
 * the store has not seen, so a list imported from a previous tool protects
 * those people before they ever sign up.
 */
export const suppressEmailsWorkflow = createWorkflow(
  "suppress-emails",
  (input: { emails: string[]; reason?: string }) => {
    const results = upsertContactsStep(
      transform({ input }, ({ input }) => input.emails.map((email) => ({ email })))
    )
    const changes = suppressContactsStep(
      transform({ results, input }, ({ results, input }) =>
        results.map((r) => ({ contact_id: r.contact.id, reason: input.reason ?? "manual" }))
      )
    )
    return new WorkflowResponse(changes)
  }
)

/** Takes contacts off the suppression list; they still need consent for marketing. */
export const unsuppressContactsWorkflow = createWorkflow(
  "unsuppress-contacts",
  (input: { contact_ids: string[] }) =>
    new WorkflowResponse(unsuppressContactsStep(transform({ input }, ({ input }) => input.contact_ids)))
)
