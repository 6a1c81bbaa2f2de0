import { MedusaContainer } from "@medusajs/framework/types"
import { generateEntityId } from "@medusajs/framework/utils"
import {
  createRunState,
  inHoldout,
  keyedRandom,
  nextTriggerOccurrence,
  shouldEnter,
  type FlowDefinition,
} from "../../../lib/flows"
import { getField } from "../../../lib/segments"
import { MARKETING_MODULE } from "../../../modules/marketing"
import MarketingModuleService from "../../../modules/marketing/service"
import { flowExtensions } from "../registry"
import { advanceFlowRuns } from "./advance-runs"
import { loadFlowVersions } from "./versions"

export const FLOW_SCHEDULE_JOB_KEY = "flow-schedule"

const DAY_MS = 86_400_000
/** The first check looks this far back, so a flow activated just now still catches today's birthdays. */
const FIRST_LOOKBACK_MS = DAY_MS
/** After downtime, occurrences up to this old still start their flow; older ones are let go. */
const MAX_CATCH_UP_MS = 7 * DAY_MS
const PAGE = 1_000

/**
 * Candidates for a date or inactivity trigger between two instants, as a
 * statement over `marketing_contact c`: a superset (time zones and the
 * hour of day are worked out per contact afterwards by
 * `nextTriggerOccurrence`), read with an index-friendly range or a
 * month-day match.
 */
function candidateSql(definition: FlowDefinition, from: number, to: number): { where: string; bindings: unknown[] } | null {
  const trigger = definition.trigger
  if (trigger.type === "inactivity") {
    // Crossed the threshold in the window: the last order is N days before some instant in it.
    return {
      where: "c.last_order_at BETWEEN ?::timestamptz AND ?::timestamptz",
      bindings: [new Date(from - trigger.days * DAY_MS - DAY_MS), new Date(to - trigger.days * DAY_MS)],
    }
  }
  if (trigger.type !== "date") {
    return null
  }
  const field = getField(trigger.field)
  if (!field || field.type !== "date") {
    return null
  }
  const column = `c.${field.column}`
  const shiftedFrom = from - trigger.offset_days * DAY_MS - 2 * DAY_MS
  const shiftedTo = to - trigger.offset_days * DAY_MS + 2 * DAY_MS
  if (!trigger.annual) {
    if (field.storage === "date_text") {
      return {
        where: `${column} COLLATE "C" BETWEEN ? AND ?`,
        bindings: [new Date(shiftedFrom).toISOString().slice(0, 10), new Date(shiftedTo).toISOString().slice(0, 10)],
      }
    }
    return { where: `${column} BETWEEN ?::timestamptz AND ?::timestamptz`, bindings: [new Date(shiftedFrom), new Date(shiftedTo)] }
  }
  const keys = new Set<string>()
  for (let at = shiftedFrom; at <= shiftedTo; at += DAY_MS) {
    keys.add(new Date(at).toISOString().slice(5, 10))
  }
  // 29 February birthdays are celebrated on 28 February in other years.
  if (keys.has("02-28") || keys.has("03-01")) keys.add("02-29")
  const monthDay = field.storage === "date_text" ? `substr(${column}, 6, 5)` : `to_char(${column} AT TIME ZONE 'UTC', 'MM-DD')`
  return { where: `${monthDay} = ANY(ARRAY[?]::text[])`, bindings: [[...keys]] }
}

/**
 * Starts date and inactivity flows: birthdays and anniversaries at their
 * local hour, win-back when a customer's last order passes N days. Looks
 * at what came due since the previous check (saved after the work, so a
 * crash repeats a check instead of skipping one); an occurrence enters
 * once, by its key.
 */
export async function enterScheduledFlows(
  container: MedusaContainer,
  { now = new Date() }: { now?: Date } = {}
): Promise<{ entered: number }> {
  const marketing: MarketingModuleService = container.resolve(MARKETING_MODULE)
  const [state] = await marketing.listJobStates({ key: FLOW_SCHEDULE_JOB_KEY }, { take: 1 })
  const last = (state?.cursor as { checked_until?: string } | null)?.checked_until
  const to = now.getTime()
  const from = Math.max(last ? new Date(last).getTime() : to - FIRST_LOOKBACK_MS, to - MAX_CATCH_UP_MS)
  if (from >= to) {
    return { entered: 0 }
  }
  const flows = await marketing.listFlows(
    { status: "active", trigger_type: ["date", "inactivity"] },
    { select: ["id", "active_version_id"] }
  )
  const { registry } = await flowExtensions(container)
  const versions = await loadFlowVersions(
    marketing,
    registry,
    flows.flatMap((flow) => (flow.active_version_id ? [flow.active_version_id] : []))
  )
  const entered: string[] = []
  for (const flow of flows) {
    const version = flow.active_version_id ? versions.get(flow.active_version_id) : undefined
    const candidates = version?.definition ? candidateSql(version.definition, from, to) : null
    if (!version?.definition || !candidates) {
      continue
    }
    for (let after = ""; ; ) {
      const ids = await marketing.listScheduleCandidates(candidates, after, PAGE)
      if (!ids.length) {
        break
      }
      entered.push(...(await enterDue(marketing, flow.id, version.id, version.definition, ids, from, to)))
      after = ids[ids.length - 1]
    }
  }
  await marketing.saveJobState({
    key: FLOW_SCHEDULE_JOB_KEY,
    status: "completed",
    cursor: { checked_until: now.toISOString() },
    progress: { entered: entered.length },
    finished_at: new Date(),
  })
  if (entered.length) {
    await advanceFlowRuns(container, { now, runIds: entered })
  }
  return { entered: entered.length }
}

async function enterDue(
  marketing: MarketingModuleService,
  flowId: string,
  versionId: string,
  definition: FlowDefinition,
  contactIds: string[],
  from: number,
  to: number
): Promise<string[]> {
  const contexts = await marketing.readSegmentContexts(contactIds)
  const previous = await marketing.listFlowRuns(
    { flow_id: flowId, contact_id: contactIds },
    { select: ["contact_id", "entry_key", "entered_at"], take: null }
  )
  const rows: Parameters<MarketingModuleService["insertFlowRuns"]>[0] = []
  for (const [contactId, context] of contexts) {
    if (!context.facts) {
      continue
    }
    const occurrence = nextTriggerOccurrence(definition, context.facts, { after: from })
    if (!occurrence || occurrence.at > to || occurrence.at < from - MAX_CATCH_UP_MS) {
      continue
    }
    const decision = shouldEnter(definition, {
      previousEntries: previous
        .filter((run) => run.contact_id === contactId)
        .map((run) => ({ entered_at: new Date(run.entered_at).getTime(), key: run.entry_key })),
      key: occurrence.key,
      now: to,
    })
    if (!decision.enter) {
      continue
    }
    rows.push({
      id: generateEntityId(undefined, "mkt_frn"),
      flow_id: flowId,
      flow_version_id: versionId,
      contact_id: contactId,
      entry_key: occurrence.key,
      holdout: inHoldout(definition, keyedRandom(flowId), `${contactId}:${occurrence.key}`),
      state: createRunState(),
      trigger_data: { trigger: definition.trigger.type, occurrence: occurrence.key },
      entered_at: new Date(to),
    })
  }
  return await marketing.insertFlowRuns(rows)
}
