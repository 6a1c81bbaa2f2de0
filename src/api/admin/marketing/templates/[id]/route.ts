import { AuthenticatedMedusaRequest, MedusaResponse } from "@medusajs/framework/http"
import { deleteTemplateWorkflow, updateTemplateWorkflow } from "../../../../../workflows/templates"
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

/**
 * Deletes a template nothing needs any more (400 naming the flows and
 * campaigns that still send it); the messages sent from it keep their history.
 * An unknown id is the step's 404.
 */
export const DELETE = async (req: AuthenticatedMedusaRequest, res: MedusaResponse) => {
  await deleteTemplateWorkflow(req.scope).run({ input: { id: req.params.id } })
  res.json({ id: req.params.id, object: "template", deleted: true })
}
