import { createStep, StepResponse } from "@medusajs/framework/workflows-sdk"
import { MARKETING_MODULE } from "../../../modules/marketing"
import MarketingModuleService from "../../../modules/marketing/service"
import { MedusaError } from "@medusajs/framework/utils"
import { findFlowReferences, parseFlowDefinition } from "../../../lib/flows"
import { decideMemberships, dependencyLevels, dependencyOrder, findSegmentReferences, type Rule } from "../../../lib/segments"
import { assertValidSegmentRules, compileSegmentRule } from "../compile"

type SegmentRow = { id: string; name: string; rules: Rule }

const service = (container: { resolve: (key: string) => unknown }) =>
  container.resolve(MARKETING_MODULE) as MarketingModuleService

/** Validates rules against the store's other segments (references exist, no cycles). Reads only. */
export const validateSegmentRulesStep = createStep(
  "validate-segment-rules",
  async (input: { segment_id?: string; rules: unknown }, { container }) => {
    const segments = await service(container).listSegments({}, { select: ["id", "rules"] })
    const rulesById = new Map(
      segments.filter((s) => s.id !== input.segment_id).map((s) => [s.id, s.rules as unknown as Rule])
    )
    return new StepResponse(assertValidSegmentRules(input.rules, { segmentId: input.segment_id, rulesById }))
  }
)

export type CreateSegmentInput = {
  name: string
  description?: string | null
  rules: Rule
  sync_customer_group?: boolean
}

const nameTaken = (name: string) =>
  new MedusaError(MedusaError.Types.INVALID_DATA, `name: a segment named "${name.trim()}" already exists`)

/** Names tell segments apart in every picker (campaign audiences, flow conditions), so they are unique. */
async function assertNameFree(container: { resolve: (key: string) => unknown }, name: string, id?: string) {
  const [taken] = await service(container).listSegments({ name: name.trim() }, { select: ["id"] })
  if (taken && taken.id !== id) {
    throw nameTaken(name)
  }
}

/** A save racing another to the same name meets the unique index: the same 400 as the check above. */
async function withNameTakenAsInvalid<T>(name: string | undefined, write: () => Promise<T>): Promise<T> {
  try {
    return await write()
  } catch (error) {
    // Medusa's database error mapper words a unique violation "… with name: X, already exists."
    if (name !== undefined && MedusaError.isMedusaError(error) && /with name: .*already exists/.test(error.message)) {
      throw nameTaken(name)
    }
    throw error
  }
}

export const createSegmentStep = createStep(
  "create-segment",
  async (input: CreateSegmentInput, { container }) => {
    await assertNameFree(container, input.name)
    const segment = await withNameTakenAsInvalid(input.name, () =>
      service(container).createSegments({
        name: input.name,
        description: input.description ?? null,
        rules: input.rules as unknown as Record<string, unknown>,
        sync_customer_group: input.sync_customer_group ?? false,
      })
    )
    return new StepResponse(segment, segment.id)
  },
  async (id, { container }) => {
    if (id) {
      await service(container).deleteSegments(id)
    }
  }
)

export type UpdateSegmentInput = {
  id: string
  name?: string
  description?: string | null
  rules?: Rule
  sync_customer_group?: boolean
}

export const updateSegmentStep = createStep(
  "update-segment",
  async (input: UpdateSegmentInput, { container }) => {
    const before = await service(container).retrieveSegment(input.id)
    if (input.name !== undefined) {
      await assertNameFree(container, input.name, input.id)
    }
    const updated = await withNameTakenAsInvalid(input.name, () => service(container).updateSegments(input))
    return new StepResponse(updated, {
      id: before.id,
      name: before.name,
      description: before.description,
      rules: before.rules,
      sync_customer_group: before.sync_customer_group,
    })
  },
  async (before, { container }) => {
    if (before) {
      await service(container).updateSegments(before)
    }
  }
)

/**
 * A segment other segments' rules, live flows or unsent campaigns use cannot
 * go: they would name a segment that no longer exists (a scheduled campaign
 * would go out to nobody). The error names them.
 */
async function assertUnused(container: { resolve: (key: string) => unknown }, id: string) {
  const marketing = service(container)
  const segments = (await marketing.listSegments({}, { select: ["id", "name", "rules"] })) as unknown as SegmentRow[]
  const users = segments.filter((other) => other.id !== id && findSegmentReferences(other.rules).includes(id))
  const flows = await marketing.listFlows({ status: ["draft", "active", "paused"] }, { select: ["id", "name", "definition"] })
  const flowUsers = flows.filter((flow) => {
    const parsed = parseFlowDefinition(flow.definition)
    return parsed.ok && findFlowReferences(parsed.definition).some((ref) => ref.kind === "segment" && ref.id === id)
  })
  // A campaign not yet sent would go to nobody (or skip its exclusions); a sent one keeps its history.
  const campaigns = await marketing.listCampaigns(
    { status: ["draft", "scheduled", "sending"] },
    { select: ["id", "name", "segment_ids", "exclude_segment_ids"] }
  )
  const campaignUsers = campaigns.filter((campaign) =>
    [campaign.segment_ids, campaign.exclude_segment_ids].some((ids) => ((ids ?? []) as unknown as string[]).includes(id))
  )
  const names = [
    ...users.map((s) => `segment "${s.name}"`),
    ...flowUsers.map((f) => `flow "${f.name}"`),
    ...campaignUsers.map((c) => `campaign "${c.name}"`),
  ]
  if (names.length) {
    throw new MedusaError(MedusaError.Types.NOT_ALLOWED, `this segment is used by ${names.join(", ")}; change them first`)
  }
}

