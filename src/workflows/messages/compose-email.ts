import { addOpenPixel, rewriteLinks } from "../../lib/tracking/links"
import { templateRenderer } from "../../lib/templates/shared"
import type { TemplateVersionSource } from "../../lib/templates/renderer"
import { buildMessageLinks, EmailContext } from "../../utils/email-context"
import type { TemplateContact, TemplateData, TemplateStore } from "../../types/template-data"

export type ComposeInput = {
  message: {
    id: string
    contact_id: string
    transactional: boolean
    reason_type: string
    data: Record<string, unknown> | null
  }
  contact: {
    email: string
    first_name: string | null
    last_name: string | null
    orders_count?: number | null
  }
  version: TemplateVersionSource
  context: EmailContext
  /** For showing a sent email to staff: no open pixel and no click tracking, so looking records nothing. */
  untracked?: boolean
}

export type ComposedEmail = {
  subject: string
  html: string
  text: string
  /** Tracked destinations by index, kept with the message for the click route. */
  links: string[]
  /** The one-click unsubscribe URL for the List-Unsubscribe header; none for transactional mail. */
  listUnsubscribe: string | null
}

export function storeData(context: EmailContext): TemplateStore {
  const store = context.settings.store
  return {
    name: store.name ?? context.storeName ?? "Our store",
    logo_url: store.logo_url ?? "",
    address: store.address,
    support_email: store.support_email ?? context.settings.sender.from_email ?? "",
    url: context.options.storefrontUrl ?? "",
  }
}

/**
 * Turns one outbox message into the email that goes out: template data
 * (what the message carries, plus contact, store and its signed links),
 * the Liquid render of the cached compiled version, then tracking — links
 * pointed at the click route with UTM parameters, and an open pixel — as
 * the settings ask.
 */
export async function composeEmail(input: ComposeInput): Promise<ComposedEmail> {
  const { message, contact, context } = input
  const signed = buildMessageLinks(context, message)
  const carried = (message.data ?? {}) as Partial<TemplateData>
  const contactData: TemplateContact = {
    ...(carried.contact ?? {}),
    email: contact.email,
    first_name: contact.first_name,
    last_name: contact.last_name,
    orders_count: contact.orders_count ?? undefined,
  }
  const data: TemplateData = {
    ...carried,
    contact: contactData,
    store: { ...storeData(context), ...(carried.store ?? {}) },
    links: { ...signed.links, ...(carried.links ?? {}) },
  }

  // A campaign or its A/B variant may replace the version's subject (Liquid,
  // like the version's own). The renderer caches by version id, so the
  // replaced subject is cached under an id of its own.
  const subject = typeof carried.subject === "string" && carried.subject.trim() ? carried.subject : null
  const version = subject ? { ...input.version, id: `${input.version.id}:subject:${subject}`, subject } : input.version
  const rendered = await templateRenderer.render(version, data)
  let html = rendered.html
  let links: string[] = []
  const { utm } = context.settings
  const tracking = input.untracked ? { opens: false, clicks: false } : context.settings.tracking
  const utmParams = utm.enabled
    ? { source: utm.source, medium: utm.medium, campaign: String(carried.utm_campaign ?? message.reason_type) }
    : null
  if (tracking.clicks || utmParams) {
    const result = rewriteLinks(html, {
      // Without click tracking the links still get their UTM parameters.
      trackUrl: (index, destination) => (tracking.clicks ? signed.click(index) : destination),
      utm: utmParams,
      keep: signed.isOwn,
    })
    html = result.html
    links = tracking.clicks ? result.links : []
  }
  if (tracking.opens) {
    html = addOpenPixel(html, signed.openPixel)
  }
  return {
    subject: rendered.subject,
    html,
    text: rendered.text,
    links,
    listUnsubscribe: message.transactional ? null : signed.oneClickUnsubscribe,
  }
}
