import { Plus, Trash } from "@medusajs/icons"
import { Button, Checkbox, IconButton, Input, Label, Select, Text, Textarea } from "@medusajs/ui"
import { useEffect, useState } from "react"
import { Link } from "react-router-dom"
import { UPDATABLE_CONTACT_FIELDS } from "../../../lib/flows/definition"
import type { DraftStep } from "../../lib/flow-draft"
import type { CatalogTrigger, CustomerGroupOption, FlowIssue } from "../../lib/flow-types"
import { formatJson, parseJsonObject } from "../../lib/flow-values"
import type { Template } from "../../lib/types"
import { FormField, SwitchField } from "../form-field"
import { NumberInput } from "../segments/number-input"
import { ContactRuleInput } from "./contact-rule-input"
import { DataConditionsInput, type DataConditionDraft } from "./data-conditions-input"
import { DurationInput, type DurationDraft } from "./duration-input"
import { EventMatchInput, EventNameInput, examplePaths, type EventMatchDraft } from "./event-inputs"

export type StepFieldsProps = {
  stepId: string
  step: DraftStep
  onChange: (patch: Partial<DraftStep>) => void
  issues: FlowIssue[]
  templates: Template[]
  groups: CustomerGroupOption[]
  triggers: CatalogTrigger[]
  /** Keys of the trigger's sample payload, for data conditions. */
  triggerPaths: string[]
}

const WEEKDAYS = [
  [1, "Mon"],
  [2, "Tue"],
  [3, "Wed"],
  [4, "Thu"],
  [5, "Fri"],
  [6, "Sat"],
  [7, "Sun"],
] as const

const str = (value: unknown) => (typeof value === "string" ? value : "")
const num = (value: unknown) => (typeof value === "number" ? value : undefined)

const WaitFields = ({ stepId, step, onChange }: StepFieldsProps) => (
  <FormField id={`${stepId}-duration`} label="Wait for" hint="Exact: a day is 24 hours from when the run got here.">
    <DurationInput
      id={`${stepId}-duration`}
      value={step.duration as DurationDraft | undefined}
      onChange={(duration) => onChange({ duration })}
    />
  </FormField>
)

const WaitUntilFields = ({ stepId, step, onChange }: StepFieldsProps) => {
  const weekdays = Array.isArray(step.weekdays) ? (step.weekdays as number[]) : []
  const toggle = (day: number, on: boolean) => {
    const next = on ? [...weekdays, day].sort((a, b) => a - b) : weekdays.filter((d) => d !== day)
    onChange({ weekdays: next.length ? next : undefined })
  }
  return (
    <>
      <FormField
        id={`${stepId}-time`}
        label="Time of day"
        hint="In the contact's time zone, else the store's; stays the same across daylight-saving changes."
      >
        <Input
          id={`${stepId}-time`}
          type="time"
          size="small"
          className="w-32"
          value={str(step.time)}
          onChange={(event) => onChange({ time: event.target.value })}
          data-testid="step-time"
        />
      </FormField>
      <div className="flex flex-col gap-y-2">
        <Label size="small" weight="plus">
          On
        </Label>
        <div className="flex flex-wrap gap-x-4 gap-y-2">
          {WEEKDAYS.map(([day, name]) => (
            <div key={day} className="flex items-center gap-x-1.5">
              <Checkbox
                id={`${stepId}-day-${day}`}
                checked={weekdays.includes(day)}
                onCheckedChange={(checked) => toggle(day, checked === true)}
              />
              <Label htmlFor={`${stepId}-day-${day}`} size="small">
                {name}
              </Label>
            </div>
          ))}
        </div>
        <Text size="xsmall" className="text-ui-fg-subtle">
          None ticked: the next day that time comes.
        </Text>
      </div>
    </>
  )
}

const WaitForEventFields = ({ stepId, step, onChange, triggers }: StepFieldsProps) => {
  const event = str(step.event)
  const paths = examplePaths(triggers.find((trigger) => trigger.event === event)?.dataExample)
  return (
    <>
      <FormField id={`${stepId}-event`} label="Event" hint="The run goes on the “On event” way when it happens.">
        <EventNameInput id={`${stepId}-event`} value={event} onChange={(name) => onChange({ event: name })} triggers={triggers} />
      </FormField>
      <FormField id={`${stepId}-match`} label="Only events that match" optional>
        <EventMatchInput
          id={`${stepId}-match`}
          value={step.match as EventMatchDraft | undefined}
          onChange={(match) => onChange({ match })}
          paths={paths}
        />
      </FormField>
      <FormField id={`${stepId}-timeout`} label="Wait at most" hint="Then the run goes on the “On timeout” way.">
        <DurationInput
          id={`${stepId}-timeout`}
          value={step.timeout as DurationDraft | undefined}
          onChange={(timeout) => onChange({ timeout })}
        />
      </FormField>
    </>
  )
}

