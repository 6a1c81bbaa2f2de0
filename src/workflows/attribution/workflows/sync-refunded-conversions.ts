import { createWorkflow, WorkflowResponse } from "@medusajs/framework/workflows-sdk"
import { loadRefundedPaymentOrdersStep } from "../steps/load-refunded-payment-orders"
import { syncConversionOutcomesWorkflow } from "./sync-conversion-outcomes"

export type SyncRefundedConversionsInput = { payment_ids: string[] }

export const syncRefundedConversionsWorkflowId = "sync-refunded-conversions"

/** After refunds on payments, lowers what their orders' conversions count for. */
export const syncRefundedConversionsWorkflow = createWorkflow(
  syncRefundedConversionsWorkflowId,
  (input: SyncRefundedConversionsInput) => {
    const orderIds = loadRefundedPaymentOrdersStep(input.payment_ids)
    const changed = syncConversionOutcomesWorkflow.runAsStep({
      input: { order_ids: orderIds },
    })
    return new WorkflowResponse(changed)
  }
)
