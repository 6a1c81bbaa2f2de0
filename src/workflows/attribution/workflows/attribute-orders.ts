import { createWorkflow, WorkflowResponse } from "@medusajs/framework/workflows-sdk"
import { attributeOrdersStep } from "../steps/attribute-orders"
import { loadAttributionOrdersStep } from "../steps/load-attribution-orders"

export type AttributeOrdersInput = { order_ids: string[] }

export const attributeOrdersWorkflowId = "attribute-orders"

/**
 * Credits placed orders to the marketing email that earned them, last
 * touch. Running it again for an order (a redelivered `order.placed`)
 * creates nothing: there is one conversion per order.
 */
export const attributeOrdersWorkflow = createWorkflow(
  attributeOrdersWorkflowId,
  (input: AttributeOrdersInput) => {
    const orders = loadAttributionOrdersStep(input.order_ids)
    const conversions = attributeOrdersStep(orders)
    return new WorkflowResponse(conversions)
  }
)
