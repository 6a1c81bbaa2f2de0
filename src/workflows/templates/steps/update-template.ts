import { createStep, StepResponse } from "@medusajs/framework/workflows-sdk"
import { MARKETING_MODULE } from "../../../modules/marketing"
import MarketingModuleService from "../../../modules/marketing/service"

export type UpdateTemplateStepInput = {
  id: string
  name?: string
  description?: string | null
  transactional?: boolean
  topic?: string | null
}

export const updateTemplateStepId = "update-template"

/** Updates a template's own fields; compensation restores them. */
export const updateTemplateStep = createStep(
  updateTemplateStepId,
  async (input: UpdateTemplateStepInput, { container }) => {
    const marketing: MarketingModuleService = container.resolve(MARKETING_MODULE)
    const { name, description, transactional, topic } = await marketing.retrieveTemplate(input.id)
    const before = { id: input.id, name, description, transactional, topic }
    const updated = await marketing.updateTemplates(input)
    return new StepResponse(updated, before)
  },
  async (before, { container }) => {
    if (!before) {
      return
    }
    const marketing: MarketingModuleService = container.resolve(MARKETING_MODULE)
    await marketing.updateTemplates(before)
  }
)
