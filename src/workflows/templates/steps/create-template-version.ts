import { MedusaError } from "@medusajs/framework/utils"
import { createStep, StepResponse } from "@medusajs/framework/workflows-sdk"
import { MARKETING_MODULE } from "../../../modules/marketing"
import MarketingModuleService from "../../../modules/marketing/service"
import { TemplateContentInput } from "../types"

export const createTemplateVersionStepId = "create-template-version"

/**
 * Adds the next version of a template. The version number is claimed with
 * a conditional update, so two editors saving at once get two versions
 * rather than one overwriting the other.
 */
export const createTemplateVersionStep = createStep(
  createTemplateVersionStepId,
  async (
    input: { template_id: string; content: TemplateContentInput; compiled_html: string },
    { container }
  ) => {
    const marketing: MarketingModuleService = container.resolve(MARKETING_MODULE)
    const version = await marketing.claimNextTemplateVersion(input.template_id)
    if (!version) {
      throw new MedusaError(
        MedusaError.Types.NOT_FOUND,
        `Template with id: ${input.template_id} was not found`
      )
    }
    const created = await marketing.createTemplateVersions({
      template_id: input.template_id,
      version,
      compiled_html: input.compiled_html,
      ...input.content,
    })
    return new StepResponse(created, { id: created.id, template_id: input.template_id, version })
  },
  async (undo, { container }) => {
    if (!undo) {
      return
    }
    const marketing: MarketingModuleService = container.resolve(MARKETING_MODULE)
    await marketing.deleteTemplateVersions(undo.id)
    await marketing.updateTemplates({ id: undo.template_id, latest_version: undo.version - 1 })
  }
)
