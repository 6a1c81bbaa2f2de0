import { ContainerRegistrationKeys } from "@medusajs/framework/utils"
import { createStep, StepResponse } from "@medusajs/framework/workflows-sdk"

export type CartSnapshot = {
  id: string
  email: string | null
  customer_id: string | null
  currency_code: string | null
  completed: boolean
  /** Units in the cart, summed over its lines. */
  item_count: number
  activity_at: Date
}

const latest = (dates: (string | Date | null | undefined)[]) =>
  new Date(
    Math.max(...dates.filter(Boolean).map((date) => new Date(date!).getTime()), 0)
  )

/**
 * Activity is the latest change to the cart or any of its items: adding an
 * item writes the line item, not always the cart row.
 */
export async function readCarts(
  query: { graph: (...args: any[]) => Promise<{ data: any[] }> },
  filters: Record<string, unknown>,
  pagination?: Record<string, unknown>
): Promise<CartSnapshot[]> {
  const { data } = await query.graph({
    entity: "cart",
    fields: [
      "id",
      "email",
      "customer_id",
      "currency_code",
      "completed_at",
      "created_at",
      "updated_at",
      "items.id",
      "items.quantity",
      "items.updated_at",
    ],
    filters,
    pagination,
  })
  return data.map((cart) => ({
    id: cart.id,
    email: cart.email ?? null,
    customer_id: cart.customer_id ?? null,
    currency_code: cart.currency_code ?? null,
    completed: !!cart.completed_at,
    item_count: (cart.items ?? []).reduce(
      (sum: number, item: any) => sum + Number(item?.quantity ?? 0),
      0
    ),
    activity_at: latest([
      cart.created_at,
      cart.updated_at,
      ...(cart.items ?? []).map((item: any) => item?.updated_at),
    ]),
  }))
}

export const loadCartsStepId = "load-carts"

export const loadCartsStep = createStep(
  loadCartsStepId,
  async (cartIds: string[], { container }) => {
    if (!cartIds.length) {
      return new StepResponse([] as CartSnapshot[])
    }
    const query = container.resolve(ContainerRegistrationKeys.QUERY)
    return new StepResponse(await readCarts(query, { id: cartIds }))
  }
)
