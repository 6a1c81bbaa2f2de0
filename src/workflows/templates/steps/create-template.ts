import { createStep, StepResponse } from "@medusajs/framework/workflows-sdk"
import { MARKETING_MODULE } from "../../../modules/marketing"
import MarketingModuleService from "../../../modules/marketing/service"

export type CreateTemplateStepInput = {
  name: string
  description?: string | null
  transactional?: boolean
  topic?: string | null
  starter_key?: string | null
}

export const createTemplateStepId = "create-template"

export const createTemplateStep = createStep(
  createTemplateStepId,
  async (input: CreateTemplateStepInput, { container }) => {
    const marketing: MarketingModuleService = container.resolve(MARKETING_MODULE)
    const template = await marketing.createTemplates(input)
    return new StepResponse(template, template.id)
  },
  async (id, { container }) => {
    if (!id) {
      return
    }
    const marketing: MarketingModuleService = container.resolve(MARKETING_MODULE)
    await marketing.deleteTemplates(id)
  }
)
