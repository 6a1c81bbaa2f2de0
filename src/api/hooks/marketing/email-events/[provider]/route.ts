import type { MedusaRequest, MedusaResponse } from "@medusajs/framework/http"
import { MedusaError } from "@medusajs/framework/utils"
import { MARKETING_MODULE } from "../../../../../modules/marketing"
import type MarketingModuleService from "../../../../../modules/marketing/service"
import {
  getWebhookAdapter,
  isSnsUrl,
  WebhookAdapter,
  WebhookPayloadError,
  WebhookSignatureError,
  WEBHOOK_PROVIDERS,
} from "../../../../../lib/delivery/webhooks"
import { ingestEmailEvents } from "../../../../../workflows/messages/ingest-email-events"

// One adapter per provider for the process, so SES keeps its certificate cache.
const adapters = new Map<string, WebhookAdapter>()

/**
 * Delivery, bounce and complaint events from the store's email provider.
 * Every provider must be configured in the plugin's `webhooks` option: a
 * credential, or for SES the store's SNS topics (its messages are proven by
 * their SNS signature and topic). An open endpoint would let anyone suppress
 * the store's customers.
 */
export const POST = async (req: MedusaRequest, res: MedusaResponse) => {
  const provider = req.params.provider
  if (!(WEBHOOK_PROVIDERS as readonly string[]).includes(provider)) {
    throw new MedusaError(MedusaError.Types.NOT_FOUND, `Unknown email event provider: ${provider}`)
  }
  const marketing: MarketingModuleService = req.scope.resolve(MARKETING_MODULE)
  const { webhooks } = await marketing.getOptions()
  const secret = provider === "ses" ? null : (webhooks as Record<string, unknown>)[provider]
  const configured = provider === "ses" ? !!webhooks.ses_topic_arns?.length : typeof secret === "string"
  if (!configured) {
    const option = provider === "ses" ? "webhooks.ses_topic_arns" : `webhooks.${provider}`
    throw new MedusaError(
      MedusaError.Types.UNAUTHORIZED,
      `Email events from ${provider} are not accepted: set ${option} in the plugin options`
    )
  }

  let adapter = adapters.get(provider)
  if (!adapter) {
    adapter = getWebhookAdapter(provider, { ses: { allowedTopicArns: webhooks.ses_topic_arns ?? [] } })!
    adapters.set(provider, adapter)
  }
  const rawBody = (req as MedusaRequest & { rawBody?: Buffer }).rawBody?.toString("utf8") ??
    (typeof req.body === "string" ? req.body : JSON.stringify(req.body ?? {}))
  const headers = Object.fromEntries(
    Object.entries(req.headers).map(([name, value]) => [name.toLowerCase(), Array.isArray(value) ? value.join(",") : value])
  )

  let result
  try {
    result = await adapter.parse({ rawBody, headers, secret: secret as string | null })
  } catch (error) {
    if (error instanceof WebhookSignatureError) {
      throw new MedusaError(MedusaError.Types.UNAUTHORIZED, error.message)
    }
    if (error instanceof WebhookPayloadError) {
      throw new MedusaError(MedusaError.Types.INVALID_DATA, error.message)
    }
    throw error
  }

  if (result.kind === "subscription_confirmation") {
    if (!isSnsUrl(result.subscribeUrl)) {
      throw new MedusaError(MedusaError.Types.INVALID_DATA, "SubscribeURL is not an Amazon SNS address")
    }
    const confirmed = await fetch(result.subscribeUrl)
    return res.status(confirmed.ok ? 200 : 502).json({ subscribed: confirmed.ok })
  }
  const outcome = await ingestEmailEvents(req.scope, provider, result.events)
  res.status(200).json({ received: result.events.length, ...outcome })
}
