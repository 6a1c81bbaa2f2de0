import { ContainerRegistrationKeys } from "@medusajs/framework/utils"
import { createStep, StepResponse } from "@medusajs/framework/workflows-sdk"
import { toNumber } from "../../../lib/money/to-number"

export type OrderSnapshot = {
  id: string
  display_id: number | null
  email: string | null
  customer_id: string | null
  first_name: string | null
  last_name: string | null
  currency_code: string
  total: number
  /** As Medusa reports it, refunds of every payment together. */
  refunded_total: number
  created_at: string | Date
  canceled_at: string | Date | null
  status: string | null
  product_ids: string[]
  category_ids: string[]
}

const unique = (values: (string | null | undefined)[]) =>
  [...new Set(values.filter((value): value is string => !!value))].sort()

export const loadOrdersStepId = "load-orders"

/** Reads what the contact profile and attribution need of each order, through Query. */
export const loadOrdersStep = createStep(
  loadOrdersStepId,
  async (orderIds: string[], { container }) => {
    if (!orderIds.length) {
      return new StepResponse([] as OrderSnapshot[])
    }
    const query = container.resolve(ContainerRegistrationKeys.QUERY)
    const { data } = await query.graph({
      entity: "order",
      fields: [
        "id",
        "display_id",
        "email",
        "customer_id",
        "currency_code",
        "total",
        "status",
        "created_at",
        "canceled_at",
        "summary.*",
        "customer.first_name",
        "customer.last_name",
        "billing_address.first_name",
        "billing_address.last_name",
        "items.product_id",
        "items.product.categories.id",
      ],
      filters: { id: orderIds },
    })
    const orders: OrderSnapshot[] = data.map((order: any) => ({
      id: order.id,
      display_id: order.display_id ?? null,
      email: order.email ?? null,
      customer_id: order.customer_id ?? null,
      // The buyer's name: the account's, else the billing address's (the
      // shipping address may be a gift recipient's).
      first_name:
        order.customer?.first_name ?? order.billing_address?.first_name ?? null,
      last_name:
        order.customer?.last_name ?? order.billing_address?.last_name ?? null,
      currency_code: String(order.currency_code).toLowerCase(),
      total: toNumber(order.total),
      refunded_total: toNumber(order.summary?.refunded_total),
      created_at: order.created_at,
      canceled_at: order.canceled_at ?? null,
      status: order.status ?? null,
      product_ids: unique((order.items ?? []).map((item: any) => item?.product_id)),
      category_ids: unique(
        (order.items ?? []).flatMap((item: any) =>
          (item?.product?.categories ?? []).map((category: any) => category?.id)
        )
      ),
    }))
    return new StepResponse(orders)
  }
)
