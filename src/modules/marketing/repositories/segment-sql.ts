/**
 * Brings a segment's membership in line with its rule in two set-based
 * statements: members the rule no longer matches get `exited_at`, contacts
 * it newly matches get a membership row. Returns who entered and who left,
 * so the caller can emit `marketing.segment_entered` / `_exited` for each.
 *
 * `match` is the compiled rule: a boolean SQL expression over the contact
 * alias `c`, with `?` bindings. With a contact list, only those contacts
 * are looked at (one contact after an event, or the contacts whose time
 * boundary passed); without one, the whole population is.
 */
export function segmentRefreshSql(match: string, scoped: boolean): string {
  // Joined as a set rather than searched as an array: on statistics from
  // before a big fill, re-checking 11,000 contacts in 8 segments of a
  // 200,000-contact store took 16-28 s with `= ANY(array)`, under 4 s this way.
  const scope = scoped ? "AND c.id IN (SELECT unnest(ARRAY[?]::text[]))" : ""
  const scopeMembers = scoped ? "AND sm.contact_id IN (SELECT unnest(ARRAY[?]::text[]))" : ""
  return `
WITH matching AS (
  SELECT c.id FROM marketing_contact c
  WHERE c.deleted_at IS NULL AND c.erased_at IS NULL ${scope} AND (${match})
),
exited AS (
  UPDATE marketing_segment_membership sm SET exited_at = ?::timestamptz, updated_at = now()
  WHERE sm.segment_id = ? AND sm.exited_at IS NULL AND sm.deleted_at IS NULL ${scopeMembers}
    AND NOT EXISTS (SELECT 1 FROM matching m WHERE m.id = sm.contact_id)
  RETURNING sm.contact_id
),
entered AS (
  INSERT INTO marketing_segment_membership (id, segment_id, contact_id, entered_at)
  SELECT 'mkt_sgm_' || replace(gen_random_uuid()::text, '-', ''), ?, m.id, ?::timestamptz
  FROM matching m
  WHERE NOT EXISTS (
    SELECT 1 FROM marketing_segment_membership sm
    WHERE sm.segment_id = ? AND sm.contact_id = m.id AND sm.exited_at IS NULL AND sm.deleted_at IS NULL
  )
  ON CONFLICT (segment_id, contact_id) WHERE deleted_at IS NULL AND exited_at IS NULL DO NOTHING
  RETURNING contact_id
)
SELECT
  (SELECT coalesce(array_agg(contact_id), '{}') FROM entered) AS entered,
  (SELECT coalesce(array_agg(contact_id), '{}') FROM exited) AS exited`
}

/**
 * One segment's compiled rule, for a rebuild of several at once; `rowOnly`
 * when it reads nothing but the contact's row.
 */
export type SegmentMatch = { segment_id: string; sql: string; bindings: unknown[]; rowOnly: boolean }

/** Where `segmentsMatchSql` keeps one pass's matches until its transaction ends. */
const MATCHED = "marketing_segment_matched"
/** Where `MOVED_SQL` keeps the memberships to open and close. */
const MOVED = "marketing_segment_moved"

const LIVE_CONTACT = "c.deleted_at IS NULL AND c.erased_at IS NULL"

/**
 * Every contact each of several segments matches, as (contact, segment)
 * pairs in a temporary table that goes at commit. The rules that read only
 * the contact's row share one scan of the contacts, each a `CASE` in the
 * row's list of segments; a rule with subqueries keeps a scan of its own,
 * where the planner turns them into joins rather than running them once
 * per contact. Unlike a statement that writes the memberships itself,
 * `CREATE TABLE AS` may split the scans over parallel workers. A rule
 * reading another segment's membership sees it as stored, so the caller
 * passes segments one dependency level at a time.
 */
export function segmentsMatchSql(matches: SegmentMatch[]): { sql: string; bindings: unknown[] } {
  const rowOnly = matches.filter((match) => match.rowOnly)
  const scans: string[] = []
  const bindings: unknown[] = []
  if (rowOnly.length) {
    const cases = rowOnly.map((match) => `CASE WHEN (${match.sql}) THEN ?::text END`)
    scans.push(`SELECT c.id AS contact_id, s.segment_id
FROM marketing_contact c CROSS JOIN LATERAL unnest(ARRAY[${cases.join(",\n  ")}]) AS s(segment_id)
WHERE ${LIVE_CONTACT} AND s.segment_id IS NOT NULL`)
    rowOnly.forEach((match) => bindings.push(...match.bindings, match.segment_id))
  }
  for (const match of matches.filter((match) => !match.rowOnly)) {
    scans.push(`SELECT c.id AS contact_id, ?::text AS segment_id
FROM marketing_contact c WHERE ${LIVE_CONTACT} AND (${match.sql})`)
    bindings.push(match.segment_id, ...match.bindings)
  }
  return {
    sql: `CREATE TEMPORARY TABLE ${MATCHED} ON COMMIT DROP AS\n${scans.join("\nUNION ALL\n")}`,
    bindings,
  }
}

