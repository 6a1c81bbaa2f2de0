import { AuthenticatedMedusaRequest, MedusaResponse } from "@medusajs/framework/http"
import { ContainerRegistrationKeys } from "@medusajs/framework/utils"
import { MARKETING_MODULE } from "../../../../../modules/marketing"
import MarketingModuleService from "../../../../../modules/marketing/service"
import { SCORES_JOB_KEY } from "../../../../../workflows/scores/score-contacts"

/** Contacts' totals are kept in the store's default currency. */
async function storeCurrency(req: AuthenticatedMedusaRequest): Promise<string | null> {
  const query = req.scope.resolve(ContainerRegistrationKeys.QUERY)
  const { data: stores } = await query.graph({
    entity: "store",
    fields: ["supported_currencies.currency_code", "supported_currencies.is_default"],
  })
  const currencies = stores[0]?.supported_currencies ?? []
  const preferred = currencies.find((currency) => currency?.is_default) ?? currencies[0]
  return preferred?.currency_code?.toLowerCase() ?? null
}

/**
 * The Scores page: RFM groups, the recency × frequency grid, churn risk
 * over buyers, predicted value, and how the last refresh went.
 */
export const GET = async (req: AuthenticatedMedusaRequest, res: MedusaResponse) => {
  const marketing: MarketingModuleService = req.scope.resolve(MARKETING_MODULE)
  const [summary, [state], currencyCode] = await Promise.all([
    marketing.scoreSummary(),
    // Not the cursor: it holds the whole fitted model.
    marketing.listJobStates(
      { key: SCORES_JOB_KEY },
      { select: ["status", "error", "started_at", "finished_at"], take: 1 }
    ),
    storeCurrency(req),
  ])
  res.json({
    summary: {
      ...summary,
      currency_code: currencyCode,
      refresh: {
        status: state?.status ?? "idle",
        started_at: state?.started_at ?? null,
        // A failed or running refresh leaves the last completed one's time here.
        finished_at: state?.finished_at ?? null,
        error: state?.status === "failed" ? (state.error ?? null) : null,
      },
    },
  })
}
