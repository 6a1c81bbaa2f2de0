import { MedusaError } from "@medusajs/framework/utils"
import type { SqlEntityManager } from "@medusajs/framework/mikro-orm/postgresql"
import {
  AbTest,
  campaignMessageData,
  ConversionTotals,
  MessageCounts,
  sampleSize,
  SendPlanEntry,
  startPlan,
  VariantOutcome,
  winnerPlan,
} from "../../../lib/campaigns"

/**
 * Campaign sending in SQL. An audience can be a million contacts: it is
 * computed, sampled and turned into outbox rows inside Postgres, set-based,
 * and only counts come back to Node. Every statement that changes a
 * campaign's status is conditional on the status it expects, so two
 * instances running the sending job at once (or the job racing an admin's
 * cancel) settle on one outcome; the outbox's unique idempotency key
 * `campaign:<campaign id>:<contact id>` does the same for messages.
 */

export type CampaignStatus = "draft" | "scheduled" | "sending" | "sent" | "cancelled"

export type CampaignRow = {
  id: string
  name: string
  status: CampaignStatus
  template_id: string
  subject: string | null
  segment_ids: string[]
  exclude_segment_ids: string[] | null
  transactional: boolean
  scheduled_at: Date | null
  local_time: boolean
  ab_test: AbTest | null
  winner_variant: string | null
  decided_at: Date | null
  audience_count: number | null
  started_at: Date | null
  finished_at: Date | null
  cancelled_at: Date | null
}

export type CampaignAudience = { segment_ids: string[]; exclude_segment_ids?: string[] | null }

/** The last_error of messages a cancellation stopped. */
export const CAMPAIGN_CANCELLED = "campaign cancelled"

/** Collects positional bindings in the order their placeholders appear in the text. */
function bindings() {
  const params: unknown[] = []
  const bind = (value: unknown, cast = "") => {
    params.push(value)
    return `?${cast}`
  }
  return { params, bind }
}

/**
 * Live contacts currently in any of the segments and in none of the
 * exclusions. Deleted segments count for nothing; erased contacts are never
 * an audience. Ids travel as JSON so an empty list needs no special case.
 */
function audienceCte(audience: CampaignAudience, bind: (value: unknown, cast?: string) => string): string {
  const member = (ids: string[]) => `
    SELECT 1 FROM marketing_segment_membership sm
    JOIN marketing_segment s ON s.id = sm.segment_id AND s.deleted_at IS NULL
    WHERE sm.contact_id = c.id AND sm.exited_at IS NULL AND sm.deleted_at IS NULL
      AND sm.segment_id IN (SELECT jsonb_array_elements_text(${bind(JSON.stringify(ids), "::jsonb")}))`
  return `audience AS (
    SELECT c.id, c.email, c.timezone, c.consent_status, c.suppressed_at FROM marketing_contact c
    WHERE c.deleted_at IS NULL AND c.erased_at IS NULL
      AND EXISTS (${member(audience.segment_ids)})
      AND NOT EXISTS (${member(audience.exclude_segment_ids ?? [])})
  )`
}

/**
 * The audience's size, and how many of it the send would reach: contacts
 * not suppressed and, unless the campaign is transactional, subscribed. The
 * dispatcher skips the others when the campaign sends.
 */
export async function measureAudience(
  manager: SqlEntityManager,
  audience: CampaignAudience,
  transactional: boolean
): Promise<{ count: number; reachable: number }> {
  const { params, bind } = bindings()
  const sql = `WITH ${audienceCte(audience, bind)}
    SELECT count(*)::int AS count,
           count(*) FILTER (WHERE suppressed_at IS NULL AND (${bind(transactional)}::boolean OR consent_status = 'subscribed'))::int AS reachable
    FROM audience`
  const [row] = await manager.execute<{ count: number; reachable: number }[]>(sql, params)
  return { count: Number(row.count), reachable: Number(row.reachable) }
}

/** Locks a campaign row for the rest of the transaction; 404 when there is none. */
export async function lockCampaign(manager: SqlEntityManager, id: string): Promise<CampaignRow> {
  const [row] = await manager.execute<CampaignRow[]>(
    `SELECT * FROM marketing_campaign WHERE id = ? AND deleted_at IS NULL FOR UPDATE`,
    [id]
  )
  if (!row) {
    throw new MedusaError(MedusaError.Types.NOT_FOUND, `Campaign with id: ${id} was not found`)
  }
  return row
}

