import { createStep, StepResponse } from "@medusajs/framework/workflows-sdk"
import { compileMjml } from "../../../lib/templates/mjml"
import { assertValidTemplateContent } from "../assert-valid-content"
import { TemplateContentInput } from "../types"

export const validateTemplateContentStepId = "validate-template-content"

/**
 * Refuses MJML or Liquid that would fail at send time, naming the part and
 * line, and returns the compiled HTML to store with the version.
 */
export const validateTemplateContentStep = createStep(
  validateTemplateContentStepId,
  async (content: TemplateContentInput) => {
    await assertValidTemplateContent(content)
    const { html } = await compileMjml(content.mjml)
    return new StepResponse(html)
  }
)
