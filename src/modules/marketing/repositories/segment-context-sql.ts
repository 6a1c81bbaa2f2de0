import type { ContactEventRow, ContactFacts, MembershipRow, MessageEventRow, MessageRow } from "../../../lib/segments"

/** One contact as the in-memory segment evaluator sees it. */
export type SegmentContactContext = {
  /** Null when the contact is deleted or erased. */
  facts: (ContactFacts & { id: string }) | null
  events: ContactEventRow[]
  messages: MessageRow[]
  messageEvents: MessageEventRow[]
  memberships: MembershipRow[]
}

/**
 * What the in-memory segment evaluator reads for a few contacts: their
 * profile, and only the rows behaviour conditions look at (orders and
 * abandoned carts, messages that were sent, opens and clicks, current
 * memberships). Deleted rows are left out here rather than in memory.
 */
export const SEGMENT_CONTACTS_SQL = `
SELECT * FROM marketing_contact
WHERE id = ANY(ARRAY[?]::text[]) AND deleted_at IS NULL AND erased_at IS NULL`

export const SEGMENT_EVENTS_SQL = `
SELECT contact_id, type, occurred_at, resource_id, data FROM marketing_contact_event
WHERE contact_id = ANY(ARRAY[?]::text[]) AND deleted_at IS NULL
  AND type = ANY(ARRAY[?]::text[])`

// A sent message always has its sent_at; saying so lets the planner use the
// (contact_id, sent_at) index, whose predicate requires it, instead of reading
// every message.
export const SEGMENT_MESSAGES_SQL = `
SELECT contact_id, reason_type, reason_id, status, sent_at FROM marketing_message
WHERE contact_id = ANY(ARRAY[?]::text[]) AND deleted_at IS NULL AND sent_at IS NOT NULL AND status = ?`

export const SEGMENT_MESSAGE_EVENTS_SQL = `
SELECT contact_id, type, machine, occurred_at FROM marketing_message_event
WHERE contact_id = ANY(ARRAY[?]::text[]) AND deleted_at IS NULL AND type = ANY(ARRAY[?]::text[])`

export const SEGMENT_MEMBERSHIPS_SQL = `
SELECT contact_id, segment_id, exited_at FROM marketing_segment_membership
WHERE contact_id = ANY(ARRAY[?]::text[]) AND deleted_at IS NULL AND exited_at IS NULL`

/** Opens and closes the given memberships; returns the contacts actually changed. */
export const APPLY_SEGMENT_CHANGES_SQL = `
WITH exited AS (
  UPDATE marketing_segment_membership SET exited_at = ?::timestamptz, updated_at = now()
  WHERE segment_id = ? AND contact_id = ANY(ARRAY[?]::text[]) AND exited_at IS NULL AND deleted_at IS NULL
  RETURNING contact_id
),
entered AS (
  INSERT INTO marketing_segment_membership (id, segment_id, contact_id, entered_at)
  SELECT 'mkt_sgm_' || replace(gen_random_uuid()::text, '-', ''), ?, id, ?::timestamptz
  FROM unnest(ARRAY[?]::text[]) AS id
  ON CONFLICT (segment_id, contact_id) WHERE deleted_at IS NULL AND exited_at IS NULL DO NOTHING
  RETURNING contact_id
),
counted AS (
  UPDATE marketing_segment
  SET member_count = member_count + (SELECT count(*) FROM entered) - (SELECT count(*) FROM exited), updated_at = now()
  WHERE id = ?
)
SELECT
  (SELECT coalesce(array_agg(contact_id), '{}') FROM entered) AS entered,
  (SELECT coalesce(array_agg(contact_id), '{}') FROM exited) AS exited`
