import type { Client } from "pg"
import type { GeneratedContact } from "./arbitraries"
import { insertRows } from "./database"

// The Postgres `npm test` runs against (the DB_* variables), else a local one.
const { DB_HOST, DB_PORT, DB_USERNAME, DB_PASSWORD } = process.env
export const ADMIN_URL =
  process.env.SEGMENTS_PG_URL ??
  (DB_HOST
    ? `postgres://${encodeURIComponent(DB_USERNAME ?? "postgres")}:${encodeURIComponent(DB_PASSWORD ?? "")}@${DB_HOST}:${DB_PORT ?? 5432}/postgres`
    : "postgres://postgres@localhost:5432/postgres")
export const contactId = (index: number) => `con_${index}`

/**
 * Rows get `micros` extra microseconds, as rows written by now() have; the
 * evaluator sees the millisecond value, as it does when node-postgres reads them.
 */
export async function insertContacts(client: Client, contacts: GeneratedContact[], now: Date, micros: number): Promise<void> {
  const iso = (value: unknown) =>
    value instanceof Date ? value.toISOString().replace("Z", `${String(micros).padStart(3, "0")}Z`) : value ?? null
  await insertRows(
    client,
    "marketing_contact",
    contacts.map(({ facts }, index) => ({
      id: contactId(index),
      ...Object.fromEntries(Object.entries(facts).map(([column, value]) => [column, Array.isArray(value) ? value.map(iso) : iso(value)])),
    }))
  )
  await insertRows(
    client,
    "marketing_contact_event",
    contacts.flatMap((contact, index) =>
      contact.events.map((event, position) => ({
        id: `cev_${index}_${position}`,
        contact_id: contactId(index),
        type: event.type,
        occurred_at: iso(event.occurred_at),
        idempotency_key: `cev_${index}_${position}`,
        resource_id: event.resource_id ?? null,
        data: event.data === null || event.data === undefined ? null : JSON.stringify(event.data),
        deleted_at: iso(event.deleted_at),
      }))
    )
  )
  await insertRows(
    client,
    "marketing_message",
    contacts.flatMap((contact, index) =>
      contact.messages.map((message, position) => ({
        id: `msg_${index}_${position}`,
        contact_id: contactId(index),
        template_version_id: "tv_1",
        to_email: contact.facts.email,
        reason_type: message.reason_type,
        reason_id: message.reason_id,
        status: message.status,
        send_after: now.toISOString(),
        sent_at: iso(message.sent_at),
        idempotency_key: `msg_${index}_${position}`,
        deleted_at: iso(message.deleted_at),
      }))
    )
  )
  await insertRows(
    client,
    "marketing_message_event",
    contacts.flatMap((contact, index) =>
      contact.messageEvents.map((event, position) => ({
        id: `mev_${index}_${position}`,
        message_id: `msg_${index}_0`,
        contact_id: contactId(index),
        type: event.type,
        machine: event.machine,
        occurred_at: iso(event.occurred_at),
        source: "tracking",
        deleted_at: iso(event.deleted_at),
      }))
    )
  )
  await insertRows(
    client,
    "marketing_segment_membership",
    contacts.flatMap((contact, index) =>
      contact.memberships.map((membership, position) => ({
        id: `sgm_${index}_${position}`,
        segment_id: membership.segment_id,
        contact_id: contactId(index),
        entered_at: iso(membership.entered_at),
        exited_at: iso(membership.exited_at),
        deleted_at: iso(membership.deleted_at),
      }))
    )
  )
}

