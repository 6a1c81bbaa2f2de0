import type { SubscriberArgs, SubscriberConfig } from "@medusajs/framework"
import { ContainerRegistrationKeys, PaymentEvents } from "@medusajs/framework/utils"
import { syncRefundedConversionsWorkflow } from "../workflows/attribution"

/** A refund lowers the revenue the refunded order counts for in email results. */
export default async function attributionRefundedHandler({
  event: { data },
  container,
}: SubscriberArgs<{ id: string }>) {
  try {
    await syncRefundedConversionsWorkflow(container).run({ input: { payment_ids: [data.id] } })
  } catch (error) {
    container
      .resolve(ContainerRegistrationKeys.LOGGER)
      .error(`marketing: updating attributed revenue after refunding payment ${data.id} failed: ${(error as Error).message}`)
    throw error
  }
}

export const config: SubscriberConfig = {
  event: PaymentEvents.REFUNDED,
  context: { subscriberId: "marketing-attribution-refunded" },
}
