import { Migration } from "@medusajs/framework/mikro-orm/migrations";

/**
 * The two statements that re-check a few contacts after an event (read
 * everything, write what changed) as functions, so each connection plans
 * them once instead of on every call. Frozen copies of
 * `contactRefreshFunctionSql` in repositories/segment-context-sql.ts as it
 * was; a later change to those statements ships in a new migration.
 */
export class Migration20261201060000 extends Migration {

  override async up(): Promise<void> {
    this.addSql(`CREATE OR REPLACE FUNCTION "marketing_contact_refresh"(text, text[], timestamptz, text, text[], text[]) RETURNS TABLE(model jsonb, lead_score_rules json, segments json, contacts json)
LANGUAGE plpgsql STABLE SET plan_cache_mode = force_generic_plan AS $fn$
#variable_conflict use_column
BEGIN
  RETURN QUERY
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
      FROM marketing_contact_event e
      WHERE e.contact_id = c.id AND e.deleted_at IS NULL
        AND (e.type = ANY($2) OR e.occurred_at >= $3)
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
    this.addSql(`CREATE OR REPLACE FUNCTION "marketing_apply_contact_changes"(jsonb, jsonb, timestamptz) RETURNS TABLE(segment_id text, contact_id text, entered boolean)
LANGUAGE plpgsql VOLATILE SET plan_cache_mode = force_generic_plan AS $fn$
#variable_conflict use_column
BEGIN
  RETURN QUERY
WITH scores AS (
  SELECT * FROM jsonb_to_recordset($1) AS i(
    id text,
    rfm_recency int, rfm_frequency int, rfm_monetary int, rfm_segment text,
    engagement_score float8, engagement_points float8, engagement_counted_at timestamptz, lead_score int, churn_risk float8, probability_alive float8,
    predicted_orders_365 float8, predicted_value_365 float8, next_order_expected_at timestamptz,
    scores_recheck_at timestamptz, scores_due_at timestamptz, scores_updated_at timestamptz)
),
scored AS (
  UPDATE marketing_contact c SET
    rfm_recency = i.rfm_recency, rfm_frequency = i.rfm_frequency, rfm_monetary = i.rfm_monetary,
    rfm_segment = i.rfm_segment, engagement_score = CASE WHEN abs(i.engagement_score) <= power(2::float8, -150) THEN 0 ELSE i.engagement_score END,
    engagement_points = CASE WHEN abs(i.engagement_points) <= power(2::float8, -150) THEN 0 ELSE i.engagement_points END, engagement_counted_at = i.engagement_counted_at,
    lead_score = i.lead_score,
    churn_risk = CASE WHEN abs(i.churn_risk) <= power(2::float8, -150) THEN 0 ELSE i.churn_risk END, probability_alive = CASE WHEN abs(i.probability_alive) <= power(2::float8, -150) THEN 0 ELSE i.probability_alive END,
    predicted_orders_365 = CASE WHEN abs(i.predicted_orders_365) <= power(2::float8, -150) THEN 0 ELSE i.predicted_orders_365 END,
    predicted_value_365 = CASE WHEN abs(i.predicted_value_365) <= power(2::float8, -150) THEN 0 ELSE i.predicted_value_365 END,
    next_order_expected_at = i.next_order_expected_at, scores_recheck_at = i.scores_recheck_at,
    scores_due_at = i.scores_due_at, scores_updated_at = i.scores_updated_at, updated_at = now()
  FROM scores i WHERE c.id = i.id
),
input AS (
  SELECT * FROM jsonb_to_recordset($2) AS i(segment_id text, contact_id text, enter boolean)
),
exited AS (
  UPDATE marketing_segment_membership m SET exited_at = $3, updated_at = now()
  FROM input i
  WHERE NOT i.enter AND m.segment_id = i.segment_id AND m.contact_id = i.contact_id
    AND m.exited_at IS NULL AND m.deleted_at IS NULL
  RETURNING m.segment_id, m.contact_id
),
entered AS (
  INSERT INTO marketing_segment_membership (id, segment_id, contact_id, entered_at)
  SELECT 'mkt_sgm_' || replace(gen_random_uuid()::text, '-', ''), i.segment_id, i.contact_id, $3
  FROM input i WHERE i.enter
  ON CONFLICT (segment_id, contact_id) WHERE deleted_at IS NULL AND exited_at IS NULL DO NOTHING
  RETURNING segment_id, contact_id
),
changed AS (
  SELECT segment_id, contact_id, true AS entered FROM entered
  UNION ALL
  SELECT segment_id, contact_id, false AS entered FROM exited
),
counted AS (
  UPDATE marketing_segment s
  SET member_count = s.member_count + moved.delta, updated_at = now()
  FROM (
    SELECT segment_id, sum(CASE WHEN entered THEN 1 ELSE -1 END)::int AS delta FROM changed GROUP BY segment_id
  ) moved
  WHERE s.id = moved.segment_id
)
SELECT segment_id, contact_id, entered FROM changed;
END
$fn$;`);
  }

  override async down(): Promise<void> {
    this.addSql(`drop function if exists "marketing_apply_contact_changes"(jsonb, jsonb, timestamptz);`);
    this.addSql(`drop function if exists "marketing_contact_refresh"(text, text[], timestamptz, text, text[], text[]);`);
  }

}
