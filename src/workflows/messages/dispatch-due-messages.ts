import { randomUUID } from "node:crypto"
import {
  FilterableNotificationProps,
  INotificationModuleService,
  MedusaContainer,
} from "@medusajs/framework/types"
import { Modules, NotificationStatus } from "@medusajs/framework/utils"
import { MARKETING_MODULE } from "../../modules/marketing"
import MarketingModuleService from "../../modules/marketing/service"
import { checkGuardrails, GuardrailSettings } from "../../lib/delivery/guardrails"
import { nextRetry, RetryPolicy, DEFAULT_RETRY_POLICY } from "../../lib/delivery/retry-policy"
import { TemplateError } from "../../lib/templates/renderer"
import { MessageRow, SettleMessageInput } from "../../types"
import type { MarketingSettings } from "../../modules/marketing/settings"
import { EmailContext, resolveEmailContext } from "../../utils/email-context"
import { ComposedEmail, composeEmail } from "./compose-email"
import { SendThrottle, processThrottle } from "./send-throttle"
import { redisThrottle } from "./redis-throttle"

export type DispatchOptions = {
  now?: Date
  /** Messages claimed per batch. */
  limit?: number
  /** How long a claim holds before another dispatcher may take the message over. */
  leaseMs?: number
  /** Sends in flight at once. */
  concurrency?: number
  /** Overrides the merchant's guardrail settings. */
  guardrails?: GuardrailSettings
  retry?: RetryPolicy
  /** Paces sends; the merchant's send rate in this process when absent. */
  throttle?: SendThrottle
}

export function guardrailsFrom(settings: MarketingSettings): GuardrailSettings {
  return {
    frequencyCap: settings.frequency_cap.max_messages,
    frequencyWindowHours: settings.frequency_cap.window_hours,
    quietHours: settings.quiet_hours.enabled
      ? { start: settings.quiet_hours.start, end: settings.quiet_hours.end }
      : null,
  }
}

/**
 * The Notification Module skips a key it already has, which is what keeps a
 * message from going out twice when its dispatcher died after sending. But
 * it cannot retry a send it recorded as failed (it re-sends under a new id
 * and then fails to update it, reporting an error after delivering), so
 * after each refused send the next attempt uses a fresh key.
 */
function notificationKey(message: MessageRow): string {
  return message.failures ? `${message.idempotency_key}:retry-${message.failures}` : message.idempotency_key
}

export type DispatchResult = Record<"claimed" | SettleMessageInput["status"], number>

type Outgoing = { message: MessageRow; contactCustomerId: string | null; version: TemplateVersionRow; email: ComposedEmail }
type TemplateVersionRow = { id: string; from_email?: string | null; from_name?: string | null; reply_to?: string | null }

// The Notification Module reports each refused send as this line followed by the reason.
const REFUSAL = /Failed to send notification with id (\S+):\r?\n([^\r\n]*)/g

/**
 * Sends one batch of due messages from the outbox through the Notification
 * Module. Each message is claimed by exactly one dispatcher (SKIP LOCKED),
 * checked against the guardrails at send time, rendered from its template
 * version, and sent with its idempotency key, which the Notification Module
 * will not send twice; the outcome is settled only by the claim's holder.
 * A failed send is retried with backoff and jitter, then marked failed.
 *
 * Sends go to the Notification Module in groups of `concurrency` (one call,
 * sent side by side), and the batch's outcomes are written in one statement:
 * the database round trips are per batch, not per message.
 */
