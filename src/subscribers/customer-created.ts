import type { SubscriberArgs, SubscriberConfig } from "@medusajs/framework"
import { CustomerWorkflowEvents } from "@medusajs/framework/utils"
import { syncCustomerContactsWorkflow } from "../workflows/contacts"

export default async function customerCreatedHandler({
  event: { data },
  container,
}: SubscriberArgs<{ id: string }>) {
  await syncCustomerContactsWorkflow(container).run({
    input: { customer_ids: [data.id], record_sign_up: true },
  })
}

export const config: SubscriberConfig = {
  event: CustomerWorkflowEvents.CREATED,
  context: { subscriberId: "marketing-customer-created" },
}
