import { createStep, StepResponse } from "@medusajs/framework/workflows-sdk"
import { MARKETING_MODULE } from "../../../modules/marketing"
import MarketingModuleService, {
  UpsertContactResult,
} from "../../../modules/marketing/service"
import { UpsertContactInput } from "../../../types"

type Compensation = {
  created: string[]
  restored: ({ id: string } & Record<string, unknown>)[]
}

export const upsertContactsStepId = "upsert-contacts"

/** Finds or creates contacts by email; compensation deletes what it created and restores what it changed. */
export const upsertContactsStep = createStep(
  upsertContactsStepId,
  async (inputs: UpsertContactInput[], { container }) => {
    const marketing: MarketingModuleService = container.resolve(MARKETING_MODULE)
    const results: UpsertContactResult[] = await marketing.upsertContacts(inputs)
    return new StepResponse(results, {
      created: results.filter((r) => r.created).map((r) => r.contact.id),
      restored: results
        .filter((r) => r.previous)
        .map((r) => ({ id: r.contact.id, ...r.previous })),
    } as Compensation)
  },
  async (compensation: Compensation | undefined, { container }) => {
    if (!compensation) {
      return
    }
    const marketing: MarketingModuleService = container.resolve(MARKETING_MODULE)
    if (compensation.restored.length) {
      await marketing.updateContacts(compensation.restored)
    }
    if (compensation.created.length) {
      await marketing.deleteContacts(compensation.created)
    }
  }
)
