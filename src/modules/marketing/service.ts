import { Context, InferTypeOf } from "@medusajs/framework/types"
import {
  InjectManager,
  InjectTransactionManager,
  MedusaContext,
  MedusaError,
  MedusaService,
  generateEntityId,
} from "@medusajs/framework/utils"
import { SqlEntityManager } from "@medusajs/framework/mikro-orm/postgresql"
import Contact from "./models/contact"
import ContactEvent from "./models/contact-event"
import JobState from "./models/job-state"
import TrackedCart from "./models/tracked-cart"
import Template from "./models/template"
import TemplateVersion from "./models/template-version"
import Message from "./models/message"
import MessageEvent from "./models/message-event"
import Settings from "./models/settings"
import Segment from "./models/segment"
import SegmentMembership from "./models/segment-membership"
import LeadScoreRule from "./models/lead-score-rule"
import Flow from "./models/flow"
import FlowVersion from "./models/flow-version"
import FlowRun from "./models/flow-run"
import FlowStepLog from "./models/flow-step-log"
import Campaign from "./models/campaign"
import Conversion from "./models/conversion"
import { MarketingSettings, readSettings } from "./settings"
import {
  ANALYZE_MATCHED_SQL,
  APPLY_MOVED_SQL,
  DROP_REBUILD_TABLES_SQL,
  MOVED_SQL,
  RECOUNT_SEGMENTS_SQL,
  SegmentMatch,
  segmentRefreshSql,
  segmentsMatchSql,
} from "./repositories/segment-sql"
import { JIT_OFF_SQL, previewMatchSql, WHOLE_SCAN_SETTINGS_SQL, scanRows, withoutJit } from "./repositories/population-sql"
import {
  claimFlowRunsSql,
  DELIVER_FLOW_EVENT_SQL,
  EXIT_FLOW_RUNS_SQL,
  OPEN_STEP_LOG_SQL,
  SAVE_FLOW_RUN_SQL,
} from "./repositories/flow-runs-sql"
import {
  APPLY_CONTACT_CHANGES_SQL,
  CONTACT_REFRESH_SQL,
  ContactRefresh,
  SEGMENT_CONTACTS_SQL,
  SEGMENT_EVENTS_SQL,
  SEGMENT_MEMBERSHIPS_SQL,
  SEGMENT_MESSAGE_EVENTS_SQL,
  SEGMENT_MESSAGES_SQL,
  SegmentContactContext,
  WHOLE_EVENT_TYPES,
} from "./repositories/segment-context-sql"
import {
  CART_ABANDONED,
  ENGAGEMENT_EVENT_TYPES,
  MESSAGE_SENT,
  MembershipDecision,
  ORDER_CANCELED,
  ORDER_PLACED,
} from "../../lib/segments"
import { SCORE_ACTIVITY_SQL, SCORE_INPUTS_SQL, WRITE_SCORES_SQL } from "./repositories/scores-sql"
import {
  FIT_SAMPLE_SQL,
  LeadCandidate,
  leadCandidatesQuery,
  queryRows,
  RFM_CUT_POINTS_SQL,
  SCORE_PAGE_CONTACTS_SQL,
  SCORE_PAGE_LISTED_SQL,
  scoresDueQuery,
  textArray,
  ScoreActivityTotal,
  scoreActivityQuery,
  ScoreChangeRow,
  ScorePage,
  ScorePageContact,
  ScorePagePlan,
  STORE_TOTALS_SQL,
  StoreTotals,
  WRITE_SCORE_CHANGES_SQL,
} from "./repositories/score-refresh-sql"
import type { RfmBoundaries, RfmBoundarySet, RfmCutShifts } from "../../lib/scoring"
import { SCORING_LOOKBACK_MS, storedActivityHolds } from "../../lib/scoring"
import {
  REFRESH_CONTACT_ENGAGEMENT_SQL,
  REFRESH_MESSAGE_EVENTS_SQL,
} from "./repositories/message-events-sql"
import { MarketingOptions, parseMarketingOptions } from "./options"
import { REFRESH_FACTS_SQL } from "./repositories/facts-sql"
import {
  ContactActivityTimes,
  EnqueueMessageInput,
  ContactScores,
  MessageRow,
  RecordMessageEventInput,
  ScoreActivityRow,
  ScoreInputRow,
  SuppressionChange,
  SettleMessageInput,
  RecordContactEventInput,
  TouchContactInput,
  SettleTrackedCartInput,
  TrackCartInput,
  TrackedCartRow,
  UpdateConsentInput,
  UpsertContactInput,
} from "../../types"
import { normalizeEmail } from "../../lib/contacts/email"
import {
  ATTRIBUTE_ORDERS_SQL,
  AttributableOrder,
  ConversionOutcome,
  CreatedConversion,
  SET_CONVERSION_OUTCOMES_SQL,
} from "./repositories/attribution-sql"
import {
  FLOW_RUN_RESULTS_SQL,
  FlowRunResultsRow,
  Overview,
  OVERVIEW_RECENT_SENDS_SQL,
  OVERVIEW_REVENUE_SQL,
  OVERVIEW_SERIES_SQL,
  OVERVIEW_TOP_SQL,
  OverviewTopEntry,
  Results,
  ResultsGrouping,
  ResultsRow,
  RESULTS_SQL,
  toFlowRunResults,
  toResultsGroup,
} from "./repositories/results-sql"
import { SCORE_SUMMARY_SQL, ScoreSummary, ScoreSummaryRow, toScoreSummary } from "./repositories/score-summary-sql"
import { LEAD_MESSAGE_EVENT_TYPES, leadActivityContactsSql } from "./repositories/lead-activity-sql"
import {
  assertCampaignStatus,
  CampaignAudience,
  campaignGroupRows,
  campaignResultRows,
  CampaignResultRows,
  CampaignRow,
  CampaignStart,
  CampaignStatus,
  cancelCampaign,
  measureAudience,
  finishCampaigns,
  lockCampaign,
  reopenCampaigns,
  requeueMessages,
  revertCampaignCancel,
  revertCampaignStart,
  revertCampaignWinner,
  sendCampaignWinner,
  skipCancelledCampaignMessages,
  startCampaign,
  variantOutcomes,
} from "./repositories/campaign-sql"
import type { VariantOutcome } from "../../lib/campaigns"

const IDENTITY_FIELDS = [
  "first_name",
  "last_name",
  "phone",
  "locale",
  "timezone",
] as const

type ContactRow = Record<string, any> & { id: string; email: string }

export type UpsertContactResult = {
  contact: ContactRow
  created: boolean
  /** Stored values the upsert overwrote, for compensation. */
  previous: Record<string, unknown> | null
}

/** The JSON columns the update methods write whole, by what they belong to. */
const WHOLE_JSON_COLUMNS: Record<"flow" | "segment" | "lead_score_rule", { table: string; columns: string[] }> = {
  flow: { table: "marketing_flow", columns: ["definition"] },
  segment: { table: "marketing_segment", columns: ["rules"] },
  lead_score_rule: { table: "marketing_lead_score_rule", columns: ["property"] },
}

type UpdateById = { id: string } & Record<string, unknown>
/** One row back for one update, a list for a list. */
type Updated<D, Row> = D extends unknown[] ? Row[] : Row

/**
 * Takes a transaction-scoped advisory lock per contact, in one order so
 * that claims and counts cannot deadlock. Keyed apart from other advisory
 * locks by the hash seed.
 */
const contactSendLocksSql = (lock: "pg_advisory_xact_lock" | "pg_advisory_xact_lock_shared") =>
  `SELECT ${lock}(key) FROM (
     SELECT DISTINCT hashtextextended(contact_id, 7109) AS key FROM unnest(ARRAY[?]::text[]) AS contact_id ORDER BY key
   ) keys`

/** Claims the messages `ids` selects (bound after the claim token and lease) and returns them with their contact. */
const claimMessagesSql = (ids: string) => `UPDATE marketing_message m SET
     status = 'sending',
     attempts = m.attempts + 1,
     claim_token = ?,
     lease_until = ?::timestamptz,
     updated_at = stamp.at
   FROM (SELECT clock_timestamp() AS at) stamp
   WHERE m.id IN (${ids})
   RETURNING m.*, stamp.at::text AS claimed_at, (
     SELECT row_to_json(c) FROM (
       SELECT id, email, first_name, last_name, customer_id, orders_count, consent_status,
              suppressed_at, timezone, unsubscribed_topics
       FROM marketing_contact WHERE id = m.contact_id AND deleted_at IS NULL
     ) c
   ) AS contact`

/** How long a product ranking is kept when no order arrives meanwhile. */
const POPULAR_PRODUCTS_TTL_MS = 10 * 60_000
/** Rankings kept at once (the store's, and one per set of categories asked about). */
const POPULAR_PRODUCTS_CACHE_SIZE = 200