const ConditionFields = ({ stepId, step, onChange, issues, triggerPaths }: StepFieldsProps) => (
  <>
    <div className="flex flex-col gap-y-2">
      <Label size="small" weight="plus">
        The contact
      </Label>
      <Text size="xsmall" className="text-ui-fg-subtle">
        Checked when the run gets here, like a segment's rules.
      </Text>
      <ContactRuleInput
        value={step.rule}
        onChange={(rule) => onChange({ rule })}
        path={`steps.${stepId}.rule`}
        issues={issues}
      />
    </div>
    <FormField id={`${stepId}-data`} label="The trigger's data" optional hint="All must match, as well as the contact's rule.">
      <DataConditionsInput
        id={`${stepId}-data`}
        value={step.data as DataConditionDraft[] | undefined}
        onChange={(data) => onChange({ data })}
        paths={triggerPaths}
      />
    </FormField>
  </>
)

type BranchDraft = { percent?: number; next?: string; label?: string }

const SplitFields = ({ step, onChange }: StepFieldsProps) => {
  const branches = (Array.isArray(step.branches) ? step.branches : []) as BranchDraft[]
  const total = branches.reduce((sum, branch) => sum + (branch.percent ?? 0), 0)
  const change = (index: number, patch: Partial<BranchDraft>) =>
    onChange({ branches: branches.map((branch, i) => (i === index ? { ...branch, ...patch } : branch)) })
  return (
    <div className="flex flex-col gap-y-2" data-testid="split-branches">
      <Label size="small" weight="plus">
        Branches
      </Label>
      {branches.map((branch, index) => (
        <div key={index} className="grid grid-cols-[1fr_96px_auto_auto] items-center gap-x-2">
          <Input
            size="small"
            value={branch.label ?? ""}
            placeholder={`Branch ${String.fromCharCode(65 + index)}`}
            aria-label={`Branch ${index + 1} name`}
            onChange={(event) => change(index, { label: event.target.value || undefined })}
          />
          <NumberInput
            size="small"
            min={0}
            max={100}
            step={1}
            value={branch.percent}
            aria-label={`Branch ${index + 1} percent`}
            onChange={(percent) => change(index, { percent })}
            data-testid="split-branch-percent"
          />
          <Text size="small" className="text-ui-fg-subtle">
            %
          </Text>
          <IconButton
            size="small"
            variant="transparent"
            aria-label={`Remove branch ${index + 1}`}
            disabled={branches.length <= 2}
            onClick={() => onChange({ branches: branches.filter((_, i) => i !== index) })}
          >
            <Trash />
          </IconButton>
        </div>
      ))}
      <div className="flex items-center justify-between gap-x-2">
        <Button
          size="small"
          variant="secondary"
          type="button"
          disabled={branches.length >= 10}
          onClick={() => onChange({ branches: [...branches, { percent: Math.max(0, 100 - total) }] })}
        >
          <Plus />
          Add branch
        </Button>
        <Text
          size="small"
          className={total === 100 ? "text-ui-fg-subtle" : "text-ui-fg-error"}
          data-testid="split-total"
          role={total === 100 ? undefined : "alert"}
        >
          {total === 100 ? "Adds up to 100%" : `Adds up to ${total}%; make it 100%`}
        </Text>
      </div>
      <Text size="xsmall" className="text-ui-fg-subtle">
        Each contact goes down one branch at random, by these shares. Connect each branch below.
      </Text>
    </div>
  )
}

const SendEmailFields = ({ stepId, step, onChange, templates }: StepFieldsProps) => {
  const templateId = str(step.template_id)
  const known = templates.some((template) => template.id === templateId)
  return (
    <>
      <FormField
        id={`${stepId}-template`}
        label="Template"
        hint={
          templateId && known ? (
            <Link to={`/marketing/templates/${templateId}`} className="text-ui-fg-interactive hover:text-ui-fg-interactive-hover">
              Edit this template
            </Link>
          ) : (
            "Its latest version is sent, rendered for the contact."
          )
        }
      >
        <Select value={templateId} onValueChange={(template_id) => onChange({ template_id })}>
          <Select.Trigger id={`${stepId}-template`} data-testid="step-template">
            <Select.Value placeholder="Choose a template" />
          </Select.Trigger>
          <Select.Content>
            {templateId && !known && <Select.Item value={templateId}>{templateId}</Select.Item>}
            {templates.map((template) => (
              <Select.Item key={template.id} value={template.id}>
                {template.name}
              </Select.Item>
            ))}
          </Select.Content>
        </Select>
      </FormField>
      <SwitchField
        id={`${stepId}-transactional`}
        label="Transactional"
        description="Order and account messages: sent without marketing consent, outside quiet hours and the frequency cap."
        checked={step.transactional === true}
        onCheckedChange={(on) => onChange({ transactional: on || undefined })}
      />
    </>
  )
}

