import { createWorkflow, transform, WorkflowResponse } from "@medusajs/framework/workflows-sdk"
import { loadAttributionOrdersStep } from "../steps/load-attribution-orders"
import { setConversionOutcomesStep } from "../steps/set-conversion-outcomes"

export type SyncConversionOutcomesInput = { order_ids: string[] }

export const syncConversionOutcomesWorkflowId = "sync-conversion-outcomes"

/**
 * Brings attributed orders' refunds and cancellation in line with the
 * orders as Medusa reports them now. Values are absolute, so a redelivered
 * or late event changes nothing it should not.
 */
export const syncConversionOutcomesWorkflow = createWorkflow(
  syncConversionOutcomesWorkflowId,
  (input: SyncConversionOutcomesInput) => {
    const orders = loadAttributionOrdersStep(input.order_ids)
    const outcomes = transform({ orders }, ({ orders }) =>
      orders.map((order) => ({
        order_id: order.id,
        refunded_amount: order.refunded_total,
        canceled_at: order.canceled_at,
      }))
    )
    return new WorkflowResponse(setConversionOutcomesStep(outcomes))
  }
)
