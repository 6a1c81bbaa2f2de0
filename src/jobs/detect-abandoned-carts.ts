import { MedusaContainer } from "@medusajs/framework/types"
import { ContainerRegistrationKeys } from "@medusajs/framework/utils"
import { sweepAbandonedCarts } from "../workflows/carts/sweep-abandoned-carts"

export default async function detectAbandonedCartsJob(container: MedusaContainer) {
  const logger = container.resolve(ContainerRegistrationKeys.LOGGER)
  try {
    const result = await sweepAbandonedCarts(container)
    if (result.abandoned.length) {
      logger.info(
        `marketing: ${result.abandoned.length} cart(s) abandoned (${result.examined} examined, ${result.discovered} discovered)`
      )
    }
  } catch (error) {
    logger.error(`marketing: abandoned-cart sweep failed: ${(error as Error).message}`)
  }
}

export const config = {
  name: "marketing-detect-abandoned-carts",
  schedule: "* * * * *",
}
