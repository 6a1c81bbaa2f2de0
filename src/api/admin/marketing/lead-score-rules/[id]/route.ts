import { AuthenticatedMedusaRequest, MedusaResponse } from "@medusajs/framework/http"
import { ContainerRegistrationKeys, MedusaError } from "@medusajs/framework/utils"
import {
  deleteLeadScoreRuleWorkflow,
  UpdateLeadScoreRuleInput,
  updateLeadScoreRuleWorkflow,
} from "../../../../../workflows/lead-score-rules"
import { leadScoreRuleFields } from "../query-config"
import { AdminUpdateLeadScoreRuleType } from "../validators"

async function refetch(req: AuthenticatedMedusaRequest, id: string) {
  const query = req.scope.resolve(ContainerRegistrationKeys.QUERY)
  const {
    data: [rule],
  } = await query.graph({ entity: "lead_score_rule", fields: leadScoreRuleFields, filters: { id } })
  if (!rule) {
    throw new MedusaError(MedusaError.Types.NOT_FOUND, `Lead score rule with id: ${id} was not found`)
  }
  return rule
}

export const GET = async (req: AuthenticatedMedusaRequest, res: MedusaResponse) => {
  res.json({ lead_score_rule: await refetch(req, req.params.id) })
}

/** Changes a rule; contacts whose lead score it moves are rescored in the background. */
export const POST = async (req: AuthenticatedMedusaRequest<AdminUpdateLeadScoreRuleType>, res: MedusaResponse) => {
  await refetch(req, req.params.id)
  await updateLeadScoreRuleWorkflow(req.scope).run({
    input: { ...req.validatedBody, id: req.params.id } as UpdateLeadScoreRuleInput,
  })
  res.json({ lead_score_rule: await refetch(req, req.params.id) })
}

export const DELETE = async (req: AuthenticatedMedusaRequest, res: MedusaResponse) => {
  await refetch(req, req.params.id)
  await deleteLeadScoreRuleWorkflow(req.scope).run({ input: { id: req.params.id } })
  res.json({ id: req.params.id, object: "lead_score_rule", deleted: true })
}
