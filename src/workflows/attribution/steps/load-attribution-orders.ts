import { ContainerRegistrationKeys } from "@medusajs/framework/utils"
import { createStep, StepResponse } from "@medusajs/framework/workflows-sdk"
import { toNumber } from "../../../lib/money/to-number"

/** What attribution needs of an order. Times are ISO strings: Dates do not survive a workflow's serialization. */
export type AttributionOrder = {
  id: string
  email: string | null
  customer_id: string | null
  currency_code: string
  total: number
  /** As Medusa reports it, refunds of every payment together. */
  refunded_total: number
  created_at: string
  canceled_at: string | null
}

const iso = (value: unknown) => (value ? new Date(value as string).toISOString() : null)

/** An order as attribution takes it, from any read that has these fields. */
export function toAttributionOrder(
  order: Omit<AttributionOrder, "created_at" | "canceled_at"> & {
    created_at: string | Date
    canceled_at: string | Date | null
  }
): AttributionOrder {
  const { id, email, customer_id, currency_code, total, refunded_total } = order
  return {
    id,
    email,
    customer_id,
    currency_code,
    total,
    refunded_total,
    created_at: iso(order.created_at)!,
    canceled_at: iso(order.canceled_at),
  }
}

export const loadAttributionOrdersStepId = "load-attribution-orders"

/** Reads orders' totals, refunds and cancellation through Query. */
export const loadAttributionOrdersStep = createStep(
  loadAttributionOrdersStepId,
  async (orderIds: string[], { container }) => {
    if (!orderIds.length) {
      return new StepResponse([] as AttributionOrder[])
    }
    const query = container.resolve(ContainerRegistrationKeys.QUERY)
    const { data } = await query.graph({
      entity: "order",
      fields: [
        "id",
        "email",
        "customer_id",
        "currency_code",
        "total",
        "created_at",
        "canceled_at",
        "summary.*",
      ],
      filters: { id: orderIds },
    })
    const orders = data.map((order: any) =>
      toAttributionOrder({
        id: order.id,
        email: order.email ?? null,
        customer_id: order.customer_id ?? null,
        currency_code: String(order.currency_code).toLowerCase(),
        total: toNumber(order.total),
        refunded_total: toNumber(order.summary?.refunded_total),
        created_at: order.created_at,
        canceled_at: order.canceled_at ?? null,
      })
    )
    return new StepResponse(orders)
  }
)
