import {
  eventsResult,
  isRecord,
  MARKETING_MESSAGE_ID,
  optionalString,
  parseJsonBody,
  providerKey,
  requireArray,
  requireDate,
  requireEmail,
  requireRecord,
  toReason,
} from "./shared"
import {
  CertificateFetcher,
  fetchCertificateCached,
  isSnsUrl,
  readSnsMessage,
  SnsMessage,
  verifySnsSignature,
} from "./sns"
import {
  AdapterResult,
  EmailEventType,
  NormalizedEmailEvent,
  WebhookAdapter,
  WebhookPayloadError,
  WebhookRequest,
  WebhookSignatureError,
} from "./types"

export interface SesAdapterOptions {
  /**
   * Returns the PEM certificate at a SigningCertURL that already passed the
   * Amazon host check. Defaults to fetching it with `fetch`, once per URL.
   */
  fetchCertificate?: CertificateFetcher
  /**
   * The store's own SNS topics. Amazon signs every account's topics with the
   * same certificates, so a valid signature alone does not prove a message
   * came from the store: messages from any other topic, and every message
   * while this is empty, are refused.
   */
  allowedTopicArns: string[]
}

export interface SesAdapter extends WebhookAdapter {
  parse(request: WebhookRequest): Promise<AdapterResult>
}

/**
 * Amazon SES notifications and event publishing, delivered through an SNS
 * HTTPS subscription. Every message is authenticated by its SNS signature, so
 * the configured secret is not used.
 *
 * @example
 * const adapter = createSesAdapter({ allowedTopicArns: ["arn:aws:sns:eu-west-1:123456789012:ses-events"] })
 * const result = await adapter.parse({ rawBody, headers })
 */
export function createSesAdapter(options: SesAdapterOptions): SesAdapter {
  const fetchCertificate = options.fetchCertificate ?? fetchCertificateCached
  const allowedTopics = new Set(options.allowedTopicArns)

  return {
    async parse(request: WebhookRequest): Promise<AdapterResult> {
      const message = readSnsMessage(requireRecord(parseJsonBody(request.rawBody), "body"))
      if (!allowedTopics.has(message.TopicArn)) {
        throw new WebhookSignatureError(`TopicArn ${message.TopicArn} is not one of webhooks.ses_topic_arns`)
      }
      await verifySnsSignature(message, fetchCertificate)

      if (message.Type === "SubscriptionConfirmation") {
        // The route fetches this URL; signed or not, it must only ever point at SNS.
        if (!isSnsUrl(message.SubscribeURL)) {
          throw new WebhookPayloadError("SubscribeURL is not an Amazon SNS URL")
        }
        return { kind: "subscription_confirmation", subscribeUrl: message.SubscribeURL as string }
      }
      if (message.Type === "UnsubscribeConfirmation") {
        return eventsResult([])
      }
      return eventsResult(notificationEvents(message))
    },
  }
}

