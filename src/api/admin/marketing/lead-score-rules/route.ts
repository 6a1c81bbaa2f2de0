import { AuthenticatedMedusaRequest, MedusaResponse } from "@medusajs/framework/http"
import { ContainerRegistrationKeys } from "@medusajs/framework/utils"
import { createLeadScoreRuleWorkflow, CreateLeadScoreRuleInput } from "../../../../workflows/lead-score-rules"
import { leadScoreRuleFields } from "./query-config"
import { AdminCreateLeadScoreRuleType, AdminGetLeadScoreRulesParamsType } from "./validators"

export const GET = async (
  req: AuthenticatedMedusaRequest<unknown, AdminGetLeadScoreRulesParamsType>,
  res: MedusaResponse
) => {
  const query = req.scope.resolve(ContainerRegistrationKeys.QUERY)
  const { data: rules, metadata } = await query.graph({
    entity: "lead_score_rule",
    fields: req.queryConfig.fields,
    pagination: req.queryConfig.pagination,
  })
  res.json({
    lead_score_rules: rules,
    count: metadata?.count ?? rules.length,
    limit: metadata?.take ?? req.queryConfig.pagination.take,
    offset: metadata?.skip ?? req.queryConfig.pagination.skip,
  })
}

/** Creates a rule; contacts with events of its type are rescored in the background. */
export const POST = async (req: AuthenticatedMedusaRequest<AdminCreateLeadScoreRuleType>, res: MedusaResponse) => {
  const { result } = await createLeadScoreRuleWorkflow(req.scope).run({
    input: req.validatedBody as CreateLeadScoreRuleInput,
  })
  const query = req.scope.resolve(ContainerRegistrationKeys.QUERY)
  const {
    data: [rule],
  } = await query.graph({ entity: "lead_score_rule", fields: leadScoreRuleFields, filters: { id: result.id } })
  res.status(201).json({ lead_score_rule: rule })
}
