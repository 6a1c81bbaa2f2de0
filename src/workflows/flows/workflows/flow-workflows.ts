import { createWorkflow, transform, when, WorkflowResponse } from "@medusajs/framework/workflows-sdk"
import {
  createFlowStep,
  CreateFlowInput,
  deleteFlowStep,
  exitFlowRunsStep,
  parseFlowDefinitionStep,
  publishFlowVersionStep,
  setFlowStateStep,
  updateFlowStep,
  UpdateFlowInput,
} from "../steps"

/** Creates a draft flow; its definition must have the language's shape, the graph may be unfinished. */
export const createFlowWorkflow = createWorkflow("create-marketing-flow", (input: CreateFlowInput) => {
  const definition = parseFlowDefinitionStep({ definition: input.definition })
  const flow = createFlowStep(transform({ input, definition }, ({ input, definition }) => ({ ...input, definition })))
  return new WorkflowResponse(flow)
})

/**
 * Saves edits. Editing an active flow publishes a new version at once
 * (refused with a 400 naming the step if it cannot run); runs already in
 * the flow finish on the version they started with.
 */
export const updateFlowWorkflow = createWorkflow("update-marketing-flow", (input: UpdateFlowInput) => {
  const definition = when({ input }, ({ input }) => input.definition !== undefined).then(() =>
    parseFlowDefinitionStep(transform({ input }, ({ input }) => ({ definition: input.definition })))
  )
  const flow = updateFlowStep(
    transform({ input, definition }, ({ input, definition }) => (definition ? { ...input, definition } : input))
  )
  when({ flow, input }, ({ flow, input }) => flow.status === "active" && input.definition !== undefined).then(() => {
    const version = publishFlowVersionStep({ id: input.id })
    setFlowStateStep(transform({ input, version }, ({ input, version }) => ({ id: input.id, status: "active" as const, version_id: version })))
  })
  return new WorkflowResponse(flow)
})

/** Validates the whole flow, publishes it as a version and starts letting contacts in. */
export const activateFlowWorkflow = createWorkflow("activate-marketing-flow", (input: { id: string }) => {
  const version = publishFlowVersionStep(input)
  const flow = setFlowStateStep(
    transform({ input, version }, ({ input, version }) => ({ id: input.id, status: "active" as const, version_id: version }))
  )
  return new WorkflowResponse(flow)
})

/** Stops new entries; runs already in the flow wait where they are until it is active again. */
export const pauseFlowWorkflow = createWorkflow("pause-marketing-flow", (input: { id: string }) => {
  return new WorkflowResponse(setFlowStateStep({ id: input.id, status: "paused" }))
})

/** Retires a flow: no new entries, and running runs end with nothing more sent. */
export const archiveFlowWorkflow = createWorkflow("archive-marketing-flow", (input: { id: string }) => {
  const flow = setFlowStateStep({ id: input.id, status: "archived" })
  exitFlowRunsStep({ flow_id: input.id, reason: "flow archived" })
  return new WorkflowResponse(flow)
})

export const deleteFlowWorkflow = createWorkflow("delete-marketing-flow", (input: { id: string }) => {
  return new WorkflowResponse(deleteFlowStep(input.id))
})
