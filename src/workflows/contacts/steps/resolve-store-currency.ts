import { ContainerRegistrationKeys } from "@medusajs/framework/utils"
import { createStep, StepResponse } from "@medusajs/framework/workflows-sdk"

export const resolveStoreCurrencyStepId = "resolve-store-currency"

/** The store's default currency: the one profile totals are kept in. */
export const resolveStoreCurrencyStep = createStep(
  resolveStoreCurrencyStepId,
  async (_: void, { container }) => {
    const query = container.resolve(ContainerRegistrationKeys.QUERY)
    const { data: stores } = await query.graph({
      entity: "store",
      fields: ["id", "supported_currencies.currency_code", "supported_currencies.is_default"],
    })
    const currencies = stores[0]?.supported_currencies ?? []
    const preferred =
      currencies.find((currency) => currency?.is_default) ?? currencies[0]
    return new StepResponse((preferred?.currency_code ?? "usd").toLowerCase())
  }
)
