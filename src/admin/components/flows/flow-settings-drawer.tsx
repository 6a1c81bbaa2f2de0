import { Plus, Trash } from "@medusajs/icons"
import { Alert, Button, CodeBlock, Drawer, Heading, IconButton, Input, Select, Text, Textarea } from "@medusajs/ui"
import type { EventRule, Reentry, Trigger } from "../../../lib/flows/definition"
import { getField, SEGMENT_FIELD_NAMES } from "../../../lib/segments/fields"
import type { FlowDraft } from "../../lib/flow-draft"
import type { CatalogTrigger, FlowIssue } from "../../lib/flow-types"
import { FIELD_LABELS } from "../../lib/segment-labels"
import { FormField, SwitchField } from "../form-field"
import { NumberInput } from "../segments/number-input"
import { ContactRuleInput } from "./contact-rule-input"
import { DataConditionsInput, type DataConditionDraft } from "./data-conditions-input"
import { EventMatchInput, EventNameInput, examplePaths, type EventMatchDraft } from "./event-inputs"
import { isSegmentCondition, SEGMENT_TRIGGER_EVENTS, TriggerSegmentInput } from "./trigger-segment-input"

export type FlowDetails = { name: string; description: string }

type FlowSettingsDrawerProps = {
  open: boolean
  onOpenChange: (open: boolean) => void
  draft: FlowDraft
  onChange: (change: (draft: FlowDraft) => FlowDraft) => void
  details: FlowDetails
  onDetailsChange: (details: FlowDetails) => void
  /** Problems with the trigger and the flow's settings. */
  issues: FlowIssue[]
  triggers: CatalogTrigger[]
}

const DATE_FIELDS = SEGMENT_FIELD_NAMES.filter((name) => getField(name)?.type === "date")

const DEFAULT_TRIGGERS: Record<Trigger["type"], Trigger> = {
  event: { type: "event", event: "customer.created" },
  date: { type: "date", field: "birth_date", offset_days: 0, annual: true, hour: 9 },
  inactivity: { type: "inactivity", days: 90 },
}

const TRIGGER_TYPE_LABELS: Record<Trigger["type"], string> = {
  event: "When an event happens",
  date: "On a date of the contact's",
  inactivity: "When a customer stops ordering",
}

type ReentryChoice = "once" | "every_time" | "days"

const reentryChoice = (reentry: Reentry): ReentryChoice =>
  reentry === "once" || reentry === "every_time" ? reentry : "days"

