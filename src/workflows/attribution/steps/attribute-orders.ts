import { createStep, StepResponse } from "@medusajs/framework/workflows-sdk"
import { MARKETING_MODULE } from "../../../modules/marketing"
import MarketingModuleService from "../../../modules/marketing/service"
import { AttributionOrder } from "./load-attribution-orders"

const DAY_MS = 24 * 60 * 60 * 1000

export const attributeOrdersStepId = "attribute-orders"

/**
 * Creates a conversion for each order whose buyer touched a marketing email
 * within the windows in the settings. The refunds and cancellation the
 * order already has go in with it, so an `order.placed` handled late (after
 * a retry) still ends where the refund and cancel events would have left
 * it. Compensation deletes only the conversions this step created.
 */
export const attributeOrdersStep = createStep(
  attributeOrdersStepId,
  async (orders: AttributionOrder[], { container }) => {
    const marketing: MarketingModuleService = container.resolve(MARKETING_MODULE)
    if (!orders.length) {
      return new StepResponse([], [] as string[])
    }
    const { attribution } = await marketing.getSettings()
    const before = (at: string, days: number) =>
      new Date(new Date(at).getTime() - days * DAY_MS).toISOString()
    const created = await marketing.attributeOrders(
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
    return new StepResponse(
      created,
      created.map((conversion) => conversion.id)
    )
  },
  async (ids: string[] | undefined, { container }) => {
    if (!ids?.length) {
      return
    }
    const marketing: MarketingModuleService = container.resolve(MARKETING_MODULE)
    await marketing.deleteConversions(ids)
  }
)
