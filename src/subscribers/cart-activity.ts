import type { SubscriberArgs, SubscriberConfig } from "@medusajs/framework"
import { CartWorkflowEvents } from "@medusajs/framework/utils"
import { trackCartActivityWorkflow } from "../workflows/carts"

/**
 * The fast path for cart activity. The abandoned-cart sweep re-reads every
 * cart before acting and discovers carts whose events never arrived.
 */
export default async function cartActivityHandler({
  event: { data },
  container,
}: SubscriberArgs<{ id: string }>) {
  await trackCartActivityWorkflow(container).run({
    input: { cart_ids: [data.id] },
  })
}

export const config: SubscriberConfig = {
  event: [
    CartWorkflowEvents.CREATED,
    CartWorkflowEvents.UPDATED,
    CartWorkflowEvents.CUSTOMER_TRANSFERRED,
  ],
  context: { subscriberId: "marketing-cart-activity" },
}
