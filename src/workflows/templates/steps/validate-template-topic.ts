import { createStep, StepResponse } from "@medusajs/framework/workflows-sdk"
import { MedusaError } from "@medusajs/framework/utils"
import { MARKETING_MODULE } from "../../../modules/marketing"
import MarketingModuleService from "../../../modules/marketing/service"

/**
 * A template's topic must be one the settings list: the preference page
 * offers those, and a recipient could not leave any other short of
 * unsubscribing from everything. Reads only.
 */
export const validateTemplateTopicStep = createStep(
  "validate-template-topic",
  async (input: { topic?: string | null }, { container }) => {
    if (!input.topic) {
      return new StepResponse(true)
    }
    const marketing: MarketingModuleService = container.resolve(MARKETING_MODULE)
    const topics = (await marketing.getSettings()).topics.map((topic) => topic.key)
    if (!topics.includes(input.topic)) {
      throw new MedusaError(
        MedusaError.Types.INVALID_DATA,
        `topic: "${input.topic}" is not one of the topics in the settings (${topics.join(", ") || "none"})`
      )
    }
    return new StepResponse(true)
  }
)