const EventTriggerFields = ({
  trigger,
  onChange,
  triggers,
  issues,
}: {
  trigger: Extract<Trigger, { type: "event" }>
  onChange: (trigger: Trigger) => void
  triggers: CatalogTrigger[]
  issues: FlowIssue[]
}) => {
  const known = triggers.find((candidate) => candidate.event === trigger.event)
  const filter = trigger.filter ?? {}
  const dataConditions = (filter.data ?? []) as DataConditionDraft[]
  const bySegment = SEGMENT_TRIGGER_EVENTS.has(trigger.event)
  const setFilter = (patch: Partial<NonNullable<typeof trigger.filter>>) => {
    const next = { ...filter, ...patch }
    const compact = Object.fromEntries(Object.entries(next).filter(([, value]) => value !== undefined))
    onChange({ ...trigger, filter: Object.keys(compact).length ? compact : undefined })
  }
  return (
    <>
      <FormField id="flow-trigger-event" label="Event" hint="Pick one the store declares, or type any event name.">
        <Select
          value={known ? trigger.event : "__other"}
          onValueChange={(event) => onChange({ ...trigger, event: event === "__other" ? "" : event })}
        >
          <Select.Trigger id="flow-trigger-event" data-testid="flow-trigger-event">
            <Select.Value />
          </Select.Trigger>
          <Select.Content>
            {triggers.map((candidate) => (
              <Select.Item key={candidate.event} value={candidate.event}>
                {candidate.label} ({candidate.event})
              </Select.Item>
            ))}
            <Select.Item value="__other">Another event…</Select.Item>
          </Select.Content>
        </Select>
      </FormField>
      {!known && (
        <FormField id="flow-trigger-custom-event" label="Event name">
          <Input
            id="flow-trigger-custom-event"
            size="small"
            value={trigger.event}
            placeholder="acme.review_written"
            onChange={(event) => onChange({ ...trigger, event: event.target.value.trim() })}
            data-testid="flow-trigger-custom-event"
          />
        </FormField>
      )}
      {known && (
        <div className="flex flex-col gap-y-2" data-testid="flow-trigger-example">
          <Text size="small" className="text-ui-fg-subtle">
            {known.description}
          </Text>
          {known.dataExample && (
            <CodeBlock snippets={[{ label: "Event data", language: "json", code: JSON.stringify(known.dataExample, null, 2) }]}>
              <CodeBlock.Header />
              <CodeBlock.Body />
            </CodeBlock>
          )}
        </div>
      )}
      <div className="flex flex-col gap-y-2">
        <Text size="small" weight="plus">
          Only contacts who match
        </Text>
        <ContactRuleInput
          value={filter.contact}
          onChange={(contact) => setFilter({ contact: contact as NonNullable<typeof trigger.filter>["contact"] })}
          path="trigger.filter.contact"
          issues={issues}
        />
      </div>
      {bySegment && (
        <TriggerSegmentInput
          event={trigger.event}
          conditions={dataConditions}
          onChange={(data) => setFilter({ data: (data.length ? data : undefined) as typeof filter.data })}
        />
      )}
      <FormField id="flow-trigger-data" label="Only events whose data matches" optional>
        <DataConditionsInput
          id="flow-trigger-data"
          value={bySegment ? dataConditions.filter((condition) => !isSegmentCondition(condition)) : dataConditions}
          onChange={(data) => {
            // The segment picker's condition stays when the other conditions change.
            const kept = bySegment ? dataConditions.filter(isSegmentCondition) : []
            const next = [...kept, ...((data ?? []) as DataConditionDraft[])]
            setFilter({ data: (next.length ? next : undefined) as typeof filter.data })
          }}
          paths={examplePaths(known?.dataExample)}
        />
      </FormField>
    </>
  )
}

const DateTriggerFields = ({
  trigger,
  onChange,
}: {
  trigger: Extract<Trigger, { type: "date" }>
  onChange: (trigger: Trigger) => void
}) => (
  <>
    <FormField id="flow-trigger-field" label="Date">
      <Select value={trigger.field} onValueChange={(field) => onChange({ ...trigger, field })}>
        <Select.Trigger id="flow-trigger-field" data-testid="flow-trigger-field">
          <Select.Value />
        </Select.Trigger>
        <Select.Content>
          {DATE_FIELDS.map((field) => (
            <Select.Item key={field} value={field}>
              {FIELD_LABELS[field]}
            </Select.Item>
          ))}
        </Select.Content>
      </Select>
    </FormField>
    <FormField
      id="flow-trigger-offset"
      label="Days after the date"
      hint="Negative for before: -7 is a week before. 0 is on the day."
    >
      <NumberInput
        id="flow-trigger-offset"
        size="small"
        className="w-28"
        step={1}
        min={-365}
        max={365}
        value={trigger.offset_days}
        onChange={(offset_days) => onChange({ ...trigger, offset_days: offset_days as number })}
        data-testid="flow-trigger-offset"
      />
    </FormField>
    <SwitchField
      id="flow-trigger-annual"
      label="Every year"
      description="On the anniversary, as for birthdays; off starts once."
      checked={trigger.annual}
      onCheckedChange={(annual) => onChange({ ...trigger, annual })}
    />
    <FormField id="flow-trigger-hour" label="Hour" optional hint="0 to 23, in the contact's time zone.">
      <NumberInput
        id="flow-trigger-hour"
        size="small"
        className="w-24"
        step={1}
        min={0}
        max={23}
        value={trigger.hour}
        onChange={(hour) => onChange({ ...trigger, hour })}
      />
    </FormField>
  </>
)

