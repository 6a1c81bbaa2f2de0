import { MedusaError } from "@medusajs/framework/utils"
import { createStep, StepResponse } from "@medusajs/framework/workflows-sdk"
import { compileMjml } from "../../../lib/templates/mjml"
import { describeProblems } from "../../../lib/templates/renderer"
import { templateRenderer } from "../../../lib/templates/shared"
import { TemplateContentInput } from "../types"

export const validateTemplateContentStepId = "validate-template-content"

/**
 * Refuses MJML or Liquid that would fail at send time, naming the part and
 * line, and returns the compiled HTML to store with the version.
 */
export const validateTemplateContentStep = createStep(
  validateTemplateContentStepId,
  async (content: TemplateContentInput) => {
    const problems = await templateRenderer.validate(content)
    if (problems.length) {
      throw new MedusaError(
        MedusaError.Types.INVALID_DATA,
        `Invalid template: ${describeProblems(problems)}`
      )
    }
    const { html } = await compileMjml(content.mjml)
    return new StepResponse(html)
  }
)