/** The planner's statistics of the pass's matches, for the join that follows. */
export const ANALYZE_MATCHED_SQL = `ANALYZE ${MATCHED}`

/**
 * The memberships to open (matched, not a member) and to close (a member,
 * no longer matched) of the segments `segmentsMatchSql` matched, found in
 * one join of the matches with the open memberships, kept in a temporary
 * table. One join rather than two anti-joins, so the pairs (three million
 * at a million contacts) are hashed once, not twice. Parameter: the segment
 * ids.
 */
export const MOVED_SQL = `
CREATE TEMPORARY TABLE ${MOVED} ON COMMIT DROP AS
SELECT coalesce(m.segment_id, sm.segment_id) AS segment_id, coalesce(m.contact_id, sm.contact_id) AS contact_id,
  m.contact_id IS NOT NULL AS enter
FROM ${MATCHED} m
FULL JOIN (
  SELECT segment_id, contact_id FROM marketing_segment_membership
  WHERE segment_id = ANY(ARRAY[?]::text[]) AND exited_at IS NULL AND deleted_at IS NULL
) sm ON sm.segment_id = m.segment_id AND sm.contact_id = m.contact_id
WHERE m.contact_id IS NULL OR sm.contact_id IS NULL`

/**
 * The CTEs that close (`enter` false) and open (`enter` true) the
 * memberships a relation lists as (segment_id, contact_id, enter), at the
 * time `at`, ending in `changed` (segment_id, contact_id, entered): what
 * actually moved, since a membership another refresh already opened or
 * closed is left alone.
 */
export function membershipMovesSql(moves: string, at: string): string {
  return `exited AS (
  UPDATE marketing_segment_membership m SET exited_at = ${at}, updated_at = now()
  FROM ${moves} i
  WHERE NOT i.enter AND m.segment_id = i.segment_id AND m.contact_id = i.contact_id
    AND m.exited_at IS NULL AND m.deleted_at IS NULL
  RETURNING m.segment_id, m.contact_id
),
entered AS (
  INSERT INTO marketing_segment_membership (id, segment_id, contact_id, entered_at)
  SELECT 'mkt_sgm_' || replace(gen_random_uuid()::text, '-', ''), i.segment_id, i.contact_id, ${at}
  FROM ${moves} i WHERE i.enter
  ON CONFLICT (segment_id, contact_id) WHERE deleted_at IS NULL AND exited_at IS NULL DO NOTHING
  RETURNING segment_id, contact_id
),
changed AS (
  SELECT segment_id, contact_id, true AS entered FROM entered
  UNION ALL
  SELECT segment_id, contact_id, false AS entered FROM exited
)`
}

/**
 * Opens and closes the memberships `MOVED_SQL` found, in one statement.
 * Parameters: the time twice, then the segment ids. Returns who entered
 * and who left, one row per segment.
 */
export const APPLY_MOVED_SQL = `
WITH ${membershipMovesSql(MOVED, "?::timestamptz")}
SELECT s.id AS segment_id,
  coalesce(array_agg(ch.contact_id) FILTER (WHERE ch.entered), '{}') AS entered,
  coalesce(array_agg(ch.contact_id) FILTER (WHERE NOT ch.entered), '{}') AS exited
FROM unnest(ARRAY[?]::text[]) AS s(id) LEFT JOIN changed ch ON ch.segment_id = s.id
GROUP BY s.id`

/** Drops the temporary tables of a rebuild, for the next level in the same transaction. */
export const DROP_REBUILD_TABLES_SQL = `DROP TABLE ${MATCHED}, ${MOVED}`

/**
 * Recounts (and so repairs) the member counts of segments rebuilt over the
 * whole population and stamps their refresh. Parameters: the time, then
 * the segment ids twice.
 */
export const RECOUNT_SEGMENTS_SQL = `
UPDATE marketing_segment s
SET member_count = coalesce(n.members, 0), last_refreshed_at = ?::timestamptz, updated_at = now()
FROM unnest(ARRAY[?]::text[]) AS ids(id)
LEFT JOIN (
  SELECT segment_id, count(*)::int AS members FROM marketing_segment_membership
  WHERE segment_id = ANY(ARRAY[?]::text[]) AND exited_at IS NULL AND deleted_at IS NULL
  GROUP BY segment_id
) n ON n.segment_id = ids.id
WHERE s.id = ids.id`
