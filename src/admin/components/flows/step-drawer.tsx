import { Trash } from "@medusajs/icons"
import { Alert, Badge, Button, Drawer, Input, Select, Text, usePrompt } from "@medusajs/ui"
import { connect, linkSlots, setEntry, updateStep, type DraftStep, type FlowDraft } from "../../lib/flow-draft"
import { linkLabel } from "../../lib/flow-graph"
import { fieldOfPath } from "../../lib/flow-issues"
import { stepTitle, stepTypeLabel, type FlowLookups } from "../../lib/flow-summary"
import type { CatalogTrigger, CustomerGroupOption, FlowIssue } from "../../lib/flow-types"
import type { Template } from "../../lib/types"
import { FormField } from "../form-field"
import { StepFields } from "./step-fields"

const NOT_CONNECTED = "__none"

type StepDrawerProps = {
  stepId: string | null
  draft: FlowDraft
  onChange: (change: (draft: FlowDraft) => FlowDraft) => void
  onClose: () => void
  onRemove: (stepId: string) => void
  issues: FlowIssue[]
  lookups: FlowLookups
  templates: Template[]
  groups: CustomerGroupOption[]
  triggers: CatalogTrigger[]
  triggerPaths: string[]
}

const slotName = (step: DraftStep, slot: ReturnType<typeof linkSlots>[number]) =>
  slot.path[0] === "next" ? "Then" : (linkLabel(step, slot) ?? slot.handle)

/**
 * A step's settings beside the canvas: its name, the inputs of its type,
 * where each of its ways leads, and whether the flow starts with it.
 * Changes apply to the draft as they are made; Save on the page stores them.
 */
export const StepDrawer = ({
  stepId,
  draft,
  onChange,
  onClose,
  onRemove,
  issues,
  lookups,
  templates,
  groups,
  triggers,
  triggerPaths,
}: StepDrawerProps) => {
  const prompt = usePrompt()
  const step = stepId ? draft.steps[stepId] : undefined
  const open = !!step

  const remove = async () => {
    if (!stepId || !step) return
    const confirmed = await prompt({
      title: "Remove step?",
      description: `“${stepTitle(step, lookups)}” and the links to it are removed. A step with one way on is cut out of its chain.`,
      confirmText: "Remove",
      cancelText: "Cancel",
      variant: "danger",
    })
    if (confirmed) {
      onRemove(stepId)
    }
  }

  const description = step ? lookups.stepTypes?.get(step.type)?.description : undefined
  const others = Object.entries(draft.steps).filter(([id]) => id !== stepId)

  return (
    <Drawer open={open} onOpenChange={(next) => !next && onClose()}>
      <Drawer.Content data-testid="step-drawer" data-step={stepId ?? undefined}>
        {step && stepId && (
          <>
            <Drawer.Header>
              <Drawer.Title className="flex items-center gap-x-2">
                {stepTitle(step, lookups)}
                {draft.entry === stepId && (
                  <Badge size="2xsmall" color="green">
                    First step
                  </Badge>
                )}
              </Drawer.Title>
              <Drawer.Description>
                {stepTypeLabel(step.type, lookups)} · {stepId}
                {description ? ` · ${description}` : ""}
              </Drawer.Description>
            </Drawer.Header>
            <Drawer.Body className="flex flex-col gap-y-4 overflow-y-auto">
              {issues.length > 0 && (
                <Alert variant="error" data-testid="step-issues">
                  <ul className="flex flex-col gap-y-1">
                    {issues.map((issue, index) => (
                      <li key={index} data-testid="step-issue">
                        {fieldOfPath(issue.path, stepId) && (
                          <span className="font-mono">{fieldOfPath(issue.path, stepId)}: </span>
                        )}
                        {issue.message}
                      </li>
                    ))}
                  </ul>
                </Alert>
              )}
              <FormField id={`${stepId}-label`} label="Name" optional hint="Shown on the canvas instead of the type.">
                <Input
                  id={`${stepId}-label`}
                  size="small"
                  value={typeof step.label === "string" ? step.label : ""}
                  onChange={(event) =>
                    onChange((current) => updateStep(current, stepId, { label: event.target.value || undefined }))
                  }
                  data-testid="step-label"
                />
              </FormField>
              <StepFields
                stepId={stepId}
                step={step}
                onChange={(patch) => onChange((current) => updateStep(current, stepId, patch))}
                issues={issues}
                templates={templates}
                groups={groups}
                triggers={triggers}
                triggerPaths={triggerPaths}
              />
              {linkSlots(step).map((slot) => (
                <FormField
                  key={slot.handle}
                  id={`${stepId}-link-${slot.handle}`}
                  label={slotName(step, slot)}
                  hint={slot.required ? undefined : "With nothing here the run ends after this step."}
                >
                  <Select
                    value={slot.target ?? NOT_CONNECTED}
                    onValueChange={(target) =>
                      onChange((current) =>
                        connect(current, stepId, slot.handle, target === NOT_CONNECTED ? undefined : target)
                      )
                    }
                  >
                    <Select.Trigger id={`${stepId}-link-${slot.handle}`} data-testid={`step-link-${slot.handle}`}>
                      <Select.Value />
                    </Select.Trigger>
                    <Select.Content>
                      <Select.Item value={NOT_CONNECTED}>{slot.required ? "Not connected" : "Nothing, end the run"}</Select.Item>
                      {slot.target && !draft.steps[slot.target] && (
                        <Select.Item value={slot.target}>{slot.target} (missing)</Select.Item>
                      )}
                      {others.map(([id, other]) => (
                        <Select.Item key={id} value={id}>
                          {stepTitle(other, lookups)} ({id})
                        </Select.Item>
                      ))}
                    </Select.Content>
                  </Select>
                </FormField>
              ))}
              {draft.entry !== stepId && (
                <div className="flex items-center justify-between gap-x-4">
                  <Text size="small" className="text-ui-fg-subtle">
                    Runs start with “{draft.steps[draft.entry] ? stepTitle(draft.steps[draft.entry], lookups) : "nothing yet"}”.
                  </Text>
                  <Button
                    size="small"
                    variant="secondary"
                    type="button"
                    onClick={() => onChange((current) => setEntry(current, stepId))}
                    data-testid="step-make-entry"
                  >
                    Start the flow here
                  </Button>
                </div>
              )}
            </Drawer.Body>
            <Drawer.Footer>
              <Button size="small" variant="danger" type="button" onClick={remove} data-testid="step-remove">
                <Trash />
                Remove step
              </Button>
              <Button size="small" type="button" onClick={onClose} data-testid="step-done">
                Done
              </Button>
            </Drawer.Footer>
          </>
        )}
      </Drawer.Content>
    </Drawer>
  )
}
