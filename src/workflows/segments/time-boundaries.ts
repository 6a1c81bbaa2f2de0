import { MedusaContainer } from "@medusajs/framework/types"
import { MARKETING_MODULE } from "../../modules/marketing"
import MarketingModuleService from "../../modules/marketing/service"
import { compileBoundaryCandidates, Rule, toKnexBindings } from "../../lib/segments"
import { refreshSegmentsWorkflow } from "./workflows"

export const SEGMENT_BOUNDARIES_JOB_KEY = "segment-time-boundaries"

/** Contacts re-checked per workflow run; a big day (a popular birthday) spreads over several. */
const BATCH = 2_000
/** After a longer gap (the store was down) rebuilding every segment is cheaper than finding candidates. */
const MAX_GAP_MS = 7 * 86_400_000

export type BoundaryRecheck = { mode: "candidates" | "full"; from: string | null; to: string; contacts: number }

/**
 * Moves contacts across segment time boundaries ("no order for 90 days",
 * "birthday within 7 days") as time passes: finds the contacts whose
 * boundary passed since the last check and re-checks only them, in every
 * segment. The first check, or one after a long gap, rebuilds instead. The
 * watermark is saved after the work, so a crash repeats a check rather than
 * skipping one; re-checking a contact twice changes nothing.
 */
export async function recheckSegmentBoundaries(
  container: MedusaContainer,
  { now = new Date() }: { now?: Date } = {}
): Promise<BoundaryRecheck> {
  const marketing: MarketingModuleService = container.resolve(MARKETING_MODULE)
  const [state] = await marketing.listJobStates({ key: SEGMENT_BOUNDARIES_JOB_KEY }, { take: 1 })
  const last = (state?.cursor as { checked_until?: string } | null)?.checked_until
  const from = last ? new Date(last) : null
  if (from && from.getTime() >= now.getTime()) {
    return { mode: "candidates", from: last!, to: now.toISOString(), contacts: 0 }
  }

  let result: BoundaryRecheck
  if (!from || now.getTime() - from.getTime() > MAX_GAP_MS) {
    await refreshSegmentsWorkflow(container).run({ input: { now: now.getTime() } })
    result = { mode: "full", from: last ?? null, to: now.toISOString(), contacts: 0 }
  } else {
    const segments = await marketing.listSegments({}, { select: ["rules"] })
    const query = compileBoundaryCandidates(
      segments.map((segment) => segment.rules as unknown as Rule),
      { from, to: now }
    )
    const contacts = query ? await marketing.listBoundaryCandidates(toKnexBindings(query.sql, query.params)) : []
    for (let start = 0; start < contacts.length; start += BATCH) {
      await refreshSegmentsWorkflow(container).run({
        input: { contact_ids: contacts.slice(start, start + BATCH), now: now.getTime() },
      })
    }
    result = { mode: "candidates", from: last!, to: now.toISOString(), contacts: contacts.length }
  }
  await marketing.saveJobState({
    key: SEGMENT_BOUNDARIES_JOB_KEY,
    status: "completed",
    cursor: { checked_until: now.toISOString() },
    progress: { mode: result.mode, contacts: result.contacts },
    finished_at: new Date(),
  })
  return result
}
