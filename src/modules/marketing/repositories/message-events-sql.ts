/**
 * A message's delivered / opened / clicked / bounced times and a contact's
 * last open, last click and soft-bounce run are pure functions of the stored
 * message events, so they are recomputed rather than incremented: a
 * redelivered webhook cannot count twice, and a compensation only removes
 * events and recomputes. A click counts as an open (the reader saw the
 * email); machine opens and clicks count for nothing.
 *
 * Params: message ids (non-empty).
 */
export const REFRESH_MESSAGE_EVENTS_SQL = `
UPDATE marketing_message m SET
  delivered_at = e.delivered_at,
  opened_at = e.opened_at,
  clicked_at = e.clicked_at,
  bounced_at = e.bounced_at,
  updated_at = now()
FROM (
  SELECT t.id,
    min(ev.occurred_at) FILTER (WHERE ev.type = 'delivered') AS delivered_at,
    min(ev.occurred_at) FILTER (WHERE ev.type IN ('opened', 'clicked') AND NOT ev.machine) AS opened_at,
    min(ev.occurred_at) FILTER (WHERE ev.type = 'clicked' AND NOT ev.machine) AS clicked_at,
    min(ev.occurred_at) FILTER (WHERE ev.type = 'bounced') AS bounced_at
  FROM unnest(ARRAY[?]::text[]) AS t(id)
  LEFT JOIN marketing_message_event ev ON ev.message_id = t.id AND ev.deleted_at IS NULL
  GROUP BY t.id
) e
WHERE m.id = e.id`

/**
 * Soft bounces count only since the contact's last sign of a working inbox
 * (a delivery, or a person's open or click).
 *
 * Params: contact ids (non-empty).
 */
export const REFRESH_CONTACT_ENGAGEMENT_SQL = `
UPDATE marketing_contact c SET
  last_opened_at = e.last_opened_at,
  last_clicked_at = e.last_clicked_at,
  soft_bounces = e.soft_bounces,
  updated_at = now()
FROM (
  SELECT t.id,
    (SELECT max(occurred_at) FROM marketing_message_event
      WHERE contact_id = t.id AND type IN ('opened', 'clicked') AND NOT machine AND deleted_at IS NULL) AS last_opened_at,
    (SELECT max(occurred_at) FROM marketing_message_event
      WHERE contact_id = t.id AND type = 'clicked' AND NOT machine AND deleted_at IS NULL) AS last_clicked_at,
    (SELECT count(*) FROM marketing_message_event b
      WHERE b.contact_id = t.id AND b.type = 'bounced' AND b.bounce_type = 'soft' AND b.deleted_at IS NULL
        AND b.occurred_at > coalesce((
          SELECT max(occurred_at) FROM marketing_message_event
          WHERE contact_id = t.id AND deleted_at IS NULL
            AND (type = 'delivered' OR (type IN ('opened', 'clicked') AND NOT machine))
        ), '-infinity'::timestamptz)) AS soft_bounces
  FROM unnest(ARRAY[?]::text[]) AS t(id)
) e
WHERE c.id = e.id`
