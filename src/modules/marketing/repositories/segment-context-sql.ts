import { SCORE_INPUT_COLUMNS, SET_SCORE_COLUMNS } from "./scores-sql"
import { membershipMovesSql } from "./segment-sql"
import { LEAD_POINTS_EVENT } from "../../../lib/scoring"
import { ORDER_CANCELED, ORDER_PLACED } from "../../../lib/segments"
import type { ContactContext, ContactFacts, ContactRefreshRow } from "../../../lib/segments"

/** One contact as the in-memory segment evaluator sees it, read by id. */
export type SegmentContactContext = ContactContext<ContactFacts & { id: string }>

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

/**
 * What an event's few contacts changed, in one statement: their new scores
 * (`[{ id, ...score columns }]`, $1) and the memberships of any number of
 * segments opened and closed (`[{ segment_id, contact_id, enter }]`, $2) at
 * a time ($3), each segment's count moved by what actually changed. One
 * statement is atomic without a transaction; a membership another refresh
 * already opened or closed is left alone. Returns the memberships that
 * changed. The body of `marketing_apply_contact_changes` (see
 * `CONTACT_REFRESH_FUNCTIONS`).
 */
export const APPLY_CONTACT_CHANGES_QUERY = `
WITH scores AS (
  SELECT * FROM jsonb_to_recordset($1) AS i(
    id text,${SCORE_INPUT_COLUMNS})
),
scored AS (
  UPDATE marketing_contact c SET${SET_SCORE_COLUMNS}
  FROM scores i WHERE c.id = i.id
),
input AS (
  SELECT * FROM jsonb_to_recordset($2) AS i(segment_id text, contact_id text, enter boolean)
),
${membershipMovesSql("input", "$3")},
counted AS (
  UPDATE marketing_segment s
  SET member_count = s.member_count + moved.delta, updated_at = now()
  FROM (
    SELECT segment_id, sum(CASE WHEN entered THEN 1 ELSE -1 END)::int AS delta FROM changed GROUP BY segment_id
  ) moved
  WHERE s.id = moved.segment_id
)
SELECT segment_id, contact_id, entered FROM changed`

/** A lead-score rule row as `CONTACT_REFRESH_SQL` returns it. */
export type LeadScoreRuleRow = {
  id: string
  name: string
  points: number
  event_type: string
  property: Record<string, unknown> | null
  expires_after_days: number | null
  max_times: number | null
}

export type ContactRefresh = {
  /** The stored model, or null before the first full refresh. */
  model: unknown
  lead_score_rules: LeadScoreRuleRow[]
  segments: { id: string; name: string; rules: unknown; sync_customer_group: boolean; customer_group_id: string | null }[]
  /** The live contacts among those asked for. */
  contacts: ContactRefreshRow[]
}

/**
 * Everything re-checking a few contacts after an event reads, in one
 * statement: the scoring model the last full refresh stored, the enabled
 * lead-score rules, every segment, and for each live contact its profile
 * and the rows segments and scores look at. Parameters: the model's job
 * key, the behaviour event types, the activity cut-off, the sent status,
 * the engagement event types, the contact ids, and the event types whose
 * order id and data are read. The body of `marketing_contact_refresh` (see
 * `CONTACT_REFRESH_FUNCTIONS`).
 *
 * Of the other events (carts, sign-ups, visits: most of a timeline) only
 * the type and time count, unless a lead-score rule's property condition
 * reads their data. Those come from the (contact_id, type, occurred_at)
 * index alone, without a visit to each event's page of the table: on a
 * store larger than memory, each such visit is a read from disk. The
 * events whose data is read are looked up type by type on that index's
 * (contact_id, type) prefix; `OFFSET 0` keeps that lookup a loop, which
 * the planner would otherwise flatten into a read of every event of the
 * contact through the contact_id index.
 */
