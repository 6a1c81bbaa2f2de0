import { MedusaContainer } from "@medusajs/framework/types"
import { MARKETING_MODULE } from "../../modules/marketing"
import MarketingModuleService from "../../modules/marketing/service"
import { abandonmentWindow } from "../../lib/carts/abandonment"
import { CartAbandonedEventData } from "../../types"
import { discoverCartsWorkflow } from "./workflows/discover-carts"
import { detectAbandonedCartsWorkflow } from "./workflows/detect-abandoned-carts"

const DISCOVERY_PAGE = 500
const DETECTION_BATCH = 200
// Bounds one run's work; the next tick continues where this one stopped.
const MAX_BATCHES = 200

export type SweepResult = {
  discovered: number
  examined: number
  abandoned: CartAbandonedEventData[]
}

/**
 * One pass of the abandoned-cart sweep: track carts created since the last
 * pass, then settle every tracked cart idle for longer than
 * `abandonedCartAfterMinutes`. Safe to run concurrently and after downtime:
 * it resumes from durable state and catches up in bounded batches.
 */
export async function sweepAbandonedCarts(
  container: MedusaContainer,
  { now = new Date() }: { now?: Date } = {}
): Promise<SweepResult> {
  const marketing: MarketingModuleService = container.resolve(MARKETING_MODULE)
  const options = await marketing.getOptions()
  const { cutoff, floor } = abandonmentWindow(
    now,
    options.abandonedCartAfterMinutes,
    options.abandonedCartMaxAgeHours
  )

  let discovered = 0
  for (let batch = 0; batch < MAX_BATCHES; batch++) {
    const { result } = await discoverCartsWorkflow(container).run({
      input: { since: floor, limit: DISCOVERY_PAGE },
    })
    discovered += result
    if (result < DISCOVERY_PAGE) {
      break
    }
  }

  let examined = 0
  const abandoned: CartAbandonedEventData[] = []
  for (let batch = 0; batch < MAX_BATCHES; batch++) {
    const { result } = await detectAbandonedCartsWorkflow(container).run({
      input: { cutoff, floor, limit: DETECTION_BATCH },
    })
    examined += result.examined
    abandoned.push(...result.abandoned)
    if (result.examined < DETECTION_BATCH) {
      break
    }
  }

  return { discovered, examined, abandoned }
}
