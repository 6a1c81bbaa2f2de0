import { MedusaRequest, MedusaResponse } from "@medusajs/framework/http"
import { subscribeContactWorkflow } from "../../../../workflows/contacts"
import { StoreSubscribeType } from "./validators"

/**
 * Always answers the same way, whether the address was known, subscribed
 * already, or suppressed: the response must not reveal who is a contact.
 */
export const POST = async (
  req: MedusaRequest<StoreSubscribeType>,
  res: MedusaResponse
) => {
  const { email, first_name, source, consent_text } = req.validatedBody
  await subscribeContactWorkflow(req.scope).run({
    input: { email, first_name, source, consent_text, ip: req.ip ?? null },
  })
  res.status(202).json({ success: true })
}