class MarketingModuleService extends MedusaService({
  Contact,
  ContactEvent,
  JobState,
  TrackedCart,
  Template,
  TemplateVersion,
  Message,
  MessageEvent,
  Settings,
  Segment,
  SegmentMembership,
  LeadScoreRule,
  Flow,
  FlowVersion,
  FlowRun,
  FlowStepLog,
  Campaign,
  Conversion,
}) {
  protected readonly options_: MarketingOptions

  constructor(container: Record<string, unknown>, options: unknown) {
    super(...arguments)
    this.options_ = parseMarketingOptions(options)
  }

  /** The validated plugin options, with defaults applied. */
  async getOptions(): Promise<MarketingOptions> {
    return this.options_
  }

  /**
   * Finds the contact for an email address (case-insensitive), or `null`.
   *
   * @example
   * const contact = await marketing.findContactByEmail("Ana@Example.com")
   */
  @InjectManager()
  async findContactByEmail(
    email: string,
    @MedusaContext() sharedContext: Context = {}
  ): Promise<ContactRow | null> {
    const [contact] = await this.listContacts(
      { email: normalizeEmail(email) },
      { take: 1 },
      sharedContext
    )
    return (contact as ContactRow) ?? null
  }

  /**
   * Finds or creates one contact per input, keyed by email, and links it to
   * the Medusa customer when `customer_id` is given. A guest who subscribed
   * and later registers with the same email stays one contact. Safe under
   * concurrency: a racing insert of the same email resolves to one row.
   *
   * @example
   * const [{ contact, created }] = await marketing.upsertContacts([
   *   { email: "ana@example.com", first_name: "Ana" },
   * ])
   */
  @InjectManager()
  async upsertContacts(
    inputs: UpsertContactInput[],
    @MedusaContext() sharedContext: Context = {}
  ): Promise<UpsertContactResult[]> {
    return await this.upsertContacts_(inputs, sharedContext)
  }

  @InjectTransactionManager()
  protected async upsertContacts_(
    inputs: UpsertContactInput[],
    @MedusaContext() sharedContext: Context = {}
  ): Promise<UpsertContactResult[]> {
    const normalized = inputs.map((input) => {
      const email = normalizeEmail(input.email)
      if (!email) {
        throw new MedusaError(MedusaError.Types.INVALID_DATA, "email is required")
      }
      return { ...input, email }
    })
    if (!normalized.length) {
      return []
    }

    // One read per key for the whole batch: a backfill page or a sweep batch
    // costs a few statements, not a few per contact.
    const emails = [...new Set(normalized.map((input) => input.email))]
    const customerIds = [
      ...new Set(normalized.map((input) => input.customer_id).filter(Boolean)),
    ] as string[]
    const byEmail = new Map<string, ContactRow>()
    const byCustomer = new Map<string, ContactRow>()
    const remember = (contact: ContactRow) => {
      byEmail.set(contact.email, contact)
      if (contact.customer_id) {
        byCustomer.set(contact.customer_id, contact)
      }
    }
    const known = (await this.listContacts(
      customerIds.length
        ? { $or: [{ email: emails }, { customer_id: customerIds }] }
        : { email: emails },
      {},
      sharedContext
    )) as ContactRow[]
    known.forEach(remember)

    const missing = normalized.filter(
      (input) =>
        !byEmail.has(input.email) &&
        !(input.customer_id && byCustomer.has(input.customer_id))
    )
    const createdIds = await this.insertContacts_(missing, sharedContext)
    // Re-read even when nothing was inserted: a racing writer may own the row.
    if (missing.length) {
      const fresh = (await this.listContacts(
        { email: [...new Set(missing.map((input) => input.email))] },
        {},
        sharedContext
      )) as ContactRow[]
      fresh.forEach(remember)
    }

    const results: UpsertContactResult[] = []
    for (const input of normalized) {
      results.push(
        await this.applyUpsert_(input, byEmail, byCustomer, createdIds, sharedContext)
      )
      remember(results[results.length - 1].contact)
    }
    return results
  }

  @InjectTransactionManager()
  protected async applyUpsert_(
    input: UpsertContactInput & { email: string },
    byEmail: Map<string, ContactRow>,
    byCustomer: Map<string, ContactRow>,
    createdIds: Set<string>,
    @MedusaContext() sharedContext: Context = {}
  ): Promise<UpsertContactResult> {
    const email = input.email
    const emailOwner = byEmail.get(email)
    let target = input.customer_id ? byCustomer.get(input.customer_id) : undefined

    // The customer changed their email to one another contact already owns
    // (typically a guest subscriber): the customer moves to that contact.
    if (target && emailOwner && target.id !== emailOwner.id && !emailOwner.customer_id) {
      await this.updateContacts({ id: target.id, customer_id: null }, sharedContext)
      byCustomer.delete(input.customer_id!)
      target = emailOwner
    }
    target = target ?? emailOwner
    if (!target) {
      throw new MedusaError(
        MedusaError.Types.UNEXPECTED_STATE,
        `Contact for ${email} could not be created`
      )
    }
    if (createdIds.delete(target.id)) {
      return { contact: target, created: true, previous: null }
    }

    if (input.only_when_created) {
      return { contact: target, created: false, previous: null }
    }
    const update: Record<string, unknown> = {}
    if (target.email !== email && !emailOwner) {
      update.email = email
    }
    if (input.customer_id && target.customer_id !== input.customer_id) {
      update.customer_id = input.customer_id
    }
    for (const field of IDENTITY_FIELDS) {
      const value = input[field]
      const fillable = !input.fill_missing || target[field] === null
      if (value !== undefined && value !== null && value !== target[field] && fillable) {
        update[field] = value
      }
    }
    if (!Object.keys(update).length) {
      return { contact: target, created: false, previous: null }
    }
    const previous = Object.fromEntries(
      Object.keys(update).map((key) => [key, target![key] ?? null])
    )
    const updated = await this.updateContacts(
      { id: target.id, ...update },
      sharedContext
    )
    if (update.email) {
      byEmail.delete(target.email)
    }
    return { contact: updated as ContactRow, created: false, previous }
  }

  /**
   * Inserts the contacts that do not exist yet; returns the ids this call
   * created. ON CONFLICT instead of read-then-insert: two events for a new
   * email arriving at once (sign-up and cart) must not fail on the unique
   * index, and the loser simply finds the winner's row.
   */
  @InjectTransactionManager()
  protected async insertContacts_(
    inputs: (UpsertContactInput & { email: string })[],
    @MedusaContext() sharedContext: Context = {}
  ): Promise<Set<string>> {
    const firstPerEmail = [
      ...new Map(inputs.map((input) => [input.email, input])).values(),
    ]
    if (!firstPerEmail.length) {
      return new Set()
    }
    const manager = sharedContext.transactionManager as SqlEntityManager
    const values: unknown[] = []
    const tuples = firstPerEmail.map((input) => {
      values.push(
        generateEntityId(undefined, "mkt_con"),
        input.email,
        input.customer_id ?? null,
        input.first_name ?? null,
        input.last_name ?? null,
        input.phone ?? null,
        input.locale ?? null,
        input.timezone ?? null
      )
      return "(?, ?, ?, ?, ?, ?, ?, ?)"
    })
    const rows = await manager.execute<{ id: string }[]>(
      `INSERT INTO marketing_contact
         (id, email, customer_id, first_name, last_name, phone, locale, timezone)
       VALUES ${tuples.join(", ")}
       ON CONFLICT (email) WHERE deleted_at IS NULL DO NOTHING
       RETURNING id`,
      values
    )
    return new Set(rows.map((row) => row.id))
  }

  /**
   * Records activities on contacts' timelines. Each event's
   * `idempotency_key` is unique: an event already recorded is skipped, so
   * replays are harmless. Returns only the events that were new.
   *
   * @example
   * const [recorded] = await marketing.recordContactEvents([{
   *   contact_id, type: "subscribed", idempotency_key: `subscribed:${contact_id}:${Date.now()}`,
   * }])
   * if (!recorded) { // it was a replay }
   */
  @InjectManager()
  async recordContactEvents(
    inputs: RecordContactEventInput[],
    @MedusaContext() sharedContext: Context = {}
  ): Promise<{ id: string; idempotency_key: string; contact_id: string }[]> {
    return await this.recordContactEvents_(inputs, sharedContext)
  }

  @InjectTransactionManager()
  protected async recordContactEvents_(
    inputs: RecordContactEventInput[],
    @MedusaContext() sharedContext: Context = {}
  ): Promise<{ id: string; idempotency_key: string; contact_id: string }[]> {
    if (!inputs.length) {
      return []
    }
    const manager = sharedContext.transactionManager as SqlEntityManager
    const values: unknown[] = []
    const tuples = inputs.map((input) => {
      values.push(
        generateEntityId(undefined, "mkt_cev"),
        input.contact_id,
        input.type,
        new Date(input.occurred_at ?? Date.now()),
        input.idempotency_key,
        input.resource_type ?? null,
        input.resource_id ?? null,
        input.data ? JSON.stringify(input.data) : null
      )
      return "(?, ?, ?, ?, ?, ?, ?, ?::jsonb)"
    })
    return await manager.execute(
      `INSERT INTO marketing_contact_event
         (id, contact_id, type, occurred_at, idempotency_key, resource_type, resource_id, data)
       VALUES ${tuples.join(", ")}
       ON CONFLICT (idempotency_key) WHERE deleted_at IS NULL DO NOTHING
       RETURNING id, idempotency_key, contact_id`,
      values
    )
  }

  /** Removes recorded events by id; used by workflow compensation. */
  @InjectManager()
  async removeContactEvents(
    ids: string[],
    @MedusaContext() sharedContext: Context = {}
  ): Promise<void> {
    return await this.removeContactEvents_(ids, sharedContext)
  }

  @InjectTransactionManager()
  protected async removeContactEvents_(
    ids: string[],
    @MedusaContext() sharedContext: Context = {}
  ): Promise<void> {
    if (!ids.length) {
      return
    }
    const manager = sharedContext.transactionManager as SqlEntityManager
    await manager.execute(
      `DELETE FROM marketing_contact_event WHERE id = ANY(ARRAY[?]::text[])`,
      [ids]
    )
  }

  /**
   * Recomputes profile facts (orders, spend, first and last order, products
   * and categories bought) from the contacts' timelines. Totals count orders
   * in `currencyCode`; other currencies are kept apart in `spent_by_currency`.
   */
  @InjectManager()
  async refreshContactFacts(
    contactIds: string[],
    currencyCode: string,
    @MedusaContext() sharedContext: Context = {}
  ): Promise<string[]> {
    return await this.refreshContactFacts_(contactIds, currencyCode, sharedContext)
  }

  @InjectTransactionManager()
  protected async refreshContactFacts_(
    contactIds: string[],
    currencyCode: string,
    @MedusaContext() sharedContext: Context = {}
  ): Promise<string[]> {
    if (!contactIds.length) {
      return []
    }
    const manager = sharedContext.transactionManager as SqlEntityManager
    const rows = await manager.execute<{ id: string }[]>(REFRESH_FACTS_SQL, [
      contactIds,
      currencyCode,
      currencyCode,
      currencyCode,
    ])
    return rows.map((row) => row.id)
  }

  /**
   * Sets a contact's consent with its evidence. A suppressed contact stays
   * suppressed: consent never overrides a bounce or complaint.
   *
   * @example
   * await marketing.updateConsent({
   *   contact_id, status: "subscribed", source: "footer_form", ip: req.ip,
   * })
   */
  @InjectManager()
  async updateConsent(
    input: UpdateConsentInput,
    @MedusaContext() sharedContext: Context = {}
  ): Promise<ContactRow> {
    return await this.updateConsent_(input, sharedContext)
  }

  @InjectTransactionManager()
  protected async updateConsent_(
    input: UpdateConsentInput,
    @MedusaContext() sharedContext: Context = {}
  ): Promise<ContactRow> {
    return (await this.updateContacts(
      {
        id: input.contact_id,
        consent_status: input.status,
        consent_source: input.source ?? null,
        consent_ip: input.ip ?? null,
        consent_text: input.consent_text ?? null,
        consent_at: new Date(input.at ?? Date.now()),
      },
      sharedContext
    )) as ContactRow
  }

  /**
   * Moves contacts' last-seen and last-cart times forward, never back: a late
   * or redelivered event never makes a contact look less recently active.
   * Returns the times as they were, for compensation.
   */
  @InjectManager()
  async touchContacts(
    touches: TouchContactInput[],
    @MedusaContext() sharedContext: Context = {}
  ): Promise<ContactActivityTimes[]> {
    return await this.touchContacts_(touches, sharedContext)
  }

  @InjectTransactionManager()
  protected async touchContacts_(
    touches: TouchContactInput[],
    @MedusaContext() sharedContext: Context = {}
  ): Promise<ContactActivityTimes[]> {
    const latest = new Map<string, { seen: number | null; cart: number | null }>()
    const max = (a: number | null, b?: Date | string | null) =>
      b ? Math.max(a ?? 0, new Date(b).getTime()) : a
    for (const touch of touches) {
      const current = latest.get(touch.contact_id) ?? { seen: null, cart: null }
      latest.set(touch.contact_id, {
        seen: max(current.seen, touch.last_seen_at),
        cart: max(current.cart, touch.last_cart_at),
      })
    }
    if (!latest.size) {
      return []
    }
    const manager = sharedContext.transactionManager as SqlEntityManager
    const values: unknown[] = []
    const tuples = [...latest].map(([id, times]) => {
      values.push(
        id,
        times.seen === null ? null : new Date(times.seen),
        times.cart === null ? null : new Date(times.cart)
      )
      return "(?, ?::timestamptz, ?::timestamptz)"
    })
    // greatest() ignores NULLs, so a touch without a cart time keeps the stored one.
    return await manager.execute(
      `WITH v(id, seen, cart) AS (VALUES ${tuples.join(", ")}),
       before AS (
         SELECT c.id, c.last_seen_at, c.last_cart_at
         FROM marketing_contact c JOIN v ON v.id = c.id
         WHERE c.deleted_at IS NULL
         FOR UPDATE OF c
       )
       UPDATE marketing_contact c SET
         last_seen_at = greatest(c.last_seen_at, v.seen),
         last_cart_at = greatest(c.last_cart_at, v.cart),
         updated_at = now()
       FROM v JOIN before b ON b.id = v.id
       WHERE c.id = v.id
         AND (greatest(c.last_seen_at, v.seen) IS DISTINCT FROM c.last_seen_at
           OR greatest(c.last_cart_at, v.cart) IS DISTINCT FROM c.last_cart_at)
       RETURNING b.id, b.last_seen_at, b.last_cart_at`,
      values
    )
  }

  /**
   * Records storefront cart activity. Activity only moves forward, and new
   * activity on a cart reported abandoned makes it a candidate again, so a
   * later abandonment counts again. Completed carts stay completed.
   */
  @InjectManager()
  async trackCarts(
    carts: TrackCartInput[],
    @MedusaContext() sharedContext: Context = {}
  ): Promise<TrackedCartRow[]> {
    return await this.trackCarts_(carts, sharedContext)
  }

  @InjectTransactionManager()
  protected async trackCarts_(
    carts: TrackCartInput[],
    @MedusaContext() sharedContext: Context = {}
  ): Promise<TrackedCartRow[]> {
    if (!carts.length) {
      return []
    }
    const manager = sharedContext.transactionManager as SqlEntityManager
    const values: unknown[] = []
    const tuples = carts.map((cart) => {
      values.push(
        generateEntityId(undefined, "mkt_crt"),
        cart.cart_id,
        cart.email ? normalizeEmail(cart.email) : null,
        cart.customer_id ?? null,
        cart.contact_id ?? null,
        cart.currency_code ?? null,
        cart.item_count,
        cart.completed ? "completed" : "active",
        new Date(cart.activity_at)
      )
      return "(?, ?, ?, ?, ?, ?, ?, ?, ?::timestamptz)"
    })
    return await manager.execute(
      `INSERT INTO marketing_tracked_cart AS t
         (id, cart_id, email, customer_id, contact_id, currency_code, item_count, status, last_activity_at)
       VALUES ${tuples.join(", ")}
       ON CONFLICT (cart_id) WHERE deleted_at IS NULL DO UPDATE SET
         email = coalesce(EXCLUDED.email, t.email),
         customer_id = coalesce(EXCLUDED.customer_id, t.customer_id),
         contact_id = coalesce(EXCLUDED.contact_id, t.contact_id),
         currency_code = coalesce(EXCLUDED.currency_code, t.currency_code),
         item_count = CASE WHEN EXCLUDED.last_activity_at >= t.last_activity_at
                           THEN EXCLUDED.item_count ELSE t.item_count END,
         status = CASE
           WHEN t.status = 'completed' OR EXCLUDED.status = 'completed' THEN 'completed'
           WHEN EXCLUDED.last_activity_at > t.last_activity_at THEN 'active'
           ELSE t.status END,
         last_activity_at = greatest(t.last_activity_at, EXCLUDED.last_activity_at),
         updated_at = now()
       RETURNING *`,
      values
    )
  }

  /**
   * The oldest carts idle since before `cutoff` that have not been settled.
   * Reads through the partial index on active carts only.
   */
  @InjectManager()
  async listAbandonmentCandidates(
    cutoff: Date,
    limit: number,
    @MedusaContext() sharedContext: Context = {}
  ): Promise<TrackedCartRow[]> {
    const manager = sharedContext.manager as SqlEntityManager
    return await manager.execute(
      `SELECT * FROM marketing_tracked_cart
       WHERE deleted_at IS NULL AND status = 'active' AND last_activity_at <= ?
       ORDER BY last_activity_at
       LIMIT ?`,
      [cutoff, limit]
    )
  }

  /**
   * Moves tracked carts out of `active`, only if they are still active at the
   * activity time the caller saw. Two sweeps racing over the same cart both
   * try; one update matches, so one abandonment is reported.
   */
  @InjectManager()
  async settleTrackedCarts(
    settlements: SettleTrackedCartInput[],
    @MedusaContext() sharedContext: Context = {}
  ): Promise<TrackedCartRow[]> {
    return await this.settleTrackedCarts_(settlements, sharedContext)
  }

  @InjectTransactionManager()
  protected async settleTrackedCarts_(
    settlements: SettleTrackedCartInput[],
    @MedusaContext() sharedContext: Context = {}
  ): Promise<TrackedCartRow[]> {
    if (!settlements.length) {
      return []
    }
    const manager = sharedContext.transactionManager as SqlEntityManager
    const values: unknown[] = []
    const tuples = settlements.map((settlement) => {
      values.push(
        settlement.id,
        settlement.status,
        new Date(settlement.activity_at),
        settlement.item_count ?? null,
        settlement.email ? normalizeEmail(settlement.email) : null,
        settlement.contact_id ?? null,
        new Date(settlement.expected_activity_at)
      )
      return "(?, ?, ?::timestamptz, ?::integer, ?, ?, ?::timestamptz)"
    })
    // One statement for the batch; each row still only changes if it is
    // active at the activity time the sweep saw, and under READ COMMITTED a
    // racing sweep waiting on the row lock re-checks that and skips it.
    return await manager.execute(
      `UPDATE marketing_tracked_cart AS t SET
         status = v.status,
         last_activity_at = v.activity_at,
         item_count = coalesce(v.item_count, t.item_count),
         email = coalesce(v.email, t.email),
         contact_id = coalesce(v.contact_id, t.contact_id),
         reported_activity_at = CASE WHEN v.status = 'abandoned' THEN v.activity_at
                                     ELSE t.reported_activity_at END,
         abandoned_at = CASE WHEN v.status = 'abandoned' THEN now() ELSE t.abandoned_at END,
         updated_at = now()
       FROM (VALUES ${tuples.join(", ")})
         AS v(id, status, activity_at, item_count, email, contact_id, expected_at)
       WHERE t.id = v.id AND t.deleted_at IS NULL
         AND t.status = 'active' AND t.last_activity_at = v.expected_at
       RETURNING t.*`,
      values
    )
  }

  /**
   * Takes the next version number of a template, or `null` when the
   * template does not exist. An atomic increment, so concurrent saves never
   * get the same number.
   */
  @InjectManager()
  async claimNextTemplateVersion(
    templateId: string,
    @MedusaContext() sharedContext: Context = {}
  ): Promise<number | null> {
    return await this.claimNextTemplateVersion_(templateId, sharedContext)
  }

  @InjectTransactionManager()
  protected async claimNextTemplateVersion_(
    templateId: string,
    @MedusaContext() sharedContext: Context = {}
  ): Promise<number | null> {
    const manager = sharedContext.transactionManager as SqlEntityManager
    const [row] = await manager.execute<{ latest_version: number }[]>(
      `UPDATE marketing_template SET latest_version = latest_version + 1, updated_at = now()
       WHERE id = ? AND deleted_at IS NULL
       RETURNING latest_version`,
      [templateId]
    )
    return row ? Number(row.latest_version) : null
  }

  /** The id of a template's latest version; null when the template is gone or has no version yet. */
  @InjectManager()
  async latestTemplateVersionId(templateId: string, @MedusaContext() sharedContext: Context = {}): Promise<string | null> {
    const manager = sharedContext.manager as SqlEntityManager
    const [row] = await manager.execute<{ id: string }[]>(
      `SELECT v.id FROM marketing_template t
       JOIN marketing_template_version v ON v.template_id = t.id AND v.version = t.latest_version AND v.deleted_at IS NULL
       WHERE t.id = ? AND t.deleted_at IS NULL`,
      [templateId]
    )
    return row?.id ?? null
  }

  /**
   * Updates segments like the generated method, but writes `rules` whole.
   * Medusa's generated `update<Model>` merges a JSON object into the stored
   * one, so a key taken out would stay: a group's `match` once the rule is a
   * single condition. The JSON and the other fields go in one transaction.
   */
  @InjectManager()
  // @ts-expect-error the generated method's overloads also take a selector; the plugin updates by id
  async updateSegments<D extends UpdateById | UpdateById[]>(
    data: D,
    @MedusaContext() sharedContext: Context = {}
  ): Promise<Updated<D, InferTypeOf<typeof Segment>>> {
    return await this.updateWritingJsonWhole_("segment", data, (rows, context) => super.updateSegments(rows, context), sharedContext)
  }

  /** Updates flows, writing `definition` whole: a removed step or filter must not linger. */
  @InjectManager()
  // @ts-expect-error the generated method's overloads also take a selector; the plugin updates by id
  async updateFlows<D extends UpdateById | UpdateById[]>(
    data: D,
    @MedusaContext() sharedContext: Context = {}
  ): Promise<Updated<D, InferTypeOf<typeof Flow>>> {
    return await this.updateWritingJsonWhole_("flow", data, (rows, context) => super.updateFlows(rows, context), sharedContext)
  }

  /** Updates lead-score rules, writing the `property` condition whole. */
  @InjectManager()
  // @ts-expect-error the generated method's overloads also take a selector; the plugin updates by id
  async updateLeadScoreRules<D extends UpdateById | UpdateById[]>(
    data: D,
    @MedusaContext() sharedContext: Context = {}
  ): Promise<Updated<D, InferTypeOf<typeof LeadScoreRule>>> {
    return await this.updateWritingJsonWhole_(
      "lead_score_rule",
      data,
      (rows, context) => super.updateLeadScoreRules(rows, context),
      sharedContext
    )
  }

  @InjectTransactionManager()
  protected async updateWritingJsonWhole_<R>(
    target: keyof typeof WHOLE_JSON_COLUMNS,
    data: UpdateById | UpdateById[],
    update: (rows: UpdateById[], context: Context) => Promise<unknown[]>,
    @MedusaContext() sharedContext: Context = {}
  ): Promise<R> {
    const { table, columns } = WHOLE_JSON_COLUMNS[target]
    const manager = sharedContext.transactionManager as SqlEntityManager
    const rows = Array.isArray(data) ? data : [data]
    const rest: UpdateById[] = []
    for (const row of rows) {
      const written = columns.filter((column) => row[column] !== undefined)
      if (written.length) {
        await manager.execute(
          `UPDATE ${table} SET ${written.map((column) => `${column} = ?::jsonb`).join(", ")}, updated_at = now() WHERE id = ?`,
          [...written.map((column) => (row[column] === null ? null : JSON.stringify(row[column]))), row.id]
        )
      }
      // A field left undefined is not being changed.
      rest.push(
        Object.fromEntries(Object.entries(row).filter(([key, value]) => value !== undefined && !written.includes(key))) as UpdateById
      )
    }
    const updated = await update(rest, sharedContext)
    return (Array.isArray(data) ? updated : updated[0]) as R
  }

  /**
   * Deletes a template but not its versions (unlike `softDeleteTemplates`,
   * which cascades): lists, pickers and new sends no longer see it, while
   * the messages sent from it still show and render. Returns whether it was
   * there to delete.
   */
  @InjectManager()
  async softDeleteTemplateKeepingVersions(
    templateId: string,
    @MedusaContext() sharedContext: Context = {}
  ): Promise<boolean> {
    const manager = sharedContext.manager as SqlEntityManager
    const rows = await manager.execute<{ id: string }[]>(
      `UPDATE marketing_template SET deleted_at = now(), updated_at = now()
       WHERE id = ? AND deleted_at IS NULL RETURNING id`,
      [templateId]
    )
    return rows.length > 0
  }

  /** Undoes `softDeleteTemplateKeepingVersions` (a compensation). */
  @InjectManager()
  async restoreTemplateKeepingVersions(
    templateId: string,
    @MedusaContext() sharedContext: Context = {}
  ): Promise<void> {
    const manager = sharedContext.manager as SqlEntityManager
    await manager.execute(
      `UPDATE marketing_template SET deleted_at = NULL, updated_at = now() WHERE id = ?`,
      [templateId]
    )
  }

  /**
   * Puts messages in the outbox. A message whose idempotency key is already
   * there is not added again; returns the ids of those that were new. One
   * INSERT is atomic on its own, so it opens no transaction: every email a
   * flow sends comes through here.
   */
  @InjectManager()
  async enqueueMessages(
    messages: EnqueueMessageInput[],
    @MedusaContext() sharedContext: Context = {}
  ): Promise<{ id: string; idempotency_key: string }[]> {
    if (!messages.length) {
      return []
    }
    const manager = (sharedContext.transactionManager ?? sharedContext.manager) as SqlEntityManager
    const values: unknown[] = []
    const tuples = messages.map((m) => {
      values.push(
        generateEntityId(undefined, "mkt_msg"),
        m.contact_id,
        m.template_version_id,
        normalizeEmail(m.to_email),
        m.reason_type,
        m.reason_id ?? null,
        m.transactional ?? false,
        new Date(m.send_after ?? Date.now()),
        m.idempotency_key,
        m.data ? JSON.stringify(m.data) : null,
        m.topic ?? null,
        m.template_version_id,
        m.reason_step ?? null,
        m.variant ?? null
      )
      return `(?, ?, ?, ?, ?, ?, ?, ?::timestamptz, ?, ?::jsonb, coalesce(?::text, (
        SELECT t.topic FROM marketing_template_version v
        JOIN marketing_template t ON t.id = v.template_id WHERE v.id = ?)), ?, ?)`
    })
    return await manager.execute(
      `INSERT INTO marketing_message
         (id, contact_id, template_version_id, to_email, reason_type, reason_id,
          transactional, send_after, idempotency_key, data, topic, reason_step, variant)
       VALUES ${tuples.join(", ")}
       ON CONFLICT (idempotency_key) WHERE deleted_at IS NULL DO NOTHING
       RETURNING id, idempotency_key`,
      values
    )
  }

  /**
   * Claims up to `limit` messages due at `now` for one dispatcher: queued
   * ones, and ones whose previous claim expired (its dispatcher died).
   * SKIP LOCKED lets several dispatchers claim side by side without ever
   * taking the same row; the claim token guards the settle that follows.
   * Each message comes with what the send needs of its contact (null when
   * the contact is gone), saving a read per batch.
   *
   * With `lock_contacts` (when a frequency cap is on), before the claim is
   * stamped with its time (`updated_at`, from the database clock), it takes
   * a lock per contact that `countMarketingSends` waits on: a dispatcher
   * counting a contact's sends sees every claim stamped before its own, so
   * two dispatchers holding emails to one contact cannot both send past the
   * cap.
   */
  @InjectManager()
  async claimMessages(
    input: { limit: number; leaseMs: number; now: Date; claim_token: string; lock_contacts?: boolean },
    @MedusaContext() sharedContext: Context = {}
  ): Promise<MessageRow[]> {
    return await this.claimMessages_(input, sharedContext)
  }

  @InjectTransactionManager()
  protected async claimMessages_(
    input: { limit: number; leaseMs: number; now: Date; claim_token: string; lock_contacts?: boolean },
    @MedusaContext() sharedContext: Context = {}
  ): Promise<MessageRow[]> {
    const manager = sharedContext.transactionManager as SqlEntityManager
    const due = `SELECT id, contact_id FROM marketing_message
       WHERE deleted_at IS NULL
         AND ((status = 'queued' AND send_after <= ?::timestamptz)
           OR (status = 'sending' AND lease_until < ?::timestamptz))
       ORDER BY send_after
       LIMIT ?
       FOR UPDATE SKIP LOCKED`
    const dueValues = [input.now, input.now, input.limit]
    const claim = [input.claim_token, new Date(input.now.getTime() + input.leaseMs)]
    if (!input.lock_contacts) {
      return await manager.execute(claimMessagesSql(`SELECT id FROM (${due}) due`), [...claim, ...dueValues])
    }
    const claimed = await manager.execute<{ id: string; contact_id: string }[]>(due, dueValues)
    if (!claimed.length) {
      return []
    }
    await manager.execute(contactSendLocksSql("pg_advisory_xact_lock"), [[...new Set(claimed.map((m) => m.contact_id))]])
    return await manager.execute(claimMessagesSql("SELECT unnest(ARRAY[?]::text[])"), [...claim, claimed.map((m) => m.id)])
  }

  /**
   * Records the outcome of claimed messages. Only the holder of the claim
   * can settle a message, so a dispatcher that outlived its lease cannot
   * overwrite the outcome of the one that took over.
   */
  @InjectManager()
  async settleMessages(
    settlements: SettleMessageInput[],
    @MedusaContext() sharedContext: Context = {}
  ): Promise<string[]> {
    return await this.settleMessages_(settlements, sharedContext)
  }

  @InjectTransactionManager()
  protected async settleMessages_(
    settlements: SettleMessageInput[],
    @MedusaContext() sharedContext: Context = {}
  ): Promise<string[]> {
    if (!settlements.length) {
      return []
    }
    const manager = sharedContext.transactionManager as SqlEntityManager
    const input = settlements.map((s) => ({
      id: s.id,
      claim_token: s.claim_token,
      status: s.status,
      subject: s.status === "sent" ? s.subject : null,
      notification_id: s.status === "sent" ? s.notification_id ?? null : null,
      provider_message_id: s.status === "sent" ? s.provider_message_id ?? null : null,
      links: s.status === "sent" ? s.links ?? null : null,
      send_after: s.status === "queued" ? new Date(s.send_after).toISOString() : null,
      last_error: "last_error" in s ? s.last_error ?? null : null,
      failed: "send_failed" in s && s.send_failed ? 1 : 0,
      returned: s.status === "queued" && s.not_attempted ? 1 : 0,
    }))
    // One statement and one parameter for the whole batch: the settlements
    // travel as a JSON array and are read back as rows.
    const rows = await manager.execute<{ id: string }[]>(
      `WITH input AS (
         SELECT * FROM jsonb_to_recordset(?::jsonb) AS i(
           id text, claim_token text, status text, subject text, notification_id text,
           provider_message_id text, links jsonb, send_after timestamptz, last_error text, failed int,
           returned int)
       ),
       settled AS (
         UPDATE marketing_message m SET
           status = i.status,
           subject = coalesce(i.subject, m.subject),
           notification_id = coalesce(i.notification_id, m.notification_id),
           provider_message_id = coalesce(i.provider_message_id, m.provider_message_id),
           links = coalesce(i.links, m.links),
           sent_at = CASE WHEN i.status = 'sent' THEN now() ELSE m.sent_at END,
           send_after = coalesce(i.send_after, m.send_after),
           last_error = i.last_error,
           failures = m.failures + i.failed,
           attempts = m.attempts - i.returned,
           claim_token = NULL,
           lease_until = NULL,
           updated_at = now()
         FROM input i
         WHERE m.id = i.id AND m.status = 'sending' AND m.claim_token = i.claim_token
         RETURNING m.id, m.contact_id, m.status, m.sent_at
       ),
       emailed AS (
         UPDATE marketing_contact c SET last_emailed_at = e.sent_at
         FROM (SELECT contact_id, max(sent_at) AS sent_at FROM settled WHERE status = 'sent' GROUP BY contact_id) e
         WHERE c.id = e.contact_id
       )
       SELECT id FROM settled`,
      [JSON.stringify(input)]
    )
    return rows.map((row) => row.id)
  }

  /**
   * How many marketing emails each contact was sent since `since`, counting
   * as sent those another dispatcher claimed before `claim` and still holds:
   * they are on their way. Waits for claims of these contacts still being
   * made (see `claimMessages`), so none is missed.
   */
  @InjectManager()
  async countMarketingSends(
    contactIds: string[],
    since: Date,
    claim: { token: string; claimed_at: string; now: Date },
    @MedusaContext() sharedContext: Context = {}
  ): Promise<Map<string, number>> {
    return await this.countMarketingSends_(contactIds, since, claim, sharedContext)
  }

  @InjectTransactionManager()
  protected async countMarketingSends_(
    contactIds: string[],
    since: Date,
    claim: { token: string; claimed_at: string; now: Date },
    @MedusaContext() sharedContext: Context = {}
  ): Promise<Map<string, number>> {
    if (!contactIds.length) {
      return new Map()
    }
    const manager = sharedContext.transactionManager as SqlEntityManager
    await manager.execute(contactSendLocksSql("pg_advisory_xact_lock_shared"), [contactIds])
    const rows = await manager.execute<{ contact_id: string; sent: string }[]>(
      `SELECT contact_id, count(*) AS sent FROM (
         SELECT contact_id FROM marketing_message
         WHERE deleted_at IS NULL AND transactional = false AND status = 'sent'
           AND contact_id IN (SELECT unnest(ARRAY[?]::text[])) AND sent_at >= ?::timestamptz
         UNION ALL
         SELECT contact_id FROM marketing_message
         WHERE deleted_at IS NULL AND transactional = false AND status = 'sending'
           AND lease_until >= ?::timestamptz AND claim_token <> ?
           AND (updated_at, claim_token) < (?::timestamptz, ?)
           AND contact_id IN (SELECT unnest(ARRAY[?]::text[]))
       ) counted
       GROUP BY contact_id`,
      [contactIds, since, claim.now, claim.token, claim.claimed_at, claim.token, contactIds]
    )
    return new Map(rows.map((row) => [row.contact_id, Number(row.sent)]))
  }

  /**
   * Creates or updates the durable state of a job by key; returns the state
   * before the change too, for compensation.
   */
  @InjectManager()
  async saveJobState(
    input: { key: string } & Record<string, unknown>,
    @MedusaContext() sharedContext: Context = {}
  ) {
    return await this.saveJobState_(input, sharedContext)
  }

  @InjectTransactionManager()
  protected async saveJobState_(
    input: { key: string } & Record<string, unknown>,
    @MedusaContext() sharedContext: Context = {}
  ) {
    const manager = sharedContext.transactionManager as SqlEntityManager
    // Two instances (or a job tick and an admin action) may save the same key
    // at once: claim the row with an upsert and lock it, rather than
    // read-then-create, which lets both create.
    const inserted = await manager.execute<{ id: string }[]>(
      `INSERT INTO marketing_job_state (id, key) VALUES (?, ?)
       ON CONFLICT (key) WHERE deleted_at IS NULL DO NOTHING
       RETURNING id`,
      [generateEntityId(undefined, "mkt_job"), input.key]
    )
    const [existing] = await manager.execute<Record<string, any>[]>(
      `SELECT * FROM marketing_job_state
       WHERE key = ? AND deleted_at IS NULL FOR UPDATE`,
      [input.key]
    )
    const previous = inserted.length
      ? null
      : {
          id: existing.id,
          status: existing.status,
          cursor: existing.cursor,
          progress: existing.progress,
          error: existing.error,
          started_at: existing.started_at,
          finished_at: existing.finished_at,
        }
    const { key: _key, ...changes } = input
    const state = await this.updateJobStates(
      { id: existing.id, ...changes } as any,
      sharedContext
    )
    return { state, previous }
  }

  /**
   * Anonymises contacts in place: every field that identifies the person is
   * cleared or replaced, the timeline keeps only types and times (order and
   * refund events keep ids and amounts, which the aggregates derive from), and the
   * contact can never be emailed again. Aggregates (orders count, spend) stay
   * so revenue reports do not change retroactively.
   */
  @InjectManager()
  async eraseContacts(
    ids: string[],
    @MedusaContext() sharedContext: Context = {}
  ): Promise<void> {
    return await this.eraseContacts_(ids, sharedContext)
  }

  @InjectTransactionManager()
  protected async eraseContacts_(
    ids: string[],
    @MedusaContext() sharedContext: Context = {}
  ): Promise<void> {
    if (!ids.length) {
      return
    }
    const manager = sharedContext.transactionManager as SqlEntityManager
    await manager.execute(
      `UPDATE marketing_contact SET
         email = 'erased+' || id || '@erased.invalid',
         customer_id = NULL, first_name = NULL, last_name = NULL, phone = NULL,
         locale = NULL, timezone = NULL,
         consent_status = 'unsubscribed', consent_source = 'erasure',
         consent_at = now(), consent_ip = NULL, consent_text = NULL,
         suppressed_at = now(), suppression_reason = 'erased',
         metadata = NULL, erased_at = now(), updated_at = now()
       WHERE id = ANY(ARRAY[?]::text[])`,
      [ids]
    )
    await manager.execute(
      `UPDATE marketing_contact_event SET data = NULL, updated_at = now()
       WHERE contact_id = ANY(ARRAY[?]::text[])
         AND type NOT IN ('order_placed', 'order_canceled', 'refund')`,
      [ids]
    )
  }

  /** The merchant's sending settings, defaults filled in. */
  @InjectManager()
  async getSettings(
    @MedusaContext() sharedContext: Context = {}
  ): Promise<MarketingSettings> {
    const [row] = await this.listSettings({ key: "default" }, {}, sharedContext)
    return readSettings(row?.values)
  }

  /**
   * Stores the settings whole; returns what was stored before (null when
   * nothing was), for compensation.
   */
  @InjectManager()
  async saveSettings(
    values: MarketingSettings | null,
    @MedusaContext() sharedContext: Context = {}
  ): Promise<MarketingSettings | null> {
    return await this.saveSettings_(values, sharedContext)
  }

  @InjectTransactionManager()
  protected async saveSettings_(
    values: MarketingSettings | null,
    @MedusaContext() sharedContext: Context = {}
  ): Promise<MarketingSettings | null> {
    const manager = sharedContext.transactionManager as SqlEntityManager
    const [previous] = await manager.execute<{ values: MarketingSettings }[]>(
      `SELECT "values" FROM marketing_settings WHERE key = 'default' AND deleted_at IS NULL FOR UPDATE`
    )
    if (values === null) {
      await manager.execute(`DELETE FROM marketing_settings WHERE key = 'default'`)
    } else {
      await manager.execute(
        `INSERT INTO marketing_settings (id, key, "values") VALUES (?, 'default', ?::jsonb)
         ON CONFLICT (key) WHERE deleted_at IS NULL
         DO UPDATE SET "values" = excluded."values", updated_at = now()`,
        [generateEntityId(undefined, "mkt_set"), JSON.stringify(values)]
      )
    }
    return previous?.values ?? null
  }

  /**
   * Stores what happened to sent messages (a provider's event is stored
   * once by its key), recomputes the messages' and contacts' engagement from
   * the events, and suppresses contacts that hard-bounced, complained, or
   * reached `softBounceLimit` soft bounces in a row.
   */
  @InjectManager()
  async recordMessageEvents(
    events: RecordMessageEventInput[],
    options: { softBounceLimit: number },
    @MedusaContext() sharedContext: Context = {}
  ): Promise<{ inserted: string[]; suppressed: SuppressionChange[] }> {
    return await this.recordMessageEvents_(events, options, sharedContext)
  }

  @InjectTransactionManager()
  protected async recordMessageEvents_(
    events: RecordMessageEventInput[],
    options: { softBounceLimit: number },
    @MedusaContext() sharedContext: Context = {}
  ): Promise<{ inserted: string[]; suppressed: SuppressionChange[] }> {
    if (!events.length) {
      return { inserted: [], suppressed: [] }
    }
    const manager = sharedContext.transactionManager as SqlEntityManager
    const values: unknown[] = []
    const tuples = events.map((e) => {
      values.push(
        generateEntityId(undefined, "mkt_mev"),
        e.message_id,
        e.contact_id,
        e.type,
        e.machine ?? false,
        new Date(e.occurred_at ?? Date.now()),
        e.url ?? null,
        e.reason?.slice(0, 500) ?? null,
        e.bounce_type ?? null,
        e.source,
        e.idempotency_key ?? null,
        e.data ? JSON.stringify(e.data) : null
      )
      return "(?, ?, ?, ?, ?, ?::timestamptz, ?, ?, ?, ?, ?, ?::jsonb)"
    })
    const rows = await manager.execute<{ id: string; contact_id: string; type: string; bounce_type: string | null }[]>(
      `INSERT INTO marketing_message_event
         (id, message_id, contact_id, type, machine, occurred_at, url, reason,
          bounce_type, source, idempotency_key, data)
       VALUES ${tuples.join(", ")}
       ON CONFLICT (idempotency_key) WHERE idempotency_key IS NOT NULL AND deleted_at IS NULL DO NOTHING
       RETURNING id, contact_id, type, bounce_type`,
      values
    )
    if (!rows.length) {
      return { inserted: [], suppressed: [] }
    }
    const messageIds = [...new Set(events.map((e) => e.message_id))]
    const contactIds = [...new Set(rows.map((r) => r.contact_id))]
    await this.refreshEngagement_(messageIds, contactIds, manager)

    const reasons = new Map<string, string>()
    for (const row of rows) {
      if (row.type === "complained") {
        reasons.set(row.contact_id, "complaint")
      } else if (row.type === "bounced" && row.bounce_type !== "soft" && reasons.get(row.contact_id) !== "complaint") {
        reasons.set(row.contact_id, "hard_bounce")
      }
    }
    const softCounts = await manager.execute<{ id: string }[]>(
      `SELECT id FROM marketing_contact
       WHERE id = ANY(ARRAY[?]::text[]) AND soft_bounces >= ?`,
      [contactIds, options.softBounceLimit]
    )
    for (const { id } of softCounts) {
      if (!reasons.has(id)) {
        reasons.set(id, "soft_bounces")
      }
    }
    const suppressed = await this.suppressContacts_(
      [...reasons].map(([contact_id, reason]) => ({ contact_id, reason })),
      sharedContext
    )
    return { inserted: rows.map((r) => r.id), suppressed }
  }

  /** Removes message events (a compensation) and recomputes what they fed. */
  @InjectManager()
  async removeMessageEvents(
    ids: string[],
    @MedusaContext() sharedContext: Context = {}
  ): Promise<void> {
    return await this.removeMessageEvents_(ids, sharedContext)
  }

  @InjectTransactionManager()
  protected async removeMessageEvents_(
    ids: string[],
    @MedusaContext() sharedContext: Context = {}
  ): Promise<void> {
    if (!ids.length) {
      return
    }
    const manager = sharedContext.transactionManager as SqlEntityManager
    const removed = await manager.execute<{ message_id: string; contact_id: string }[]>(
      `DELETE FROM marketing_message_event WHERE id = ANY(ARRAY[?]::text[])
       RETURNING message_id, contact_id`,
      [ids]
    )
    if (removed.length) {
      await this.refreshEngagement_(
        [...new Set(removed.map((r) => r.message_id))],
        [...new Set(removed.map((r) => r.contact_id))],
        manager
      )
    }
  }

  private async refreshEngagement_(
    messageIds: string[],
    contactIds: string[],
    manager: SqlEntityManager
  ): Promise<void> {
    await manager.execute(REFRESH_MESSAGE_EVENTS_SQL, [messageIds])
    await manager.execute(REFRESH_CONTACT_ENGAGEMENT_SQL, [contactIds])
  }

  /**
   * Puts contacts on the suppression list; a contact already on it keeps its
   * first reason. Returns the changes made, with the state before, so a
   * compensation can undo exactly those.
   */
  @InjectManager()
  async suppressContacts(
    input: { contact_id: string; reason: string }[],
    @MedusaContext() sharedContext: Context = {}
  ): Promise<SuppressionChange[]> {
    return await this.suppressContacts_(input, sharedContext)
  }

  @InjectTransactionManager()
  protected async suppressContacts_(
    input: { contact_id: string; reason: string }[],
    @MedusaContext() sharedContext: Context = {}
  ): Promise<SuppressionChange[]> {
    if (!input.length) {
      return []
    }
    const manager = sharedContext.transactionManager as SqlEntityManager
    const reasons = new Map(input.map((i) => [i.contact_id, i.reason]))
    const rows = await manager.execute<{ id: string }[]>(
      `UPDATE marketing_contact c SET
         suppressed_at = now(), suppression_reason = r.reason, updated_at = now()
       FROM unnest(ARRAY[?]::text[], ARRAY[?]::text[]) AS r(id, reason)
       WHERE c.id = r.id AND c.suppressed_at IS NULL AND c.deleted_at IS NULL
       RETURNING c.id`,
      [[...reasons.keys()], [...reasons.values()]]
    )
    return rows.map(({ id }) => ({
      contact_id: id,
      previous: { suppressed_at: null, suppression_reason: null },
      reason: reasons.get(id)!,
    }))
  }

  /**
   * Takes contacts off the suppression list and clears their soft-bounce
   * run. Returns the changes made, for compensation.
   */
  @InjectManager()
  async unsuppressContacts(
    contactIds: string[],
    @MedusaContext() sharedContext: Context = {}
  ): Promise<SuppressionChange[]> {
    return await this.unsuppressContacts_(contactIds, sharedContext)
  }

  @InjectTransactionManager()
  protected async unsuppressContacts_(
    contactIds: string[],
    @MedusaContext() sharedContext: Context = {}
  ): Promise<SuppressionChange[]> {
    if (!contactIds.length) {
      return []
    }
    const manager = sharedContext.transactionManager as SqlEntityManager
    const rows = await manager.execute<{ id: string; suppressed_at: Date; suppression_reason: string | null }[]>(
      `UPDATE marketing_contact c SET
         suppressed_at = NULL, suppression_reason = NULL, soft_bounces = 0, updated_at = now()
       FROM marketing_contact old
       WHERE c.id = old.id AND c.id = ANY(ARRAY[?]::text[])
         AND old.suppressed_at IS NOT NULL AND old.erased_at IS NULL
       RETURNING c.id, old.suppressed_at, old.suppression_reason`,
      [contactIds]
    )
    return rows.map((row) => ({
      contact_id: row.id,
      previous: { suppressed_at: row.suppressed_at, suppression_reason: row.suppression_reason },
      reason: "removed",
    }))
  }

  /** Puts suppression back as it was before the given changes. */
  @InjectManager()
  async restoreSuppression(
    changes: SuppressionChange[],
    @MedusaContext() sharedContext: Context = {}
  ): Promise<void> {
    return await this.restoreSuppression_(changes, sharedContext)
  }

  @InjectTransactionManager()
  protected async restoreSuppression_(
    changes: SuppressionChange[],
    @MedusaContext() sharedContext: Context = {}
  ): Promise<void> {
    const manager = sharedContext.transactionManager as SqlEntityManager
    for (const change of changes) {
      await manager.execute(
        `UPDATE marketing_contact SET suppressed_at = ?::timestamptz, suppression_reason = ?, updated_at = now()
         WHERE id = ?`,
        [change.previous.suppressed_at, change.previous.suppression_reason, change.contact_id]
      )
    }
  }

  /**
   * Products bought by contacts who bought something this contact bought,
   * most shared buyers first, leaving out what the contact already owns.
   * SQL because it is an overlap test and an unnest over the profile arrays,
   * which the ORM cannot express and which must not load every contact.
   *
   * @example
   * const related = await marketing.coPurchasedProducts(contact.id, 10)
   * // [{ product_id: "prod_…", buyers: 4 }, …]
   */
  @InjectManager()
  async coPurchasedProducts(
    contactId: string,
    limit: number,
    @MedusaContext() sharedContext: Context = {}
  ): Promise<{ product_id: string; buyers: number }[]> {
    const manager = sharedContext.manager as SqlEntityManager
    const rows = await manager.execute<{ product_id: string; buyers: string }[]>(
      `SELECT p.product_id, count(DISTINCT other.id) AS buyers
       FROM marketing_contact me
       JOIN marketing_contact other
         ON other.id <> me.id AND other.deleted_at IS NULL
        AND other.product_ids && me.product_ids
       CROSS JOIN LATERAL unnest(other.product_ids) AS p(product_id)
       WHERE me.id = ? AND me.deleted_at IS NULL
         AND NOT (p.product_id = ANY(me.product_ids))
       GROUP BY p.product_id
       ORDER BY buyers DESC, p.product_id
       LIMIT ?`,
      [contactId, limit]
    )
    return rows.map((row) => ({ product_id: row.product_id, buyers: Number(row.buyers) }))
  }

  /**
   * Products by how many contacts bought them, most first; only among
   * `productIds` when given, store-wide when `null`.
   *
   * @example
   * const bestSellers = await marketing.popularProducts(null, 5)
   */
  @InjectManager()
  async popularProducts(
    productIds: string[] | null,
    limit: number,
    @MedusaContext() sharedContext: Context = {}
  ): Promise<{ product_id: string; buyers: number }[]> {
    if (productIds && !productIds.length) {
      return []
    }
    const manager = sharedContext.manager as SqlEntityManager
    // The ranking counts every contact's products, and every email's
    // recommendations ask for it: it is kept until an order is recorded
    // (the latest order time, read from its index, moves) or for ten minutes.
    const [{ latest }] = await manager.execute<{ latest: Date | null }[]>(
      `SELECT max(last_order_at) AS latest FROM marketing_contact WHERE deleted_at IS NULL`
    )
    const key = `${limit}|${productIds ? [...productIds].sort().join(",") : "*"}`
    const version = latest ? new Date(latest).getTime() : null
    const cached = this.popularProducts_.get(key)
    if (cached && cached.version === version && Date.now() - cached.at < POPULAR_PRODUCTS_TTL_MS) {
      return cached.rows
    }
    const rows = await this.rankProducts_(manager, productIds, limit)
    if (this.popularProducts_.size >= POPULAR_PRODUCTS_CACHE_SIZE) {
      this.popularProducts_.clear()
    }
    this.popularProducts_.set(key, { version, at: Date.now(), rows })
    return rows
  }

  private readonly popularProducts_ = new Map<
    string,
    { version: number | null; at: number; rows: { product_id: string; buyers: number }[] }
  >()

  private async rankProducts_(
    manager: SqlEntityManager,
    productIds: string[] | null,
    limit: number
  ): Promise<{ product_id: string; buyers: number }[]> {
    const rows = await manager.execute<{ product_id: string; buyers: string }[]>(
      `SELECT p.product_id, count(DISTINCT c.id) AS buyers
       FROM marketing_contact c
       CROSS JOIN LATERAL unnest(c.product_ids) AS p(product_id)
       WHERE c.deleted_at IS NULL
         ${productIds ? "AND p.product_id = ANY(ARRAY[?]::text[])" : ""}
       GROUP BY p.product_id
       ORDER BY buyers DESC, p.product_id
       LIMIT ?`,
      productIds ? [productIds, limit] : [limit]
    )
    return rows.map((row) => ({ product_id: row.product_id, buyers: Number(row.buyers) }))
  }

  /**
   * Brings a segment's membership in line with its compiled rule, for the
   * whole population or for the given contacts, and updates its count.
   * Returns who entered and who left.
   *
   * @example
   * const { sql, bindings } = compileSegmentRule(rule, { now })
   * await marketing.refreshSegmentMembership(segment.id, { sql, bindings }, { now })
   */
  @InjectManager()
  async refreshSegmentMembership(
    segmentId: string,
    match: { sql: string; bindings: unknown[] },
    options: { now: Date; contactIds?: string[] },
    @MedusaContext() sharedContext: Context = {}
  ): Promise<{ entered: string[]; exited: string[] }> {
    return await this.refreshSegmentMembership_(segmentId, match, options, sharedContext)
  }

  @InjectTransactionManager()
  protected async refreshSegmentMembership_(
    segmentId: string,
    match: { sql: string; bindings: unknown[] },
    options: { now: Date; contactIds?: string[] },
    @MedusaContext() sharedContext: Context = {}
  ): Promise<{ entered: string[]; exited: string[] }> {
    const manager = sharedContext.transactionManager as SqlEntityManager
    const scoped = options.contactIds !== undefined
    if (scoped && !options.contactIds!.length) {
      return { entered: [], exited: [] }
    }
    const scope = scoped ? [options.contactIds] : []
    await manager.execute(JIT_OFF_SQL)
    const [row] = await manager.execute<{ entered: string[]; exited: string[] }[]>(
      segmentRefreshSql(match.sql, scoped),
      [
        ...scope,
        ...match.bindings,
        options.now,
        segmentId,
        ...scope,
        segmentId,
        options.now,
        segmentId,
      ]
    )
    const entered = row?.entered ?? []
    const exited = row?.exited ?? []
    // A whole refresh recounts (and repairs) the count; a few contacts move it by what changed.
    if (scoped) {
      await manager.execute(
        `UPDATE marketing_segment SET member_count = member_count + ?, updated_at = now() WHERE id = ?`,
        [entered.length - exited.length, segmentId]
      )
    } else {
      await manager.execute(
        `UPDATE marketing_segment SET
           member_count = (SELECT count(*) FROM marketing_segment_membership
                           WHERE segment_id = ? AND exited_at IS NULL AND deleted_at IS NULL),
           last_refreshed_at = ?::timestamptz,
           updated_at = now()
         WHERE id = ?`,
        [segmentId, options.now, segmentId]
      )
    }
    return { entered, exited }
  }

  /**
   * Rebuilds several segments over the whole population at once: the rules
   * are matched in one statement (one scan of the contacts for every rule
   * that reads only the contact's row), one join with the open memberships
   * finds what moved, one statement opens and closes those memberships and
   * one recounts them. The segments must not read each other's membership
   * (rebuild one dependency level at a time). Returns who entered and who
   * left each segment.
   *
   * @example
   * await marketing.rebuildSegmentsMembership(
   *   segments.map((s) => ({ segment_id: s.id, ...compileSegmentRule(s.rules, now, { wholePopulation: true }) })),
   *   { now }
   * )
   */
  @InjectManager()
  async rebuildSegmentsMembership(
    matches: SegmentMatch[],
    options: { now: Date },
    @MedusaContext() sharedContext: Context = {}
  ): Promise<{ segment_id: string; entered: string[]; exited: string[] }[]> {
    if (!matches.length) {
      return []
    }
    return await this.rebuildSegmentsMembership_(matches, options, sharedContext)
  }

  @InjectTransactionManager()
  protected async rebuildSegmentsMembership_(
    matches: SegmentMatch[],
    options: { now: Date },
    @MedusaContext() sharedContext: Context = {}
  ): Promise<{ segment_id: string; entered: string[]; exited: string[] }[]> {
    const manager = sharedContext.transactionManager as SqlEntityManager
    const ids = matches.map((match) => match.segment_id)
    await manager.execute(JIT_OFF_SQL)
    await manager.execute(WHOLE_SCAN_SETTINGS_SQL)
    const matched = segmentsMatchSql(matches)
    await manager.execute(matched.sql, matched.bindings)
    await manager.execute(ANALYZE_MATCHED_SQL)
    await manager.execute(MOVED_SQL, [ids])
    const changes = await manager.execute<{ segment_id: string; entered: string[]; exited: string[] }[]>(
      APPLY_MOVED_SQL,
      [options.now, options.now, ids]
    )
    await manager.execute(RECOUNT_SEGMENTS_SQL, [options.now, ids, ids])
    // Gone at commit anyway; dropped now so a caller's transaction can rebuild the next level.
    await manager.execute(DROP_REBUILD_TABLES_SQL)
    return changes
  }

  /**
   * Undoes a refresh (a compensation): removes the memberships it created
   * and reopens the ones it closed.
   */
  @InjectManager()
  async revertSegmentRefresh(
    segmentId: string,
    change: { entered: string[]; exited: string[]; now: Date },
    @MedusaContext() sharedContext: Context = {}
  ): Promise<void> {
    return await this.revertSegmentRefresh_(segmentId, change, sharedContext)
  }

  @InjectTransactionManager()
  protected async revertSegmentRefresh_(
    segmentId: string,
    change: { entered: string[]; exited: string[]; now: Date },
    @MedusaContext() sharedContext: Context = {}
  ): Promise<void> {
    const manager = sharedContext.transactionManager as SqlEntityManager
    if (change.entered.length) {
      await manager.execute(
        `DELETE FROM marketing_segment_membership
         WHERE segment_id = ? AND contact_id = ANY(ARRAY[?]::text[]) AND exited_at IS NULL
           AND entered_at = ?::timestamptz`,
        [segmentId, change.entered, change.now]
      )
    }
    if (change.exited.length) {
      await manager.execute(
        `UPDATE marketing_segment_membership SET exited_at = NULL, updated_at = now()
         WHERE segment_id = ? AND contact_id = ANY(ARRAY[?]::text[]) AND exited_at = ?::timestamptz`,
        [segmentId, change.exited, change.now]
      )
    }
    await manager.execute(
      `UPDATE marketing_segment SET member_count = (SELECT count(*) FROM marketing_segment_membership
         WHERE segment_id = ? AND exited_at IS NULL AND deleted_at IS NULL)
       WHERE id = ?`,
      [segmentId, segmentId]
    )
  }

  /**
   * Everything the in-memory segment evaluator needs for a few contacts,
   * read in five statements whatever the number of segments. A contact
   * deleted or erased has no facts: it matches no segment.
   */
  @InjectManager()
  async readSegmentContexts(
    contactIds: string[],
    @MedusaContext() sharedContext: Context = {}
  ): Promise<Map<string, SegmentContactContext>> {
    const manager = sharedContext.manager as SqlEntityManager
    // One after another: inside a caller's transaction they share a connection.
    const contacts = await manager.execute<ContactRow[]>(SEGMENT_CONTACTS_SQL, [contactIds])
    const events = await manager.execute<Record<string, any>[]>(SEGMENT_EVENTS_SQL, [
      contactIds,
      [ORDER_PLACED, ORDER_CANCELED, CART_ABANDONED],
    ])
    const messages = await manager.execute<Record<string, any>[]>(SEGMENT_MESSAGES_SQL, [contactIds, MESSAGE_SENT])
    const messageEvents = await manager.execute<Record<string, any>[]>(SEGMENT_MESSAGE_EVENTS_SQL, [
      contactIds,
      [...ENGAGEMENT_EVENT_TYPES.opened],
    ])
    const memberships = await manager.execute<Record<string, any>[]>(SEGMENT_MEMBERSHIPS_SQL, [contactIds])
    const contexts = new Map<string, SegmentContactContext>(
      contactIds.map((id) => [id, { facts: null, events: [], messages: [], messageEvents: [], memberships: [] }])
    )
    for (const facts of contacts) {
      contexts.get(facts.id)!.facts = facts
    }
    const push = <K extends "events" | "messages" | "messageEvents" | "memberships">(key: K, rows: Record<string, any>[]) => {
      for (const row of rows) {
        contexts.get(row.contact_id)?.[key].push(row as any)
      }
    }
    push("events", events)
    push("messages", messages)
    push("messageEvents", messageEvents)
    push("memberships", memberships)
    return contexts
  }

  /**
   * Writes what the in-memory refresh of a few contacts decided, in one
   * statement: their new scores, and membership changes of any number of
   * segments, each segment's count moved by what actually changed. Returns
   * what changed, per segment.
   */
  @InjectManager()
  async applyContactChanges(
    change: { scores?: ContactScores[]; memberships: MembershipDecision[]; now: Date },
    @MedusaContext() sharedContext: Context = {}
  ): Promise<MembershipDecision[]> {
    const scores = change.scores ?? []
    const rows = change.memberships.flatMap((d) => [
      ...d.entered.map((contact_id) => ({ segment_id: d.segment_id, contact_id, enter: true })),
      ...d.exited.map((contact_id) => ({ segment_id: d.segment_id, contact_id, enter: false })),
    ])
    if (!rows.length && !scores.length) {
      return []
    }
    const manager = sharedContext.manager as SqlEntityManager
    const changed = await manager.execute<{ segment_id: string; contact_id: string; entered: boolean }[]>(
      APPLY_CONTACT_CHANGES_SQL,
      [JSON.stringify(scores), JSON.stringify(rows), change.now]
    )
    return change.memberships.flatMap(({ segment_id }) => {
      const mine = changed.filter((row) => row.segment_id === segment_id)
      const entered = mine.filter((row) => row.entered).map((row) => row.contact_id)
      const exited = mine.filter((row) => !row.entered).map((row) => row.contact_id)
      return entered.length || exited.length ? [{ segment_id, entered, exited }] : []
    })
  }

  /**
   * Everything re-checking a few contacts after an event needs, in one
   * statement: the model stored under `modelKey`, the enabled lead-score
   * rules, every segment, and each live contact's profile with the rows
   * segments read and its timeline since `activitySince`. Reads only.
   */
  @InjectManager()
  async readContactRefresh(
    contactIds: string[],
    options: { modelKey: string; activitySince: Date },
    @MedusaContext() sharedContext: Context = {}
  ): Promise<ContactRefresh> {
    const manager = sharedContext.manager as SqlEntityManager
    const [row] = await manager.execute<ContactRefresh[]>(CONTACT_REFRESH_SQL, [
      options.modelKey,
      [ORDER_PLACED, ORDER_CANCELED, CART_ABANDONED],
      options.activitySince,
      MESSAGE_SENT,
      [...ENGAGEMENT_EVENT_TYPES.opened],
      contactIds,
      WHOLE_EVENT_TYPES,
    ])
    return row
  }

  /**
   * How many contacts a compiled rule matches now, and the first few of
   * them: the live preview while a merchandiser edits rules. Reads only.
   */
  @InjectManager()
  async previewSegment(
    match: { sql: string; bindings: unknown[] },
    sampleSize: number,
    @MedusaContext() sharedContext: Context = {}
  ): Promise<{ count: number; sample: ContactRow[] }> {
    const manager = sharedContext.manager as SqlEntityManager
    const { count, sample } = await withoutJit(manager, async (trx) => {
      await trx.raw(WHOLE_SCAN_SETTINGS_SQL)
      const { rows } = await trx.raw(previewMatchSql(match.sql), [...match.bindings, sampleSize] as never[])
      const [{ count, ids }] = rows as { count: string; ids: string[] }[]
      if (!ids.length) {
        return { count, sample: [] as ContactRow[] }
      }
      const { rows: contacts } = await trx.raw(
        `SELECT c.id, c.email, c.first_name, c.last_name, c.orders_count, c.total_spent, c.last_order_at, c.consent_status
         FROM marketing_contact c WHERE c.id = ANY(?::text[])`,
        [ids]
      )
      const byId = new Map((contacts as ContactRow[]).map((contact) => [contact.id, contact]))
      return { count, sample: ids.map((id) => byId.get(id)!) }
    })
    return { count: Number(count), sample }
  }

  /**
   * The Medusa customers among a segment's current members, optionally only
   * among the given contacts: what a synced customer group should hold.
   */
  @InjectManager()
  async listSegmentCustomerIds(
    segmentId: string,
    contactIds?: string[],
    @MedusaContext() sharedContext: Context = {}
  ): Promise<string[]> {
    const manager = sharedContext.manager as SqlEntityManager
    const rows = await manager.execute<{ customer_id: string }[]>(
      `SELECT c.customer_id FROM marketing_segment_membership sm
       JOIN marketing_contact c ON c.id = sm.contact_id
       WHERE sm.segment_id = ? AND sm.exited_at IS NULL AND sm.deleted_at IS NULL
         AND c.customer_id IS NOT NULL AND c.deleted_at IS NULL AND c.erased_at IS NULL
         ${contactIds ? "AND c.id = ANY(ARRAY[?]::text[])" : ""}`,
      contactIds ? [segmentId, contactIds] : [segmentId]
    )
    return rows.map((row) => row.customer_id)
  }

  /**
   * Runs a statement selecting `contact_id` (a compiled time-boundary
   * candidate query) and returns the live contacts it names.
   */
  @InjectManager()
  async listBoundaryCandidates(
    query: { sql: string; bindings: unknown[] },
    @MedusaContext() sharedContext: Context = {}
  ): Promise<string[]> {
    const manager = sharedContext.manager as SqlEntityManager
    const rows = await scanRows<{ id: string }>(
      manager,
      `SELECT c.id FROM marketing_contact c
       WHERE c.deleted_at IS NULL AND c.erased_at IS NULL AND c.id IN (${query.sql})
       ORDER BY c.id`,
      query.bindings
    )
    return rows.map((row) => row.id)
  }

  /**
   * Claims flow runs for one worker (due ones, or the given ones) under a
   * lease; see `claimFlowRunsSql`.
   */
  @InjectManager()
  async claimFlowRuns(
    input: { now: Date; limit: number; leaseMs: number; claim_token: string; run_ids?: string[] },
    @MedusaContext() sharedContext: Context = {}
  ): Promise<Record<string, any>[]> {
    return await this.claimFlowRuns_(input, sharedContext)
  }

  @InjectTransactionManager()
  protected async claimFlowRuns_(
    input: { now: Date; limit: number; leaseMs: number; claim_token: string; run_ids?: string[] },
    @MedusaContext() sharedContext: Context = {}
  ): Promise<Record<string, any>[]> {
    if (input.run_ids && !input.run_ids.length) {
      return []
    }
    const manager = sharedContext.transactionManager as SqlEntityManager
    return await manager.execute(claimFlowRunsSql(!!input.run_ids), [
      input.claim_token,
      new Date(input.now.getTime() + input.leaseMs),
      input.now,
      input.run_ids ?? input.now,
      input.limit,
    ])
  }

  /**
   * Saves a claimed run and lets go of it; false when the claim was lost
   * (the lease ran out and another worker took the run).
   */
  @InjectManager()
  async saveFlowRun(
    input: {
      id: string
      claim_token: string
      status: string
      state: unknown
      current_step: string | null
      wake_at: Date | null
      last_error: string | null
      failures: number
      finished_at: Date | null
      exit_reason: string | null
      converted_at: Date | null
      inbox_applied: number
      now: Date
    },
    @MedusaContext() sharedContext: Context = {}
  ): Promise<boolean> {
    const manager = sharedContext.manager as SqlEntityManager
    const rows = await manager.execute(SAVE_FLOW_RUN_SQL, [
      input.status,
      JSON.stringify(input.state),
      input.current_step,
      input.last_error,
      input.failures,
      input.finished_at,
      input.exit_reason,
      input.converted_at,
      input.status,
      input.now,
      input.wake_at,
      input.id,
      input.inbox_applied,
      input.id,
      input.claim_token,
    ])
    return rows.length > 0
  }

  /** Puts an event in runs' inboxes and makes them due; returns the runs that took it. */
  @InjectManager()
  async deliverFlowEvent(
    runIds: string[],
    event: { name: string; data: unknown; at: number },
    @MedusaContext() sharedContext: Context = {}
  ): Promise<string[]> {
    if (!runIds.length) {
      return []
    }
    const manager = sharedContext.manager as SqlEntityManager
    const at = new Date(event.at)
    const rows = await manager.execute<{ id: string }[]>(DELIVER_FLOW_EVENT_SQL, [
      JSON.stringify(event),
      at,
      at,
      runIds,
    ])
    return rows.map((row) => row.id)
  }

  /**
   * Opens the log row of a step visit under its key and returns it as
   * stored: `entered` for a new one, or what an earlier attempt recorded.
   */
  @InjectManager()
  async openFlowStepLog(
    input: { run_id: string; flow_id: string; step_id: string; step_type: string; key: string; at: Date },
    @MedusaContext() sharedContext: Context = {}
  ): Promise<{ outcome: string; result: unknown }> {
    const manager = sharedContext.manager as SqlEntityManager
    const [row] = await manager.execute<{ outcome: string; result: unknown }[]>(OPEN_STEP_LOG_SQL, [
      generateEntityId(undefined, "mkt_fsl"),
      input.run_id,
      input.flow_id,
      input.step_id,
      input.step_type,
      input.key,
      input.at,
      input.key,
    ])
    return row
  }

  /**
   * Adds points to a contact's lead score (a flow step awarding them at
   * `awardedAt`). The award stops counting when it leaves the scoring
   * lookback, so the contact's recheck, and the hourly refresh's due time,
   * come no later than that.
   */
  @InjectManager()
  async addLeadPoints(
    contactId: string,
    points: number,
    awardedAt: Date,
    @MedusaContext() sharedContext: Context = {}
  ) {
    const manager = sharedContext.manager as SqlEntityManager
    const expires = new Date(awardedAt.getTime() + SCORING_LOOKBACK_MS)
    await manager.execute(
      `UPDATE marketing_contact
       SET lead_score = coalesce(lead_score, 0) + ?,
           scores_recheck_at = least(coalesce(scores_recheck_at, ?::timestamptz), ?::timestamptz),
           scores_due_at = CASE WHEN scores_due_at IS NULL THEN NULL ELSE least(scores_due_at, ?::timestamptz) END,
           updated_at = now()
       WHERE id = ?`,
      [points, expires, expires, expires, contactId]
    )
  }

  /**
   * Marks the queued messages of a flow run as skipped: the run ended before
   * they went out. `keys` are the idempotency keys the run's steps can have
   * queued under, found through their unique index; the outbox can hold a
   * campaign's worth of queued messages, which a key prefix would scan.
   */
  @InjectManager()
  async skipQueuedRunMessages(runId: string, reason: string, keys: string[], @MedusaContext() sharedContext: Context = {}) {
    const mine = keys.filter((key) => key.startsWith(`flow:${runId}:`))
    if (!mine.length) {
      return []
    }
    const manager = sharedContext.manager as SqlEntityManager
    const rows = await manager.execute<{ id: string }[]>(
      `UPDATE marketing_message SET status = 'skipped', last_error = ?, updated_at = now()
       WHERE deleted_at IS NULL AND status = 'queued' AND idempotency_key = ANY(ARRAY[?]::text[])
       RETURNING id`,
      [reason, mine]
    )
    return rows.map((row) => row.id)
  }

  /** Marks a step visit's log row with what became of it. */
  @InjectManager()
  async closeFlowStepLog(
    input: { key: string; outcome: "executed" | "skipped" | "failed"; result?: unknown; error?: string | null },
    @MedusaContext() sharedContext: Context = {}
  ) {
    const manager = sharedContext.manager as SqlEntityManager
    await manager.execute(
      `UPDATE marketing_flow_step_log SET outcome = ?, result = ?::jsonb, error = ?, updated_at = now()
       WHERE key = ? AND deleted_at IS NULL`,
      [input.outcome, input.result === undefined ? null : JSON.stringify(input.result), input.error ?? null, input.key]
    )
  }

  /** Creates runs; a run whose (flow, contact, entry key) exists is not created again. Returns the new ones. */
  @InjectManager()
  async insertFlowRuns(
    runs: {
      id: string
      flow_id: string
      flow_version_id: string
      contact_id: string
      entry_key: string
      holdout: boolean
      state: unknown
      trigger_data: unknown
      entered_at: Date
    }[],
    @MedusaContext() sharedContext: Context = {}
  ): Promise<string[]> {
    if (!runs.length) {
      return []
    }
    const manager = sharedContext.manager as SqlEntityManager
    const rows = await manager.execute<{ id: string }[]>(
      `INSERT INTO marketing_flow_run
         (id, flow_id, flow_version_id, contact_id, entry_key, holdout, state, trigger_data, entered_at, wake_at, status)
       SELECT r.id, r.flow_id, r.flow_version_id, r.contact_id, r.entry_key, r.holdout, r.state, r.trigger_data,
              r.entered_at, r.entered_at, 'active'
       FROM jsonb_to_recordset(?::jsonb) AS r(
         id text, flow_id text, flow_version_id text, contact_id text, entry_key text, holdout boolean,
         state jsonb, trigger_data jsonb, entered_at timestamptz)
       ON CONFLICT (flow_id, contact_id, entry_key) WHERE deleted_at IS NULL DO NOTHING
       RETURNING id`,
      [JSON.stringify(runs)]
    )
    return rows.map((row) => row.id)
  }

  /** Versions some run is still on: their exits, goals and waits keep listening to events. */
  @InjectManager()
  async listRunningFlowVersionIds(@MedusaContext() sharedContext: Context = {}): Promise<string[]> {
    const manager = sharedContext.manager as SqlEntityManager
    const rows = await manager.execute<{ flow_version_id: string }[]>(
      `SELECT DISTINCT flow_version_id FROM marketing_flow_run
       WHERE deleted_at IS NULL AND status IN ('active', 'waiting')`
    )
    return rows.map((row) => row.flow_version_id)
  }

  /** Ends a flow's running runs (the flow was archived); returns how many. */
  @InjectManager()
  async exitFlowRuns(flowId: string, reason: string, @MedusaContext() sharedContext: Context = {}): Promise<number> {
    const manager = sharedContext.manager as SqlEntityManager
    const [row] = await manager.execute<{ runs: string }[]>(EXIT_FLOW_RUNS_SQL, [reason, flowId, reason])
    return Number(row?.runs ?? 0)
  }

  /** Per step of a flow: how many visits entered it, were carried out, skipped (holdout) or failed. */
  @InjectManager()
  async flowStepCounts(flowId: string, @MedusaContext() sharedContext: Context = {}) {
    const manager = sharedContext.manager as SqlEntityManager
    const rows = await manager.execute<{ step_id: string; outcome: string; count: string }[]>(
      `SELECT step_id, outcome, count(*) AS count FROM marketing_flow_step_log
       WHERE flow_id = ? AND deleted_at IS NULL GROUP BY step_id, outcome`,
      [flowId]
    )
    const counts: Record<string, Record<string, number>> = {}
    for (const row of rows) {
      const step = (counts[row.step_id] ??= { visits: 0, entered: 0, executed: 0, skipped: 0, failed: 0 })
      step[row.outcome] = Number(row.count)
      step.visits += Number(row.count)
    }
    return counts
  }

  /** A flow's runs by status, with conversions split by holdout. */
  @InjectManager()
  async flowRunCounts(flowId: string, @MedusaContext() sharedContext: Context = {}) {
    const counts = await this.flowRunCountsByFlow([flowId], sharedContext)
    return counts.get(flowId) ?? { entered: 0, running: 0, completed: 0, exited: 0, failed: 0, converted: 0, holdout: 0, holdout_converted: 0 }
  }

  /** `flowRunCounts` for a page of flows in one statement. */
  @InjectManager()
  async flowRunCountsByFlow(flowIds: string[], @MedusaContext() sharedContext: Context = {}) {
    const result = new Map<string, Record<string, number>>()
    if (!flowIds.length) {
      return result
    }
    const manager = sharedContext.manager as SqlEntityManager
    const rows = await manager.execute<Record<string, string>[]>(
      `SELECT flow_id, count(*) AS entered,
              count(*) FILTER (WHERE status IN ('active', 'waiting')) AS running,
              count(*) FILTER (WHERE status = 'completed') AS completed,
              count(*) FILTER (WHERE status = 'exited') AS exited,
              count(*) FILTER (WHERE status = 'failed') AS failed,
              count(*) FILTER (WHERE converted_at IS NOT NULL) AS converted,
              count(*) FILTER (WHERE holdout) AS holdout,
              count(*) FILTER (WHERE holdout AND converted_at IS NOT NULL) AS holdout_converted
       FROM marketing_flow_run WHERE flow_id = ANY(ARRAY[?]::text[]) AND deleted_at IS NULL
       GROUP BY flow_id`,
      [flowIds]
    )
    for (const { flow_id, ...row } of rows) {
      result.set(flow_id, Object.fromEntries(Object.entries(row).map(([key, value]) => [key, Number(value)])))
    }
    return result
  }

  /** A page of live contacts matching a date or inactivity trigger's candidate condition, in id order. */
  @InjectManager()
  async listScheduleCandidates(
    candidates: { where: string; bindings: unknown[] },
    afterId: string,
    limit: number,
    @MedusaContext() sharedContext: Context = {}
  ): Promise<string[]> {
    const manager = sharedContext.manager as SqlEntityManager
    const rows = await manager.execute<{ id: string }[]>(
      `SELECT c.id FROM marketing_contact c
       WHERE c.deleted_at IS NULL AND c.erased_at IS NULL AND c.id > ? AND (${candidates.where})
       ORDER BY c.id LIMIT ?`,
      [afterId, ...candidates.bindings, limit]
    )
    return rows.map((row) => row.id)
  }

  /** A page of contacts with what scoring reads of them, in id order after `afterId`. */
  @InjectManager()
  async readScoreInputs(
    afterId: string,
    limit: number,
    @MedusaContext() sharedContext: Context = {}
  ): Promise<ScoreInputRow[]> {
    const manager = sharedContext.manager as SqlEntityManager
    return await manager.execute<ScoreInputRow[]>(SCORE_INPUTS_SQL, [afterId, limit])
  }

  /** Opens, clicks and timeline events of some contacts since `since`, for engagement and lead scores. */
  @InjectManager()
  async readScoreActivity(
    contactIds: string[],
    since: Date,
    @MedusaContext() sharedContext: Context = {}
  ): Promise<ScoreActivityRow[]> {
    if (!contactIds.length) {
      return []
    }
    const manager = sharedContext.manager as SqlEntityManager
    return await manager.execute<ScoreActivityRow[]>(SCORE_ACTIVITY_SQL, [contactIds, since, contactIds, since])
  }

  /** Writes contacts' scores; returns what they replaced, for compensation. */
  @InjectManager()
  async writeContactScores(
    rows: ContactScores[],
    @MedusaContext() sharedContext: Context = {}
  ): Promise<ContactScores[]> {
    return await this.writeContactScores_(rows, sharedContext)
  }

  @InjectTransactionManager()
  protected async writeContactScores_(
    rows: ContactScores[],
    @MedusaContext() sharedContext: Context = {}
  ): Promise<ContactScores[]> {
    if (!rows.length) {
      return []
    }
    const manager = sharedContext.transactionManager as SqlEntityManager
    return await manager.execute<ContactScores[]>(WRITE_SCORES_SQL, [JSON.stringify(rows)])
  }

  /**
   * The Scores page's figures: the RFM groups with their revenue, the
   * recency × frequency grid, how churn risk spreads over buyers and the
   * predicted value, from one aggregate statement however many contacts
   * there are.
   *
   * @example
   * const { groups, churn_risk, predicted_value_365 } = await marketing.scoreSummary()
   */
  @InjectManager()
  async scoreSummary(@MedusaContext() sharedContext: Context = {}): Promise<ScoreSummary> {
    const manager = sharedContext.manager as SqlEntityManager
    return toScoreSummary(await manager.execute<ScoreSummaryRow[]>(SCORE_SUMMARY_SQL))
  }

  /**
   * Live contacts with an event of one of `types` since `since`, a page of
   * ids at a time in id order after `afterId`: the contacts whose lead score
   * a change to the rules on those event types can move.
   *
   * @example
   * const ids = await marketing.listContactIdsWithActivity(["signed_up"], since, "", 1000)
   */
  @InjectManager()
  async listContactIdsWithActivity(
    types: string[],
    since: Date,
    afterId: string,
    limit: number,
    @MedusaContext() sharedContext: Context = {}
  ): Promise<string[]> {
    if (!types.length) {
      return []
    }
    const manager = sharedContext.manager as SqlEntityManager
    const messageTypes = types.filter((type) => LEAD_MESSAGE_EVENT_TYPES.includes(type))
    const rows = await manager.execute<{ id: string }[]>(
      leadActivityContactsSql({ timeline: true, messages: messageTypes.length > 0 }),
      [afterId, types, since, ...(messageTypes.length ? [messageTypes, since] : []), limit]
    )
    return rows.map((row) => row.id)
  }

  /**
   * Attributes orders to the marketing email each buyer last clicked (or,
   * failing that, opened) within the windows, creating one conversion per
   * order; an order already attributed is left as it is. Returns the
   * conversions created. See `ATTRIBUTE_ORDERS_SQL` for the rules.
   *
   * @example
   * const [conversion] = await marketing.attributeOrders([{
   *   order_id, customer_id, email, ordered_at, click_from, open_from,
   *   amount: 50, refunded_amount: 0, currency_code: "eur", canceled_at: null,
   * }])
   */
  @InjectManager()
  async attributeOrders(
    orders: AttributableOrder[],
    @MedusaContext() sharedContext: Context = {}
  ): Promise<CreatedConversion[]> {
    return await this.attributeOrders_(orders, sharedContext)
  }

  @InjectTransactionManager()
  protected async attributeOrders_(
    orders: AttributableOrder[],
    @MedusaContext() sharedContext: Context = {}
  ): Promise<CreatedConversion[]> {
    if (!orders.length) {
      return []
    }
    const manager = sharedContext.transactionManager as SqlEntityManager
    const rows = orders.map((order) => ({
      ...order,
      id: generateEntityId(undefined, "mkt_cnv"),
      email: order.email ? normalizeEmail(order.email) : null,
    }))
    return await manager.execute(ATTRIBUTE_ORDERS_SQL, [JSON.stringify(rows)])
  }

  /**
   * Sets attributed orders' refunded amount and cancellation to the given
   * absolute values; orders without a conversion are skipped. Returns the
   * values before for the conversions that changed, for compensation.
   */
  @InjectManager()
  async setConversionOutcomes(
    outcomes: ConversionOutcome[],
    @MedusaContext() sharedContext: Context = {}
  ): Promise<ConversionOutcome[]> {
    return await this.setConversionOutcomes_(outcomes, sharedContext)
  }

  @InjectTransactionManager()
  protected async setConversionOutcomes_(
    outcomes: ConversionOutcome[],
    @MedusaContext() sharedContext: Context = {}
  ): Promise<ConversionOutcome[]> {
    if (!outcomes.length) {
      return []
    }
    const manager = sharedContext.transactionManager as SqlEntityManager
    return await manager.execute(SET_CONVERSION_OUTCOMES_SQL, [JSON.stringify(outcomes)])
  }

  /**
   * What a flow or campaign earned, per step, per variant or as one group,
   * for the messages sent in `[from, to)` (either open); flows also get
   * their entrants against the holdout.
   *
   * @example
   * const { groups, runs } = await marketing.attributionResults({
   *   reason_type: "flow", reason_id: flow.id, group_by: "step",
   * })
   */
  @InjectManager()
  async attributionResults(
    filter: {
      reason_type: "flow" | "campaign"
      reason_id: string
      group_by: ResultsGrouping
      from?: Date | null
      to?: Date | null
    },
    @MedusaContext() sharedContext: Context = {}
  ): Promise<Results> {
    const manager = sharedContext.manager as SqlEntityManager
    const from = filter.from ?? null
    const to = filter.to ?? null
    const rows = await manager.execute<ResultsRow[]>(RESULTS_SQL, [
      filter.group_by,
      filter.reason_type,
      filter.reason_id,
      from,
      from,
      to,
      to,
      filter.reason_type,
      filter.reason_id,
    ])
    if (filter.reason_type !== "flow") {
      return { groups: rows.map(toResultsGroup), runs: null }
    }
    const { attribution } = await this.getSettings(sharedContext)
    const runs = await manager.execute<FlowRunResultsRow[]>(FLOW_RUN_RESULTS_SQL, [
      attribution.click_window_days,
      filter.reason_id,
      from,
      from,
      to,
      to,
    ])
    return { groups: rows.map(toResultsGroup), runs: toFlowRunResults(runs) }
  }

  /**
   * The Marketing overview: attributed revenue this month and last, the
   * flows and campaigns that earned most this month, the latest sends and
   * the last 30 days day by day, all in the merchant's time zone.
   *
   * @example
   * const overview = await marketing.attributionOverview({ time_zone: "Europe/Berlin", now: new Date() })
   */
  @InjectManager()
  async attributionOverview(
    input: { time_zone: string; now: Date; recent_limit?: number },
    @MedusaContext() sharedContext: Context = {}
  ): Promise<Overview> {
    const manager = sharedContext.manager as SqlEntityManager
    const periods = [input.time_zone, input.now]
    // One after another: inside a caller's transaction they share a connection.
    const revenue = await manager.execute<
      { period: "this_month" | "last_month"; currency_code: string; conversions: number; revenue: number }[]
    >(OVERVIEW_REVENUE_SQL, periods)
    const top = await manager.execute<
      (Omit<OverviewTopEntry, "id"> & { reason_type: string; reason_id: string })[]
    >(OVERVIEW_TOP_SQL, periods)
    const recent = await manager.execute(OVERVIEW_RECENT_SENDS_SQL, [input.recent_limit ?? 10])
    const daily = await manager.execute(OVERVIEW_SERIES_SQL, periods)
    const inPeriod = (period: string) =>
      revenue
        .filter((row) => row.period === period)
        .map((row) => ({ currency_code: row.currency_code, amount: row.revenue, conversions: row.conversions }))
    const ranked = (type: string) =>
      top
        .filter((row) => row.reason_type === type)
        .map(({ reason_id, name, currency_code, revenue, conversions }) => ({
          id: reason_id,
          name,
          currency_code,
          revenue,
          conversions,
        }))
    return {
      time_zone: input.time_zone,
      revenue: { this_month: inPeriod("this_month"), last_month: inPeriod("last_month") },
      top_flows: ranked("flow"),
      top_campaigns: ranked("campaign"),
      recent_sends: recent as Overview["recent_sends"],
      daily: daily as Overview["daily"],
    }
  }

  /**
   * How many contacts a campaign to these segments reaches now: the members
   * of any of `segment_ids` who are in none of `exclude_segment_ids`
   * (`count`), and those of them the send would email (`reachable`: not
   * suppressed and, unless `transactional`, subscribed).
   *
   * @example
   * const { count, reachable } = await marketing.countCampaignAudience({ segment_ids: [vip.id], exclude_segment_ids: [staff.id] })
   */
  @InjectManager()
  async countCampaignAudience(
    audience: CampaignAudience & { transactional?: boolean },
    @MedusaContext() sharedContext: Context = {}
  ): Promise<{ count: number; reachable: number }> {
    return await measureAudience(sharedContext.manager as SqlEntityManager, audience, audience.transactional ?? false)
  }

  /**
   * Changes a campaign only while its status is one of `allowed`, under the
   * row lock the sending job's start also takes, so an edit never lands on a
   * campaign that has begun sending. Returns the campaign and the values the
   * change replaced, for compensation.
   */
  @InjectManager()
  async updateCampaignInStatus(
    input: { id: string; allowed: CampaignStatus[]; action: string; changes: Record<string, unknown> },
    @MedusaContext() sharedContext: Context = {}
  ): Promise<{ campaign: Record<string, unknown>; previous: Record<string, unknown> }> {
    return await this.updateCampaignInStatus_(input, sharedContext)
  }

  @InjectTransactionManager()
  protected async updateCampaignInStatus_(
    input: { id: string; allowed: CampaignStatus[]; action: string; changes: Record<string, unknown> },
    @MedusaContext() sharedContext: Context = {}
  ): Promise<{ campaign: Record<string, unknown>; previous: Record<string, unknown> }> {
    const current = await lockCampaign(sharedContext.transactionManager as SqlEntityManager, input.id)
    assertCampaignStatus(current, input.allowed, input.action)
    const previous = Object.fromEntries(
      Object.keys(input.changes).map((key) => [key, current[key as keyof CampaignRow] ?? null])
    )
    const campaign = await this.updateCampaigns({ id: input.id, ...input.changes } as any, sharedContext)
    return { campaign: campaign as unknown as Record<string, unknown>, previous }
  }

  /** Soft-deletes a campaign that is still a draft. */
  @InjectManager()
  async deleteDraftCampaign(id: string, @MedusaContext() sharedContext: Context = {}): Promise<void> {
    return await this.deleteDraftCampaign_(id, sharedContext)
  }

  @InjectTransactionManager()
  protected async deleteDraftCampaign_(id: string, @MedusaContext() sharedContext: Context = {}): Promise<void> {
    assertCampaignStatus(await lockCampaign(sharedContext.transactionManager as SqlEntityManager, id), ["draft"], "deleted")
    await this.softDeleteCampaigns([id], {}, sharedContext)
  }

  /**
   * Cancels a draft, scheduled or sending campaign; a sending one's queued
   * messages are skipped with "campaign cancelled".
   *
   * @example
   * const { skipped } = await marketing.cancelCampaign(campaign.id, new Date())
   */
  @InjectManager()
  async cancelCampaign(
    id: string,
    now: Date,
    @MedusaContext() sharedContext: Context = {}
  ): Promise<{ previous: { status: CampaignStatus; cancelled_at: Date | null }; skipped: number }> {
    return await this.cancelCampaign_(id, now, sharedContext)
  }

  @InjectTransactionManager()
  protected async cancelCampaign_(
    id: string,
    now: Date,
    @MedusaContext() sharedContext: Context = {}
  ): Promise<{ previous: { status: CampaignStatus; cancelled_at: Date | null }; skipped: number }> {
    return await cancelCampaign(sharedContext.transactionManager as SqlEntityManager, id, now)
  }

  /** Undoes `cancelCampaign` (a compensation). */
  @InjectManager()
  async revertCampaignCancel(
    id: string,
    previous: { status: CampaignStatus; cancelled_at: Date | string | null },
    @MedusaContext() sharedContext: Context = {}
  ): Promise<void> {
    return await this.revertCampaignCancel_(id, previous, sharedContext)
  }

  @InjectTransactionManager()
  protected async revertCampaignCancel_(
    id: string,
    previous: { status: CampaignStatus; cancelled_at: Date | string | null },
    @MedusaContext() sharedContext: Context = {}
  ): Promise<void> {
    await revertCampaignCancel(sharedContext.transactionManager as SqlEntityManager, id, previous)
  }

  /**
   * Starts a scheduled campaign in one transaction: `sending`, its audience
   * (or an A/B test's sample) queued in the outbox, the audience's size
   * stored. Null when it was not scheduled, e.g. another instance started it.
   */
  @InjectManager()
  async startCampaign(
    id: string,
    now: Date,
    @MedusaContext() sharedContext: Context = {}
  ): Promise<CampaignStart | null> {
    return await this.startCampaign_(id, now, sharedContext)
  }

  @InjectTransactionManager()
  protected async startCampaign_(
    id: string,
    now: Date,
    @MedusaContext() sharedContext: Context = {}
  ): Promise<CampaignStart | null> {
    return await startCampaign(sharedContext.transactionManager as SqlEntityManager, id, now)
  }

  /** Undoes `startCampaign` (a compensation). */
  @InjectManager()
  async revertCampaignStart(id: string, @MedusaContext() sharedContext: Context = {}): Promise<void> {
    return await this.revertCampaignStart_(id, sharedContext)
  }

  @InjectTransactionManager()
  protected async revertCampaignStart_(id: string, @MedusaContext() sharedContext: Context = {}): Promise<void> {
    await revertCampaignStart(sharedContext.transactionManager as SqlEntityManager, id)
  }

  /** Sent messages, a person's opens and clicks, and net revenue of each A/B variant. */
  @InjectManager()
  async campaignVariantOutcomes(id: string, @MedusaContext() sharedContext: Context = {}): Promise<VariantOutcome[]> {
    return await variantOutcomes(sharedContext.manager as SqlEntityManager, id)
  }

  /**
   * Records an A/B test's winner and queues it to the rest of the audience,
   * in one transaction; null when the test was already decided.
   */
  @InjectManager()
  async sendCampaignWinner(
    id: string,
    winner: string,
    now: Date,
    @MedusaContext() sharedContext: Context = {}
  ): Promise<{ queued: number; previous_audience_count: number | null } | null> {
    return await this.sendCampaignWinner_(id, winner, now, sharedContext)
  }

  @InjectTransactionManager()
  protected async sendCampaignWinner_(
    id: string,
    winner: string,
    now: Date,
    @MedusaContext() sharedContext: Context = {}
  ): Promise<{ queued: number; previous_audience_count: number | null } | null> {
    return await sendCampaignWinner(sharedContext.transactionManager as SqlEntityManager, id, winner, now)
  }

  /** Undoes `sendCampaignWinner` (a compensation). */
  @InjectManager()
  async revertCampaignWinner(
    id: string,
    previousAudienceCount: number | null,
    @MedusaContext() sharedContext: Context = {}
  ): Promise<void> {
    return await this.revertCampaignWinner_(id, previousAudienceCount, sharedContext)
  }

  @InjectTransactionManager()
  protected async revertCampaignWinner_(
    id: string,
    previousAudienceCount: number | null,
    @MedusaContext() sharedContext: Context = {}
  ): Promise<void> {
    await revertCampaignWinner(sharedContext.transactionManager as SqlEntityManager, id, previousAudienceCount)
  }

  /** Marks sending campaigns with nothing left to send as sent; returns their ids. */
  @InjectManager()
  async finishCampaigns(now: Date, @MedusaContext() sharedContext: Context = {}): Promise<string[]> {
    return await finishCampaigns(sharedContext.manager as SqlEntityManager, now)
  }

  /** Undoes `finishCampaigns` for these campaigns (a compensation). */
  @InjectManager()
  async reopenCampaigns(ids: string[], @MedusaContext() sharedContext: Context = {}): Promise<void> {
    await reopenCampaigns(sharedContext.manager as SqlEntityManager, ids)
  }

  /** Skips messages that came back to the queue after their campaign was cancelled since `since`. */
  @InjectManager()
  async skipCancelledCampaignMessages(
    since: Date,
    @MedusaContext() sharedContext: Context = {}
  ): Promise<{ id: string; last_error: string | null }[]> {
    return await skipCancelledCampaignMessages(sharedContext.manager as SqlEntityManager, since)
  }

  /** Puts skipped messages back in the queue with the error they had (a compensation). */
  @InjectManager()
  async requeueSkippedMessages(
    messages: { id: string; last_error: string | null }[],
    @MedusaContext() sharedContext: Context = {}
  ): Promise<void> {
    await requeueMessages(sharedContext.manager as SqlEntityManager, messages)
  }

  /**
   * A campaign's message counts and conversions by variant and phase, and a
   * person's first opens and clicks per hour.
   *
   * @example
   * const { counts, conversions, series } = await marketing.campaignResultRows(campaign.id)
   */
  @InjectManager()
  async campaignResultRows(id: string, @MedusaContext() sharedContext: Context = {}): Promise<CampaignResultRows> {
    return await campaignResultRows(sharedContext.manager as SqlEntityManager, id)
  }

  /**
   * Message counts and conversions of several campaigns by campaign, variant
   * and phase, for a list page's totals.
   *
   * @example
   * const { counts, conversions } = await marketing.campaignGroupRows(campaigns.map((c) => c.id))
   */
  @InjectManager()
  async campaignGroupRows(ids: string[], @MedusaContext() sharedContext: Context = {}) {
    return await campaignGroupRows(sharedContext.manager as SqlEntityManager, ids)
  }

  /*
   * The full score refresh over the whole population (see
   * repositories/score-refresh-sql.ts for why it is SQL): what the model is
   * fitted on, the contacts a page at a time with their activity summed, and
   * the page's scores written back in one statement.
   */

  /** The RFM cut points over every buyer at `now`. */
  @InjectManager()
  async readRfmCutPoints(now: Date, @MedusaContext() sharedContext: Context = {}): Promise<RfmBoundarySet> {
    const manager = sharedContext.manager as SqlEntityManager
    const cuts = await queryRows<{ name: keyof RfmBoundarySet; c2: number | null; c3: number | null; c4: number | null; c5: number | null }>(
      manager,
      RFM_CUT_POINTS_SQL,
      [now.getTime()]
    )
    const rfm: RfmBoundarySet = {
      recency: [null, null, null, null],
      frequency: [null, null, null, null],
      monetary: [null, null, null, null],
    }
    for (const row of cuts) {
      rfm[row.name] = [row.c2, row.c3, row.c4, row.c5] as RfmBoundaries
    }
    return rfm
  }

  /**
   * What the full refresh fits its scoring model on, computed in the
   * database: RFM cut points over every buyer, the store's order totals, and
   * the buyers the prediction model is fitted on (at most `sampleSize`,
   * evenly spread in id order).
   */
  @InjectManager()
  async readScoringPopulation(
    now: Date,
    sampleSize: number,
    @MedusaContext() sharedContext: Context = {}
  ): Promise<{ rfm: RfmBoundarySet; totals: StoreTotals; sample: ScoreInputRow[] }> {
    const manager = sharedContext.manager as SqlEntityManager
    // Three independent passes over the buyers, each on a connection of its own, side by side.
    const [rfm, [totals], sample] = await Promise.all([
      this.readRfmCutPoints(now, sharedContext),
      queryRows<Record<string, string | number | number[]>>(manager, STORE_TOTALS_SQL),
      queryRows<ScoreInputRow>(manager, FIT_SAMPLE_SQL, [sampleSize, sampleSize, sampleSize]),
    ])
    return {
      rfm,
      totals: {
        buyers: Number(totals.buyers),
        repeat_buyers: Number(totals.repeat_buyers),
        orders: Number(totals.orders),
        spend: Number(totals.spend),
        gaps: Number(totals.gaps),
        middle_gaps: (totals.middle_gaps as number[]).map(Number),
      },
      sample,
    }
  }

  /**
   * The contacts the hourly refresh must score at `now`, in id order: those
   * due and the buyers the moved RFM cut points reach (`scoresDueQuery`).
   */
  @InjectManager()
  async readScoresDue(now: Date, shifts: RfmCutShifts, @MedusaContext() sharedContext: Context = {}): Promise<string[]> {
    const query = scoresDueQuery(now, shifts)
    const rows = await queryRows<{ id: string }>(sharedContext.manager as SqlEntityManager, query.sql, query.bindings)
    return rows.map((row) => row.id)
  }

  /**
   * A page of contacts, the `limit` in id order after `after` or the listed
   * `ids`, with what scoring reads of them and their stored scores, and the
   * activity of those whose events must be counted (every one when the plan
   * says so; otherwise those never counted or with a counted event expired
   * since) summed for the plan: per event type, and for lead-score rules
   * with a property condition, the events of their type.
   */
  @InjectManager()
  async readScorePage(
    page: { after: string; limit: number } | { ids: string[] },
    plan: ScorePagePlan,
    @MedusaContext() sharedContext: Context = {}
  ): Promise<ScorePage> {
    const manager = sharedContext.manager as SqlEntityManager
    const contacts =
      "ids" in page
        ? await queryRows<ScorePageContact>(manager, SCORE_PAGE_LISTED_SQL, [textArray(page.ids)])
        : await queryRows<ScorePageContact>(manager, SCORE_PAGE_CONTACTS_SQL, [page.after, page.limit])
    const recount = plan.recount_all
      ? contacts
      : contacts.filter((contact) => contact.unscored || !storedActivityHolds(contact, new Date(plan.now_ms)))
    if (!recount.length) {
      return { contacts, recounted: [], activity: [], candidates: [] }
    }
    const recounted = recount.map((contact) => contact.id)
    const totals = scoreActivityQuery(
      plan,
      recount === contacts && "after" in page ? { after: page.after, last: recounted[recounted.length - 1] } : { ids: recounted }
    )
    const activity = await queryRows<ScoreActivityTotal>(manager, totals.sql, totals.bindings)
    let candidates: LeadCandidate[] = []
    if (plan.rules.some((rule) => rule.property_root !== null)) {
      const query = leadCandidatesQuery(plan, recounted)
      candidates = await queryRows<LeadCandidate>(manager, query.sql, query.bindings)
    }
    return { contacts, recounted, activity, candidates }
  }

  /**
   * Writes a page of the full refresh's scores in one statement: only rows
   * whose scores or explanation changed, and none whose row changed since
   * it was read. Returns how many it wrote. The scores are derived from the
   * stored facts and the next refresh recomputes them, so there is nothing
   * to restore if a later page fails.
   */
  @InjectManager()
  async writeScoreChanges(rows: ScoreChangeRow[], @MedusaContext() sharedContext: Context = {}): Promise<number> {
    return await this.writeScoreChanges_(rows, sharedContext)
  }

  @InjectTransactionManager()
  protected async writeScoreChanges_(
    rows: ScoreChangeRow[],
    @MedusaContext() sharedContext: Context = {}
  ): Promise<number> {
    if (!rows.length) {
      return 0
    }
    const manager = sharedContext.transactionManager as SqlEntityManager
    const [{ written }] = await queryRows<{ written: string }>(manager, WRITE_SCORE_CHANGES_SQL, [JSON.stringify(rows)])
    return Number(written)
  }

  /**
   * Refreshes the planner's statistics on contacts and segment memberships
   * where many rows changed since they were last gathered. Segment refreshes
   * compare each rule's matches with the current members; planned on
   * statistics from before a rescore or a large fill (a group estimated
   * empty that now holds a fifth of the contacts), the comparison becomes a
   * nested loop over both sets and runs for minutes instead of a second.
   * Returns the tables analysed.
   */
  @InjectManager()
  async refreshSegmentStatistics(@MedusaContext() sharedContext: Context = {}): Promise<string[]> {
    const manager = sharedContext.manager as SqlEntityManager
    const stale = await manager.execute<{ relname: string }[]>(
      `SELECT s.relname FROM pg_stat_user_tables s JOIN pg_class c ON c.oid = s.relid
       WHERE s.schemaname = current_schema()
         AND s.relname IN ('marketing_contact', 'marketing_segment_membership')
         AND (greatest(s.last_analyze, s.last_autoanalyze) IS NULL
              OR s.n_mod_since_analyze > 0.1 * greatest(c.reltuples, 1000))`
    )
    for (const { relname } of stale) {
      await manager.execute(`ANALYZE "${relname}"`)
    }
    return stale.map((row) => row.relname)
  }
}

export default MarketingModuleService
