import { MedusaContainer } from "@medusajs/framework/types"
import { ContainerRegistrationKeys, MedusaError } from "@medusajs/framework/utils"
import { MARKETING_MODULE } from "../modules/marketing"
import type MarketingModuleService from "../modules/marketing/service"
import type { MarketingOptions } from "../modules/marketing/options"
import type { MarketingSettings } from "../modules/marketing/settings"
import { deriveSecret, signToken } from "../lib/tracking/tokens"
import type { TemplateLinks } from "../types/template-data"

/** What building and checking an email's links needs. */
export type EmailContext = {
  /** Public URL of this server, without a trailing slash. */
  baseUrl: string
  secret: string
  options: MarketingOptions
  settings: MarketingSettings
  /** The store's name as Medusa knows it, for emails when the settings name none. */
  storeName: string | null
}

/** The plugin's public email routes, under the server's public URL. */
export const EMAIL_ROUTES = {
  open: "/marketing/open",
  click: "/marketing/click",
  unsubscribe: "/marketing/unsubscribe",
  preferences: "/marketing/preferences",
  view: "/marketing/view",
  confirm: "/marketing/confirm",
} as const

/** `readSettings`: the settings the caller has just read, so they are not read twice. */
export async function resolveEmailContext(
  container: MedusaContainer,
  readSettings?: MarketingSettings
): Promise<EmailContext> {
  const marketing: MarketingModuleService = container.resolve(MARKETING_MODULE)
  const options = await marketing.getOptions()
  const settings = readSettings ?? (await marketing.getSettings())
  const query = container.resolve(ContainerRegistrationKeys.QUERY)
  const { data: stores } = await query.graph({ entity: "store", fields: ["name"], pagination: { take: 1 } })
  return {
    baseUrl: (options.publicUrl ?? process.env.MEDUSA_BACKEND_URL ?? "http://localhost:9000").replace(/\/+$/, ""),
    secret: resolveSecret(container, options),
    options,
    settings,
    storeName: stores[0]?.name ?? null,
  }
}

function resolveSecret(container: MedusaContainer, options: MarketingOptions): string {
  if (options.secret) {
    return options.secret
  }
  const config = container.resolve(ContainerRegistrationKeys.CONFIG_MODULE)
  const configured = config.projectConfig?.http?.jwtSecret
  const jwtSecret =
    typeof configured === "string"
      ? configured
      : configured && "type" in configured && configured.type === "secret"
        ? configured.export().toString("base64")
        : null
  if (!jwtSecret) {
    throw new MedusaError(
      MedusaError.Types.INVALID_DATA,
      "medusa-marketing-automation needs a `secret` option or Medusa's http.jwtSecret to sign email links"
    )
  }
  // A key of its own, so a leaked link signature says nothing about the JWT secret.
  return deriveSecret(jwtSecret, "medusa-marketing-automation:links")
}

/** Every link one message carries, signed for that message and contact. */
export type MessageLinks = {
  links: TemplateLinks
  /** The URL a mail client POSTs to for a one-click unsubscribe (RFC 8058). */
  oneClickUnsubscribe: string
  openPixel: string
  click: (index: number) => string
  /** True for the plugin's own links, which are never rewritten for tracking. */
  isOwn: (url: string) => boolean
}

export function buildMessageLinks(
  context: Pick<EmailContext, "baseUrl" | "secret">,
  message: { id: string; contact_id: string }
): MessageLinks {
  const url = (route: string, token: string) => `${context.baseUrl}${route}/${token}`
  const unsubscribeToken = signToken({ k: "unsubscribe", c: message.contact_id, m: message.id }, context.secret)
  const own = `${context.baseUrl}/marketing/`
  return {
    links: {
      unsubscribe: url(EMAIL_ROUTES.unsubscribe, unsubscribeToken),
      preferences: url(EMAIL_ROUTES.preferences, unsubscribeToken),
      view_in_browser: url(EMAIL_ROUTES.view, signToken({ k: "view", m: message.id }, context.secret)),
    },
    oneClickUnsubscribe: url(EMAIL_ROUTES.unsubscribe, unsubscribeToken),
    openPixel: url(EMAIL_ROUTES.open, signToken({ k: "open", m: message.id }, context.secret)),
    click: (index) => url(EMAIL_ROUTES.click, signToken({ k: "click", m: message.id, i: index }, context.secret)),
    isOwn: (candidate) => candidate.startsWith(own),
  }
}

/** The double opt-in link for a contact, issued now. */
export function buildConfirmLink(
  context: Pick<EmailContext, "baseUrl" | "secret">,
  contactId: string,
  now = new Date()
): string {
  const token = signToken({ k: "confirm", c: contactId, t: Math.floor(now.getTime() / 1000) }, context.secret)
  return `${context.baseUrl}${EMAIL_ROUTES.confirm}/${token}`
}
