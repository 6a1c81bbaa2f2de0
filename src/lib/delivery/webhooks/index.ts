import * as generic from "./generic"
import * as postmark from "./postmark"
import * as resend from "./resend"
import { createSesAdapter, SesAdapterOptions } from "./ses"
import * as sendgrid from "./sendgrid"
import { WebhookAdapter } from "./types"

export * from "./types"
export { GENERIC_SIGNATURE_HEADER, signGenericBody } from "./generic"
export { SENDGRID_SIGNATURE_HEADER, SENDGRID_TIMESTAMP_HEADER } from "./sendgrid"
export { SVIX_TOLERANCE_MS } from "./resend"
export { createSesAdapter } from "./ses"
export type { SesAdapter, SesAdapterOptions } from "./ses"
export { CertificateUnavailableError, isSnsUrl } from "./sns"
export type { CertificateFetcher } from "./sns"

/** The `:provider` values of `POST /hooks/marketing/email-events/:provider`. */
export const WEBHOOK_PROVIDERS = ["generic", "sendgrid", "ses", "postmark", "resend"] as const
export type WebhookProvider = (typeof WEBHOOK_PROVIDERS)[number]

export interface WebhookAdapterOptions {
  ses?: SesAdapterOptions
}

/**
 * The adapter for a provider name, or null when the plugin has none.
 *
 * @example
 * const adapter = getWebhookAdapter(req.params.provider, { ses: { allowedTopicArns } })
 * if (!adapter) return res.sendStatus(404)
 * const result = await adapter.parse({ rawBody, headers, secret })
 */
export function getWebhookAdapter(
  provider: string,
  options: WebhookAdapterOptions = {}
): WebhookAdapter | null {
  switch (provider) {
    case "generic":
      return { parse: (request) => generic.parse(request) }
    case "sendgrid":
      return { parse: (request) => sendgrid.parse(request) }
    case "ses":
      return createSesAdapter(options.ses ?? { allowedTopicArns: [] })
    case "postmark":
      return { parse: (request) => postmark.parse(request) }
    case "resend":
      return { parse: (request) => resend.parse(request) }
    default:
      return null
  }
}