const DiscountFields = ({ stepId, step, onChange }: StepFieldsProps) => {
  const kind = step.kind === "amount" ? "amount" : "percentage"
  return (
    <>
      <div className="grid grid-cols-2 gap-4">
        <FormField id={`${stepId}-kind`} label="Kind">
          <Select
            value={kind}
            onValueChange={(next) =>
              onChange(next === "amount" ? { kind: next, currency_code: str(step.currency_code) || "eur" } : { kind: next, currency_code: undefined })
            }
          >
            <Select.Trigger id={`${stepId}-kind`} data-testid="step-discount-kind">
              <Select.Value />
            </Select.Trigger>
            <Select.Content>
              <Select.Item value="percentage">Percentage off</Select.Item>
              <Select.Item value="amount">Amount off</Select.Item>
            </Select.Content>
          </Select>
        </FormField>
        <FormField id={`${stepId}-value`} label={kind === "amount" ? "Amount" : "Percent"}>
          <NumberInput
            id={`${stepId}-value`}
            size="small"
            min={0}
            value={num(step.value)}
            onChange={(value) => onChange({ value })}
            data-testid="step-discount-value"
          />
        </FormField>
      </div>
      {kind === "amount" && (
        <FormField id={`${stepId}-currency`} label="Currency" hint="Lower-case ISO code, e.g. eur or usd.">
          <Input
            id={`${stepId}-currency`}
            size="small"
            className="w-24"
            value={str(step.currency_code)}
            onChange={(event) => onChange({ currency_code: event.target.value.trim().toLowerCase() || undefined })}
            data-testid="step-discount-currency"
          />
        </FormField>
      )}
      <FormField id={`${stepId}-expires`} label="Valid for (days)" hint="The single-use code expires after this many days.">
        <NumberInput
          id={`${stepId}-expires`}
          size="small"
          className="w-24"
          min={1}
          max={365}
          value={num(step.expires_in_days)}
          onChange={(expires_in_days) => onChange({ expires_in_days })}
          data-testid="step-discount-expires"
        />
      </FormField>
    </>
  )
}

const CustomerGroupFields = ({ stepId, step, onChange, groups }: StepFieldsProps) => {
  const groupId = str(step.group_id)
  const known = groups.some((group) => group.id === groupId)
  return (
    <>
      <FormField id={`${stepId}-action`} label="Action">
        <Select value={step.action === "remove" ? "remove" : "add"} onValueChange={(action) => onChange({ action })}>
          <Select.Trigger id={`${stepId}-action`}>
            <Select.Value />
          </Select.Trigger>
          <Select.Content>
            <Select.Item value="add">Add the customer to the group</Select.Item>
            <Select.Item value="remove">Remove the customer from the group</Select.Item>
          </Select.Content>
        </Select>
      </FormField>
      <FormField
        id={`${stepId}-group`}
        label="Customer group"
        hint="Contacts without a customer account are skipped."
      >
        <Select value={groupId} onValueChange={(group_id) => onChange({ group_id })}>
          <Select.Trigger id={`${stepId}-group`} data-testid="step-group">
            <Select.Value placeholder={groups.length ? "Choose a group" : "No customer groups yet"} />
          </Select.Trigger>
          <Select.Content>
            {groupId && !known && <Select.Item value={groupId}>{groupId}</Select.Item>}
            {groups.map((group) => (
              <Select.Item key={group.id} value={group.id}>
                {group.name}
              </Select.Item>
            ))}
          </Select.Content>
        </Select>
      </FormField>
    </>
  )
}

const METADATA = "__metadata"

