import { Modules } from "@medusajs/framework/utils"
import { createStep, StepResponse } from "@medusajs/framework/workflows-sdk"
import { SEGMENT_ENTERED, SEGMENT_EXITED } from "../../../types/events"
import type { SegmentChange } from "./segment-steps"

type MembershipEvent = { segment_id: string; contact_id: string }

/**
 * Up to this many events go out as the workflow's group: released when the
 * whole workflow succeeds, dropped if it is compensated. A refresh that
 * moves more (a new segment over a million contacts) cannot be held as one
 * group (the bus serialises a group as one string), so it goes out in
 * chunks as the last thing the workflow does, after every write has
 * committed.
 */
export const GROUPED_MEMBERSHIP_EVENTS = 10_000
const CHUNK = 5_000

function membershipEvents(changes: SegmentChange[]) {
  const entered = changes.flatMap((c) => c.entered.map((contact_id) => ({ segment_id: c.segment_id, contact_id })))
  const exited = changes.flatMap((c) => c.exited.map((contact_id) => ({ segment_id: c.segment_id, contact_id })))
  return { entered, exited }
}

/** `marketing.segment_entered` / `_exited`, one event per contact and segment. */
export const emitMembershipEventsStep = createStep(
  "emit-membership-events",
  async (changes: SegmentChange[], { container, eventGroupId }) => {
    const eventBus = container.resolve(Modules.EVENT_BUS)
    const { entered, exited } = membershipEvents(changes)
    const grouped = !!eventGroupId && entered.length + exited.length <= GROUPED_MEMBERSHIP_EVENTS
    const messages = (name: string, rows: MembershipEvent[]) =>
      rows.map((data) => ({ name, data, metadata: grouped ? { eventGroupId } : {} }))
    const all = [...messages(SEGMENT_ENTERED, entered), ...messages(SEGMENT_EXITED, exited)]
    for (let start = 0; start < all.length; start += CHUNK) {
      await eventBus.emit(all.slice(start, start + CHUNK))
    }
    return new StepResponse(undefined, grouped ? eventGroupId : undefined)
  },
  async (groupId, { container }) => {
    if (groupId) {
      await container
        .resolve(Modules.EVENT_BUS)
        .clearGroupedEvents(groupId, { eventNames: [SEGMENT_ENTERED, SEGMENT_EXITED] })
    }
  }
)
