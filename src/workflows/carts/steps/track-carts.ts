import { createStep, StepResponse } from "@medusajs/framework/workflows-sdk"
import { MARKETING_MODULE } from "../../../modules/marketing"
import MarketingModuleService from "../../../modules/marketing/service"
import { TrackCartInput } from "../../../types"

export const trackCartsStepId = "track-carts"

/** Upserts tracked carts; compensation restores the rows as they were, or removes new ones. */
export const trackCartsStep = createStep(
  trackCartsStepId,
  async (carts: TrackCartInput[], { container }) => {
    const marketing: MarketingModuleService = container.resolve(MARKETING_MODULE)
    if (!carts.length) {
      return new StepResponse([], null)
    }
    const before = await marketing.listTrackedCarts(
      { cart_id: carts.map((cart) => cart.cart_id) },
      {
        select: [
          "id",
          "cart_id",
          "email",
          "customer_id",
          "contact_id",
          "currency_code",
          "item_count",
          "status",
          "last_activity_at",
        ],
      }
    )
    const tracked = await marketing.trackCarts(carts)
    return new StepResponse(tracked, {
      before,
      cart_ids: carts.map((cart) => cart.cart_id),
    })
  },
  async (snapshot, { container }) => {
    if (!snapshot) {
      return
    }
    const marketing: MarketingModuleService = container.resolve(MARKETING_MODULE)
    const existed = new Set(snapshot.before.map((row) => row.cart_id))
    const created = await marketing.listTrackedCarts(
      { cart_id: snapshot.cart_ids.filter((id) => !existed.has(id)) },
      { select: ["id"] }
    )
    if (created.length) {
      await marketing.deleteTrackedCarts(created.map((row) => row.id))
    }
    if (snapshot.before.length) {
      await marketing.updateTrackedCarts(snapshot.before)
    }
  }
)
