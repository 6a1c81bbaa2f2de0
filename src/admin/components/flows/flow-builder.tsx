import { CogSixTooth } from "@medusajs/icons"
import { Button, Container, Heading, Tabs, Text, toast, usePrompt } from "@medusajs/ui"
import { useCallback, useMemo, useState } from "react"
import { useCustomerGroupOptions, useFlowCatalog, useFlowStepResults, useFlowValidation, useUpdateFlow } from "../../hooks/api/flows"
import { useSegments } from "../../hooks/api/segments"
import { useTemplates } from "../../hooks/api/templates"
import { useDebouncedValue } from "../../hooks/use-debounced-value"
import {
  addStep,
  connect,
  definitionsEqual,
  draftFromDefinition,
  draftToDefinition,
  linkSlots,
  removeStep,
  TRIGGER_NODE_ID,
  type FlowDraft,
} from "../../lib/flow-draft"
import { flowToGraph } from "../../lib/flow-graph"
import { issueFromMessage, placeIssues, stepOfPath } from "../../lib/flow-issues"
import { holdoutSummary, stepTitle, triggerSummary, type FlowLookups } from "../../lib/flow-summary"
import type { FlowHoldoutResults, FlowIssue, FlowWithCounts } from "../../lib/flow-types"
import { formatCount } from "../../lib/format"
import { AddStepMenu } from "./add-step-menu"
import { DryRunPanel } from "./dry-run-panel"
import { examplePaths } from "./event-inputs"
import { FlowActions } from "./flow-actions"
import { FlowCanvas } from "./flow-canvas"
import { FlowIssuesList } from "./flow-issues-list"
import { FlowRuns } from "./flow-runs"
import { UnsavedChangesGuard } from "../unsaved-changes-guard"
import { FlowSettingsDrawer, type FlowDetails } from "./flow-settings-drawer"
import { FlowStatusBadge } from "./flow-status-badge"
import { StepDrawer } from "./step-drawer"

/** How long the definition must stay unchanged before the server checks it. */
const VALIDATE_DELAY_MS = 400
/** Templates offered in the send-email step; a store rarely has more. */
const TEMPLATE_OPTIONS = 200
/** Segments named in trigger summaries; a store rarely has more. */
const SEGMENT_OPTIONS = 200

const sameIssue = (a: FlowIssue, b: FlowIssue) => a.path === b.path && a.message === b.message

const RunCounts = ({ flow, runs }: { flow: FlowWithCounts; runs: FlowHoldoutResults | null }) => {
  const holdout = holdoutSummary(runs)
  const counts = flow.run_counts
  const parts: [string, number][] = [
    ["Entered", counts.entered],
    ["Running", counts.running],
    ["Completed", counts.completed],
    ["Exited", counts.exited],
    ["Failed", counts.failed],
    ["Converted", counts.converted],
  ]
  return (
    <div className="text-ui-fg-subtle txt-compact-small flex flex-wrap gap-x-3" data-testid="flow-run-counts">
      {parts.map(([label, value]) => (
        <span key={label} data-testid={`flow-count-${label.toLowerCase()}`}>
          {label} <span className="text-ui-fg-base">{formatCount(value)}</span>
        </span>
      ))}
      {holdout && <span data-testid="flow-holdout-lift">{holdout}</span>}
    </div>
  )
}

/**
 * The flow builder: the trigger and steps on a canvas, each step's
 * settings in a drawer, every problem the server finds marked on the step
 * it is about while the merchant edits, a dry run for one contact, and the
 * flow's runs.
 */
