import { MedusaContainer } from "@medusajs/framework/types"
import { ContainerRegistrationKeys } from "@medusajs/framework/utils"
import { advanceFlowRuns } from "../workflows/flows"

/** Every minute: runs whose wait is over take their next steps. */
export default async function advanceFlowRunsJob(container: MedusaContainer) {
  try {
    await advanceFlowRuns(container)
  } catch (error) {
    container
      .resolve(ContainerRegistrationKeys.LOGGER)
      .error(`marketing: advancing flow runs failed: ${(error as Error).message}`)
  }
}

export const config = {
  name: "marketing-advance-flow-runs",
  schedule: "* * * * *",
}
