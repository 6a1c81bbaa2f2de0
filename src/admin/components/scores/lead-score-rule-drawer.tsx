import { Button, Drawer, Input, Select, Text, toast } from "@medusajs/ui"
import { FormEvent, useEffect, useState } from "react"
import {
  LeadScoreRule,
  LeadScoreRulePayload,
  useCreateLeadScoreRule,
  useUpdateLeadScoreRule,
} from "../../hooks/api/lead-score-rules"
import { FormField, SwitchField } from "../form-field"
import {
  CONDITION_OPERATORS,
  ConditionChoice,
  EVENTS_WITHOUT_DATA,
  eventTypePaths,
  fromCondition,
  LEAD_EVENT_TYPES,
  toCondition,
} from "./lead-events"

/** The select's entry for an event type other plugins record. */
const OTHER_EVENT = "__other"

type Draft = {
  name: string
  eventType: string
  customEventType: string
  hasCondition: boolean
  path: string
  choice: ConditionChoice
  value: string
  points: string
  expiresAfterDays: string
  maxTimes: string
  enabled: boolean
}

const KNOWN_TYPES = new Set<string>(LEAD_EVENT_TYPES.map((type) => type.value))

const toDraft = (rule?: LeadScoreRule | null): Draft => {
  const condition = fromCondition(rule?.property ?? null)
  const known = !rule || KNOWN_TYPES.has(rule.event_type)
  return {
    name: rule?.name ?? "",
    eventType: rule ? (known ? rule.event_type : OTHER_EVENT) : "signed_up",
    customEventType: known ? "" : (rule?.event_type ?? ""),
    hasCondition: !!rule?.property,
    path: condition.path,
    choice: condition.choice,
    value: condition.value,
    points: rule ? String(rule.points) : "10",
    expiresAfterDays: rule?.expires_after_days ? String(rule.expires_after_days) : "",
    maxTimes: rule?.max_times ? String(rule.max_times) : "",
    enabled: rule?.enabled ?? true,
  }
}

// Empty means "not set"; anything else goes as typed so the server can name what is wrong.
const optionalNumber = (raw: string): number | null => (raw.trim() === "" ? null : Number(raw))

const toPayload = (draft: Draft): LeadScoreRulePayload => {
  const eventType = draft.eventType === OTHER_EVENT ? draft.customEventType.trim() : draft.eventType
  return {
    name: draft.name.trim(),
    points: draft.points.trim() === "" ? null : Number(draft.points),
    event_type: eventType,
    property:
      draft.hasCondition && !EVENTS_WITHOUT_DATA.has(eventType)
        ? toCondition(draft.path, draft.choice, draft.value)
        : null,
    expires_after_days: optionalNumber(draft.expiresAfterDays),
    max_times: optionalNumber(draft.maxTimes),
    enabled: draft.enabled,
  }
}

type Field = "name" | "event_type" | "path" | "operator" | "value" | "points" | "expires_after_days" | "max_times"

/*
 * The server's message names the field ("property.value: must be a number
 * for gt" or "field 'points'"): shown under that input, so the merchant
 * sees what to fix where they typed it.
 */
const FIELD_PATTERNS: [RegExp, Field][] = [
  [/\bproperty\.path\b/, "path"],
  [/\bproperty\.operator\b/, "operator"],
  [/\bproperty(\.value)?\b/, "value"],
  [/\bevent_type\b/, "event_type"],
  [/\bpoints\b/, "points"],
  [/\bexpires_after_days\b/, "expires_after_days"],
  [/\bmax_times\b/, "max_times"],
  [/\bname\b/, "name"],
]

const fieldOf = (message: string): Field | null =>
  FIELD_PATTERNS.find(([pattern]) => pattern.test(message))?.[1] ?? null

const readable = (message: string) => message.replace(/^Invalid request:\s*/, "")

type LeadScoreRuleDrawerProps = {
  open: boolean
  onOpenChange: (open: boolean) => void
  /** The rule to edit; a new rule when absent. */
  rule?: LeadScoreRule | null
}

