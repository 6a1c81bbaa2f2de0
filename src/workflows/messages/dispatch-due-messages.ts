import { randomUUID } from "node:crypto"
import { MedusaContainer } from "@medusajs/framework/types"
import { ContainerRegistrationKeys, Modules } from "@medusajs/framework/utils"
import { MARKETING_MODULE } from "../../modules/marketing"
import MarketingModuleService from "../../modules/marketing/service"
import { checkGuardrails, GuardrailSettings } from "../../lib/delivery/guardrails"
import { nextRetry, RetryPolicy, DEFAULT_RETRY_POLICY } from "../../lib/delivery/retry-policy"
import { TemplateError } from "../../lib/templates/renderer"
import { MessageRow, SettleMessageInput } from "../../types"
import type { MarketingSettings } from "../../modules/marketing/settings"
import { EmailContext, resolveEmailContext } from "../../utils/email-context"
import { composeEmail } from "./compose-email"
import { SendThrottle, processThrottle } from "./send-throttle"

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

/**
 * Sends one batch of due messages from the outbox through the Notification
 * Module. Each message is claimed by exactly one dispatcher (SKIP LOCKED),
 * checked against the guardrails at send time, rendered from its template
 * version, and sent with its idempotency key, which the Notification Module
 * will not send twice; the outcome is settled only by the claim's holder.
 * A failed send is retried with backoff and jitter, then marked failed.
 */
export async function dispatchDueMessages(
  container: MedusaContainer,
  options: DispatchOptions = {}
): Promise<DispatchResult> {
  const now = options.now ?? new Date()
  const marketing: MarketingModuleService = container.resolve(MARKETING_MODULE)
  const notifications = container.resolve(Modules.NOTIFICATION)
  const claimToken = randomUUID()

  const claimed = await marketing.claimMessages({
    limit: options.limit ?? 100,
    leaseMs: options.leaseMs ?? 5 * 60_000,
    now,
    claim_token: claimToken,
  })
  const result: DispatchResult = {
    claimed: claimed.length,
    sent: 0,
    queued: 0,
    failed: 0,
    suppressed: 0,
    skipped: 0,
  }
  if (!claimed.length) {
    return result
  }
  const context: EmailContext = await resolveEmailContext(container)
  const guardrails = options.guardrails ?? guardrailsFrom(context.settings)
  const throttle = options.throttle ?? processThrottle(context.settings.send_rate_per_second)
  const storeName = await defaultStoreName(container)

  const contactIds = [...new Set(claimed.map((m) => m.contact_id))]
  const contacts = new Map(
    (await marketing.listContacts({ id: contactIds })).map((c) => [c.id, c])
  )
  const versions = new Map(
    (
      await marketing.listTemplateVersions({
        id: [...new Set(claimed.map((m) => m.template_version_id))],
      })
    ).map((v) => [v.id, v])
  )
  const sentInWindow = await marketing.countMarketingSends(
    contactIds,
    new Date(now.getTime() - guardrails.frequencyWindowHours * 3_600_000)
  )

  const settle = async (settlement: SettleMessageInput) => {
    await marketing.settleMessages([settlement])
    result[settlement.status] += 1
  }

  const dispatchOne = async (message: MessageRow) => {
    const base = { id: message.id, claim_token: claimToken }
    const contact = contacts.get(message.contact_id)
    const version = versions.get(message.template_version_id)
    if (!contact || !version) {
      return settle({ ...base, status: "failed", last_error: "contact or template version no longer exists" })
    }
    const decision = checkGuardrails({
      contact,
      transactional: message.transactional,
      topic: message.topic,
      sentInWindow: sentInWindow.get(contact.id) ?? 0,
      now,
      settings: guardrails,
    })
    if (decision.action === "suppress" || decision.action === "skip") {
      return settle({ ...base, status: decision.action === "suppress" ? "suppressed" : "skipped", last_error: decision.reason })
    }
    if (decision.action === "wait") {
      return settle({ ...base, status: "queued", send_after: decision.until, last_error: decision.reason })
    }
    if (!message.transactional) {
      // Later messages of this batch to the same contact count this one.
      sentInWindow.set(contact.id, (sentInWindow.get(contact.id) ?? 0) + 1)
    }

    let email
    try {
      email = await composeEmail({ message, contact, version, context, storeName })
    } catch (error) {
      const reason = error instanceof TemplateError ? error.message : String(error)
      return settle({ ...base, status: "failed", last_error: `render: ${reason}` })
    }

    await throttle.acquire()
    try {
      const [notification] = await notifications.createNotifications([
        {
          to: message.to_email,
          from: version.from_email ?? context.settings.sender.from_email ?? undefined,
          channel: "email",
          template: "",
          content: { subject: email.subject, html: email.html, text: email.text },
          idempotency_key: notificationKey(message),
          receiver_id: contact.customer_id ?? undefined,
          resource_id: message.id,
          resource_type: "marketing_message",
          trigger_type: message.reason_type,
          provider_data: {
            from_name: version.from_name ?? context.settings.sender.from_name ?? null,
            reply_to: version.reply_to ?? context.settings.sender.reply_to ?? null,
            list_unsubscribe: email.listUnsubscribe ? { url: email.listUnsubscribe } : null,
            marketing_message_id: message.id,
          },
        },
      ])
      await settle({
        ...base,
        status: "sent",
        subject: email.subject,
        links: email.links,
        notification_id: notification?.id ?? null,
        provider_message_id: (notification as { external_id?: string } | undefined)?.external_id ?? null,
      })
    } catch (error) {
      if (!message.transactional) {
        sentInWindow.set(contact.id, (sentInWindow.get(contact.id) ?? 1) - 1)
      }
      const reason = (error as Error).message.split("\n").slice(-1)[0]
      const retry = nextRetry(message.attempts, now, options.retry ?? DEFAULT_RETRY_POLICY)
      await settle(
        retry.retry
          ? { ...base, status: "queued", send_after: retry.at, last_error: reason, send_failed: true }
          : { ...base, status: "failed", last_error: `${retry.reason}: ${reason}`, send_failed: true }
      )
    }
  }

  const queue = [...claimed]
  const workers = Array.from({ length: options.concurrency ?? 4 }, async () => {
    for (let message = queue.shift(); message; message = queue.shift()) {
      await dispatchOne(message)
    }
  })
  await Promise.all(workers)
  return result
}

async function defaultStoreName(container: MedusaContainer): Promise<string | null> {
  const query = container.resolve(ContainerRegistrationKeys.QUERY)
  const { data } = await query.graph({ entity: "store", fields: ["name"], pagination: { take: 1 } })
  return data[0]?.name ?? null
}
