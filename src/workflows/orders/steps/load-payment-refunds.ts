import { ContainerRegistrationKeys } from "@medusajs/framework/utils"
import { createStep, StepResponse } from "@medusajs/framework/workflows-sdk"
import { toNumber } from "../../../lib/money/to-number"
import { OrderActivity } from "../workflows/record-order-activity"

export const loadPaymentRefundsStepId = "load-payment-refunds"

/**
 * `payment.refunded` names only the payment: every refund on it becomes an
 * activity keyed by the refund's id, so a payment refunded twice counts both
 * refunds and a redelivered event counts neither again.
 */
export const loadPaymentRefundsStep = createStep(
  loadPaymentRefundsStepId,
  async (paymentIds: string[], { container }) => {
    const query = container.resolve(ContainerRegistrationKeys.QUERY)
    const { data } = await query.graph({
      entity: "payment",
      fields: [
        "id",
        "currency_code",
        "refunds.id",
        "refunds.amount",
        "refunds.created_at",
        "payment_collection.order.id",
      ],
      filters: { id: paymentIds },
    })
    const activities: OrderActivity[] = data.flatMap((payment: any) => {
      const orderId = payment.payment_collection?.order?.id
      if (!orderId) {
        return []
      }
      return (payment.refunds ?? []).map((refund: any) => ({
        order_id: orderId,
        type: "refund",
        idempotency_key: `refund:${refund.id}`,
        occurred_at: refund.created_at,
        resource_type: "refund",
        resource_id: refund.id,
        data: {
          order_id: orderId,
          payment_id: payment.id,
          amount: toNumber(refund.amount),
          currency_code: String(payment.currency_code).toLowerCase(),
        },
      }))
    })
    return new StepResponse(activities)
  }
)