/** Creates or edits a lead-score rule: which event, under what condition, for how many points. */
export const LeadScoreRuleDrawer = ({ open, onOpenChange, rule }: LeadScoreRuleDrawerProps) => {
  const [draft, setDraft] = useState<Draft>(() => toDraft(rule))
  const [problem, setProblem] = useState<string | null>(null)
  const create = useCreateLeadScoreRule()
  const update = useUpdateLeadScoreRule()
  const isPending = create.isPending || update.isPending

  // Starts from the rule each time the drawer opens; a re-read of the list
  // while it is open must not wipe what the merchant is typing.
  useEffect(() => {
    if (open) {
      setDraft(toDraft(rule))
      setProblem(null)
    }
  }, [open, rule?.id])

  const change = (patch: Partial<Draft>) => {
    setProblem(null)
    setDraft((current) => ({ ...current, ...patch }))
  }

  const submit = (event: FormEvent) => {
    event.preventDefault()
    if (!draft.name.trim()) {
      setProblem("name: enter a name")
      return
    }
    const payload = toPayload(draft)
    const done = {
      onSuccess: () => {
        toast.success(rule ? "Rule saved" : "Rule created", {
          description: "Lead scores of the contacts it concerns are being updated.",
        })
        onOpenChange(false)
      },
      onError: (error: Error) => setProblem(readable(error.message)),
    }
    if (rule) {
      update.mutate({ id: rule.id, ...payload }, done)
    } else {
      create.mutate(payload, done)
    }
  }

  const field = problem ? fieldOf(problem) : null
  const errorFor = (name: Field) => (field === name ? problem : null)
  const eventType = draft.eventType === OTHER_EVENT ? draft.customEventType.trim() : draft.eventType
  const paths = eventTypePaths(eventType)
  const operator = CONDITION_OPERATORS.find((candidate) => candidate.value === draft.choice)
  const noData = EVENTS_WITHOUT_DATA.has(eventType)

  return (
    <Drawer open={open} onOpenChange={onOpenChange}>
      <Drawer.Content data-testid="lead-rule-drawer">
        <form onSubmit={submit} className="flex flex-1 flex-col overflow-hidden" noValidate>
          <Drawer.Header>
            <Drawer.Title>{rule ? "Edit lead-score rule" : "Create lead-score rule"}</Drawer.Title>
            <Drawer.Description>
              Points a contact gets each time they do something. Negative points take points away.
            </Drawer.Description>
          </Drawer.Header>
          <Drawer.Body className="flex flex-col gap-y-4 overflow-y-auto">
            <FormField id="lead-rule-name" label="Name" hint="Shown on the contact's score, e.g. “Big order”." error={errorFor("name")}>
              <Input
                id="lead-rule-name"
                value={draft.name}
                onChange={(event) => change({ name: event.target.value })}
                autoFocus
                data-testid="lead-rule-name"
              />
            </FormField>
            <FormField id="lead-rule-event" label="When the contact" error={errorFor("event_type")}>
              <Select value={draft.eventType} onValueChange={(eventType) => change({ eventType })}>
                <Select.Trigger id="lead-rule-event" data-testid="lead-rule-event">
                  <Select.Value />
                </Select.Trigger>
                <Select.Content>
                  {LEAD_EVENT_TYPES.map((type) => (
                    <Select.Item key={type.value} value={type.value}>
                      {type.label}
                    </Select.Item>
                  ))}
                  <Select.Item value={OTHER_EVENT}>Another event type…</Select.Item>
                </Select.Content>
              </Select>
            </FormField>
            {draft.eventType === OTHER_EVENT && (
              <FormField
                id="lead-rule-custom-event"
                label="Event type"
                hint="As recorded on the contact's timeline by another plugin, e.g. review_written."
              >
                <Input
                  id="lead-rule-custom-event"
                  value={draft.customEventType}
                  onChange={(event) => change({ customEventType: event.target.value })}
                  data-testid="lead-rule-custom-event"
                />
              </FormField>
            )}
            {noData ? (
              <Text size="small" className="text-ui-fg-subtle">
                Every {eventType === "opened" ? "open" : "click"} by a person counts; opens by mail
                scanners and privacy proxies do not.
              </Text>
            ) : (
              <SwitchField
                id="lead-rule-has-condition"
                label="Only when the event's data matches"
                description="For example only orders of at least 100, or carts with 3 items or more."
                checked={draft.hasCondition}
                onCheckedChange={(hasCondition) => change({ hasCondition })}
              />
            )}
            {draft.hasCondition && !noData && (
              <div className="grid grid-cols-1 gap-4 md:grid-cols-3">
                <FormField
                  id="lead-rule-path"
                  label="Data"
                  hint={paths.length ? `e.g. ${paths.join(", ")}` : "A key of the event's data; dots go deeper."}
                  error={errorFor("path")}
                >
                  <Input
                    id="lead-rule-path"
                    value={draft.path}
                    list="lead-rule-paths"
                    onChange={(event) => change({ path: event.target.value })}
                    data-testid="lead-rule-path"
                  />
                  <datalist id="lead-rule-paths">
                    {paths.map((path) => (
                      <option key={path} value={path} />
                    ))}
                  </datalist>
                </FormField>
                <FormField id="lead-rule-operator" label="Test" error={errorFor("operator")}>
                  <Select value={draft.choice} onValueChange={(choice) => change({ choice: choice as ConditionChoice })}>
                    <Select.Trigger id="lead-rule-operator" data-testid="lead-rule-operator">
                      <Select.Value />
                    </Select.Trigger>
                    <Select.Content>
                      {CONDITION_OPERATORS.map((candidate) => (
                        <Select.Item key={candidate.value} value={candidate.value}>
                          {candidate.label}
                        </Select.Item>
                      ))}
                    </Select.Content>
                  </Select>
                </FormField>
                {operator?.needsValue && (
                  <FormField id="lead-rule-value" label="Value" error={errorFor("value")}>
                    <Input
                      id="lead-rule-value"
                      value={draft.value}
                      onChange={(event) => change({ value: event.target.value })}
                      data-testid="lead-rule-value"
                    />
                  </FormField>
                )}
              </div>
            )}
            <FormField
              id="lead-rule-points"
              label="Points"
              hint="Each time it happens; negative to subtract, e.g. -20 for unsubscribing."
              error={errorFor("points")}
            >
              <Input
                id="lead-rule-points"
                type="number"
                step={1}
                value={draft.points}
                onChange={(event) => change({ points: event.target.value })}
                data-testid="lead-rule-points"
              />
            </FormField>
            <div className="grid grid-cols-1 gap-4 md:grid-cols-2">
              <FormField
                id="lead-rule-expires"
                label="Counts for"
                optional
                hint="Days an event keeps counting (at most 365). Empty: as long as scores look back, a year."
                error={errorFor("expires_after_days")}
              >
                <Input
                  id="lead-rule-expires"
                  type="number"
                  min={1}
                  value={draft.expiresAfterDays}
                  onChange={(event) => change({ expiresAfterDays: event.target.value })}
                  data-testid="lead-rule-expires"
                />
              </FormField>
              <FormField
                id="lead-rule-max-times"
                label="At most"
                optional
                hint="Times it counts. Empty: every time."
                error={errorFor("max_times")}
              >
                <Input
                  id="lead-rule-max-times"
                  type="number"
                  min={1}
                  value={draft.maxTimes}
                  onChange={(event) => change({ maxTimes: event.target.value })}
                  data-testid="lead-rule-max-times"
                />
              </FormField>
            </div>
            <SwitchField
              id="lead-rule-enabled"
              label="Enabled"
              description="Off keeps the rule but takes its points away from every contact."
              checked={draft.enabled}
              onCheckedChange={(enabled) => change({ enabled })}
            />
            {problem && !field && (
              <Text size="small" className="text-ui-fg-error" role="alert" data-testid="lead-rule-error">
                {problem}
              </Text>
            )}
          </Drawer.Body>
          <Drawer.Footer>
            <Drawer.Close asChild>
              <Button size="small" variant="secondary" type="button">
                Cancel
              </Button>
            </Drawer.Close>
            <Button size="small" type="submit" isLoading={isPending} data-testid="lead-rule-submit">
              {rule ? "Save" : "Create rule"}
            </Button>
          </Drawer.Footer>
        </form>
      </Drawer.Content>
    </Drawer>
  )
}
