/** Email activity lead-score rules can count, read from message events rather than the timeline. */
export const LEAD_MESSAGE_EVENT_TYPES = ["opened", "clicked"]

/**
 * A page of live contacts, in id order after a cursor, with an event of one
 * of some types since a time: the contacts whose lead score a rule on those
 * types can change. Each contact is probed through the
 * (contact_id, type, occurred_at) indexes, so a page stops as soon as it is
 * full instead of collecting every matching event first. A person's opens
 * and clicks come from the message events, as scoring reads them.
 *
 * Params: after id, then for each source asked for its types and since,
 * timeline first, then the limit.
 */
export function leadActivityContactsSql(sources: { timeline: boolean; messages: boolean }): string {
  const tests = [
    sources.timeline &&
      `EXISTS (
        SELECT 1 FROM marketing_contact_event e
        WHERE e.contact_id = c.id AND e.type = ANY(ARRAY[?]::text[]) AND e.occurred_at >= ?::timestamptz
          AND e.deleted_at IS NULL)`,
    sources.messages &&
      `EXISTS (
        SELECT 1 FROM marketing_message_event m
        WHERE m.contact_id = c.id AND m.type = ANY(ARRAY[?]::text[]) AND m.occurred_at >= ?::timestamptz
          AND m.deleted_at IS NULL AND NOT m.machine)`,
  ].filter(Boolean)
  return `
SELECT c.id
FROM marketing_contact c
WHERE c.deleted_at IS NULL AND c.erased_at IS NULL AND c.id > ?
  AND (${tests.join(" OR ")})
ORDER BY c.id
LIMIT ?`
}