export const CONTACT_REFRESH_QUERY = `
WITH read_data AS (
  SELECT ARRAY(
    SELECT unnest($7)
    UNION
    SELECT event_type FROM marketing_lead_score_rule WHERE enabled AND deleted_at IS NULL AND property IS NOT NULL
  ) AS types
)
SELECT
  (SELECT cursor->'model' FROM marketing_job_state WHERE key = $1 AND deleted_at IS NULL) AS model,
  (SELECT coalesce(json_agg(r ORDER BY r.id), '[]'::json) FROM (
    SELECT id, name, points, event_type, property, expires_after_days, max_times
    FROM marketing_lead_score_rule WHERE enabled AND deleted_at IS NULL
  ) r) AS lead_score_rules,
  (SELECT coalesce(json_agg(s ORDER BY s.id), '[]'::json) FROM (
    SELECT id, name, rules, sync_customer_group, customer_group_id
    FROM marketing_segment WHERE deleted_at IS NULL
  ) s) AS segments,
  (SELECT coalesce(json_agg(json_build_object(
    'facts', to_jsonb(c),
    'events', coalesce((
      SELECT json_agg(json_build_object('type', e.type, 'occurred_at', e.occurred_at, 'resource_id', e.resource_id, 'data', e.data))
      FROM (
        SELECT e.type, e.occurred_at, e.resource_id, e.data
        FROM unnest((SELECT types FROM read_data)) AS t(type), LATERAL (
          SELECT e.type, e.occurred_at, e.resource_id, e.data FROM marketing_contact_event e
          WHERE e.contact_id = c.id AND e.type = t.type AND e.deleted_at IS NULL
            AND (e.type = ANY($2) OR e.occurred_at >= $3)
          OFFSET 0
        ) e
        UNION ALL
        SELECT e.type, e.occurred_at, NULL, NULL
        FROM marketing_contact_event e
        WHERE e.contact_id = c.id AND e.deleted_at IS NULL
          AND (e.type = ANY($2) OR e.occurred_at >= $3)
          AND e.type <> ALL((SELECT types FROM read_data)::text[])
      ) e
    ), '[]'::json),
    'messages', coalesce((
      SELECT json_agg(json_build_object('reason_type', m.reason_type, 'reason_id', m.reason_id, 'status', m.status, 'sent_at', m.sent_at))
      FROM marketing_message m
      WHERE m.contact_id = c.id AND m.deleted_at IS NULL AND m.sent_at IS NOT NULL AND m.status = $4
    ), '[]'::json),
    'message_events', coalesce((
      SELECT json_agg(json_build_object('type', x.type, 'machine', x.machine, 'occurred_at', x.occurred_at))
      FROM marketing_message_event x
      WHERE x.contact_id = c.id AND x.deleted_at IS NULL AND x.type = ANY($5)
    ), '[]'::json),
    'memberships', coalesce((
      SELECT json_agg(json_build_object('segment_id', sm.segment_id, 'exited_at', sm.exited_at))
      FROM marketing_segment_membership sm
      WHERE sm.contact_id = c.id AND sm.deleted_at IS NULL AND sm.exited_at IS NULL
    ), '[]'::json)
  )), '[]'::json)
  FROM marketing_contact c
  WHERE c.id = ANY($6) AND c.deleted_at IS NULL AND c.erased_at IS NULL) AS contacts`

/**
 * The two statements of an event's refresh, kept in the database as
 * functions (migration `Migration20261201060000`) with their parameters'
 * types: a function's plans are made once per connection and reused,
 * where each statement sent on its own was planned again on every call,
 * which took as long as running it. `force_generic_plan`, because the
 * planner otherwise keeps making a plan per call (it cannot see into the
 * JSON and id arrays, so each is the same plan). The migration holds a
 * frozen copy; a test fails when these bodies and the database's differ.
 */
export const CONTACT_REFRESH_FUNCTIONS = {
  marketing_contact_refresh: {
    parameters: "text, text[], timestamptz, text, text[], text[], text[]",
    returns: "TABLE(model jsonb, lead_score_rules json, segments json, contacts json)",
    volatility: "STABLE",
    body: CONTACT_REFRESH_QUERY,
  },
  marketing_apply_contact_changes: {
    parameters: "jsonb, jsonb, timestamptz",
    returns: "TABLE(segment_id text, contact_id text, entered boolean)",
    volatility: "VOLATILE",
    body: APPLY_CONTACT_CHANGES_QUERY,
  },
} as const

/** The statement that creates or replaces one of `CONTACT_REFRESH_FUNCTIONS`. */
export function contactRefreshFunctionSql(name: keyof typeof CONTACT_REFRESH_FUNCTIONS): string {
  const { parameters, returns, volatility, body } = CONTACT_REFRESH_FUNCTIONS[name]
  // The output columns share names with the tables' columns; the query means the tables'.
  return `CREATE OR REPLACE FUNCTION "${name}"(${parameters}) RETURNS ${returns}
LANGUAGE plpgsql ${volatility} SET plan_cache_mode = force_generic_plan AS $fn$
#variable_conflict use_column
BEGIN
  RETURN QUERY${body};
END
$fn$;`
}

/**
 * The timeline event types whose order id and data an event's refresh
 * reads whatever the lead-score rules say (`CONTACT_REFRESH_QUERY`'s last
 * parameter): orders and cancellations for segments, awarded points for
 * the lead score.
 */
export const WHOLE_EVENT_TYPES = [ORDER_PLACED, ORDER_CANCELED, LEAD_POINTS_EVENT]

/** `CONTACT_REFRESH_QUERY` as the service runs it, through its function. */
export const CONTACT_REFRESH_SQL = `
SELECT * FROM marketing_contact_refresh(?, ARRAY[?]::text[], ?::timestamptz, ?, ARRAY[?]::text[], ARRAY[?]::text[], ARRAY[?]::text[])`

/** `APPLY_CONTACT_CHANGES_QUERY` as the service runs it, through its function. */
export const APPLY_CONTACT_CHANGES_SQL = `
SELECT * FROM marketing_apply_contact_changes(?::jsonb, ?::jsonb, ?::timestamptz)`
