import { MedusaContainer } from "@medusajs/framework/types"
import { ContainerRegistrationKeys } from "@medusajs/framework/utils"
import { installPlaybooks } from "../workflows/flows"
import { installStarterTemplates } from "../workflows/templates"

/**
 * Shortly after boot, gives a new store the starter templates to edit and
 * the playbooks as draft flows that send them.
 */
export default async function installStarterTemplatesJob(container: MedusaContainer) {
  const logger = container.resolve(ContainerRegistrationKeys.LOGGER)
  try {
    await installStarterTemplates(container)
  } catch (error) {
    logger.error(`marketing: installing starter templates failed: ${(error as Error).message}`)
  }
  try {
    await installPlaybooks(container)
  } catch (error) {
    logger.error(`marketing: installing playbooks failed: ${(error as Error).message}`)
  }
}

export const config = {
  name: "marketing-install-starter-templates",
  schedule: { interval: 10_000 },
  numberOfExecutions: 1,
}
