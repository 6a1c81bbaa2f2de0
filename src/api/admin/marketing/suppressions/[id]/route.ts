import { AuthenticatedMedusaRequest, MedusaResponse } from "@medusajs/framework/http"
import { MedusaError } from "@medusajs/framework/utils"
import { unsuppressContactsWorkflow } from "../../../../../workflows/settings"

/** Takes a contact off the suppression list; marketing still needs their consent. */
export const DELETE = async (req: AuthenticatedMedusaRequest, res: MedusaResponse) => {
  const { result } = await unsuppressContactsWorkflow(req.scope).run({ input: { contact_ids: [req.params.id] } })
  if (!result.length) {
    throw new MedusaError(MedusaError.Types.NOT_FOUND, `No suppressed contact with id: ${req.params.id}`)
  }
  res.json({ id: req.params.id, object: "suppression", deleted: true })
}
