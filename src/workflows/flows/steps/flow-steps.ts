import { createStep, StepResponse } from "@medusajs/framework/workflows-sdk"
import { MedusaError } from "@medusajs/framework/utils"
import { MARKETING_MODULE } from "../../../modules/marketing"
import MarketingModuleService from "../../../modules/marketing/service"
import { forgetRelevantEvents } from "../engine/relevant-events"
import { assertRunnableDefinition, parseDefinitionOrThrow } from "../validate-definition"

const service = (container: { resolve: (key: string) => unknown }) =>
  container.resolve(MARKETING_MODULE) as MarketingModuleService

const FLOW_FIELDS = [
  "id", "name", "description", "status", "definition", "active_version_id",
  "trigger_type", "trigger_event", "playbook_key", "activated_at",
] as const

/** A draft may be incomplete (dangling steps while it is built) but must have the language's shape. */
export const parseFlowDefinitionStep = createStep(
  "parse-flow-definition",
  async (input: { definition: unknown }, { container }) => {
    return new StepResponse(await parseDefinitionOrThrow(container, input.definition))
  }
)

export type CreateFlowInput = { name: string; description?: string | null; definition: unknown; playbook_key?: string | null }

export const createFlowStep = createStep(
  "create-flow",
  async (input: CreateFlowInput, { container }) => {
    const flow = await service(container).createFlows({
      name: input.name,
      description: input.description ?? null,
      definition: input.definition as Record<string, unknown>,
      playbook_key: input.playbook_key ?? null,
    })
    return new StepResponse(flow, flow.id)
  },
  async (id, { container }) => {
    if (id) {
      await service(container).deleteFlows(id)
    }
  }
)

export type UpdateFlowInput = { id: string; name?: string; description?: string | null; definition?: unknown }

export const updateFlowStep = createStep(
  "update-flow",
  async (input: UpdateFlowInput, { container }) => {
    const before = await service(container).retrieveFlow(input.id, { select: [...FLOW_FIELDS] })
    if (before.status === "archived") {
      throw new MedusaError(MedusaError.Types.NOT_ALLOWED, "an archived flow cannot be edited")
    }
    const updated = await service(container).updateFlows(input)
    return new StepResponse(updated, { id: before.id, name: before.name, description: before.description, definition: before.definition })
  },
  async (before, { container }) => {
    if (before) {
      await service(container).updateFlows(before)
    }
  }
)

/**
 * Publishes the flow's definition as a new version and makes it the one new
 * runs start on, unless it equals the active version. Runs already going
 * keep the version they started with.
 */
export const publishFlowVersionStep = createStep(
  "publish-flow-version",
  async (input: { id: string }, { container }) => {
    const marketing = service(container)
    const flow = await marketing.retrieveFlow(input.id, { select: [...FLOW_FIELDS] })
    const definition = await assertRunnableDefinition(container, flow.definition)
    if (flow.active_version_id) {
      const active = await marketing.retrieveFlowVersion(flow.active_version_id, { select: ["definition"] })
      if (JSON.stringify(active.definition) === JSON.stringify(definition)) {
        return new StepResponse(flow.active_version_id, null)
      }
    }
    const [latest] = await marketing.listFlowVersions(
      { flow_id: flow.id },
      { select: ["version"], order: { version: "DESC" }, take: 1 }
    )
    const version = await marketing.createFlowVersions({
      flow_id: flow.id,
      version: (latest?.version ?? 0) + 1,
      definition: definition as unknown as Record<string, unknown>,
    })
    return new StepResponse(version.id, version.id)
  },
  async (versionId, { container }) => {
    if (versionId) {
      await service(container).deleteFlowVersions(versionId)
    }
  }
)

export type FlowStateInput = {
  id: string
  status: "draft" | "active" | "paused" | "archived"
  /** The version new runs start on, when activating. */
  version_id?: string
}

/** Moves a flow to a status; activating points it at a version and copies that version's trigger. */
export const setFlowStateStep = createStep(
  "set-flow-state",
  async (input: FlowStateInput, { container }) => {
    const marketing = service(container)
    const before = await marketing.retrieveFlow(input.id, { select: [...FLOW_FIELDS] })
    const changes: Record<string, unknown> = { id: input.id, status: input.status }
    if (input.version_id) {
      const version = await marketing.retrieveFlowVersion(input.version_id, { select: ["definition"] })
      const trigger = (version.definition as { trigger: { type: string; event?: string } }).trigger
      Object.assign(changes, {
        active_version_id: input.version_id,
        trigger_type: trigger.type,
        trigger_event: trigger.type === "event" ? trigger.event : null,
        activated_at: before.activated_at ?? new Date(),
      })
    }
    const flow = await marketing.updateFlows(changes as any)
    forgetRelevantEvents()
    return new StepResponse(flow, {
      id: before.id,
      status: before.status,
      active_version_id: before.active_version_id,
      trigger_type: before.trigger_type,
      trigger_event: before.trigger_event,
      activated_at: before.activated_at,
    })
  },
  async (before, { container }) => {
    if (before) {
      await service(container).updateFlows(before as any)
      forgetRelevantEvents()
    }
  }
)

/** Ends the runs of an archived flow; compensation cannot resume them, so it is the last step. */
export const exitFlowRunsStep = createStep(
  "exit-flow-runs",
  async (input: { flow_id: string; reason: string }, { container }) => {
    const ended = await service(container).exitFlowRuns(input.flow_id, input.reason)
    return new StepResponse(ended)
  }
)

export const deleteFlowStep = createStep(
  "delete-flow",
  async (id: string, { container }) => {
    const marketing = service(container)
    const flow = await marketing.retrieveFlow(id, { select: ["id", "status"] })
    if (flow.status === "active") {
      throw new MedusaError(MedusaError.Types.NOT_ALLOWED, "pause or archive an active flow before deleting it")
    }
    await marketing.softDeleteFlows(id)
    return new StepResponse(id, id)
  },
  async (id, { container }) => {
    if (id) {
      await service(container).restoreFlows(id)
    }
  }
)
