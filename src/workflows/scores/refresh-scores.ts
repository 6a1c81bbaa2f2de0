import { MedusaContainer } from "@medusajs/framework/types"
import { MARKETING_MODULE } from "../../modules/marketing"
import MarketingModuleService from "../../modules/marketing/service"
import {
  buildScoringModelFromPopulation,
  DEFAULT_MAX_FIT_CUSTOMERS,
  purchaseHistoryOf,
  rfmCutShifts,
  ScoringModel,
  storeOrderStatsFromTotals,
} from "../../lib/scoring"
import { Rule, SCORE_FIELDS, segmentsReadingFields } from "../../lib/segments"
import { refreshSegmentsWorkflow } from "../segments/workflows"
import { loadLeadScoreRules, loadScoringModel, SCORES_JOB_KEY } from "./score-contacts"
import { scorePage, scorePagePlan } from "./score-page"
import type { ScorePage, ScorePagePlan } from "../../modules/marketing/repositories/score-refresh-sql"

/** Contacts per page: big enough that a statement's overhead is small, small enough to hold a page in memory. */
const PAGE = 5000

// A prefetched read or a write still in flight may fail while the loop
// awaits the other; it is awaited later, so it must not count as unhandled.
const settleLater = <T>(promise: Promise<T>) => {
  promise.catch(() => undefined)
  return promise
}

/** A scoring model fitted over every contact at `now`, the search starting from the `previous` fit. */
async function fitScoringModel(
  marketing: MarketingModuleService,
  now: Date,
  previous: ScoringModel | null
): Promise<ScoringModel> {
  const population = await marketing.readScoringPopulation(now, DEFAULT_MAX_FIT_CUSTOMERS)
  return buildScoringModelFromPopulation(
    {
      rfm: population.rfm,
      store: storeOrderStatsFromTotals(population.totals),
      sample: population.sample.map(purchaseHistoryOf),
    },
    now,
    previous
  )
}

/**
 * Scores contacts against the scoring model: RFM cut points computed at
 * `now`, and the prediction model fitted now when `fromEvents` is set or
 * none is stored, else the stored fit. With the stored fit (the hourly
 * pass) it reads only the contacts due (`scores_due_at`) and the buyers a
 * moved cut point reaches (`dueContacts`); the others' scores are what
 * scoring them would give. Otherwise it reads every contact. Refitting
 * every hour would move every buyer's prediction a little with the fit's
 * own noise, a third of them by a stored step each time, where the passing
 * hour moves one in twenty. The model's inputs (RFM cut points, the
 * store's order totals, an even sample of buyers for the prediction fits)
 * come from SQL, the contacts a page at a time. RFM and the prediction follow from each contact's order facts.
 * Engagement and the lead score come from the events, summed in SQL, for
 * every contact when `fromEvents` is set (the nightly rebuild), and
 * otherwise only for contacts never counted or with a counted event expired
 * since: the others' stored points are decayed to `now` and their lead score
 * kept, which gives the same scores (see `scoreContactFromStored`) without
 * reading the timeline.
 * Node fits the model and scores with the same functions that score one
 * contact after an event (lib/scoring), so both paths store the same values.
 * Reading the next page and writing the previous one overlap with scoring
 * the current one, and a page's scores go back in one statement that skips
 * rows whose values did not change. `changed_fields` names the score fields
 * segments read that changed for any contact.
 *
 * @example
 * const { contacts, written, model } = await scoreAllContacts(container, { now: new Date(), fromEvents: true })
 */
export async function scoreAllContacts(
  container: MedusaContainer,
  options: { now: Date; fromEvents?: boolean; pageSize?: number }
): Promise<{ contacts: number; recounted: number; written: number; changed_fields: Set<string>; model: ScoringModel }> {
  const { now, fromEvents = false, pageSize = PAGE } = options
  const marketing: MarketingModuleService = container.resolve(MARKETING_MODULE)

  const stored = await loadScoringModel(marketing)
  const refit = fromEvents || !stored
  const model = refit
    ? await fitScoringModel(marketing, now, stored)
    : { ...stored, rfm: await marketing.readRfmCutPoints(now), rfm_at: now.toISOString() }
  const rules = await loadLeadScoreRules(marketing)
  const plan = scorePagePlan(rules, now, { recountAll: fromEvents })
  const listed = refit ? null : await dueContacts(marketing, stored, model, now)

  let contacts = 0
  let recounted = 0
  let written = 0
  const changedFields = new Set<string>()
  let writing: Promise<number> = Promise.resolve(0)
  const nextPage = pageReader(marketing, plan, pageSize, listed)
  let next = settleLater(nextPage())
  for (let page = await next; page; page = await next) {
    next = settleLater(nextPage())
    const changes = scorePage(page, plan, model, rules, now, changedFields)
    written += await writing
    writing = settleLater(marketing.writeScoreChanges(changes))
    contacts += page.contacts.length
    recounted += page.recounted.length
  }
  written += await writing
  return { contacts, recounted, written, changed_fields: changedFields, model }
}

