import type { SubscriberArgs, SubscriberConfig } from "@medusajs/framework"
import { dispatchFlowEvent, isFlowEvent } from "../workflows/flows"

/**
 * Any event on Medusa's bus can start a flow or reach a running one; events
 * no flow uses stop at a cached check.
 */
export default async function flowEventsHandler({ event, container }: SubscriberArgs<unknown>) {
  if (!(await isFlowEvent(container, event.name))) {
    return
  }
  await dispatchFlowEvent(container, { name: event.name, data: event.data })
}

export const config: SubscriberConfig = {
  event: "*",
  context: { subscriberId: "marketing-flow-events" },
}
