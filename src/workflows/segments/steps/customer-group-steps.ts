import { ICustomerModuleService } from "@medusajs/framework/types"
import { Modules } from "@medusajs/framework/utils"
import { createStep, StepResponse } from "@medusajs/framework/workflows-sdk"
import { MARKETING_MODULE } from "../../../modules/marketing"
import MarketingModuleService from "../../../modules/marketing/service"

type Container = { resolve: (key: string) => unknown }

const marketingOf = (container: Container) => container.resolve(MARKETING_MODULE) as MarketingModuleService
const customersOf = (container: Container) => container.resolve(Modules.CUSTOMER) as ICustomerModuleService

/** The name a synced segment's customer group carries in the Medusa admin. */
export const segmentGroupName = (segmentName: string) => `Segment: ${segmentName}`

type GroupState = {
  segment_id: string
  previous_group_id: string | null
  created_group_id: string | null
  renamed_from: string | null
}

/**
 * Gives every segment that syncs its members (or the given ones) a Medusa
 * customer group: creates it when the segment has none or the merchant
 * deleted it, and keeps its name in step with the segment's. A name another
 * group already uses gets the segment's id appended, since group names are
 * unique.
 */
export const ensureSegmentCustomerGroupsStep = createStep(
  "ensure-segment-customer-groups",
  async (input: { segment_ids?: string[] }, { container }) => {
    const marketing = marketingOf(container)
    const customers = customersOf(container)
    const segments = await marketing.listSegments(
      { sync_customer_group: true, ...(input.segment_ids ? { id: input.segment_ids } : {}) },
      { select: ["id", "name", "customer_group_id"] }
    )
    const states: GroupState[] = []
    for (const segment of segments) {
      const state: GroupState = {
        segment_id: segment.id,
        previous_group_id: segment.customer_group_id,
        created_group_id: null,
        renamed_from: null,
      }
      const name = segmentGroupName(segment.name)
      const [existing] = segment.customer_group_id
        ? await customers.listCustomerGroups({ id: segment.customer_group_id }, { select: ["id", "name"] })
        : []
      const [taken] = await customers.listCustomerGroups({ name }, { select: ["id"] })
      const freeName = !taken || taken.id === existing?.id ? name : `${name} (${segment.id})`
      if (existing) {
        if (existing.name !== freeName) {
          await customers.updateCustomerGroups(existing.id, { name: freeName })
          state.renamed_from = existing.name
          states.push(state)
        }
        continue
      }
      const group = await customers.createCustomerGroups({
        name: freeName,
        metadata: { marketing_segment_id: segment.id },
      })
      state.created_group_id = group.id
      await marketing.updateSegments({ id: segment.id, customer_group_id: group.id })
      states.push(state)
    }
    return new StepResponse(states, states)
  },
  async (states, { container }) => {
    for (const state of states ?? []) {
      if (state.created_group_id) {
        await marketingOf(container).updateSegments({
          id: state.segment_id,
          customer_group_id: state.previous_group_id,
        })
        await customersOf(container).deleteCustomerGroups(state.created_group_id)
      }
      if (state.renamed_from && state.previous_group_id) {
        await customersOf(container).updateCustomerGroups(state.previous_group_id, { name: state.renamed_from })
      }
    }
  }
)

type GroupChange = { customer_group_id: string; added: string[]; removed: string[] }

/**
 * Reconciles the customer group of every syncing segment (or the given ones)
 * with the segment's members that have an account: adds who is missing,
 * removes who left. With contact ids, only those contacts are looked at,
 * which is what an event needs; without, the whole group is, which also
 * repairs anything a failed run or a hand edit in the admin left behind.
 */
export const syncSegmentCustomerGroupsStep = createStep(
  "sync-segment-customer-groups",
  async (input: { segment_ids?: string[]; contact_ids?: string[] }, { container }) => {
    const marketing = marketingOf(container)
    const customers = customersOf(container)
    const segments = await marketing.listSegments(
      { sync_customer_group: true, ...(input.segment_ids ? { id: input.segment_ids } : {}) },
      { select: ["id", "customer_group_id"] }
    )
    const synced = segments.filter((s) => s.customer_group_id)
    if (!synced.length || input.contact_ids?.length === 0) {
      return new StepResponse([] as GroupChange[], [] as GroupChange[])
    }
    const groups = new Set(
      (
        await customers.listCustomerGroups(
          { id: synced.map((s) => s.customer_group_id!) },
          { select: ["id"] }
        )
      ).map((g) => g.id)
    )
    const scope = input.contact_ids
      ? (await marketing.listContacts({ id: input.contact_ids }, { select: ["customer_id"] }))
          .map((c) => c.customer_id)
          .filter((id): id is string => !!id)
      : undefined
    if (scope && !scope.length) {
      return new StepResponse([] as GroupChange[], [] as GroupChange[])
    }
    const changes: GroupChange[] = []
    for (const segment of synced) {
      const groupId = segment.customer_group_id!
      // A group deleted in the admin is recreated by the next full refresh.
      if (!groups.has(groupId)) {
        continue
      }
      const wanted = new Set(await marketing.listSegmentCustomerIds(segment.id, input.contact_ids))
      const current = new Set(
        (
          await customers.listCustomerGroupCustomers(
            { customer_group_id: groupId, ...(scope ? { customer_id: scope } : {}) },
            { select: ["customer_id"], take: null }
          )
        ).map((row) => row.customer_id)
      )
      const added = [...wanted].filter((id) => !current.has(id))
      const removed = [...current].filter((id) => !wanted.has(id))
      if (added.length) {
        await customers.addCustomerToGroup(added.map((customer_id) => ({ customer_id, customer_group_id: groupId })))
      }
      if (removed.length) {
        await customers.removeCustomerFromGroup(
          removed.map((customer_id) => ({ customer_id, customer_group_id: groupId }))
        )
      }
      if (added.length || removed.length) {
        changes.push({ customer_group_id: groupId, added, removed })
      }
    }
    return new StepResponse(changes, changes)
  },
  async (changes, { container }) => {
    const customers = customersOf(container)
    for (const change of changes ?? []) {
      const pairs = (ids: string[]) => ids.map((customer_id) => ({ customer_id, customer_group_id: change.customer_group_id }))
      if (change.added.length) {
        await customers.removeCustomerFromGroup(pairs(change.added))
      }
      if (change.removed.length) {
        await customers.addCustomerToGroup(pairs(change.removed))
      }
    }
  }
)

/** Deletes the customer group a deleted segment kept in sync; the compensation restores it. */
export const deleteSegmentCustomerGroupStep = createStep(
  "delete-segment-customer-group",
  async (input: { customer_group_id: string | null }, { container }) => {
    if (!input.customer_group_id) {
      return new StepResponse(null, null)
    }
    await customersOf(container).softDeleteCustomerGroups([input.customer_group_id])
    return new StepResponse(input.customer_group_id, input.customer_group_id)
  },
  async (groupId, { container }) => {
    if (groupId) {
      await customersOf(container).restoreCustomerGroups([groupId])
    }
  }
)