export function assertCampaignStatus(campaign: CampaignRow, allowed: CampaignStatus[], action: string): void {
  if (!allowed.includes(campaign.status)) {
    throw new MedusaError(
      MedusaError.Types.NOT_ALLOWED,
      `Campaign ${campaign.id} is ${campaign.status}: only a ${allowed.join(" or ")} campaign can be ${action}`
    )
  }
}

type ResolvedEntry = SendPlanEntry & { template_version_id: string; topic: string | null }

/** Pins each plan entry to a template version: the template's current one unless one is given. */
async function resolveVersions(manager: SqlEntityManager, plan: SendPlanEntry[]): Promise<ResolvedEntry[]> {
  const rows = await manager.execute<{ ord: number; template_version_id: string | null; topic: string | null }[]>(
    `SELECT p.ord, v.id AS template_version_id, t.topic
     FROM jsonb_to_recordset(?::jsonb) AS p(ord int, template_id text, template_version_id text)
     LEFT JOIN marketing_template t ON t.id = p.template_id AND t.deleted_at IS NULL
     LEFT JOIN marketing_template_version v ON v.template_id = t.id AND v.deleted_at IS NULL
       AND (v.id = p.template_version_id OR (p.template_version_id IS NULL AND v.version = t.latest_version))`,
    [JSON.stringify(plan)]
  )
  const byOrd = new Map(rows.map((row) => [Number(row.ord), row]))
  return plan.map((entry) => {
    const row = byOrd.get(entry.ord)
    if (!row?.template_version_id) {
      throw new MedusaError(
        MedusaError.Types.INVALID_DATA,
        `template_id: template ${entry.template_id} no longer exists or has no version to send`
      )
    }
    return { ...entry, template_version_id: row.template_version_id, topic: row.topic }
  })
}

/**
 * Inserts one outbox message per audience contact, in one statement.
 * With `sampleLimit`, only the first that many contacts in the order of
 * md5(campaign id, contact id) — a deterministic, unbiased sample that a
 * re-run picks again — dealt round-robin over the plan's variants so the
 * split is even. A local-time campaign's messages wait for the scheduled
 * wall-clock time in the contact's zone (UTC when it has none, or one
 * Postgres does not know). Returns how many were new.
 */
async function queueMessages(
  manager: SqlEntityManager,
  input: {
    campaign: CampaignRow
    plan: ResolvedEntry[]
    step: "sample" | "winner" | null
    sampleLimit: number | null
    now: Date
  }
): Promise<number> {
  const { campaign, plan, now } = input
  const { params, bind } = bindings()
  const sampling = input.sampleLimit !== null
  const entries = plan.map((entry) => ({
    ord: entry.ord,
    variant: entry.variant,
    template_version_id: entry.template_version_id,
    topic: entry.topic,
    data: campaignMessageData(campaign, entry),
  }))
  const sendAfter = () =>
    campaign.local_time
      ? `greatest(${bind(now, "::timestamptz")},
          (${bind(campaign.scheduled_at, "::timestamptz")} AT TIME ZONE 'UTC') AT TIME ZONE coalesce(z.name, 'UTC'))`
      : bind(now, "::timestamptz")
  // Placeholders are bound in text order: the CTEs first, then the SELECT.
  const ctes = `${audienceCte(campaign, bind)},
    plan AS (
      SELECT * FROM jsonb_to_recordset(${bind(JSON.stringify(entries), "::jsonb")})
        AS p(ord int, variant text, template_version_id text, topic text, data jsonb)
    ),
    picked AS (
      SELECT a.*, ${sampling ? `row_number() OVER (ORDER BY md5(${bind(campaign.id)} || ':' || a.id), a.id)` : "1::bigint"} AS rank
      FROM audience a
    )${campaign.local_time ? `, zones AS (SELECT name FROM pg_timezone_names)` : ""}`
  const select = `
    SELECT 'mkt_msg_' || replace(gen_random_uuid()::text, '-', ''), a.id, p.template_version_id, a.email,
      'campaign', ${bind(campaign.id)}, ${bind(input.step)}::text, p.variant, ${bind(campaign.transactional)}::boolean,
      p.topic, ${sendAfter()}, 'campaign:' || ${bind(campaign.id)} || ':' || a.id, p.data
    FROM picked a
    JOIN plan p ON p.ord = (a.rank - 1) % ${bind(plan.length)}
    ${campaign.local_time ? "LEFT JOIN zones z ON z.name = a.timezone" : ""}
    ${sampling ? `WHERE a.rank <= ${bind(input.sampleLimit)}` : ""}`
  const [row] = await manager.execute<{ queued: number }[]>(
    `WITH ${ctes},
     inserted AS (
       INSERT INTO marketing_message
         (id, contact_id, template_version_id, to_email, reason_type, reason_id, reason_step, variant,
          transactional, topic, send_after, idempotency_key, data)
       ${select}
       ON CONFLICT (idempotency_key) WHERE deleted_at IS NULL DO NOTHING
       RETURNING 1
     )
     SELECT count(*)::int AS queued FROM inserted`,
    params
  )
  return Number(row.queued)
}