/**
 * The contacts the hourly pass must score (see `scoresDueQuery`), or null
 * when it must score every one: the stored cut points' time is unknown, or
 * a cut point appeared or vanished. The stored model loses that time before
 * anything is written, so a pass that dies halfway leaves the next one to
 * read every contact rather than trust cut points some rows no longer
 * follow.
 */
async function dueContacts(
  marketing: MarketingModuleService,
  stored: ScoringModel,
  model: ScoringModel,
  now: Date
): Promise<string[] | null> {
  const shifts = stored.rfm_at
    ? rfmCutShifts({ rfm: stored.rfm, at: Date.parse(stored.rfm_at) }, { rfm: model.rfm, at: now.getTime() })
    : null
  if (!shifts) {
    return null
  }
  await marketing.saveJobState({ key: SCORES_JOB_KEY, cursor: { model: { ...stored, rfm_at: undefined } } })
  return await marketing.readScoresDue(now, shifts)
}

/** Reads the pages of a pass one after another: the `listed` contacts, or every contact in id order. Null after the last. */
function pageReader(
  marketing: MarketingModuleService,
  plan: ScorePagePlan,
  pageSize: number,
  listed: string[] | null
): () => Promise<ScorePage | null> {
  let after = ""
  let offset = 0
  return async () => {
    if (listed) {
      if (offset >= listed.length) {
        return null
      }
      offset += pageSize
      return await marketing.readScorePage({ ids: listed.slice(offset - pageSize, offset) }, plan)
    }
    const page = await marketing.readScorePage({ after, limit: pageSize }, plan)
    if (!page.contacts.length) {
      return null
    }
    after = page.contacts[page.contacts.length - 1].id
    return page
  }
}

/**
 * Brings the segments that read scores in line with freshly written scores:
 * those comparing a score field (of `fields` when given: the fields whose
 * value changed for someone), and those testing membership of one. The
 * others cannot change with scores; events, the minute's time-boundary
 * check and the daily `refreshAllSegments` keep them current. The planner's
 * statistics are refreshed first where a rescore or a fill changed many rows
 * (see `refreshSegmentStatistics`); a store role that may not analyze the
 * tables still gets its refresh, on the statistics it has. Returns the
 * segments refreshed.
 */
export async function refreshSegmentsAfterScoring(
  container: MedusaContainer,
  fields: ReadonlySet<string> = SCORE_FIELDS
): Promise<string[]> {
  const marketing: MarketingModuleService = container.resolve(MARKETING_MODULE)
  const segments = await marketing.listSegments({}, { select: ["id", "rules"] })
  const ids = segmentsReadingFields(
    segments.map((segment) => ({ id: segment.id, rules: segment.rules as unknown as Rule })),
    fields
  )
  if (ids.length) {
    await rebuildSegments(container, ids)
  }
  return ids
}

/** The given segments (every one without a list) rebuilt over the whole population, on fresh planner statistics. */
async function rebuildSegments(container: MedusaContainer, segmentIds?: string[]): Promise<void> {
  const marketing: MarketingModuleService = container.resolve(MARKETING_MODULE)
  await marketing.refreshSegmentStatistics().catch(() => undefined)
  await refreshSegmentsWorkflow(container).run({ input: segmentIds ? { segment_ids: segmentIds } : {} })
}

/**
 * Rebuilds every segment from its rules over the whole population: the
 * daily safety net under the event and time-boundary paths, for changes
 * that reach the contact table some other way (a bulk import in SQL, a
 * missed event).
 */
export async function refreshAllSegments(container: MedusaContainer): Promise<void> {
  await rebuildSegments(container)
}

/**
 * Recomputes every contact's scores: computes the RFM cut points over all
 * contacts (and refits the prediction model with `fromEvents`), stores the
 * model (so one contact's next order is scored against it at once), scores
 * the contacts (counting every contact's events again with `fromEvents`, see
 * `scoreAllContacts`), then brings the segments that read scores up to date
 * with them: every one after counting from the events, and after the hourly
 * pass those reading a field whose value changed for someone. Recency is
 * ranked and every contact ages alike, so an hour without new orders should
 * move no RFM score, and the segments on RFM are then left as they are.
 */
export async function refreshScores(
  container: MedusaContainer,
  options: { now?: Date; fromEvents?: boolean } = {}
): Promise<{ contacts: number; model: string }> {
  const now = options.now ?? new Date()
  const marketing: MarketingModuleService = container.resolve(MARKETING_MODULE)
  await marketing.saveJobState({ key: SCORES_JOB_KEY, status: "running", started_at: now, error: null })
  try {
    const { contacts, recounted, written, changed_fields, model } = await scoreAllContacts(container, {
      now,
      fromEvents: options.fromEvents,
    })
    await marketing.saveJobState({
      key: SCORES_JOB_KEY,
      status: "completed",
      cursor: { model },
      progress: { contacts, recounted, written, model: model.prediction.model, reason: model.prediction.reason },
      finished_at: new Date(),
    })
    await refreshSegmentsAfterScoring(container, options.fromEvents ? SCORE_FIELDS : changed_fields)
    return { contacts, model: model.prediction.model }
  } catch (error) {
    await marketing.saveJobState({ key: SCORES_JOB_KEY, status: "failed", error: (error as Error).message })
    throw error
  }
}
