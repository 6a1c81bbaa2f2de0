import type { MedusaRequest, MedusaResponse } from "@medusajs/framework/http"
import { classifyClick } from "../../../../lib/tracking/machine-open"
import { recordMessageEventsWorkflow } from "../../../../workflows/messages"
import { readToken, sendPage } from "../../helpers"

/**
 * The click redirect. It goes only to a link that was in the message: the
 * token names an index into the message's stored links, never a URL, so no
 * token can send anyone elsewhere.
 */
export const GET = async (req: MedusaRequest, res: MedusaResponse) => {
  const found = await readToken(req, res, "click")
  if (!found) {
    return
  }
  const [message] = await found.marketing.listMessages(
    { id: found.token.m },
    { select: ["id", "contact_id", "sent_at", "links"] }
  )
  const links = (message?.links ?? []) as string[]
  const destination = links[found.token.i]
  if (!message || typeof destination !== "string") {
    return sendPage(res, 404, found.context, "Link not found", "<p>This link is no longer available.</p>")
  }
  const at = new Date()
  const userAgent = req.get("user-agent") ?? null
  const verdict = classifyClick({ userAgent, ip: req.ip, sentAt: message.sent_at, at })
  await recordMessageEventsWorkflow(req.scope).run({
    input: {
      events: [
        {
          message_id: message.id,
          contact_id: message.contact_id,
          type: "clicked",
          occurred_at: at,
          machine: verdict.machine,
          url: destination,
          source: "tracking",
          data: { link_index: found.token.i, machine_reason: verdict.reason, user_agent: userAgent },
        },
      ],
    },
  })
  res.set("Cache-Control", "no-store").redirect(302, destination)
}
