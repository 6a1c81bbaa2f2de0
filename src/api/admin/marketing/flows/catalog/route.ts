import { AuthenticatedMedusaRequest, MedusaResponse } from "@medusajs/framework/http"
import { flowExtensions } from "../../../../../workflows/flows"

/** The step types and triggers the builder offers: built-in ones and those the store registered. */
export const GET = async (req: AuthenticatedMedusaRequest, res: MedusaResponse) => {
  const { registry } = await flowExtensions(req.scope)
  res.json({ step_types: registry.stepTypes(), triggers: registry.triggers() })
}