export async function dispatchDueMessages(
  container: MedusaContainer,
  options: DispatchOptions = {}
): Promise<DispatchResult> {
  const now = options.now ?? new Date()
  const marketing: MarketingModuleService = container.resolve(MARKETING_MODULE)
  const notifications = container.resolve(Modules.NOTIFICATION)
  const claimToken = randomUUID()

  const settings = await marketing.getSettings()
  const guardrails = options.guardrails ?? guardrailsFrom(settings)
  const claimed = await marketing.claimMessages({
    limit: options.limit ?? 100,
    leaseMs: options.leaseMs ?? 5 * 60_000,
    now,
    claim_token: claimToken,
    // With no cap there are no sends to count, and no claims to wait for.
    lock_contacts: guardrails.frequencyCap > 0,
  })
  const result: DispatchResult = { claimed: claimed.length, sent: 0, queued: 0, failed: 0, suppressed: 0, skipped: 0 }
  if (!claimed.length) {
    return result
  }
  const context: EmailContext = await resolveEmailContext(container, settings)
  const rate = context.settings.send_rate_per_second
  const throttle =
    options.throttle ??
    (context.options.redisUrl ? redisThrottle(context.options.redisUrl, rate) : processThrottle(rate))

  const contactIds = [...new Set(claimed.map((m) => m.contact_id))]
  const versions = new Map(
    (await marketing.listTemplateVersions({ id: [...new Set(claimed.map((m) => m.template_version_id))] })).map(
      (v) => [v.id, v]
    )
  )
  // With the cap off there is nothing to count.
  const sentInWindow =
    guardrails.frequencyCap === 0
      ? new Map<string, number>()
      : await marketing.countMarketingSends(
          contactIds,
          new Date(now.getTime() - guardrails.frequencyWindowHours * 3_600_000),
          { token: claimToken, claimed_at: claimed[0].claimed_at!, now }
        )

  const settlements: SettleMessageInput[] = []
  const outgoing: Outgoing[] = []
  // Accepted by the provider in an earlier try that was never settled.
  const delivered: Outgoing[] = []
  for (const message of claimed) {
    const base = { id: message.id, claim_token: claimToken }
    const contact = message.contact
    const version = versions.get(message.template_version_id)
    if (!contact || !version) {
      settlements.push({ ...base, status: "failed", last_error: "contact or template version no longer exists" })
      continue
    }
    // Already delivered: only the outbox is behind, and no guardrail may undo that.
    const decision = message.provider_message_id
      ? ({ action: "send" } as const)
      : checkGuardrails({
          contact,
          transactional: message.transactional,
          topic: message.topic,
          sentInWindow: sentInWindow.get(contact.id) ?? 0,
          now,
          settings: guardrails,
        })
    if (decision.action === "suppress" || decision.action === "skip") {
      settlements.push({ ...base, status: decision.action === "suppress" ? "suppressed" : "skipped", last_error: decision.reason })
      continue
    }
    if (decision.action === "wait") {
      // Waiting out quiet hours is not a try: it must not use up the retries.
      settlements.push({ ...base, status: "queued", send_after: decision.until, last_error: decision.reason, not_attempted: true })
      continue
    }
    try {
      const email = await composeEmail({ message, contact, version, context })
      const entry = { message, contactCustomerId: contact.customer_id ?? null, version, email }
      ;(message.provider_message_id ? delivered : outgoing).push(entry)
    } catch (error) {
      const reason = error instanceof TemplateError ? error.message : String(error)
      settlements.push({ ...base, status: "failed", last_error: `render: ${reason}` })
      continue
    }
    if (!message.transactional) {
      // Later messages of this batch to the same contact count this one.
      sentInWindow.set(contact.id, (sentInWindow.get(contact.id) ?? 0) + 1)
    }
  }

  const groupSize = Math.max(1, options.concurrency ?? 25)
  for (let start = 0; start < outgoing.length; start += groupSize) {
    const group = outgoing.slice(start, start + groupSize)
    await throttle.acquire(group.length)
    settlements.push(...(await sendGroup(notifications, group, context, claimToken, now, options.retry)))
  }

  settlements.push(...(await settleDelivered(notifications, delivered, claimToken)))

  await marketing.settleMessages(settlements)
  for (const settlement of settlements) {
    result[settlement.status] += 1
  }
  return result
}

type Stored = { id: string; idempotency_key: string; status: string; external_id?: string | null }

