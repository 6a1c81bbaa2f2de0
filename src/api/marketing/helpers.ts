import type { MedusaRequest, MedusaResponse } from "@medusajs/framework/http"
import { MARKETING_MODULE } from "../../modules/marketing"
import type MarketingModuleService from "../../modules/marketing/service"
import { TrackingTokenKind, TrackingTokenOf, verifyToken } from "../../lib/tracking/tokens"
import { EmailContext, resolveEmailContext } from "../../utils/email-context"
import { renderPage } from "./page"

/**
 * These routes are opened from email clients: no session, no publishable
 * key (which is why they live outside /store), and a signed token as the
 * only credential. A token that does not verify gets a 400 page that says
 * nothing about whom it was for.
 */
export async function readToken<K extends TrackingTokenKind>(
  req: MedusaRequest,
  res: MedusaResponse,
  kind: K
): Promise<{ token: TrackingTokenOf<K>; context: EmailContext; marketing: MarketingModuleService } | null> {
  const context = await resolveEmailContext(req.scope)
  const token = verifyToken(req.params.token, context.secret, kind)
  if (!token) {
    sendPage(res, 400, context, "Link not valid", "<p>This link is not valid. It may have been changed or cut short by your email program.</p>")
    return null
  }
  return { token, context, marketing: req.scope.resolve(MARKETING_MODULE) }
}

export function sendPage(res: MedusaResponse, status: number, context: EmailContext, title: string, body: string) {
  res
    .status(status)
    .set({
      "Content-Type": "text/html; charset=utf-8",
      "Cache-Control": "no-store",
      "Referrer-Policy": "no-referrer",
      "X-Robots-Tag": "noindex",
      "Content-Security-Policy": "default-src 'none'; style-src 'unsafe-inline'; img-src https: data:; form-action 'self'",
    })
    .send(renderPage({ title, body, storeName: context.settings.store.name ?? "" }))
}

export function requestEvidence(req: MedusaRequest) {
  return { ip: req.ip ?? null, user_agent: req.get("user-agent") ?? null }
}
