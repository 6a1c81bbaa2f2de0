import { MedusaContainer } from "@medusajs/framework/types"
import { generateEntityId } from "@medusajs/framework/utils"
import { createRunState, inHoldout, keyedRandom, matchesTrigger, shouldEnter } from "../../../lib/flows"
import { MARKETING_MODULE } from "../../../modules/marketing"
import MarketingModuleService from "../../../modules/marketing/service"
import type { SegmentContactContext } from "../../../modules/marketing/repositories/segment-context-sql"
import { flowExtensions } from "../registry"
import { advanceFlowRuns } from "./advance-runs"
import { EventSubject, resolveEventSubjects } from "./resolve-contacts"
import { loadFlowVersions } from "./versions"
import { compileSegmentRule } from "../../segments/compile"

export type FlowEventOutcome = { entered: string[]; delivered: string[] }

/**
 * What an event does to flows: starts runs of the active flows it
 * triggers (trigger filters and re-entry policy permitting; a redelivered
 * event finds its run already there), and reaches the running runs of the
 * same contacts that wait for it, exit on it or count it as their goal. The
 * runs it touched are advanced at once, so a flow without a first wait acts
 * within the event, and an order ends an abandoned-cart run before its
 * next reminder.
 */
export async function dispatchFlowEvent(
  container: MedusaContainer,
  event: { name: string; data: unknown },
  options: { now?: Date; subjects?: EventSubject[] } = {}
): Promise<FlowEventOutcome> {
  const now = options.now ?? new Date()
  const at = now.getTime()
  const marketing: MarketingModuleService = container.resolve(MARKETING_MODULE)
  const extensions = await flowExtensions(container)
  const subjects = options.subjects ?? (await resolveEventSubjects(container, extensions, { ...event, at }))
  if (!subjects.length) {
    const entered = await broadcast(container, event, now)
    return { entered, delivered: [] }
  }
  const contactIds = [...new Set(subjects.map((s) => s.contact_id))]
  const flows = await marketing.listFlows(
    { status: "active", trigger_event: event.name },
    { select: ["id", "active_version_id"] }
  )
  const running = await marketing.listFlowRuns(
    { contact_id: contactIds, status: ["active", "waiting"] },
    { select: ["id", "flow_version_id", "contact_id"], take: null }
  )
  const versions = await loadFlowVersions(marketing, extensions.registry, [
    ...flows.flatMap((f) => (f.active_version_id ? [f.active_version_id] : [])),
    ...running.map((r) => r.flow_version_id),
  ])

  const { entered, contexts } = flows.length
    ? await enter(marketing, flows, versions, subjects, event.name, at)
    : { entered: [], contexts: undefined }
  const listening = running.filter((run) => versions.get(run.flow_version_id)?.listens.has(event.name))
  const delivered = await Promise.all(
    subjects.map((subject) =>
      marketing.deliverFlowEvent(
        listening.filter((run) => run.contact_id === subject.contact_id).map((run) => run.id),
        { name: event.name, data: subject.data, at }
      )
    )
  ).then((lists) => lists.flat())

  if (entered.length) {
    await advanceFlowRuns(container, { now, runIds: entered, contexts })
  }
  // Runs the event reached are advanced on a fresh read: the event may have changed their contact.
  if (delivered.length) {
    await advanceFlowRuns(container, { now, runIds: delivered })
  }
  return { entered, delivered }
}

async function enter(
  marketing: MarketingModuleService,
  flows: { id: string; active_version_id: string | null }[],
  versions: Awaited<ReturnType<typeof loadFlowVersions>>,
  subjects: EventSubject[],
  name: string,
  at: number
): Promise<{ entered: string[]; contexts: Map<string, SegmentContactContext> }> {
  const contactIds = [...new Set(subjects.map((s) => s.contact_id))]
  const contexts = await marketing.readSegmentContexts(contactIds)
  const previous = await marketing.listFlowRuns(
    { flow_id: flows.map((f) => f.id), contact_id: contactIds },
    { select: ["flow_id", "contact_id", "entry_key", "entered_at"], take: null }
  )
  const rows: Parameters<MarketingModuleService["insertFlowRuns"]>[0] = []
  for (const flow of flows) {
    const version = flow.active_version_id ? versions.get(flow.active_version_id) : undefined
    if (!version?.definition) {
      continue
    }
    for (const subject of subjects) {
      const context = contexts.get(subject.contact_id)
      if (!context?.facts) {
        continue
      }
      const evaluation = { now: new Date(at), ...context }
      if (!matchesTrigger(version.definition, { name, data: subject.data }, context.facts, evaluation)) {
        continue
      }
      const decision = shouldEnter(version.definition, {
        previousEntries: previous
          .filter((run) => run.flow_id === flow.id && run.contact_id === subject.contact_id)
          .map((run) => ({ entered_at: new Date(run.entered_at).getTime(), key: run.entry_key })),
        key: subject.entry_key,
        now: at,
      })
      if (!decision.enter) {
        continue
      }
      rows.push({
        id: generateEntityId(undefined, "mkt_frn"),
        flow_id: flow.id,
        flow_version_id: version.id,
        contact_id: subject.contact_id,
        entry_key: subject.entry_key,
        holdout: inHoldout(version.definition, keyedRandom(flow.id), `${subject.contact_id}:${subject.entry_key}`),
        state: createRunState(),
        trigger_data: subject.data,
        entered_at: new Date(at),
      })
    }
  }
  return { entered: await marketing.insertFlowRuns(rows), contexts }
}

const BROADCAST_PAGE = 1_000

/**
 * An event about no one in particular (a product was created) starts a
 * flow for every contact its trigger's contact rule selects, as new
 * arrivals do for subscribed contacts. A flow without a contact rule is
 * never broadcast, so an event cannot reach the whole list by accident.
 */
async function broadcast(container: MedusaContainer, event: { name: string; data: unknown }, now: Date): Promise<string[]> {
  const marketing: MarketingModuleService = container.resolve(MARKETING_MODULE)
  const flows = await marketing.listFlows(
    { status: "active", trigger_event: event.name },
    { select: ["id", "active_version_id"] }
  )
  if (!flows.length) {
    return []
  }
  const { registry } = await flowExtensions(container)
  const versions = await loadFlowVersions(
    marketing,
    registry,
    flows.flatMap((f) => (f.active_version_id ? [f.active_version_id] : []))
  )
  const data = (typeof event.data === "object" && event.data !== null ? event.data : {}) as Record<string, unknown>
  const entryKey = `${event.name}:${typeof data.id === "string" ? data.id : now.toISOString()}`
  const entered: string[] = []
  for (const flow of flows) {
    const definition = flow.active_version_id ? versions.get(flow.active_version_id)?.definition : undefined
    const rule = definition?.trigger.type === "event" ? definition.trigger.filter?.contact : undefined
    if (!rule) {
      continue
    }
    const match = compileSegmentRule(rule, now)
    for (let after = ""; ; ) {
      const ids = await marketing.listScheduleCandidates({ where: match.sql, bindings: match.bindings }, after, BROADCAST_PAGE)
      if (!ids.length) {
        break
      }
      const subjects = ids.map((contact_id) => ({ contact_id, entry_key: entryKey, data }))
      const { entered: runs, contexts } = await enter(marketing, [flow], versions, subjects, event.name, now.getTime())
      entered.push(...runs)
      await advanceFlowRuns(container, { now, runIds: runs, contexts })
      after = ids[ids.length - 1]
    }
  }
  return entered
}
