import type { SubscriberArgs, SubscriberConfig } from "@medusajs/framework"
import { runBackfill } from "../workflows/backfill"
import { MarketingEvents } from "../types"

export default async function backfillRequestedHandler({
  container,
}: SubscriberArgs<Record<string, never>>) {
  await runBackfill(container)
}

export const config: SubscriberConfig = {
  event: MarketingEvents.BACKFILL_REQUESTED,
  context: { subscriberId: "marketing-backfill-requested" },
}
