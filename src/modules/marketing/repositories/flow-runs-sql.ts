/**
 * Claims runs for one worker: those due (`wake_at` passed) whose lease is
 * free or expired (its worker died), or the given runs whatever their wake
 * time. SKIP LOCKED lets workers claim side by side without taking the
 * same run; the claim token guards the save that follows.
 */
export function claimFlowRunsSql(byId: boolean): string {
  return `
UPDATE marketing_flow_run r SET
  claim_token = ?, lease_until = ?::timestamptz, updated_at = now()
FROM (
  SELECT id FROM marketing_flow_run
  WHERE deleted_at IS NULL AND status IN ('active', 'waiting')
    AND (lease_until IS NULL OR lease_until < ?::timestamptz)
    -- A paused flow's runs wait where they are until it is active again.
    AND EXISTS (SELECT 1 FROM marketing_flow f WHERE f.id = flow_id AND f.status = 'active' AND f.deleted_at IS NULL)
    AND ${byId ? "id = ANY(ARRAY[?]::text[])" : "wake_at <= ?::timestamptz"}
  ORDER BY wake_at
  LIMIT ?
  FOR UPDATE SKIP LOCKED
) due
WHERE r.id = due.id
RETURNING r.*`
}

/**
 * Saves what a worker made of a run, only while it still holds the claim.
 * The first `applied` inbox events are removed; events that arrived since
 * stay, and make the run due at once.
 */
export const SAVE_FLOW_RUN_SQL = `
UPDATE marketing_flow_run r SET
  status = ?, state = ?::jsonb, current_step = ?, last_error = ?, failures = ?,
  finished_at = ?::timestamptz, exit_reason = ?, converted_at = coalesce(r.converted_at, ?::timestamptz),
  inbox = rest.events,
  wake_at = CASE WHEN jsonb_array_length(rest.events) > 0 AND ? IN ('active', 'waiting') THEN ?::timestamptz
                 ELSE ?::timestamptz END,
  claim_token = NULL, lease_until = NULL, updated_at = now()
FROM (
  SELECT coalesce(jsonb_agg(e ORDER BY i), '[]'::jsonb) AS events
  FROM marketing_flow_run inner_run, jsonb_array_elements(inner_run.inbox) WITH ORDINALITY AS t(e, i)
  WHERE inner_run.id = ? AND i > ?
) rest
WHERE r.id = ? AND r.claim_token = ?
RETURNING r.id`

/** Appends an event to runs' inboxes and makes them due now. */
export const DELIVER_FLOW_EVENT_SQL = `
UPDATE marketing_flow_run SET
  inbox = inbox || jsonb_build_array(?::jsonb),
  wake_at = LEAST(coalesce(wake_at, ?::timestamptz), ?::timestamptz),
  updated_at = now()
WHERE id = ANY(ARRAY[?]::text[]) AND deleted_at IS NULL AND status IN ('active', 'waiting')
RETURNING id`

/** Opens a step log row under its key; an existing row (a replay) is returned as it is. */
export const OPEN_STEP_LOG_SQL = `
WITH inserted AS (
  INSERT INTO marketing_flow_step_log (id, run_id, flow_id, step_id, step_type, key, outcome, occurred_at)
  VALUES (?, ?, ?, ?, ?, ?, 'entered', ?::timestamptz)
  ON CONFLICT (key) WHERE deleted_at IS NULL DO NOTHING
  RETURNING outcome, result
)
SELECT outcome, result FROM inserted
UNION ALL
SELECT outcome, result FROM marketing_flow_step_log WHERE key = ? AND deleted_at IS NULL
LIMIT 1`

/** Ends every running run of a flow, and skips what they still had queued. */
export const EXIT_FLOW_RUNS_SQL = `
WITH ended AS (
  UPDATE marketing_flow_run SET status = 'exited', exit_reason = ?, finished_at = now(), wake_at = NULL,
    claim_token = NULL, lease_until = NULL, updated_at = now()
  WHERE flow_id = ? AND deleted_at IS NULL AND status IN ('active', 'waiting')
  RETURNING id
),
skipped AS (
  UPDATE marketing_message m SET status = 'skipped', last_error = ?, updated_at = now()
  FROM ended
  WHERE m.deleted_at IS NULL AND m.status = 'queued' AND m.idempotency_key LIKE 'flow:' || ended.id || ':%'
  RETURNING m.id
)
SELECT (SELECT count(*) FROM ended) AS runs, (SELECT count(*) FROM skipped) AS messages`