export type CampaignStart = { id: string; audience: number; queued: number }

/**
 * Starts a scheduled campaign: takes it to `sending`, computes its audience
 * and queues it — everyone, or an A/B test's sample — and stores the
 * audience's size, all in the caller's transaction. The conditional update
 * makes exactly one of several racing starts win; the others get null.
 */
export async function startCampaign(manager: SqlEntityManager, id: string, now: Date): Promise<CampaignStart | null> {
  const [campaign] = await manager.execute<CampaignRow[]>(
    `UPDATE marketing_campaign SET status = 'sending', started_at = ?, updated_at = now()
     WHERE id = ? AND status = 'scheduled' AND deleted_at IS NULL
     RETURNING *`,
    [now, id]
  )
  if (!campaign) {
    return null
  }
  const plan = await resolveVersions(manager, startPlan(campaign))
  const { count: audience } = await measureAudience(manager, campaign, campaign.transactional)
  const abTest = campaign.ab_test
  const queued = await queueMessages(manager, {
    campaign,
    plan,
    step: abTest ? "sample" : null,
    sampleLimit: abTest ? sampleSize(audience, abTest.sample_percent, abTest.variants.length) : null,
    now,
  })
  await manager.execute(`UPDATE marketing_campaign SET audience_count = ? WHERE id = ?`, [audience, id])
  return { id, audience, queued }
}

/** Undoes a start: the messages not sent yet go, and the campaign is scheduled again. */
export async function revertCampaignStart(manager: SqlEntityManager, id: string): Promise<void> {
  await manager.execute(
    `DELETE FROM marketing_message
     WHERE reason_type = 'campaign' AND reason_id = ? AND status = 'queued' AND deleted_at IS NULL`,
    [id]
  )
  await manager.execute(
    `UPDATE marketing_campaign SET status = 'scheduled', started_at = NULL, audience_count = NULL, updated_at = now()
     WHERE id = ? AND status = 'sending'`,
    [id]
  )
}

/**
 * Records an A/B test's winner and queues it to the rest of the audience
 * as it is now; the sample's contacts already have their message under the
 * same key and are left out by it. Null when the test was decided already
 * or the campaign stopped sending. Returns the audience count it replaced.
 */
export async function sendCampaignWinner(
  manager: SqlEntityManager,
  id: string,
  winner: string,
  now: Date
): Promise<{ queued: number; previous_audience_count: number | null } | null> {
  const [campaign] = await manager.execute<CampaignRow[]>(
    `UPDATE marketing_campaign SET winner_variant = ?, decided_at = ?, updated_at = now()
     WHERE id = ? AND status = 'sending' AND decided_at IS NULL AND ab_test IS NOT NULL AND deleted_at IS NULL
     RETURNING *`,
    [winner, now, id]
  )
  if (!campaign) {
    return null
  }
  const variant = campaign.ab_test!.variants.find((candidate) => candidate.key === winner)
  if (!variant) {
    throw new MedusaError(MedusaError.Types.INVALID_DATA, `ab_test: "${winner}" is not one of the campaign's variants`)
  }
  const [tested] = await manager.execute<{ template_version_id: string }[]>(
    `SELECT template_version_id FROM marketing_message
     WHERE reason_type = 'campaign' AND reason_id = ? AND variant = ? AND deleted_at IS NULL LIMIT 1`,
    [id, winner]
  )
  const plan = await resolveVersions(manager, winnerPlan(campaign, variant, tested?.template_version_id ?? null))
  const queued = await queueMessages(manager, { campaign, plan, step: "winner", sampleLimit: null, now })
  await manager.execute(
    `UPDATE marketing_campaign SET audience_count = (
       SELECT count(*) FROM marketing_message WHERE reason_type = 'campaign' AND reason_id = ? AND deleted_at IS NULL)
     WHERE id = ?`,
    [id, id]
  )
  return { queued, previous_audience_count: campaign.audience_count }
}

