import {
  createWorkflow,
  WorkflowResponse,
} from "@medusajs/framework/workflows-sdk"
import { loadPaymentRefundsStep } from "../steps/load-payment-refunds"
import { recordOrderActivityWorkflow } from "./record-order-activity"

export type RecordPaymentRefundsInput = { payment_ids: string[] }

export const recordPaymentRefundsWorkflowId = "record-payment-refunds"

/** Turns a payment's refunds into refund activity on the order's contact. */
export const recordPaymentRefundsWorkflow = createWorkflow(
  recordPaymentRefundsWorkflowId,
  (input: RecordPaymentRefundsInput) => {
    const activities = loadPaymentRefundsStep(input.payment_ids)
    const recorded = recordOrderActivityWorkflow.runAsStep({
      input: { activities },
    })
    return new WorkflowResponse(recorded)
  }
)
