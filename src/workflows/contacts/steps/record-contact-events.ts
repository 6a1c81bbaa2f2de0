import { createStep, StepResponse } from "@medusajs/framework/workflows-sdk"
import { MARKETING_MODULE } from "../../../modules/marketing"
import MarketingModuleService from "../../../modules/marketing/service"
import { RecordContactEventInput } from "../../../types"

export type RecordContactEventsStepInput = {
  events: RecordContactEventInput[]
  /** When set, facts of the affected contacts are recomputed on compensation. */
  currency_code?: string | null
}

export type RecordedContactEvent = {
  id: string
  idempotency_key: string
  contact_id: string
}

type Compensation = { ids: string[]; contact_ids: string[]; currency_code?: string | null }

export const recordContactEventsStepId = "record-contact-events"

/**
 * Records timeline events, skipping any whose idempotency key is already
 * stored; returns only the new ones so later steps act once per activity.
 */
export const recordContactEventsStep = createStep(
  recordContactEventsStepId,
  async (input: RecordContactEventsStepInput, { container }) => {
    const marketing: MarketingModuleService = container.resolve(MARKETING_MODULE)
    const recorded: RecordedContactEvent[] = await marketing.recordContactEvents(
      input.events
    )
    return new StepResponse(recorded, {
      ids: recorded.map((event) => event.id),
      contact_ids: [...new Set(recorded.map((event) => event.contact_id))],
      currency_code: input.currency_code,
    } as Compensation)
  },
  async (compensation: Compensation | undefined, { container }) => {
    if (!compensation?.ids.length) {
      return
    }
    const marketing: MarketingModuleService = container.resolve(MARKETING_MODULE)
    await marketing.removeContactEvents(compensation.ids)
    if (compensation.currency_code) {
      await marketing.refreshContactFacts(
        compensation.contact_ids,
        compensation.currency_code
      )
    }
  }
)
