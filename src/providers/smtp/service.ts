import {
  Logger,
  ProviderSendNotificationDTO,
  ProviderSendNotificationResultsDTO,
} from "@medusajs/framework/types"
import {
  AbstractNotificationProviderService,
  ContainerRegistrationKeys,
  MedusaError,
} from "@medusajs/framework/utils"
import type { Knex } from "@medusajs/framework/mikro-orm/knex"
import nodemailer, { Transporter } from "nodemailer"
import { SmtpOptions, smtpOptionsSchema } from "./options"
import { recordAcceptance } from "./record-acceptance"

/**
 * What the plugin passes in `provider_data` so one-click unsubscribe
 * (RFC 8058) and replies work. Other providers receive the same object and
 * map it to their own API.
 */
export type EmailProviderData = {
  /** The one-click unsubscribe URL (POST) and, optionally, a mailto address. */
  list_unsubscribe?: { url: string; mailto?: string | null } | null
  reply_to?: string | null
  /** Display name for `from`. */
  from_name?: string | null
  /** The plugin's message id, for providers that echo custom data back in their webhooks. */
  marketing_message_id?: string | null
  /** Extra headers, e.g. for a provider's tracking or tags. */
  headers?: Record<string, string> | null
}

type Deps = { logger: Logger; [ContainerRegistrationKeys.PG_CONNECTION]?: Knex }

/**
 * Sends the plugin's rendered emails over SMTP with nodemailer: HTML and
 * text parts, sender, reply-to, and the `List-Unsubscribe` and
 * `List-Unsubscribe-Post: List-Unsubscribe=One-Click` headers that mailbox
 * providers need to show an unsubscribe button.
 */
export class SmtpNotificationService extends AbstractNotificationProviderService {
  static identifier = "marketing-smtp"

  protected readonly options_: SmtpOptions
  protected readonly transporter_: Transporter
  protected readonly logger_: Logger
  protected readonly pg_?: Knex

  static validateOptions(options: Record<string, unknown>) {
    parseSmtpOptions(options)
  }

  constructor(deps: Deps, options: Record<string, unknown>) {
    super()
    this.logger_ = deps.logger
    this.pg_ = connectionOf(deps)
    this.options_ = parseSmtpOptions(options)
    this.transporter_ = nodemailer.createTransport({
      host: this.options_.host,
      port: this.options_.port,
      secure: this.options_.secure,
      auth: this.options_.auth,
      pool: this.options_.pool,
      maxConnections: this.options_.maxConnections,
      ignoreTLS: this.options_.ignoreTLS,
    })
  }

  async send(
    notification: ProviderSendNotificationDTO
  ): Promise<ProviderSendNotificationResultsDTO> {
    const content = notification.content
    if (!content?.html && !content?.text) {
      throw new MedusaError(
        MedusaError.Types.INVALID_DATA,
        "The SMTP provider sends rendered content: content.html or content.text is required"
      )
    }
    const data = (notification.provider_data ?? {}) as EmailProviderData
    const headers: Record<string, string> = { ...(data.headers ?? {}) }
    if (data.marketing_message_id) {
      headers["X-Marketing-Message-Id"] = data.marketing_message_id
    }
    if (data.list_unsubscribe?.url) {
      const targets = [
        data.list_unsubscribe.mailto ? `<mailto:${data.list_unsubscribe.mailto}>` : null,
        `<${data.list_unsubscribe.url}>`,
      ].filter(Boolean)
      headers["List-Unsubscribe"] = targets.join(", ")
      headers["List-Unsubscribe-Post"] = "List-Unsubscribe=One-Click"
    }

    const info = await this.transporter_.sendMail({
      from:
        notification.from && data.from_name
          ? { name: data.from_name, address: notification.from }
          : notification.from || this.options_.from,
      to: notification.to,
      replyTo: data.reply_to ?? undefined,
      subject: content.subject ?? "",
      html: content.html ?? undefined,
      text: content.text ?? undefined,
      headers,
    })
    if (data.marketing_message_id) {
      await recordAcceptance(
        this.pg_,
        { marketingMessageId: data.marketing_message_id, providerMessageId: info.messageId },
        this.logger_
      )
    }
    return { id: info.messageId }
  }

  /** Closes pooled connections (tests, shutdown). */
  async close() {
    this.transporter_.close()
  }
}

/**
 * The store's database connection, which the Notification Module hands its
 * providers, when the provider runs inside the app.
 */
function connectionOf(deps: Deps): Knex | undefined {
  try {
    return deps[ContainerRegistrationKeys.PG_CONNECTION]
  } catch {
    return undefined
  }
}

function parseSmtpOptions(options: Record<string, unknown>): SmtpOptions {
  const result = smtpOptionsSchema.safeParse(options ?? {})
  if (!result.success) {
    throw new MedusaError(
      MedusaError.Types.INVALID_ARGUMENT,
      `Invalid marketing-smtp options: ${result.error.issues
        .map((issue) => `${issue.path.join(".") || "(options)"}: ${issue.message}`)
        .join("; ")}`
    )
  }
  return result.data
}
