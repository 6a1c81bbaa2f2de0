import { MedusaError } from "@medusajs/framework/utils"
import { describeProblems } from "../../lib/templates/renderer"
import { templateRenderer } from "../../lib/templates/shared"
import { TemplateContentInput } from "./types"

/**
 * Refuses MJML or Liquid that would fail at send time with a 400 naming the
 * part and line; shared by saving a version and previewing unsaved content.
 */
export async function assertValidTemplateContent(content: TemplateContentInput) {
  const problems = await templateRenderer.validate(content)
  if (problems.length) {
    throw new MedusaError(
      MedusaError.Types.INVALID_DATA,
      `Invalid template: ${describeProblems(problems)}`
    )
  }
}
