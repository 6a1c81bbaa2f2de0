import { AuthenticatedMedusaRequest, MedusaResponse } from "@medusajs/framework/http"
import { requestScoresRefreshWorkflow } from "../../../../../workflows/scores/request-scores-refresh"

/**
 * Starts a refresh of every contact's scores in the background (the one the
 * hourly job runs); 409 while one is running. Poll the summary's `refresh`.
 */
export const POST = async (req: AuthenticatedMedusaRequest, res: MedusaResponse) => {
  const { result } = await requestScoresRefreshWorkflow(req.scope).run()
  res.status(202).json({ refresh: { status: result.status, started_at: result.started_at } })
}
