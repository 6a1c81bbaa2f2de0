import { ContainerRegistrationKeys } from "@medusajs/framework/utils"
import { createStep, StepResponse } from "@medusajs/framework/workflows-sdk"
import { readCarts } from "./load-carts"

export const readNewCartsStepId = "read-new-carts"

/**
 * Carts created after `after_id`, oldest first. Ids grow with creation time,
 * so this keyset page reads through the primary key and never skips a cart
 * that was created while the sweep ran.
 */
export const readNewCartsStep = createStep(
  readNewCartsStepId,
  async (input: { after_id: string; limit: number }, { container }) => {
    const query = container.resolve(ContainerRegistrationKeys.QUERY)
    const carts = await readCarts(
      query,
      { id: { $gt: input.after_id } },
      { take: input.limit, order: { id: "ASC" } }
    )
    return new StepResponse(carts)
  }
)
