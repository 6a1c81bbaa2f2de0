import { MedusaContainer } from "@medusajs/framework/types"
import { ContainerRegistrationKeys } from "@medusajs/framework/utils"
import { enterScheduledFlows } from "../workflows/flows"

/** Every 15 minutes: birthdays, anniversaries and win-backs that came due start their flows. */
export default async function enterScheduledFlowsJob(container: MedusaContainer) {
  try {
    await enterScheduledFlows(container)
  } catch (error) {
    container
      .resolve(ContainerRegistrationKeys.LOGGER)
      .error(`marketing: starting date and inactivity flows failed: ${(error as Error).message}`)
  }
}

export const config = {
  name: "marketing-enter-scheduled-flows",
  schedule: "*/15 * * * *",
}
