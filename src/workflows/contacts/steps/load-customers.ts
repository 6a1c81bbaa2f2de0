import { ContainerRegistrationKeys } from "@medusajs/framework/utils"
import { createStep, StepResponse } from "@medusajs/framework/workflows-sdk"

export type CustomerSnapshot = {
  id: string
  email: string | null
  first_name: string | null
  last_name: string | null
  phone: string | null
  has_account: boolean
  created_at: Date | string
}

export const loadCustomersStepId = "load-customers"

/** Reads customers through Query, the cross-module read path. */
export const loadCustomersStep = createStep(
  loadCustomersStepId,
  async (customerIds: string[], { container }) => {
    if (!customerIds.length) {
      return new StepResponse([] as CustomerSnapshot[])
    }
    const query = container.resolve(ContainerRegistrationKeys.QUERY)
    const { data } = await query.graph({
      entity: "customer",
      fields: ["id", "email", "first_name", "last_name", "phone", "has_account", "created_at"],
      filters: { id: customerIds },
    })
    return new StepResponse(data as CustomerSnapshot[])
  }
)
