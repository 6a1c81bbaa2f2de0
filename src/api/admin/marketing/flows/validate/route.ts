import { AuthenticatedMedusaRequest, MedusaResponse } from "@medusajs/framework/http"
import { flowIssues, parseDefinitionOrThrow } from "../../../../../workflows/flows"
import { AdminValidateFlowType } from "../validators"

/** Every problem that would stop activation, for the builder to mark on the canvas. */
export const POST = async (req: AuthenticatedMedusaRequest<AdminValidateFlowType>, res: MedusaResponse) => {
  const definition = await parseDefinitionOrThrow(req.scope, req.validatedBody.definition)
  res.json({ issues: await flowIssues(req.scope, definition) })
}
