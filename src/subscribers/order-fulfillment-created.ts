import type { SubscriberArgs, SubscriberConfig } from "@medusajs/framework"
import { OrderWorkflowEvents } from "@medusajs/framework/utils"
import { recordOrderActivityWorkflow } from "../workflows/orders"

export default async function orderFulfillmentCreatedHandler({
  event: { data },
  container,
}: SubscriberArgs<{ order_id: string; fulfillment_id: string }>) {
  await recordOrderActivityWorkflow(container).run({
    input: {
      activities: [
        {
          order_id: data.order_id,
          type: "order_fulfilled",
          idempotency_key: `order_fulfilled:${data.fulfillment_id}`,
          resource_type: "fulfillment",
          resource_id: data.fulfillment_id,
          data: { fulfillment_id: data.fulfillment_id },
        },
      ],
    },
  })
}

export const config: SubscriberConfig = {
  event: OrderWorkflowEvents.FULFILLMENT_CREATED,
  context: { subscriberId: "marketing-order-fulfillment-created" },
}
