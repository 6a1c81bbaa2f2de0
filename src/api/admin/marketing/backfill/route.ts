import { AuthenticatedMedusaRequest, MedusaResponse } from "@medusajs/framework/http"
import { MedusaError } from "@medusajs/framework/utils"
import { MARKETING_MODULE } from "../../../../modules/marketing"
import MarketingModuleService from "../../../../modules/marketing/service"
import { BACKFILL_JOB_KEY, requestBackfillWorkflow } from "../../../../workflows/backfill"

// A running import that has not saved progress for this long is taken as
// interrupted (its process died), and may be resumed.
const STALE_AFTER_MS = 5 * 60_000

const present = (state: any) => ({
  status: state?.status ?? "idle",
  progress: state?.progress ?? null,
  started_at: state?.started_at ?? null,
  finished_at: state?.finished_at ?? null,
  error: state?.error ?? null,
})

async function loadState(req: AuthenticatedMedusaRequest) {
  const marketing: MarketingModuleService = req.scope.resolve(MARKETING_MODULE)
  const [state] = await marketing.listJobStates({ key: BACKFILL_JOB_KEY }, { take: 1 })
  return state
}

export const GET = async (req: AuthenticatedMedusaRequest, res: MedusaResponse) => {
  res.json({ backfill: present(await loadState(req)) })
}

export const POST = async (req: AuthenticatedMedusaRequest, res: MedusaResponse) => {
  const current = await loadState(req)
  const alive =
    current?.status === "running" &&
    Date.now() - new Date(current.updated_at).getTime() < STALE_AFTER_MS
  if (alive) {
    throw new MedusaError(
      MedusaError.Types.CONFLICT,
      "An import of existing customers and orders is already running"
    )
  }
  const { result } = await requestBackfillWorkflow(req.scope).run()
  res.status(202).json({ backfill: present(result) })
}