const EventRuleFields = ({
  id,
  rule,
  onChange,
  triggers,
}: {
  id: string
  rule: EventRule
  onChange: (rule: EventRule) => void
  triggers: CatalogTrigger[]
}) => (
  <div className="flex flex-col gap-y-3">
    <EventNameInput id={`${id}-event`} value={rule.event} onChange={(event) => onChange({ ...rule, event })} triggers={triggers} />
    <EventMatchInput
      id={`${id}-match`}
      value={rule.match as EventMatchDraft | undefined}
      onChange={(match) => onChange({ ...rule, match: match as EventRule["match"] })}
      paths={examplePaths(triggers.find((trigger) => trigger.event === rule.event)?.dataExample)}
    />
  </div>
)

/**
 * The flow as a whole: its name, what starts it and who may enter again,
 * the goal it counts conversions by, the events that end a run early, and
 * the share of contacts kept out to measure it.
 */
export const FlowSettingsDrawer = ({
  open,
  onOpenChange,
  draft,
  onChange,
  details,
  onDetailsChange,
  issues,
  triggers,
}: FlowSettingsDrawerProps) => {
  const setTrigger = (trigger: Trigger) => onChange((current) => ({ ...current, trigger }))
  const exits = draft.exit_on ?? []
  const setExits = (exit_on: EventRule[]) =>
    onChange((current) => ({ ...current, exit_on: exit_on.length ? exit_on : undefined }))
  const choice = reentryChoice(draft.reentry)

  return (
    <Drawer open={open} onOpenChange={onOpenChange}>
      <Drawer.Content data-testid="flow-settings-drawer">
        <Drawer.Header>
          <Drawer.Title>Trigger and settings</Drawer.Title>
          <Drawer.Description>What starts the flow, who may enter again, and what counts as success.</Drawer.Description>
        </Drawer.Header>
        <Drawer.Body className="flex flex-col gap-y-6 overflow-y-auto">
          {issues.length > 0 && (
            <Alert variant="error" data-testid="flow-settings-issues">
              <ul className="flex flex-col gap-y-1">
                {issues.map((issue, index) => (
                  <li key={index}>
                    {issue.path && <span className="font-mono">{issue.path}: </span>}
                    {issue.message}
                  </li>
                ))}
              </ul>
            </Alert>
          )}
          <section className="flex flex-col gap-y-4">
            <FormField id="flow-name" label="Name" error={details.name.trim() ? null : "Enter a name"}>
              <Input
                id="flow-name"
                size="small"
                value={details.name}
                onChange={(event) => onDetailsChange({ ...details, name: event.target.value })}
                data-testid="flow-name"
              />
            </FormField>
            <FormField id="flow-description" label="Description" optional>
              <Textarea
                id="flow-description"
                rows={2}
                value={details.description}
                onChange={(event) => onDetailsChange({ ...details, description: event.target.value })}
              />
            </FormField>
          </section>

          <section className="flex flex-col gap-y-4">
            <Heading level="h3">Trigger</Heading>
            <FormField id="flow-trigger-type" label="Start the flow">
              <Select
                value={draft.trigger.type}
                onValueChange={(type) => setTrigger(DEFAULT_TRIGGERS[type as Trigger["type"]])}
              >
                <Select.Trigger id="flow-trigger-type" data-testid="flow-trigger-type">
                  <Select.Value />
                </Select.Trigger>
                <Select.Content>
                  {(Object.keys(TRIGGER_TYPE_LABELS) as Trigger["type"][]).map((type) => (
                    <Select.Item key={type} value={type}>
                      {TRIGGER_TYPE_LABELS[type]}
                    </Select.Item>
                  ))}
                </Select.Content>
              </Select>
            </FormField>
            {draft.trigger.type === "event" && (
              <EventTriggerFields trigger={draft.trigger} onChange={setTrigger} triggers={triggers} issues={issues} />
            )}
            {draft.trigger.type === "date" && <DateTriggerFields trigger={draft.trigger} onChange={setTrigger} />}
            {draft.trigger.type === "inactivity" && (
              <FormField
                id="flow-trigger-days"
                label="Days since the last order"
                hint="Customers enter once that many days have passed without an order."
              >
                <NumberInput
                  id="flow-trigger-days"
                  size="small"
                  className="w-28"
                  min={1}
                  step={1}
                  value={draft.trigger.days}
                  onChange={(days) => setTrigger({ type: "inactivity", days: days as number })}
                  data-testid="flow-trigger-days"
                />
              </FormField>
            )}
          </section>

          <section className="flex flex-col gap-y-4">
            <Heading level="h3">Entering again</Heading>
            <FormField id="flow-reentry" label="A contact may enter">
              <Select
                value={choice}
                onValueChange={(next) =>
                  onChange((current) => ({
                    ...current,
                    reentry: next === "days" ? { days: 30 } : (next as "once" | "every_time"),
                  }))
                }
              >
                <Select.Trigger id="flow-reentry" data-testid="flow-reentry">
                  <Select.Value />
                </Select.Trigger>
                <Select.Content>
                  <Select.Item value="once">Once</Select.Item>
                  <Select.Item value="every_time">Every time the trigger happens</Select.Item>
                  <Select.Item value="days">Again after a number of days</Select.Item>
                </Select.Content>
              </Select>
            </FormField>
            {typeof draft.reentry === "object" && (
              <FormField id="flow-reentry-days" label="Days between entries">
                <NumberInput
                  id="flow-reentry-days"
                  size="small"
                  className="w-28"
                  min={1}
                  step={1}
                  value={draft.reentry.days}
                  onChange={(days) => onChange((current) => ({ ...current, reentry: { days: days as number } }))}
                />
              </FormField>
            )}
          </section>

          <section className="flex flex-col gap-y-4">
            <Heading level="h3">Goal</Heading>
            <SwitchField
              id="flow-has-goal"
              label="Count conversions"
              description="A run converts when this event happens during it, an order usually. The run goes on."
              checked={!!draft.goal}
              onCheckedChange={(on) =>
                onChange((current) => ({ ...current, goal: on ? { event: "order.placed" } : undefined }))
              }
            />
            {draft.goal && (
              <EventRuleFields
                id="flow-goal"
                rule={draft.goal}
                onChange={(goal) => onChange((current) => ({ ...current, goal }))}
                triggers={triggers}
              />
            )}
          </section>

          <section className="flex flex-col gap-y-4">
            <Heading level="h3">Exit events</Heading>
            <Text size="small" className="text-ui-fg-subtle">
              Any of these ends the run at once, whatever it is doing: an order ends an abandoned-cart reminder.
            </Text>
            {exits.map((rule, index) => (
              <div key={index} className="bg-ui-bg-subtle shadow-borders-base flex items-start gap-x-2 rounded-lg p-3">
                <div className="flex-1">
                  <EventRuleFields
                    id={`flow-exit-${index}`}
                    rule={rule}
                    onChange={(next) => setExits(exits.map((candidate, i) => (i === index ? next : candidate)))}
                    triggers={triggers}
                  />
                </div>
                <IconButton
                  size="small"
                  variant="transparent"
                  aria-label="Remove exit event"
                  onClick={() => setExits(exits.filter((_, i) => i !== index))}
                >
                  <Trash />
                </IconButton>
              </div>
            ))}
            <div>
              <Button
                size="small"
                variant="secondary"
                type="button"
                onClick={() => setExits([...exits, { event: "order.placed" }])}
                data-testid="flow-add-exit"
              >
                <Plus />
                Add exit event
              </Button>
            </div>
          </section>

          <section className="flex flex-col gap-y-4">
            <Heading level="h3">Holdout</Heading>
            <FormField
              id="flow-holdout"
              label="Keep out (percent)"
              optional
              hint="Contacts kept out at random (0 to 50 %): they enter and can convert, but nothing is done to them, to measure what the flow changes."
              error={issues.find((issue) => issue.path === "holdout_percent")?.message}
            >
              <NumberInput
                id="flow-holdout"
                size="small"
                className="w-24"
                min={0}
                max={50}
                value={draft.holdout_percent}
                onChange={(holdout_percent) =>
                  onChange((current) => ({ ...current, holdout_percent: holdout_percent || undefined }))
                }
                data-testid="flow-holdout"
              />
            </FormField>
          </section>
        </Drawer.Body>
        <Drawer.Footer>
          <Button size="small" type="button" onClick={() => onOpenChange(false)} data-testid="flow-settings-done">
            Done
          </Button>
        </Drawer.Footer>
      </Drawer.Content>
    </Drawer>
  )
}
