import { AuthenticatedMedusaRequest, MedusaResponse } from "@medusajs/framework/http"
import { MARKETING_MODULE } from "../../../../../../modules/marketing"
import MarketingModuleService from "../../../../../../modules/marketing/service"
import { flowWithCounts } from "../../helpers"
import { AdminGetFlowRunsParamsType } from "../../validators"

/** The flow's runs, newest first, with where each is and why it ended or failed. */
export const GET = async (req: AuthenticatedMedusaRequest<unknown, AdminGetFlowRunsParamsType>, res: MedusaResponse) => {
  await flowWithCounts(req.scope, req.params.id)
  const marketing: MarketingModuleService = req.scope.resolve(MARKETING_MODULE)
  const { limit, offset, status } = req.validatedQuery
  const [runs, count] = await marketing.listAndCountFlowRuns(
    { flow_id: req.params.id, ...(status ? { status } : {}) },
    {
      select: [
        "id", "contact_id", "entry_key", "status", "holdout", "current_step", "wake_at", "entered_at",
        "finished_at", "exit_reason", "last_error", "failures", "converted_at", "flow_version_id",
      ],
      order: { entered_at: "DESC", id: "DESC" },
      take: limit,
      skip: offset,
    }
  )
  const contacts = new Map(
    (await marketing.listContacts({ id: runs.map((r) => r.contact_id) }, { select: ["id", "email"] })).map((c) => [c.id, c.email])
  )
  res.json({ runs: runs.map((run) => ({ ...run, email: contacts.get(run.contact_id) ?? null })), count, limit, offset })
}
