import { MedusaContainer } from "@medusajs/framework/types"
import { ContainerRegistrationKeys } from "@medusajs/framework/utils"
import { recheckSegmentBoundaries } from "../workflows/segments"

/**
 * Every minute: contacts whose segment time boundary passed ("no order for
 * 90 days" turning true today) enter and leave segments, without a rebuild.
 */
export default async function recheckSegmentBoundariesJob(container: MedusaContainer) {
  try {
    await recheckSegmentBoundaries(container)
  } catch (error) {
    container
      .resolve(ContainerRegistrationKeys.LOGGER)
      .error(`marketing: re-checking segment time boundaries failed: ${(error as Error).message}`)
  }
}

export const config = {
  name: "marketing-recheck-segment-boundaries",
  schedule: "* * * * *",
}
