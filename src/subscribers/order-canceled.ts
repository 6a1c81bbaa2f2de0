import type { SubscriberArgs, SubscriberConfig } from "@medusajs/framework"
import { OrderWorkflowEvents } from "@medusajs/framework/utils"
import { recordOrderActivityWorkflow } from "../workflows/orders"

export default async function orderCanceledHandler({
  event: { data },
  container,
}: SubscriberArgs<{ id: string }>) {
  await recordOrderActivityWorkflow(container).run({
    input: { activities: [{ order_id: data.id, type: "order_canceled" }] },
  })
}

export const config: SubscriberConfig = {
  event: OrderWorkflowEvents.CANCELED,
  context: { subscriberId: "marketing-order-canceled" },
}