async function findNotifications(notifications: INotificationModuleService, keys: string[]): Promise<Stored[]> {
  return (await notifications.listNotifications(
    // Filterable in the module, though its type does not list it.
    { idempotency_key: keys } as FilterableNotificationProps,
    { select: ["id", "idempotency_key", "status", "external_id"] }
  )) as unknown as Stored[]
}

/**
 * Messages whose provider recorded accepting them (see `recordAcceptance`)
 * but whose dispatcher died, or failed to record the outcome, before the
 * outbox said so. They are not handed to the Notification Module again,
 * under any key: they are settled as sent, with the module's notification
 * when it has one.
 */
async function settleDelivered(
  notifications: INotificationModuleService,
  delivered: Outgoing[],
  claimToken: string
): Promise<SettleMessageInput[]> {
  if (!delivered.length) {
    return []
  }
  const byKey = new Map(
    (await findNotifications(notifications, delivered.map(({ message }) => notificationKey(message)))).map((n) => [
      n.idempotency_key,
      n,
    ])
  )
  return delivered.map(({ message, email }) => ({
    id: message.id,
    claim_token: claimToken,
    status: "sent" as const,
    subject: email.subject,
    links: email.links,
    notification_id: byKey.get(notificationKey(message))?.id ?? null,
    provider_message_id: message.provider_message_id ?? null,
  }))
}

async function sendGroup(
  notifications: INotificationModuleService,
  group: Outgoing[],
  context: EmailContext,
  claimToken: string,
  now: Date,
  retryPolicy: RetryPolicy | undefined
): Promise<SettleMessageInput[]> {
  const keys = group.map(({ message }) => notificationKey(message))
  const refusals = new Map<string, string>()
  let created: Stored[] = []
  try {
    created = (await notifications.createNotifications(
      group.map(({ message, contactCustomerId, version, email }, i) => ({
        to: message.to_email,
        from: version.from_email ?? context.settings.sender.from_email ?? undefined,
        channel: "email",
        template: "",
        content: { subject: email.subject, html: email.html, text: email.text },
        idempotency_key: keys[i],
        receiver_id: contactCustomerId ?? undefined,
        resource_id: message.id,
        resource_type: "marketing_message",
        trigger_type: message.reason_type,
        provider_data: {
          from_name: version.from_name ?? context.settings.sender.from_name ?? null,
          reply_to: version.reply_to ?? context.settings.sender.reply_to ?? null,
          list_unsubscribe: email.listUnsubscribe ? { url: email.listUnsubscribe } : null,
          marketing_message_id: message.id,
        },
      }))
    )) as unknown as Stored[]
  } catch (error) {
    const text = (error as Error).message
    for (const match of text.matchAll(REFUSAL)) {
      refusals.set(match[1], match[2])
    }
    refusals.set("*", text.split("\n").slice(-1)[0])
  }

  // What the module stored is the truth. Keys it did not create now were
  // used before, by a dispatcher that died after sending: they are looked up,
  // not sent again.
  const stored = new Map(created.map((n) => [n.idempotency_key, n]))
  const unknown = keys.filter((key) => !stored.has(key))
  if (unknown.length) {
    for (const notification of await findNotifications(notifications, unknown)) {
      stored.set(notification.idempotency_key, notification)
    }
  }
  return group.map(({ message, email }, i) => {
    const base = { id: message.id, claim_token: claimToken }
    const notification = stored.get(keys[i])
    if (notification?.status === NotificationStatus.SUCCESS) {
      return {
        ...base,
        status: "sent" as const,
        subject: email.subject,
        links: email.links,
        notification_id: notification.id,
        provider_message_id: notification.external_id ?? null,
      }
    }
    const reason = (notification && refusals.get(notification.id)) ?? refusals.get("*") ?? "the provider did not accept the message"
    const retry = nextRetry(message.attempts, now, retryPolicy ?? DEFAULT_RETRY_POLICY)
    return retry.retry
      ? { ...base, status: "queued" as const, send_after: retry.at, last_error: reason, send_failed: true }
      : { ...base, status: "failed" as const, last_error: `${retry.reason}: ${reason}`, send_failed: true }
  })
}