/** Undoes a decision: the winner's messages not sent yet go, and the test is open again. */
export async function revertCampaignWinner(
  manager: SqlEntityManager,
  id: string,
  previousAudienceCount: number | null
): Promise<void> {
  await manager.execute(
    `DELETE FROM marketing_message
     WHERE reason_type = 'campaign' AND reason_id = ? AND reason_step = 'winner' AND status = 'queued' AND deleted_at IS NULL`,
    [id]
  )
  await manager.execute(
    `UPDATE marketing_campaign SET winner_variant = NULL, decided_at = NULL, audience_count = ?, updated_at = now()
     WHERE id = ?`,
    [previousAudienceCount, id]
  )
}

/**
 * Cancels a campaign. A sending one stops: its queued messages are
 * skipped, in the same transaction; messages a dispatcher holds already
 * go out, and what was sent stays sent. The row lock makes a racing start
 * either finish first (and be stopped here) or find the campaign cancelled.
 */
export async function cancelCampaign(
  manager: SqlEntityManager,
  id: string,
  now: Date
): Promise<{ previous: { status: CampaignStatus; cancelled_at: Date | null }; skipped: number }> {
  const campaign = await lockCampaign(manager, id)
  assertCampaignStatus(campaign, ["draft", "scheduled", "sending"], "cancelled")
  await manager.execute(
    `UPDATE marketing_campaign SET status = 'cancelled', cancelled_at = ?, updated_at = now() WHERE id = ?`,
    [now, id]
  )
  let skipped = 0
  if (campaign.status === "sending") {
    const [row] = await manager.execute<{ skipped: number }[]>(
      `WITH skipped AS (
         UPDATE marketing_message SET status = 'skipped', last_error = ?, updated_at = now()
         WHERE reason_type = 'campaign' AND reason_id = ? AND status = 'queued' AND deleted_at IS NULL
         RETURNING 1
       ) SELECT count(*)::int AS skipped FROM skipped`,
      [CAMPAIGN_CANCELLED, id]
    )
    skipped = Number(row.skipped)
  }
  return { previous: { status: campaign.status, cancelled_at: campaign.cancelled_at }, skipped }
}

/** Undoes a cancellation: the campaign's status comes back, and so do the messages it skipped. */
export async function revertCampaignCancel(
  manager: SqlEntityManager,
  id: string,
  previous: { status: CampaignStatus; cancelled_at: Date | string | null }
): Promise<void> {
  await manager.execute(
    `UPDATE marketing_campaign SET status = ?, cancelled_at = ?::timestamptz, updated_at = now()
     WHERE id = ? AND status = 'cancelled'`,
    [previous.status, previous.cancelled_at, id]
  )
  if (previous.status === "sending") {
    await manager.execute(
      `UPDATE marketing_message SET status = 'queued', last_error = NULL, updated_at = now()
       WHERE reason_type = 'campaign' AND reason_id = ? AND status = 'skipped' AND last_error = ? AND deleted_at IS NULL`,
      [id, CAMPAIGN_CANCELLED]
    )
  }
}

/**
 * Marks sending campaigns sent once none of their messages is waiting or
 * in a dispatcher's hands, and an A/B test among them has sent its winner.
 * A campaign never finishes before `now` reaches its start.
 */
export async function finishCampaigns(manager: SqlEntityManager, now: Date): Promise<string[]> {
  const rows = await manager.execute<{ id: string }[]>(
    `UPDATE marketing_campaign c SET status = 'sent', finished_at = ?, updated_at = now()
     WHERE c.status = 'sending' AND c.deleted_at IS NULL AND c.started_at <= ?
       AND (c.ab_test IS NULL OR c.decided_at IS NOT NULL)
       AND NOT EXISTS (
         SELECT 1 FROM marketing_message m
         WHERE m.reason_type = 'campaign' AND m.reason_id = c.id AND m.deleted_at IS NULL
           AND m.status IN ('queued', 'sending'))
     RETURNING c.id`,
    [now, now]
  )
  return rows.map((row) => row.id)
}

/** Undoes `finishCampaigns` for the given campaigns. */
export async function reopenCampaigns(manager: SqlEntityManager, ids: string[]): Promise<void> {
  await manager.execute(
    `UPDATE marketing_campaign SET status = 'sending', finished_at = NULL, updated_at = now()
     WHERE id IN (SELECT jsonb_array_elements_text(?::jsonb)) AND status = 'sent'`,
    [JSON.stringify(ids)]
  )
}

