import { createStep, StepResponse } from "@medusajs/framework/workflows-sdk"
import { MARKETING_MODULE } from "../../../modules/marketing"
import MarketingModuleService from "../../../modules/marketing/service"
import { RecordMessageEventInput, SuppressionChange } from "../../../types"

type Compensation = { ids: string[]; suppressed: SuppressionChange[] }

export const recordMessageEventsStepId = "record-message-events"

/**
 * Stores message events once each and suppresses contacts a hard bounce,
 * complaint or run of soft bounces disqualifies. Compensation removes the
 * events and lifts exactly the suppressions this step added.
 */
export const recordMessageEventsStep = createStep(
  recordMessageEventsStepId,
  async (input: { events: RecordMessageEventInput[] }, { container }) => {
    const marketing: MarketingModuleService = container.resolve(MARKETING_MODULE)
    const settings = await marketing.getSettings()
    const result = await marketing.recordMessageEvents(input.events, {
      softBounceLimit: settings.soft_bounce_limit,
    })
    return new StepResponse(result, { ids: result.inserted, suppressed: result.suppressed } as Compensation)
  },
  async (compensation: Compensation | undefined, { container }) => {
    if (!compensation) {
      return
    }
    const marketing: MarketingModuleService = container.resolve(MARKETING_MODULE)
    await marketing.restoreSuppression(compensation.suppressed)
    await marketing.removeMessageEvents(compensation.ids)
  }
)
