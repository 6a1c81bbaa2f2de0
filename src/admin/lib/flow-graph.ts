/**
 * A flow draft as the canvas draws it: the trigger and each step as a
 * node, every link as an edge from the handle of its key, laid out top to
 * bottom. Edits made on the canvas go back through flow-draft.ts.
 */
import type { Edge, Node } from "@xyflow/react"
import { stepKind, type StepKind } from "../../lib/flows/step-types"
import { linkSlots, TRIGGER_NODE_ID, type DraftStep, type FlowDraft, type LinkSlot } from "./flow-draft"
import type { PlacedIssues } from "./flow-issues"
import { DEFAULT_LAYOUT, layeredLayout, type LayoutOptions } from "./flow-layout"
import { reentrySummary, stepSummary, stepTitle, stepTypeLabel, triggerSummary, type FlowLookups } from "./flow-summary"
import type { StepCounts, StepResults } from "./flow-types"

export type StepNodeData = {
  stepId: string
  type: string
  typeLabel: string
  kind: StepKind
  title: string
  summary: string
  isEntry: boolean
  /** Outgoing links, one handle each. */
  slots: (LinkSlot & { label: string | null })[]
  issues: string[]
  counts?: StepCounts
  results?: StepResults
}

export type TriggerNodeData = {
  summary: string
  reentry: string
  issues: string[]
  hasEntry: boolean
  entered?: number
}

export type StepNode = Node<StepNodeData, "step">
export type TriggerNode = Node<TriggerNodeData, "trigger">
export type FlowNode = StepNode | TriggerNode
export type LinkEdge = Edge<{ label: string | null }>

export type GraphDecorations = {
  lookups?: FlowLookups
  issues?: PlacedIssues
  stepCounts?: Record<string, StepCounts>
  /** Email results by step id, when the results API answers. */
  stepResults?: ReadonlyMap<string, StepResults>
  entered?: number
  layout?: LayoutOptions
}

const LINK_LABELS: Record<string, string> = {
  yes: "Yes",
  no: "No",
  on_event: "On event",
  on_timeout: "On timeout",
}

/** What an edge says: yes/no, on event/timeout, a branch's share; a plain `next` says nothing. */
export const linkLabel = (step: DraftStep, slot: LinkSlot): string | null => {
  const [key, index] = slot.path
  if (key === "branches" && typeof index === "number") {
    const branch = (Array.isArray(step.branches) ? step.branches[index] : undefined) as
      | { percent?: unknown; label?: unknown }
      | undefined
    const percent = typeof branch?.percent === "number" ? `${branch.percent}%` : "?%"
    return typeof branch?.label === "string" && branch.label ? `${branch.label} · ${percent}` : percent
  }
  return typeof key === "string" ? (LINK_LABELS[key] ?? null) : null
}

export const flowToGraph = (
  draft: FlowDraft,
  decorations: GraphDecorations = {}
): { nodes: FlowNode[]; edges: LinkEdge[] } => {
  const { lookups = {}, issues, stepCounts, stepResults } = decorations
  const ids = Object.keys(draft.steps)
  const hasEntry = Object.prototype.hasOwnProperty.call(draft.steps, draft.entry)

  const edges: LinkEdge[] = []
  if (hasEntry) {
    edges.push({
      id: `${TRIGGER_NODE_ID}:entry`,
      source: TRIGGER_NODE_ID,
      sourceHandle: "entry",
      target: draft.entry,
      data: { label: null },
    })
  }
  const slotsByStep = new Map<string, StepNodeData["slots"]>()
  for (const id of ids) {
    const step = draft.steps[id]
    const slots = linkSlots(step).map((slot) => ({ ...slot, label: linkLabel(step, slot) }))
    slotsByStep.set(id, slots)
    for (const slot of slots) {
      // A link to a step that does not exist has no edge; validation marks its step instead.
      if (slot.target && Object.prototype.hasOwnProperty.call(draft.steps, slot.target)) {
        edges.push({
          id: `${id}:${slot.handle}`,
          source: id,
          sourceHandle: slot.handle,
          target: slot.target,
          label: slot.label ?? undefined,
          data: { label: slot.label },
        })
      }
    }
  }

  const positions = layeredLayout([TRIGGER_NODE_ID, ...ids], edges, TRIGGER_NODE_ID, decorations.layout ?? DEFAULT_LAYOUT)

  const trigger: TriggerNode = {
    id: TRIGGER_NODE_ID,
    type: "trigger",
    position: positions[TRIGGER_NODE_ID],
    deletable: false,
    data: {
      summary: triggerSummary(draft.trigger, lookups),
      reentry: reentrySummary(draft.reentry),
      issues: (issues?.trigger ?? []).map((issue) => issue.message),
      hasEntry,
      entered: decorations.entered,
    },
  }
  const steps: StepNode[] = ids.map((id) => {
    const step = draft.steps[id]
    return {
      id,
      type: "step",
      position: positions[id],
      data: {
        stepId: id,
        type: step.type,
        typeLabel: stepTypeLabel(step.type, lookups),
        kind: stepKind(step.type),
        title: stepTitle(step, lookups),
        summary: stepSummary(step, lookups),
        isEntry: id === draft.entry,
        slots: slotsByStep.get(id)!,
        issues: (issues?.steps.get(id) ?? []).map((issue) => issue.message),
        counts: stepCounts?.[id],
        results: stepResults?.get(id),
      },
    }
  })
  return { nodes: [trigger, ...steps], edges }
}
