import { emitEventStep } from "@medusajs/medusa/core-flows"
import { transform, when, WorkflowData } from "@medusajs/framework/workflows-sdk"
import { MarketingEvents } from "../../types/events"
import {
  emitMembershipEventsStep,
  IN_MEMORY_CONTACTS_LIMIT,
  refreshChangedContactsStep,
  RefreshContactsResult,
  syncSegmentCustomerGroupsStep,
} from "./steps"

/**
 * After a refresh of a few contacts: the customer groups of the synced
 * segments they moved in brought along, and who entered and left announced.
 */
export function announceContactsRefresh(
  contactIds: WorkflowData<string[]>,
  result: WorkflowData<RefreshContactsResult>
) {
  when({ result }, ({ result }) => result.synced_segment_ids.length > 0).then(() => {
    syncSegmentCustomerGroupsStep(
      transform({ contactIds, result }, ({ contactIds, result }) => ({
        segment_ids: result.synced_segment_ids,
        contact_ids: contactIds,
      }))
    )
  })
  when({ result }, ({ result }) => result.changes.length > 0).then(() => {
    emitMembershipEventsStep(transform({ result }, ({ result }) => result.changes))
  })
}

/**
 * Ends a workflow that changed contacts' facts or activity. An event's few
 * contacts are rescored and their segments re-checked right here, in the
 * same run, so the change costs no second workflow and no trip through the
 * event bus; the steps before have committed, so the refresh reads the facts
 * as they left them. A larger batch is announced as
 * `marketing.contacts_changed` instead, to be refreshed set-based in SQL once
 * the workflow has finished.
 */
export function refreshChangedContacts(contactIds: WorkflowData<(string | null | undefined)[]>) {
  const split = transform({ contactIds }, ({ contactIds }) => {
    const ids = [...new Set(contactIds.filter((id): id is string => !!id))]
    return ids.length <= IN_MEMORY_CONTACTS_LIMIT ? { now: ids, later: [] } : { now: [], later: ids }
  })
  const now = transform({ split }, ({ split }) => split.now)
  const result = refreshChangedContactsStep(transform({ now }, ({ now }) => ({ contact_ids: now })))
  announceContactsRefresh(now, result)
  when({ split }, ({ split }) => split.later.length > 0).then(() => {
    emitEventStep({
      eventName: MarketingEvents.CONTACTS_CHANGED,
      data: transform({ split }, ({ split }) => ({ contact_ids: split.later })),
    }).config({ name: "emit-contacts-changed" })
  })
}
