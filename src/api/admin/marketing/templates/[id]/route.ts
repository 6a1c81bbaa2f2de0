import { AuthenticatedMedusaRequest, MedusaResponse } from "@medusajs/framework/http"
import { updateTemplateWorkflow } from "../../../../../workflows/templates"
import { refetchTemplate } from "../helpers"
import { AdminUpdateTemplateType } from "../validators"

export const GET = async (req: AuthenticatedMedusaRequest, res: MedusaResponse) => {
  res.json({ template: await refetchTemplate(req.scope, req.params.id) })
}

/** Edits a template; new content publishes a new version. */
export const POST = async (
  req: AuthenticatedMedusaRequest<AdminUpdateTemplateType>,
  res: MedusaResponse
) => {
  await updateTemplateWorkflow(req.scope).run({
    input: { id: req.params.id, ...req.validatedBody },
  })
  res.json({ template: await refetchTemplate(req.scope, req.params.id) })
}
