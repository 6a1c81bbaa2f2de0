import { createStep, StepResponse } from "@medusajs/framework/workflows-sdk"
import { MARKETING_MODULE } from "../../../modules/marketing"
import MarketingModuleService from "../../../modules/marketing/service"
import { TouchContactInput } from "../../../types"

export type TouchContactsStepInput = TouchContactInput[]

export const touchContactsStepId = "touch-contacts"

/** Moves activity times forward only; compensation puts back the times it replaced. */
export const touchContactsStep = createStep(
  touchContactsStepId,
  async (input: TouchContactsStepInput, { container }) => {
    const marketing: MarketingModuleService = container.resolve(MARKETING_MODULE)
    const before = await marketing.touchContacts(input)
    return new StepResponse(before.map((row) => row.id), before)
  },
  async (before, { container }) => {
    if (!before?.length) {
      return
    }
    const marketing: MarketingModuleService = container.resolve(MARKETING_MODULE)
    await marketing.updateContacts(before)
  }
)
