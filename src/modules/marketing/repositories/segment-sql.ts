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