/**
 * A message a dispatcher held when its campaign was cancelled can come back
 * to the queue when that send fails and is retried; this skips such
 * messages of campaigns cancelled since `since` (retries end within hours).
 * Returns what each skipped message's last_error was, for compensation.
 */
export async function skipCancelledCampaignMessages(
  manager: SqlEntityManager,
  since: Date
): Promise<{ id: string; last_error: string | null }[]> {
  return await manager.execute(
    `WITH stale AS (
       SELECT m.id, m.last_error FROM marketing_message m
       JOIN marketing_campaign c ON c.id = m.reason_id
       WHERE c.status = 'cancelled' AND c.cancelled_at >= ? AND c.started_at IS NOT NULL
         AND m.reason_type = 'campaign' AND m.status = 'queued' AND m.deleted_at IS NULL
       FOR UPDATE OF m SKIP LOCKED
     )
     UPDATE marketing_message m SET status = 'skipped', last_error = ?, updated_at = now()
     FROM stale WHERE m.id = stale.id
     RETURNING stale.id, stale.last_error`,
    [since, CAMPAIGN_CANCELLED]
  )
}

export async function requeueMessages(
  manager: SqlEntityManager,
  messages: { id: string; last_error: string | null }[]
): Promise<void> {
  if (!messages.length) {
    return
  }
  await manager.execute(
    `UPDATE marketing_message m SET status = 'queued', last_error = r.last_error, updated_at = now()
     FROM jsonb_to_recordset(?::jsonb) AS r(id text, last_error text)
     WHERE m.id = r.id AND m.status = 'skipped'`,
    [JSON.stringify(messages)]
  )
}

/**
 * What each variant's messages achieved, for deciding an A/B test:
 * messages sent, a person's opens and clicks (machine ones are never
 * counted on the message), and net attributed revenue.
 */
export async function variantOutcomes(manager: SqlEntityManager, id: string): Promise<VariantOutcome[]> {
  const rows = await manager.execute<Record<string, string | number | null>[]>(
    `SELECT m.variant,
       count(*) FILTER (WHERE m.status = 'sent')::int AS sent,
       count(m.opened_at)::int AS opened,
       count(m.clicked_at)::int AS clicked,
       coalesce((
         SELECT sum(greatest(cv.amount - cv.refunded_amount, 0)) FROM marketing_conversion cv
         WHERE cv.reason_type = 'campaign' AND cv.reason_id = ? AND cv.variant = m.variant
           AND cv.canceled_at IS NULL AND cv.deleted_at IS NULL
       ), 0) AS revenue
     FROM marketing_message m
     WHERE m.reason_type = 'campaign' AND m.reason_id = ? AND m.deleted_at IS NULL AND m.variant IS NOT NULL
     GROUP BY m.variant`,
    [id, id]
  )
  return rows.map((row) => ({
    variant: row.variant as string,
    sent: Number(row.sent),
    opened: Number(row.opened),
    clicked: Number(row.clicked),
    revenue: Number(row.revenue),
  }))
}

export type CampaignResultRows = {
  counts: MessageCounts[]
  conversions: ConversionTotals[]
  /** A person's first opens and clicks, per hour (UTC). */
  series: { hour: string; opened: number; clicked: number }[]
}

/**
 * Message counts and conversions of several campaigns, grouped by campaign,
 * variant and phase: three aggregate statements whatever the number of
 * campaigns, for a list page's totals as for one campaign's results.
 */
