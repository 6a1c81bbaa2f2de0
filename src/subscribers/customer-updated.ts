import type { SubscriberArgs, SubscriberConfig } from "@medusajs/framework"
import { CustomerWorkflowEvents } from "@medusajs/framework/utils"
import { syncCustomerContactsWorkflow } from "../workflows/contacts"

export default async function customerUpdatedHandler({
  event: { data },
  container,
}: SubscriberArgs<{ id: string }>) {
  await syncCustomerContactsWorkflow(container).run({
    input: { customer_ids: [data.id] },
  })
}

export const config: SubscriberConfig = {
  event: CustomerWorkflowEvents.UPDATED,
  context: { subscriberId: "marketing-customer-updated" },
}
