import type { SubscriberArgs, SubscriberConfig } from "@medusajs/framework"
import { createGate } from "../lib/tasks/gate"
import { dispatchFlowEvent, isFlowEvent } from "../workflows/flows"

/**
 * Events one process hands to flows at once. Medusa's local event bus calls
 * every subscriber of a burst at the same moment (a segment refresh that
 * enters 300,000 contacts emits 300,000 `marketing.segment_entered`): past
 * this many, events wait here instead of in the connection pool's queue,
 * whose acquire timeout would fail them. Eight keep both cores busy.
 */
const EVENTS_IN_FLIGHT = 8
const gate = createGate(EVENTS_IN_FLIGHT)

/**
 * Any event on Medusa's bus can start a flow or reach a running one; events
 * no flow uses stop at a cached check.
 */
export default async function flowEventsHandler({ event, container }: SubscriberArgs<unknown>) {
  if (!(await isFlowEvent(container, event.name))) {
    return
  }
  await gate(() => dispatchFlowEvent(container, { name: event.name, data: event.data }))
}

export const config: SubscriberConfig = {
  event: "*",
  context: { subscriberId: "marketing-flow-events" },
}
