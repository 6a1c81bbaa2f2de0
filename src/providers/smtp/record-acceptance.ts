import type { Logger } from "@medusajs/framework/types"
import type { Knex } from "@medusajs/framework/mikro-orm/knex"

/**
 * Writes onto the outbox row that the provider accepted the email, the
 * moment it does. Call it from a notification provider's `send` after the
 * provider said yes, with `provider_data.marketing_message_id` and the
 * provider's own message id.
 *
 * The Notification Module records a call's outcomes only after every send in
 * it has answered. Were the process to die while a provider holds some of a
 * call's emails, the ones it had accepted would look no different from the
 * ones it never got, and the dispatcher taking over would send them again;
 * with this record it settles them as sent. A direct statement, because a
 * provider sees only the Notification Module's container, which holds the
 * store's database connection but not the marketing module's service.
 */
export async function recordAcceptance(
  pg: Knex | undefined,
  accepted: { marketingMessageId: string; providerMessageId: string },
  logger?: Logger
): Promise<void> {
  if (!pg) {
    return
  }
  try {
    await pg.raw(
      `UPDATE marketing_message SET provider_message_id = ?
       WHERE id = ? AND status = 'sending' AND provider_message_id IS NULL`,
      [accepted.providerMessageId, accepted.marketingMessageId]
    )
  } catch (error) {
    // The email is out: failing the send now would only send it again.
    logger?.warn(
      `marketing: could not record that ${accepted.marketingMessageId} was accepted: ${(error as Error).message}`
    )
  }
}
