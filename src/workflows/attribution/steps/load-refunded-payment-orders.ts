import { ContainerRegistrationKeys } from "@medusajs/framework/utils"
import { createStep, StepResponse } from "@medusajs/framework/workflows-sdk"

export const loadRefundedPaymentOrdersStepId = "load-refunded-payment-orders"

/** `payment.refunded` names the payment: finds the orders the payments belong to. */
export const loadRefundedPaymentOrdersStep = createStep(
  loadRefundedPaymentOrdersStepId,
  async (paymentIds: string[], { container }) => {
    if (!paymentIds.length) {
      return new StepResponse([] as string[])
    }
    const query = container.resolve(ContainerRegistrationKeys.QUERY)
    const { data } = await query.graph({
      entity: "payment",
      fields: ["id", "payment_collection.order.id"],
      filters: { id: paymentIds },
    })
    const orderIds = data
      .map((payment: any) => payment.payment_collection?.order?.id as string | undefined)
      .filter((id): id is string => !!id)
    return new StepResponse([...new Set(orderIds)])
  }
)