export const deleteSegmentStep = createStep(
  "delete-segment",
  async (id: string, { container }) => {
    await assertUnused(container, id)
    const segment = await service(container).retrieveSegment(id, { select: ["id", "customer_group_id"] })
    await service(container).softDeleteSegments(id)
    return new StepResponse({ id, customer_group_id: segment.customer_group_id }, id)
  },
  async (id, { container }) => {
    if (id) {
      await service(container).restoreSegments(id)
    }
  }
)

export type RefreshSegmentsInput = {
  segment_ids?: string[]
  contact_ids?: string[]
  /** Epoch ms the rules' relative windows count from; the current time by default. */
  now?: number
}

/** Up to this many contacts (an event's), rules are evaluated in memory; more are refreshed in SQL. */
export const IN_MEMORY_CONTACTS_LIMIT = 50

export type SegmentChange = { segment_id: string; entered: string[]; exited: string[]; now: string }

/** Set-based over the given contacts: one statement per segment. */
async function refreshInSql(
  marketing: MarketingModuleService,
  segments: SegmentRow[],
  contactIds: string[],
  now: Date
): Promise<SegmentChange[]> {
  const changes: SegmentChange[] = []
  for (const segment of segments) {
    const match = compileSegmentRule(segment.rules, now)
    const result = await marketing.refreshSegmentMembership(segment.id, match, { now, contactIds })
    if (result.entered.length || result.exited.length) {
      changes.push({ segment_id: segment.id, ...result, now: now.toISOString() })
    }
  }
  return changes
}

/**
 * Over the whole population: each dependency level of segments rebuilt at
 * once (`rebuildSegmentsMembership`), after the levels it reads.
 */
async function rebuildInSql(marketing: MarketingModuleService, segments: SegmentRow[], now: Date): Promise<SegmentChange[]> {
  const changes: SegmentChange[] = []
  for (const level of dependencyLevels(segments)) {
    const results = await marketing.rebuildSegmentsMembership(
      level.map((segment) => ({
        segment_id: segment.id,
        ...compileSegmentRule(segment.rules, now, { wholePopulation: true }),
      })),
      { now }
    )
    for (const result of results) {
      if (result.entered.length || result.exited.length) {
        changes.push({ ...result, now: now.toISOString() })
      }
    }
  }
  return changes
}

/**
 * The few contacts an event touched: their rows are read once and every
 * rule evaluated in memory (the evaluator the agreement test holds to the
 * SQL), so only actual changes are written, in one statement.
 */
async function refreshInMemory(
  marketing: MarketingModuleService,
  segments: SegmentRow[],
  contactIds: string[],
  now: Date
): Promise<SegmentChange[]> {
  const contexts = await marketing.readSegmentContexts(contactIds)
  const applied = await marketing.applyContactChanges({ memberships: decideMemberships(segments, contexts, now), now })
  return applied.map((change) => ({ ...change, now: now.toISOString() }))
}

/**
 * Brings memberships in line with the rules, for every segment (or the given
 * ones) and every contact (or the given ones), segments that others refer to
 * first. Compensation reopens what it closed and removes what it opened.
 */
export const refreshSegmentsStep = createStep(
  "refresh-segments",
  async (input: RefreshSegmentsInput, { container }) => {
    const marketing = service(container)
    const now = new Date(input.now ?? Date.now())
    const all = (await marketing.listSegments({}, { select: ["id", "name", "rules"] })) as unknown as SegmentRow[]
    const wanted = input.segment_ids ? new Set(input.segment_ids) : null
    const segments = dependencyOrder(all).filter((segment) => !wanted || wanted.has(segment.id))
    const changes = !input.contact_ids
      ? await rebuildInSql(marketing, segments, now)
      : input.contact_ids.length <= IN_MEMORY_CONTACTS_LIMIT
        ? await refreshInMemory(marketing, segments, input.contact_ids, now)
        : await refreshInSql(marketing, segments, input.contact_ids, now)
    return new StepResponse(changes, changes)
  },
  async (changes, { container }) => {
    for (const change of changes ?? []) {
      await service(container).revertSegmentRefresh(change.segment_id, { ...change, now: new Date(change.now) })
    }
  }
)
