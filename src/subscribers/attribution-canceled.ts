import type { SubscriberArgs, SubscriberConfig } from "@medusajs/framework"
import { ContainerRegistrationKeys, OrderWorkflowEvents } from "@medusajs/framework/utils"
import { syncConversionOutcomesWorkflow } from "../workflows/attribution"

/** A canceled order stops counting toward the email that earned it. */
export default async function attributionCanceledHandler({
  event: { data },
  container,
}: SubscriberArgs<{ id: string }>) {
  try {
    await syncConversionOutcomesWorkflow(container).run({ input: { order_ids: [data.id] } })
  } catch (error) {
    container
      .resolve(ContainerRegistrationKeys.LOGGER)
      .error(`marketing: updating attributed revenue after canceling order ${data.id} failed: ${(error as Error).message}`)
    throw error
  }
}

export const config: SubscriberConfig = {
  event: OrderWorkflowEvents.CANCELED,
  context: { subscriberId: "marketing-attribution-canceled" },
}
