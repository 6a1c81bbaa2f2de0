import type { SubscriberArgs, SubscriberConfig } from "@medusajs/framework"
import { ContainerRegistrationKeys, OrderWorkflowEvents } from "@medusajs/framework/utils"
import { attributeOrdersWorkflow } from "../workflows/attribution"

/**
 * Credits the order to the email that earned it. Apart from the order
 * capture on the same event, so a failure here never stops the contact's
 * facts from updating, and the other way round.
 */
export default async function orderAttributionHandler({
  event: { data },
  container,
}: SubscriberArgs<{ id: string }>) {
  try {
    await attributeOrdersWorkflow(container).run({ input: { order_ids: [data.id] } })
  } catch (error) {
    container
      .resolve(ContainerRegistrationKeys.LOGGER)
      .error(`marketing: attributing order ${data.id} failed: ${(error as Error).message}`)
    throw error
  }
}

export const config: SubscriberConfig = {
  event: OrderWorkflowEvents.PLACED,
  context: { subscriberId: "marketing-order-attribution" },
}
