import {
  createWorkflow,
  transform,
  when,
  WorkflowResponse,
} from "@medusajs/framework/workflows-sdk"
import { loadJobStateStep, saveJobStateStep } from "../../jobs/steps"
import { readNewCartsStep } from "../steps"
import { trackCartActivityWorkflow } from "./track-cart-activity"
import { ulidFloor } from "../../../lib/ids/ulid-floor"

export const CART_DISCOVERY_JOB_KEY = "cart-discovery"

export type DiscoverCartsInput = {
  /** Where discovery starts the first time it runs. */
  since: Date | string
  limit: number
}

export const discoverCartsWorkflowId = "discover-carts"

/**
 * Tracks carts created since the last run, whether or not their events
 * arrived: cart events have had gaps, so they are a fast path, not the
 * source of truth. Returns how many carts it found.
 */
export const discoverCartsWorkflow = createWorkflow(
  discoverCartsWorkflowId,
  (input: DiscoverCartsInput) => {
    const state = loadJobStateStep(CART_DISCOVERY_JOB_KEY)
    const afterId = transform({ state, input }, ({ state, input }) =>
      (state?.cursor?.after_id as string | undefined) ??
      `cart_${ulidFloor(new Date(input.since))}`
    )
    const carts = readNewCartsStep(
      transform({ afterId, input }, ({ afterId, input }) => ({
        after_id: afterId,
        limit: input.limit,
      }))
    )
    const found = transform({ carts }, ({ carts }) => ({
      cart_ids: carts.map((cart) => cart.id),
      last_id: carts.at(-1)?.id,
    }))

    when({ found }, ({ found }) => !!found.last_id).then(() => {
      trackCartActivityWorkflow.runAsStep({ input: { cart_ids: found.cart_ids } })
      saveJobStateStep(
        transform({ found }, ({ found }) => ({
          key: CART_DISCOVERY_JOB_KEY,
          status: "idle" as const,
          cursor: { after_id: found.last_id },
        }))
      )
    })

    return new WorkflowResponse(
      transform({ found }, ({ found }) => found.cart_ids.length)
    )
  }
)
