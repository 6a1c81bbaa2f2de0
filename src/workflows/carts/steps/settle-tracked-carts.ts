import { createStep, StepResponse } from "@medusajs/framework/workflows-sdk"
import { MARKETING_MODULE } from "../../../modules/marketing"
import MarketingModuleService from "../../../modules/marketing/service"
import { SettleTrackedCartInput, TrackedCartRow } from "../../../types"

export const settleTrackedCartsStepId = "settle-tracked-carts"

/**
 * Applies the sweep's decisions atomically per cart; returns only the carts
 * this run settled, so a racing sweep cannot report the same abandonment.
 * Compensation puts the settled carts back in the queue as they were.
 */
export const settleTrackedCartsStep = createStep(
  settleTrackedCartsStepId,
  async (settlements: SettleTrackedCartInput[], { container }) => {
    const marketing: MarketingModuleService = container.resolve(MARKETING_MODULE)
    const settled: TrackedCartRow[] = await marketing.settleTrackedCarts(settlements)
    const byId = new Map(settlements.map((s) => [s.id, s]))
    return new StepResponse(
      settled,
      settled.map((row) => ({
        id: row.id,
        status: "active" as const,
        last_activity_at: new Date(byId.get(row.id)!.expected_activity_at),
        reported_activity_at: null,
        abandoned_at: null,
      }))
    )
  },
  async (restore, { container }) => {
    if (!restore?.length) {
      return
    }
    const marketing: MarketingModuleService = container.resolve(MARKETING_MODULE)
    await marketing.updateTrackedCarts(restore)
  }
)
