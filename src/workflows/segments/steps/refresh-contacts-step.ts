import { Logger } from "@medusajs/framework/types"
import { ContainerRegistrationKeys } from "@medusajs/framework/utils"
import { createStep, StepResponse } from "@medusajs/framework/workflows-sdk"
import { MARKETING_MODULE } from "../../../modules/marketing"
import MarketingModuleService from "../../../modules/marketing/service"
import { ContactScoreValues, scoreContact } from "../../../lib/scoring"
import { decideMemberships, dependencyOrder, type Rule } from "../../../lib/segments"
import { ContactScores } from "../../../types"
import { readContactScoring, scoringInputOf } from "../../scores/contact-scoring"
import type { SegmentChange } from "./segment-steps"

const service = (container: { resolve: (key: string) => unknown }) =>
  container.resolve(MARKETING_MODULE) as MarketingModuleService

export type RefreshContactsInput = {
  contact_ids: string[]
  /** Epoch ms scores and rule windows count from; the current time by default. */
  now?: number
}

export type RefreshContactsResult = {
  changes: SegmentChange[]
  /** Segments kept in a customer group whose members changed. */
  synced_segment_ids: string[]
}

type Undo = { scores: ContactScores[]; changes: SegmentChange[] }

/**
 * A few contacts after an event changed their facts or activity: rescored
 * against the model the last full refresh stored, then every segment
 * evaluated in memory on the new scores, so only what changed is written.
 * One statement reads everything (model, rules, segments, the contacts'
 * rows) and one writes the scores and memberships, however many segments
 * and rules there are. Returns what compensation needs to undo it.
 */
export async function refreshContacts(
  marketing: MarketingModuleService,
  input: RefreshContactsInput
): Promise<{ result: RefreshContactsResult; undo: Undo }> {
  const now = new Date(input.now ?? Date.now())
  const contactIds = [...new Set(input.contact_ids)]
  const { read, contexts, activity, model, rules } = await readContactScoring(marketing, contactIds, now)
  const scores: ContactScoreValues[] = model
    ? read.contacts.map(({ facts }) =>
        scoreContact(scoringInputOf(facts), activity.get(facts.id) ?? [], model, rules, now)
      )
    : []
  // What compensation puts back: the score columns as they were read.
  const previousScores = scores.map((score) => {
    const facts = contexts.get(score.id)!.facts as Record<string, unknown>
    return Object.fromEntries(Object.keys(score).map((key) => [key, facts[key]])) as unknown as ContactScores
  })
  // The segments read the new scores.
  for (const score of scores) {
    Object.assign(contexts.get(score.id)!.facts!, score)
  }

  const segments = dependencyOrder(read.segments as { id: string; name: string; rules: Rule }[])
  const applied = await marketing.applyContactChanges({
    scores,
    memberships: decideMemberships(segments, contexts, now),
    now,
  })
  const changes: SegmentChange[] = applied.map((change) => ({ ...change, now: now.toISOString() }))
  const synced = new Set(
    read.segments.filter((s) => s.sync_customer_group && s.customer_group_id).map((s) => s.id)
  )
  return {
    result: { changes, synced_segment_ids: changes.map((c) => c.segment_id).filter((id) => synced.has(id)) },
    undo: { scores: previousScores, changes },
  }
}

/** Puts back the scores and memberships a refresh changed. */
async function undoRefresh(undo: Undo | undefined, { container }: { container: { resolve: (key: string) => unknown } }) {
  if (!undo) {
    return
  }
  const marketing = service(container)
  for (const change of undo.changes) {
    await marketing.revertSegmentRefresh(change.segment_id, { ...change, now: new Date(change.now) })
  }
  if (undo.scores.length) {
    await marketing.writeContactScores(undo.scores)
  }
}

/** `refreshContacts` as a step; compensation restores the scores and the memberships as they were. */
export const refreshContactsStep = createStep(
  "refresh-contacts",
  async (input: RefreshContactsInput, { container }) => {
    const { result, undo } = await refreshContacts(service(container), input)
    return new StepResponse<RefreshContactsResult, Undo>(result, undo)
  },
  undoRefresh
)

const NOTHING_CHANGED: RefreshContactsResult = { changes: [], synced_segment_ids: [] }
const NOTHING_TO_UNDO: Undo = { scores: [], changes: [] }

/**
 * `refreshContactsStep` inside the workflow that changed the contacts. A
 * failure here is logged and does not undo what that workflow recorded (an
 * order, a sign-up, an open): the nightly rebuilds of every score and
 * segment catch the contacts up.
 */
export const refreshChangedContactsStep = createStep(
  "refresh-changed-contacts",
  async (input: RefreshContactsInput, { container }) => {
    if (!input.contact_ids.length) {
      return new StepResponse<RefreshContactsResult, Undo>(NOTHING_CHANGED, NOTHING_TO_UNDO)
    }
    try {
      const { result, undo } = await refreshContacts(service(container), input)
      return new StepResponse<RefreshContactsResult, Undo>(result, undo)
    } catch (error) {
      container
        .resolve<Logger>(ContainerRegistrationKeys.LOGGER)
        .error(`marketing: re-checking the segments of ${input.contact_ids.join(", ")} failed: ${(error as Error).message}`)
      return new StepResponse<RefreshContactsResult, Undo>(NOTHING_CHANGED, NOTHING_TO_UNDO)
    }
  },
  undoRefresh
)