const UpdateContactFields = ({ stepId, step, onChange }: StepFieldsProps) => {
  const set = step.set as { field: string; value: unknown } | undefined
  const isMetadata = !!set && set.field.startsWith("metadata.")
  const fieldChoice = set ? (isMetadata ? METADATA : set.field) : undefined
  return (
    <>
      <SwitchField
        id={`${stepId}-has-set`}
        label="Set a profile field"
        description="A name, the locale or time zone, the birthday, or a metadata key."
        checked={!!set}
        onCheckedChange={(on) => onChange({ set: on ? { field: "first_name", value: "" } : undefined })}
      />
      {set && (
        <div className="grid grid-cols-2 gap-4">
          <FormField id={`${stepId}-field`} label="Field">
            <Select
              value={fieldChoice}
              onValueChange={(choice) =>
                onChange({ set: { field: choice === METADATA ? "metadata.key" : choice, value: set.value } })
              }
            >
              <Select.Trigger id={`${stepId}-field`}>
                <Select.Value />
              </Select.Trigger>
              <Select.Content>
                {UPDATABLE_CONTACT_FIELDS.map((field) => (
                  <Select.Item key={field} value={field}>
                    {field}
                  </Select.Item>
                ))}
                <Select.Item value={METADATA}>A metadata key…</Select.Item>
              </Select.Content>
            </Select>
          </FormField>
          <FormField id={`${stepId}-set-value`} label="Value" hint={set.field === "birth_date" ? "YYYY-MM-DD" : undefined}>
            <Input
              id={`${stepId}-set-value`}
              size="small"
              value={set.value === null || set.value === undefined ? "" : String(set.value)}
              onChange={(event) => onChange({ set: { ...set, value: event.target.value } })}
              data-testid="step-set-value"
            />
          </FormField>
          {isMetadata && (
            <FormField id={`${stepId}-metadata-key`} label="Metadata key">
              <Input
                id={`${stepId}-metadata-key`}
                size="small"
                value={set.field.slice("metadata.".length)}
                onChange={(event) => onChange({ set: { ...set, field: `metadata.${event.target.value.trim()}` } })}
              />
            </FormField>
          )}
        </div>
      )}
      <FormField
        id={`${stepId}-lead-points`}
        label="Lead points"
        optional
        hint="Added to the contact's lead score; negative takes points away."
      >
        <NumberInput
          id={`${stepId}-lead-points`}
          size="small"
          className="w-32"
          step={1}
          value={num(step.lead_points)}
          onChange={(lead_points) => onChange({ lead_points })}
          data-testid="step-lead-points"
        />
      </FormField>
    </>
  )
}

const WebhookFields = ({ stepId, step, onChange }: StepFieldsProps) => (
  <FormField
    id={`${stepId}-url`}
    label="URL"
    hint="Receives a signed POST with the run's data; https, or http only for localhost."
  >
    <Input
      id={`${stepId}-url`}
      size="small"
      type="url"
      placeholder="https://example.com/hooks/flow"
      value={str(step.url)}
      onChange={(event) => onChange({ url: event.target.value.trim() })}
      data-testid="step-webhook-url"
    />
  </FormField>
)

/** A registered step's config as JSON; its own schema on the server checks it. */
const CustomFields = ({ stepId, step, onChange }: StepFieldsProps) => {
  const [text, setText] = useState(() => formatJson(step.config ?? {}))
  const [problem, setProblem] = useState<string | null>(null)
  useEffect(() => {
    const parsed = parseJsonObject(text)
    if (!parsed.ok || JSON.stringify(parsed.value ?? {}) !== JSON.stringify(step.config ?? {})) {
      setText(formatJson(step.config ?? {}))
      setProblem(null)
    }
    // Only an outside change rewrites the text, never typing.
  }, [step.config])
  return (
    <FormField
      id={`${stepId}-config`}
      label="Config"
      hint="JSON, as the step type's developer documented it."
      error={problem}
    >
      <Textarea
        id={`${stepId}-config`}
        rows={8}
        className="font-mono"
        value={text}
        onChange={(event) => {
          setText(event.target.value)
          const parsed = parseJsonObject(event.target.value)
          setProblem(parsed.ok ? null : parsed.error)
          if (parsed.ok) onChange({ config: parsed.value ?? {} })
        }}
        data-testid="step-config"
      />
    </FormField>
  )
}

/** The inputs of a step's own settings, by its type. */
export const StepFields = (props: StepFieldsProps) => {
  switch (props.step.type) {
    case "wait":
      return <WaitFields {...props} />
    case "wait_until":
      return <WaitUntilFields {...props} />
    case "wait_for_event":
      return <WaitForEventFields {...props} />
    case "condition":
      return <ConditionFields {...props} />
    case "split":
      return <SplitFields {...props} />
    case "send_email":
      return <SendEmailFields {...props} />
    case "discount":
      return <DiscountFields {...props} />
    case "customer_group":
      return <CustomerGroupFields {...props} />
    case "update_contact":
      return <UpdateContactFields {...props} />
    case "webhook":
      return <WebhookFields {...props} />
    case "exit":
      return (
        <Text size="small" className="text-ui-fg-subtle">
          The run ends here. Steps without a next step end the run too.
        </Text>
      )
    default:
      return <CustomFields {...props} />
  }
}