export const FlowBuilder = ({ flow }: { flow: FlowWithCounts }) => {
  const prompt = usePrompt()
  const [draft, setDraft] = useState<FlowDraft>(() => draftFromDefinition(flow.definition))
  const [details, setDetails] = useState<FlowDetails>({ name: flow.name, description: flow.description ?? "" })
  const [selected, setSelected] = useState<string | null>(null)
  const [editing, setEditing] = useState<string | null>(null)
  const [settingsOpen, setSettingsOpen] = useState(false)
  // The server's last refusal (saving, activating), until the draft changes.
  const [refusal, setRefusal] = useState<FlowIssue | null>(null)
  const update = useUpdateFlow(flow.id)

  const change = useCallback((edit: (current: FlowDraft) => FlowDraft) => {
    setRefusal(null)
    setDraft(edit)
  }, [])

  const { step_types: stepTypes = [], triggers = [] } = useFlowCatalog()
  const { templates = [] } = useTemplates({ limit: TEMPLATE_OPTIONS, order: "name" })
  const { data: groups = [] } = useCustomerGroupOptions()
  const { segments = [] } = useSegments({ limit: SEGMENT_OPTIONS, offset: 0, fields: "id,name" })
  const { groups: results, runs: holdoutResults } = useFlowStepResults(flow.id)

  const lookups = useMemo<FlowLookups>(
    () => ({
      templates: new Map(templates.map((template) => [template.id, template.name])),
      groups: new Map(groups.map((group) => [group.id, group.name])),
      stepTypes: new Map(stepTypes.map((type) => [type.type, type])),
      triggers: new Map(triggers.map((trigger) => [trigger.event, trigger])),
      segments: new Map(segments.map((segment) => [segment.id, segment.name])),
    }),
    [templates, groups, stepTypes, triggers, segments]
  )

  const definition = useMemo(() => draftToDefinition(draft), [draft])
  const isDirty =
    !definitionsEqual(definition, flow.definition) ||
    details.name !== flow.name ||
    details.description !== (flow.description ?? "")

  const checked = useDebouncedValue(definition, VALIDATE_DELAY_MS)
  const validation = useFlowValidation(checked)
  const isChecking = validation.isFetching || checked !== definition
  const issues = useMemo<FlowIssue[]>(() => {
    const found = validation.error ? [issueFromMessage(validation.error.message)] : (validation.issues ?? [])
    return refusal && !found.some((issue) => sameIssue(issue, refusal)) ? [refusal, ...found] : found
  }, [validation.error, validation.issues, refusal])
  const placed = useMemo(() => placeIssues(issues), [issues])

  const stepResults = useMemo(
    () => new Map((results ?? []).flatMap((group) => (group.key ? [[group.key, group] as const] : []))),
    [results]
  )
  const graph = useMemo(
    () =>
      flowToGraph(draft, {
        lookups,
        issues: placed,
        stepCounts: flow.step_counts,
        stepResults,
        entered: flow.run_counts.entered,
      }),
    [draft, lookups, placed, flow.step_counts, flow.run_counts.entered, stepResults]
  )

  const triggerInfo = draft.trigger.type === "event" ? lookups.triggers?.get(draft.trigger.event) : undefined
  const triggerPaths = useMemo(() => examplePaths(triggerInfo?.dataExample), [triggerInfo])

  const open = (id: string | null) => {
    setSelected(id)
    if (id === TRIGGER_NODE_ID) {
      setSettingsOpen(true)
    } else if (id) {
      setEditing(id)
    }
  }

  const add = (type: string) => {
    const source = selected === TRIGGER_NODE_ID ? selected : selected && draft.steps[selected] ? selected : null
    const slots = source && source !== TRIGGER_NODE_ID ? linkSlots(draft.steps[source]) : []
    const after =
      source === TRIGGER_NODE_ID
        ? { source }
        : source && slots.length
          ? { source, handle: (slots.find((slot) => !slot.target) ?? slots[0]).handle }
          : undefined
    const { draft: next, id } = addStep(draft, type, after)
    change(() => next)
    setSelected(id)
    setEditing(id)
  }

  const save = async (): Promise<boolean> => {
    if (!details.name.trim()) {
      setSettingsOpen(true)
      toast.error("The flow was not saved", { description: "name: enter a name" })
      return false
    }
    try {
      const { flow: saved } = await update.mutateAsync({
        name: details.name.trim(),
        description: details.description.trim() || null,
        definition,
      })
      setDraft(draftFromDefinition(saved.definition))
      setDetails({ name: saved.name, description: saved.description ?? "" })
      setRefusal(null)
      toast.success(saved.status === "active" ? "Saved and published" : "Flow saved", { description: saved.name })
      return true
    } catch (error) {
      const message = (error as Error).message
      setRefusal(issueFromMessage(message))
      toast.error("The flow was not saved", { description: message })
      return false
    }
  }

  const saveClicked = async () => {
    if (flow.status === "active") {
      const confirmed = await prompt({
        title: "Publish changes?",
        description:
          "The flow is running: contacts who enter from now on follow the new version. Runs already under way keep the version they started on.",
        confirmText: "Publish",
        cancelText: "Cancel",
      })
      if (!confirmed) return
    }
    await save()
  }

  const openIssue = (issue: FlowIssue) => {
    const step = issue.step ?? stepOfPath(issue.path)
    if (step && draft.steps[step]) {
      open(step)
    } else {
      setSelected(TRIGGER_NODE_ID)
      setSettingsOpen(true)
    }
  }

  const afterTitle =
    selected === TRIGGER_NODE_ID
      ? "Trigger"
      : selected && draft.steps[selected] && linkSlots(draft.steps[selected]).length
        ? stepTitle(draft.steps[selected], lookups)
        : null

  const saveState = update.isPending
    ? "Saving…"
    : !isDirty
      ? "All changes saved."
      : flow.status === "active"
        ? "Unsaved changes: saving publishes them to the running flow."
        : "Unsaved changes."

  return (
    <div className="flex flex-col gap-y-3" data-testid="flow-builder">
      <UnsavedChangesGuard when={isDirty} />
      <Container className="flex flex-col gap-4 px-6 py-4 md:flex-row md:items-start md:justify-between">
        <div className="flex min-w-0 flex-col gap-y-1">
          <div className="flex flex-wrap items-center gap-2">
            <Heading level="h1" className="break-all" data-testid="flow-title">
              {flow.name}
            </Heading>
            <FlowStatusBadge status={flow.status} />
          </div>
          <Text size="small" className="text-ui-fg-subtle">
            {triggerSummary(draft.trigger, lookups)}
          </Text>
          <RunCounts flow={flow} runs={holdoutResults} />
          <Text size="small" className="text-ui-fg-muted" role="status" data-testid="flow-save-state">
            {saveState}
          </Text>
        </div>
        <div className="flex shrink-0 flex-wrap items-center gap-2">
          <FlowActions flow={flow} isDirty={isDirty} save={save} onRefused={(message) => setRefusal(issueFromMessage(message))} />
          <Button
            size="small"
            onClick={saveClicked}
            isLoading={update.isPending}
            disabled={!isDirty || update.isPending || flow.status === "archived"}
            data-testid="flow-save"
          >
            Save
          </Button>
        </div>
      </Container>

      <Tabs defaultValue="builder">
        <Tabs.List>
          <Tabs.Trigger value="builder" data-testid="flow-tab-builder">
            Builder
          </Tabs.Trigger>
          <Tabs.Trigger value="runs" data-testid="flow-tab-runs">
            Runs
          </Tabs.Trigger>
        </Tabs.List>
        <Tabs.Content value="builder" className="mt-3 flex flex-col gap-y-3">
          <Container className="divide-y p-0">
            <div className="flex flex-wrap items-center justify-between gap-2 px-6 py-3">
              <div className="flex flex-wrap items-center gap-2">
                <AddStepMenu
                  stepTypes={stepTypes}
                  onAdd={add}
                  afterTitle={afterTitle}
                  disabled={flow.status === "archived"}
                />
                <Button
                  size="small"
                  variant="secondary"
                  onClick={() => open(TRIGGER_NODE_ID)}
                  data-testid="flow-settings"
                >
                  <CogSixTooth />
                  Trigger and settings
                </Button>
              </div>
              <Text size="xsmall" className="text-ui-fg-muted">
                Click a step to edit it. Drag from a handle to a step to link them; select a link and press Delete to
                remove it.
              </Text>
            </div>
            <FlowCanvas
              nodes={graph.nodes}
              edges={graph.edges}
              selectedId={selected}
              onSelect={open}
              onConnect={(source, handle, target) => change((current) => connect(current, source, handle, target))}
              onDisconnect={(links) =>
                change((current) =>
                  links.reduce((next, link) => connect(next, link.source, link.sourceHandle, undefined), current)
                )
              }
            />
            <FlowIssuesList issues={issues} isChecking={isChecking} onOpen={openIssue} />
          </Container>
          <DryRunPanel
            flow={flow}
            isDirty={isDirty}
            save={save}
            trigger={triggerInfo}
            eventNames={triggers.map((trigger) => trigger.event)}
          />
        </Tabs.Content>
        <Tabs.Content value="runs" className="mt-3">
          <FlowRuns flowId={flow.id} />
        </Tabs.Content>
      </Tabs>

      <StepDrawer
        stepId={editing}
        draft={draft}
        onChange={change}
        onClose={() => setEditing(null)}
        onRemove={(id) => {
          change((current) => removeStep(current, id))
          setEditing(null)
          setSelected(null)
        }}
        issues={editing ? (placed.steps.get(editing) ?? []) : []}
        lookups={lookups}
        templates={templates}
        groups={groups}
        triggers={triggers}
        triggerPaths={triggerPaths}
      />
      <FlowSettingsDrawer
        open={settingsOpen}
        onOpenChange={setSettingsOpen}
        draft={draft}
        onChange={change}
        details={details}
        onDetailsChange={setDetails}
        issues={[...placed.trigger, ...placed.flow]}
        triggers={triggers}
      />
    </div>
  )
}
