import type { MedusaRequest, MedusaResponse } from "@medusajs/framework/http"
import { classifyOpen } from "../../../../lib/tracking/machine-open"
import { recordMessageEventsWorkflow } from "../../../../workflows/messages"
import { readToken } from "../../helpers"

// The smallest transparent GIF.
const PIXEL = Buffer.from("R0lGODlhAQABAIAAAAAAAP///yH5BAEAAAAALAAAAAABAAEAAAIBRAA7", "base64")

/**
 * The open pixel. Opens by privacy proxies and scanners are stored flagged
 * as machine opens, so they never count as a person reading.
 */
export const GET = async (req: MedusaRequest, res: MedusaResponse) => {
  const found = await readToken(req, res, "open")
  if (!found) {
    return
  }
  const [message] = await found.marketing.listMessages({ id: found.token.m }, { select: ["id", "contact_id", "sent_at"] })
  if (message) {
    const at = new Date()
    const userAgent = req.get("user-agent") ?? null
    const verdict = classifyOpen({ userAgent, ip: req.ip, sentAt: message.sent_at, at })
    await recordMessageEventsWorkflow(req.scope).run({
      input: {
        events: [
          {
            message_id: message.id,
            contact_id: message.contact_id,
            type: "opened",
            occurred_at: at,
            machine: verdict.machine,
            source: "tracking",
            data: { machine_reason: verdict.reason, user_agent: userAgent },
          },
        ],
      },
    })
  }
  res
    .status(200)
    .set({ "Content-Type": "image/gif", "Cache-Control": "no-store, max-age=0", "Content-Length": String(PIXEL.length) })
    .end(PIXEL)
}
