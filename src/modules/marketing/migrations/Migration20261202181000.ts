import { Migration } from "@medusajs/framework/mikro-orm/migrations";

/**
 * An event's refresh reads the events whose order id and data nothing
 * looks at (carts, sign-ups: most of a timeline) from the (contact_id,
 * type, occurred_at) index alone, and takes those types as a seventh
 * parameter. Drops the six-parameter function and creates its successor:
 * a frozen copy of `contactRefreshFunctionSql("marketing_contact_refresh")`
 * in repositories/segment-context-sql.ts as it is now.
 */
export class Migration20261202181000 extends Migration {

  override async up(): Promise<void> {
    this.addSql(`drop function if exists "marketing_contact_refresh"(text, text[], timestamptz, text, text[], text[]);`);
    this.addSql(`CREATE OR REPLACE FUNCTION "marketing_contact_refresh"(text, text[], timestamptz, text, text[], text[], text[]) RETURNS TABLE(model jsonb, lead_score_rules json, segments json, contacts json)
LANGUAGE plpgsql STABLE SET plan_cache_mode = force_generic_plan AS $fn$
#variable_conflict use_column
BEGIN
  RETURN QUERY
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
  WHERE c.id = ANY($6) AND c.deleted_at IS NULL AND c.erased_at IS NULL) AS contacts;
END
$fn$;`);
  }

  override async down(): Promise<void> {
    this.addSql(`drop function if exists "marketing_contact_refresh"(text, text[], timestamptz, text, text[], text[], text[]);`);
  }

}
