import type { Logger, MedusaContainer } from "@medusajs/framework/types"
import { ContainerRegistrationKeys } from "@medusajs/framework/utils"
import { createStep, StepResponse } from "@medusajs/framework/workflows-sdk"
import { MARKETING_MODULE } from "../../../modules/marketing"
import MarketingModuleService from "../../../modules/marketing/service"
import { AttributionOrder } from "./load-attribution-orders"

const DAY_MS = 24 * 60 * 60 * 1000

/**
 * Creates a conversion for each order whose buyer touched a marketing email
 * within the windows in the settings. The refunds and cancellation the
 * order already has go in with it, so an `order.placed` handled late (after
 * a retry) still ends where the refund and cancel events would have left
 * it. Returns only the conversions created now: there is one per order.
 */
async function attributeOrders(container: MedusaContainer, orders: AttributionOrder[]) {
  if (!orders.length) {
    return []
  }
  const marketing: MarketingModuleService = container.resolve(MARKETING_MODULE)
  const { attribution } = await marketing.getSettings()
  const before = (at: string, days: number) =>
    new Date(new Date(at).getTime() - days * DAY_MS).toISOString()
  return await marketing.attributeOrders(
    orders.map((order) => ({
      order_id: order.id,
      customer_id: order.customer_id,
      email: order.email,
      ordered_at: order.created_at,
      click_from: before(order.created_at, attribution.click_window_days),
      open_from: attribution.open_window_days
        ? before(order.created_at, attribution.open_window_days)
        : null,
      amount: order.total,
      refunded_amount: order.refunded_total,
      currency_code: order.currency_code,
      canceled_at: order.canceled_at,
    }))
  )
}

/** Compensation: deletes only the conversions the step created. */
async function deleteCreatedConversions(ids: string[] | undefined, { container }: { container: MedusaContainer }) {
  if (!ids?.length) {
    return
  }
  const marketing: MarketingModuleService = container.resolve(MARKETING_MODULE)
  await marketing.deleteConversions(ids)
}

export const attributeOrdersStepId = "attribute-orders"

/** Credits orders to the marketing email that earned them (see `attributeOrders`). */
export const attributeOrdersStep = createStep(
  attributeOrdersStepId,
  async (orders: AttributionOrder[], { container }) => {
    const created = await attributeOrders(container, orders)
    return new StepResponse(
      created,
      created.map((conversion) => conversion.id)
    )
  },
  deleteCreatedConversions
)

export const attributePlacedOrdersStepId = "attribute-placed-orders"

/**
 * Attribution as part of an order's capture. A failure here is logged and
 * leaves what the capture recorded (the contact, its order and facts) as it
 * is: crediting the email matters less than the buyer's profile.
 */
export const attributePlacedOrdersStep = createStep(
  attributePlacedOrdersStepId,
  async (orders: AttributionOrder[], { container }) => {
    try {
      const created = await attributeOrders(container, orders)
      return new StepResponse(
        created,
        created.map((conversion) => conversion.id)
      )
    } catch (error) {
      container
        .resolve<Logger>(ContainerRegistrationKeys.LOGGER)
        .error(`marketing: attributing order ${orders.map((order) => order.id).join(", ")} failed: ${(error as Error).message}`)
      return new StepResponse([], [] as string[])
    }
  },
  deleteCreatedConversions
)