function notificationEvents(message: SnsMessage): NormalizedEmailEvent[] {
  let notification: unknown
  try {
    notification = JSON.parse(message.Message)
  } catch {
    // SES confirms a new event destination with a plain-text notification; it carries no event.
    return []
  }
  if (!isRecord(notification)) {
    return []
  }
  // Event publishing names the kind eventType; the older identity notifications name it notificationType.
  const kind = notification.eventType ?? notification.notificationType
  if (typeof kind !== "string") {
    return []
  }

  const mail = requireRecord(notification.mail, "Message.mail")
  const common = {
    message_id: taggedMessageId(mail.tags),
    provider_message_id: optionalString(mail.messageId, "Message.mail.messageId"),
  }
  const event = (
    type: EmailEventType,
    recipient: unknown,
    field: string,
    occurredAt: Date,
    extra: Partial<NormalizedEmailEvent> = {}
  ): NormalizedEmailEvent => {
    const email = requireEmail(addressOf(recipient), field)
    return {
      type,
      email,
      ...common,
      occurred_at: occurredAt,
      reason: null,
      ...extra,
      // One SNS message holds one SES event, so its id and the recipient name the event.
      idempotency_key: providerKey("ses", message.MessageId, email),
    }
  }

  switch (kind) {
    case "Bounce": {
      const bounce = requireRecord(notification.bounce, "Message.bounce")
      const at = requireDate(bounce.timestamp, "Message.bounce.timestamp")
      // "Undetermined" is treated as soft: suppressing on a guess would lose a real subscriber.
      const hard = bounce.bounceType === "Permanent"
      const fallbackReason = [bounce.bounceType, bounce.bounceSubType]
        .filter((part) => typeof part === "string")
        .join(": ")
      const bounced = recipients(bounce.bouncedRecipients, "Message.bounce.bouncedRecipients")
      return bounced.map(({ entry, path }) => {
        const recipient = requireRecord(entry, path)
        return event("bounced", recipient.emailAddress, `${path}.emailAddress`, at, {
          bounce: hard ? "hard" : "soft",
          reason: toReason(recipient.diagnosticCode) ?? toReason(fallbackReason),
        })
      })
    }
    case "Complaint": {
      const complaint = requireRecord(notification.complaint, "Message.complaint")
      const at = requireDate(complaint.timestamp, "Message.complaint.timestamp")
      const reason = toReason(complaint.complaintFeedbackType) ?? toReason(complaint.complaintSubType)
      return recipients(complaint.complainedRecipients, "Message.complaint.complainedRecipients").map(
        ({ entry, path }) =>
          event("complained", requireRecord(entry, path).emailAddress, `${path}.emailAddress`, at, { reason })
      )
    }
    case "Delivery": {
      const delivery = requireRecord(notification.delivery, "Message.delivery")
      const at = requireDate(delivery.timestamp, "Message.delivery.timestamp")
      return recipients(delivery.recipients, "Message.delivery.recipients").map(({ entry, path }) =>
        event("delivered", entry, path, at)
      )
    }
    case "DeliveryDelay": {
      const delay = requireRecord(notification.deliveryDelay, "Message.deliveryDelay")
      const at = requireDate(delay.timestamp, "Message.deliveryDelay.timestamp")
      const delayed = recipients(delay.delayedRecipients, "Message.deliveryDelay.delayedRecipients")
      return delayed.map(({ entry, path }) => {
        const recipient = requireRecord(entry, path)
        return event("deferred", recipient.emailAddress, `${path}.emailAddress`, at, {
          reason: toReason(recipient.diagnosticCode) ?? toReason(delay.delayType),
        })
      })
    }
    // Opens and clicks name no recipient: they belong to every address the email went to,
    // which for marketing email is one.
    case "Open": {
      const open = requireRecord(notification.open, "Message.open")
      const at = requireDate(open.timestamp, "Message.open.timestamp")
      return recipients(mail.destination, "Message.mail.destination").map(({ entry, path }) =>
        event("opened", entry, path, at)
      )
    }
    case "Click": {
      const click = requireRecord(notification.click, "Message.click")
      const at = requireDate(click.timestamp, "Message.click.timestamp")
      const url = optionalString(click.link, "Message.click.link")
      return recipients(mail.destination, "Message.mail.destination").map(({ entry, path }) =>
        event("clicked", entry, path, at, { url })
      )
    }
    default:
      return []
  }
}

function recipients(value: unknown, field: string): { entry: unknown; path: string }[] {
  return requireArray(value, field).map((entry, index) => ({ entry, path: `${field}[${index}]` }))
}

/** SES may report "Name <address>"; the contact is keyed by the address alone. */
function addressOf(recipient: unknown): unknown {
  if (typeof recipient !== "string") {
    return recipient
  }
  const bracketed = /<([^<>]+)>\s*$/.exec(recipient)
  return bracketed ? bracketed[1] : recipient
}

/** Event publishing passes message tags through as `{ name: [value] }`. */
function taggedMessageId(tags: unknown): string | null {
  if (!isRecord(tags)) {
    return null
  }
  const values = tags[MARKETING_MESSAGE_ID]
  return Array.isArray(values) && typeof values[0] === "string" ? values[0] : null
}
