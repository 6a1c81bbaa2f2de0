import { ContainerRegistrationKeys } from "@medusajs/framework/utils"
import { createStep, StepResponse } from "@medusajs/framework/workflows-sdk"

export type BackfillPhase = "customers" | "orders"

export type BackfillPage = {
  ids: string[]
  canceled_ids: string[]
  last_id: string | null
}

export const readBackfillPageStepId = "read-backfill-page"

/**
 * One keyset page of customers or orders after `after_id`, in id order, so
 * records created while the backfill runs are neither skipped nor repeated.
 */
export const readBackfillPageStep = createStep(
  readBackfillPageStepId,
  async (
    input: { phase: BackfillPhase; after_id: string | null; limit: number },
    { container }
  ) => {
    const query = container.resolve(ContainerRegistrationKeys.QUERY)
    const { data } = await query.graph({
      entity: input.phase === "customers" ? "customer" : "order",
      fields: input.phase === "customers" ? ["id"] : ["id", "status"],
      filters: input.after_id ? { id: { $gt: input.after_id } } : {},
      pagination: { take: input.limit, order: { id: "ASC" } },
    })
    const page: BackfillPage = {
      ids: data.map((row: any) => row.id),
      canceled_ids: data
        .filter((row: any) => row.status === "canceled")
        .map((row: any) => row.id),
      last_id: data.at(-1)?.id ?? null,
    }
    return new StepResponse(page)
  }
)
