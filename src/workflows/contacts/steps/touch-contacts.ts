import { createStep, StepResponse } from "@medusajs/framework/workflows-sdk"
import { MARKETING_MODULE } from "../../../modules/marketing"
import MarketingModuleService from "../../../modules/marketing/service"

export type TouchContactsStepInput = {
  contact_id: string
  last_seen_at?: Date | string | null
  last_cart_at?: Date | string | null
}[]

type Snapshot = { id: string; last_seen_at: Date | null; last_cart_at: Date | null }

const later = (current: Date | null, next?: Date | string | null) =>
  next && (!current || new Date(next) > new Date(current)) ? new Date(next) : current

export const touchContactsStepId = "touch-contacts"

/**
 * Moves activity timestamps forward only: a late or redelivered event never
 * makes a contact look less recently active.
 */
export const touchContactsStep = createStep(
  touchContactsStepId,
  async (input: TouchContactsStepInput, { container }) => {
    if (!input.length) {
      return new StepResponse([], [])
    }
    const marketing: MarketingModuleService = container.resolve(MARKETING_MODULE)
    const before: Snapshot[] = await marketing.listContacts(
      { id: input.map((touch) => touch.contact_id) },
      { select: ["id", "last_seen_at", "last_cart_at"] }
    )
    const byId = new Map(before.map((contact) => [contact.id, contact]))
    const updates = input
      .map((touch) => {
        const current = byId.get(touch.contact_id)
        if (!current) {
          return null
        }
        return {
          id: current.id,
          last_seen_at: later(current.last_seen_at, touch.last_seen_at),
          last_cart_at: later(current.last_cart_at, touch.last_cart_at),
        }
      })
      .filter((update): update is Snapshot => !!update)
    if (updates.length) {
      await marketing.updateContacts(updates)
    }
    return new StepResponse(updates, before)
  },
  async (before, { container }) => {
    if (!before?.length) {
      return
    }
    const marketing: MarketingModuleService = container.resolve(MARKETING_MODULE)
    await marketing.updateContacts(before)
  }
)
