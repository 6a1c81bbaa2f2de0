import { MedusaContainer } from "@medusajs/framework/types"
import { ContainerRegistrationKeys } from "@medusajs/framework/utils"
import { refreshAllSegments } from "../workflows/scores"

/**
 * Every night: every segment rebuilt from its rules. Events, the hourly
 * score refresh and the minute's time-boundary check keep segments current
 * between rebuilds; this catches what reached contacts another way.
 */
export default async function refreshSegmentsJob(container: MedusaContainer) {
  try {
    await refreshAllSegments(container)
  } catch (error) {
    container
      .resolve(ContainerRegistrationKeys.LOGGER)
      .error(`marketing: rebuilding segments failed: ${(error as Error).message}`)
  }
}

export const config = {
  name: "marketing-refresh-segments",
  schedule: "41 3 * * *",
}