export async function campaignGroupRows(
  manager: SqlEntityManager,
  ids: string[]
): Promise<{ counts: (MessageCounts & { campaign_id: string })[]; conversions: (ConversionTotals & { campaign_id: string })[] }> {
  if (!ids.length) {
    return { counts: [], conversions: [] }
  }
  const campaigns = JSON.stringify(ids)
  const counts = await manager.execute<Record<string, unknown>[]>(
    `SELECT m.reason_id AS campaign_id, m.variant, m.reason_step AS phase,
       count(*)::int AS recipients,
       count(*) FILTER (WHERE m.status = 'sent')::int AS sent,
       count(m.delivered_at)::int AS delivered,
       count(m.opened_at)::int AS opened,
       count(m.clicked_at)::int AS clicked,
       count(m.bounced_at)::int AS bounced,
       count(*) FILTER (WHERE m.status IN ('queued', 'sending'))::int AS queued,
       count(*) FILTER (WHERE m.status IN ('skipped', 'suppressed'))::int AS skipped,
       count(*) FILTER (WHERE m.status = 'failed')::int AS failed
     FROM marketing_message m
     WHERE m.reason_type = 'campaign' AND m.reason_id IN (SELECT jsonb_array_elements_text(?::jsonb)) AND m.deleted_at IS NULL
     GROUP BY m.reason_id, m.variant, m.reason_step`,
    [campaigns]
  )
  const unsubscribed = await manager.execute<
    { campaign_id: string; variant: string | null; phase: string | null; unsubscribed: number }[]
  >(
    `SELECT m.reason_id AS campaign_id, m.variant, m.reason_step AS phase, count(DISTINCT e.message_id)::int AS unsubscribed
     FROM marketing_message_event e
     JOIN marketing_message m ON m.id = e.message_id
     WHERE e.type = 'unsubscribed' AND e.deleted_at IS NULL
       AND m.reason_type = 'campaign' AND m.reason_id IN (SELECT jsonb_array_elements_text(?::jsonb)) AND m.deleted_at IS NULL
     GROUP BY m.reason_id, m.variant, m.reason_step`,
    [campaigns]
  )
  const conversions = await manager.execute<Record<string, unknown>[]>(
    `SELECT reason_id AS campaign_id, variant, reason_step AS phase, currency_code, count(*)::int AS conversions,
       coalesce(sum(greatest(amount - refunded_amount, 0)), 0) AS revenue
     FROM marketing_conversion
     WHERE reason_type = 'campaign' AND reason_id IN (SELECT jsonb_array_elements_text(?::jsonb))
       AND canceled_at IS NULL AND deleted_at IS NULL
     GROUP BY reason_id, variant, reason_step, currency_code`,
    [campaigns]
  )
  const key = (row: { campaign_id: unknown; variant: unknown; phase: unknown }) =>
    `${row.campaign_id}\u0000${row.variant ?? ""}\u0000${row.phase ?? ""}`
  const unsubscribedBy = new Map(unsubscribed.map((row) => [key(row), Number(row.unsubscribed)]))
  return {
    counts: counts.map((row) => ({
      campaign_id: String(row.campaign_id),
      variant: (row.variant as string | null) ?? null,
      phase: (row.phase as string | null) ?? null,
      recipients: Number(row.recipients),
      sent: Number(row.sent),
      delivered: Number(row.delivered),
      opened: Number(row.opened),
      clicked: Number(row.clicked),
      bounced: Number(row.bounced),
      unsubscribed: unsubscribedBy.get(key(row as { campaign_id: unknown; variant: unknown; phase: unknown })) ?? 0,
      queued: Number(row.queued),
      skipped: Number(row.skipped),
      failed: Number(row.failed),
    })),
    conversions: conversions.map((row) => ({
      campaign_id: String(row.campaign_id),
      variant: (row.variant as string | null) ?? null,
      phase: (row.phase as string | null) ?? null,
      currency_code: String(row.currency_code),
      conversions: Number(row.conversions),
      revenue: Number(row.revenue),
    })),
  }
}

/** The figures behind a campaign's results page: its groups by variant and phase, and opens and clicks by hour. */
export async function campaignResultRows(manager: SqlEntityManager, id: string): Promise<CampaignResultRows> {
  const { counts, conversions } = await campaignGroupRows(manager, [id])
  const series = await manager.execute<{ hour: Date; opened: number; clicked: number }[]>(
    `SELECT date_trunc('hour', t.at AT TIME ZONE 'UTC') AT TIME ZONE 'UTC' AS hour,
       count(*) FILTER (WHERE t.kind = 'opened')::int AS opened,
       count(*) FILTER (WHERE t.kind = 'clicked')::int AS clicked
     FROM (
       SELECT opened_at AS at, 'opened' AS kind FROM marketing_message
       WHERE reason_type = 'campaign' AND reason_id = ? AND deleted_at IS NULL AND opened_at IS NOT NULL
       UNION ALL
       SELECT clicked_at, 'clicked' FROM marketing_message
       WHERE reason_type = 'campaign' AND reason_id = ? AND deleted_at IS NULL AND clicked_at IS NOT NULL
     ) t
     GROUP BY 1 ORDER BY 1`,
    [id, id]
  )
  return {
    counts: counts.map(({ campaign_id: _campaign, ...row }) => row),
    conversions: conversions.map(({ campaign_id: _campaign, ...row }) => row),
    series: series.map((row) => ({
      hour: new Date(row.hour).toISOString(),
      opened: Number(row.opened),
      clicked: Number(row.clicked),
    })),
  }
}
