import { MedusaContainer } from "@medusajs/framework/types"
import { ContainerRegistrationKeys } from "@medusajs/framework/utils"
import { installStarterTemplates } from "../workflows/templates"

/** Shortly after boot, gives a new store the starter templates to edit. */
export default async function installStarterTemplatesJob(container: MedusaContainer) {
  try {
    await installStarterTemplates(container)
  } catch (error) {
    container
      .resolve(ContainerRegistrationKeys.LOGGER)
      .error(`marketing: installing starter templates failed: ${(error as Error).message}`)
  }
}

export const config = {
  name: "marketing-install-starter-templates",
  schedule: { interval: 10_000 },
  numberOfExecutions: 1,
}
