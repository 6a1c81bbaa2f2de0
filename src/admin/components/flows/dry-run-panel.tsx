import { MagnifyingGlassMini, Plus, Trash } from "@medusajs/icons"
import {
  Alert,
  Badge,
  Button,
  clx,
  Container,
  Heading,
  IconButton,
  Input,
  StatusBadge,
  Table,
  Text,
  Textarea,
} from "@medusajs/ui"
import { keepPreviousData } from "@tanstack/react-query"
import { FormEvent, useState } from "react"
import { useContacts } from "../../hooks/api/contacts"
import { useFlowDryRun } from "../../hooks/api/flows"
import { useDebouncedValue } from "../../hooks/use-debounced-value"
import { formatDateTime, fullName } from "../../lib/format"
import { OUTCOME_COLORS, OUTCOME_LABELS } from "../../lib/flow-status"
import type { CatalogTrigger, DryRunEmail, DryRunResponse, FlowWithCounts } from "../../lib/flow-types"
import { formatJson, parseJsonObject } from "../../lib/flow-values"
import { FormField } from "../form-field"
import { NumberInput } from "../segments/number-input"

type PickedContact = { id: string; email: string; name: string }

const ContactSearch = ({
  value,
  onChange,
}: {
  value: PickedContact | null
  onChange: (contact: PickedContact | null) => void
}) => {
  const [search, setSearch] = useState("")
  const q = useDebouncedValue(search.trim(), 300)
  const { contacts, isPending, isError } = useContacts(
    { q: q || undefined, limit: 6, order: "-created_at" },
    { enabled: !value && q.length > 0, placeholderData: keepPreviousData }
  )

  if (value) {
    return (
      <div className="flex items-center justify-between gap-x-2" data-testid="dry-run-contact">
        <Text size="small" className="truncate">
          {value.name ? `${value.name} · ${value.email}` : value.email}
        </Text>
        <Button size="small" variant="transparent" type="button" onClick={() => onChange(null)}>
          Change
        </Button>
      </div>
    )
  }
  return (
    <div className="flex flex-col gap-y-1">
      <div className="relative">
        <MagnifyingGlassMini className="text-ui-fg-muted pointer-events-none absolute left-2 top-1/2 -translate-y-1/2" />
        <Input
          id="dry-run-contact-search"
          size="small"
          className="pl-8"
          placeholder="Search contacts by email or name"
          value={search}
          onChange={(event) => setSearch(event.target.value)}
          data-testid="dry-run-contact-search"
        />
      </div>
      {q && (
        <div className="flex flex-col" role="listbox" aria-label="Contacts">
          {isError ? (
            <Text size="small" className="text-ui-fg-error px-2 py-1.5">
              Contacts could not be loaded.
            </Text>
          ) : isPending ? (
            <Text size="small" className="text-ui-fg-subtle px-2 py-1.5">
              Searching…
            </Text>
          ) : contacts?.length ? (
            contacts.map((contact) => {
              const name = fullName(contact)
              return (
                <button
                  key={contact.id}
                  type="button"
                  role="option"
                  aria-selected={false}
                  className="txt-compact-small hover:bg-ui-bg-base-hover focus-visible:bg-ui-bg-base-hover rounded-md px-2 py-1.5 text-left outline-none"
                  onClick={() => onChange({ id: contact.id, email: contact.email, name })}
                  data-testid="dry-run-contact-option"
                >
                  {name ? `${name} · ${contact.email}` : contact.email}
                </button>
              )
            })
          ) : (
            <Text size="small" className="text-ui-fg-subtle px-2 py-1.5">
              No contact matches “{q}”.
            </Text>
          )}
        </div>
      )}
    </div>
  )
}

type EventDraft = { name: string; after_hours?: number }

const DryRunEmailView = ({ email }: { email: DryRunEmail }) => (
  <div className="flex flex-col gap-y-2" data-testid="dry-run-email" data-step={email.step}>
    <div className="flex flex-wrap items-baseline gap-x-2">
      <Text size="small" weight="plus" data-testid="dry-run-email-subject">
        {"error" in email ? "Not rendered" : email.subject}
      </Text>
      <Text size="xsmall" className="text-ui-fg-subtle">
        {email.step} · {formatDateTime(email.at)}
        {"template" in email ? ` · ${email.template.name}` : ""}
      </Text>
    </div>
    {"error" in email ? (
      <Alert variant="error" data-testid="dry-run-email-error">
        {email.error}
      </Alert>
    ) : (
      <iframe
        title={`Email of step ${email.step}`}
        srcDoc={email.html}
        // No permissions at all: the email's HTML runs nothing.
        sandbox=""
        className="bg-ui-bg-base shadow-elevation-card-rest h-[480px] w-full rounded-md"
        data-testid="dry-run-email-frame"
      />
    )}
  </div>
)

const ENDINGS: Record<string, string> = {
  end_of_flow: "reached a step with nothing after it",
  exit_step: "reached an exit step",
  exit_event: "an exit event happened",
  error: "failed",
}

const finalLine = (result: DryRunResponse) => {
  const { final } = result
  if (final.ended) {
    return `The run ends ${formatDateTime(new Date(final.ended.at).toISOString())}: ${ENDINGS[final.ended.reason] ?? final.ended.reason}${final.ended.detail ? ` (${final.ended.detail})` : ""}.`
  }
  return final.step
    ? `At the horizon the run is ${final.status} at “${final.step}”.`
    : `At the horizon the run is ${final.status}.`
}

type DryRunPanelProps = {
  flow: FlowWithCounts
  /** Unsaved changes; a draft is saved before it is simulated. */
  isDirty: boolean
  save: () => Promise<boolean>
  trigger?: CatalogTrigger
  eventNames: string[]
}

/**
 * Runs the saved flow for one contact on a simulated clock: which steps
 * would run when, the emails they would get, rendered for them, and the
 * guardrails that would stop them. Nothing is stored or sent.
 */
export const DryRunPanel = ({ flow, isDirty, save, trigger, eventNames }: DryRunPanelProps) => {
  const [contact, setContact] = useState<PickedContact | null>(null)
  const [triggerData, setTriggerData] = useState("")
  const [events, setEvents] = useState<EventDraft[]>([])
  const [horizon, setHorizon] = useState<number | undefined>(30)
  const [problem, setProblem] = useState<string | null>(null)
  const dryRun = useFlowDryRun(flow.id)
  const result = dryRun.data

  const parsedData = parseJsonObject(triggerData)
  const savesFirst = isDirty && flow.status === "draft"

  const submit = async (event: FormEvent) => {
    event.preventDefault()
    setProblem(null)
    if (!contact) {
      setProblem("Choose a contact to run the flow for.")
      return
    }
    if (!parsedData.ok) {
      setProblem(`Trigger data: ${parsedData.error}`)
      return
    }
    if (savesFirst && !(await save())) {
      return
    }
    dryRun.mutate(
      {
        contact_id: contact.id,
        trigger_data: parsedData.value,
        horizon_days: horizon,
        events: events
          .filter((candidate) => candidate.name.trim())
          .map((candidate) => ({ name: candidate.name.trim(), after_hours: candidate.after_hours ?? 0 })),
      },
      { onError: (error) => setProblem(error.message) }
    )
  }

  return (
    <Container className="divide-y p-0" data-testid="dry-run-panel">
      <div className="px-6 py-4">
        <Heading level="h2">Dry run</Heading>
        <Text size="small" className="text-ui-fg-subtle">
          See what the flow would do for one contact, day by day, and the emails they would get. Nothing is stored or
          sent.
        </Text>
      </div>
      <form onSubmit={submit} className="grid grid-cols-1 gap-6 px-6 py-4 lg:grid-cols-2" noValidate>
        <div className="flex flex-col gap-y-4">
          <FormField id="dry-run-contact-search" label="Contact">
            <ContactSearch value={contact} onChange={setContact} />
          </FormField>
          <FormField
            id="dry-run-trigger-data"
            label="Trigger data"
            optional
            hint="JSON the starting event carries, e.g. the cart of an abandoned cart."
            error={parsedData.ok ? null : parsedData.error}
          >
            <Textarea
              id="dry-run-trigger-data"
              rows={4}
              className="font-mono"
              value={triggerData}
              placeholder={trigger?.dataExample ? formatJson(trigger.dataExample) : '{ "cart_id": "cart_123" }'}
              onChange={(change) => setTriggerData(change.target.value)}
              data-testid="dry-run-trigger-data"
            />
          </FormField>
          <FormField id="dry-run-horizon" label="Follow the run for (days)" hint="1 to 400 days.">
            <NumberInput
              id="dry-run-horizon"
              size="small"
              className="w-24"
              min={1}
              max={400}
              step={1}
              value={horizon}
              onChange={setHorizon}
              data-testid="dry-run-horizon"
            />
          </FormField>
        </div>
        <div className="flex flex-col gap-y-3">
          <Text size="small" weight="plus">
            Later events
          </Text>
          <Text size="xsmall" className="text-ui-fg-subtle">
            Things that happen during the run, e.g. an order 2 days in, to see the flow react.
          </Text>
          {events.map((candidate, index) => (
            <div key={index} className="grid grid-cols-[1fr_96px_auto_auto] items-center gap-x-2">
              <Input
                size="small"
                value={candidate.name}
                list="dry-run-event-names"
                placeholder="order.placed"
                aria-label="Event name"
                onChange={(change) =>
                  setEvents(events.map((e, i) => (i === index ? { ...e, name: change.target.value } : e)))
                }
                data-testid="dry-run-event-name"
              />
              <NumberInput
                size="small"
                min={0}
                value={candidate.after_hours}
                aria-label="Hours after the start"
                onChange={(after_hours) => setEvents(events.map((e, i) => (i === index ? { ...e, after_hours } : e)))}
                data-testid="dry-run-event-hours"
              />
              <Text size="small" className="text-ui-fg-subtle">
                hours in
              </Text>
              <IconButton
                size="small"
                variant="transparent"
                type="button"
                aria-label="Remove event"
                onClick={() => setEvents(events.filter((_, i) => i !== index))}
              >
                <Trash />
              </IconButton>
            </div>
          ))}
          <datalist id="dry-run-event-names">
            {eventNames.map((name) => (
              <option key={name} value={name} />
            ))}
          </datalist>
          <div>
            <Button
              size="small"
              variant="secondary"
              type="button"
              onClick={() => setEvents([...events, { name: "order.placed", after_hours: 24 }])}
              data-testid="dry-run-add-event"
            >
              <Plus />
              Add event
            </Button>
          </div>
          <div className="mt-auto flex flex-col items-end gap-y-2 pt-2">
            {isDirty && !savesFirst && (
              <Text size="xsmall" className="text-ui-fg-subtle">
                Runs the saved version: save to include your changes.
              </Text>
            )}
            <Button size="small" type="submit" isLoading={dryRun.isPending} data-testid="dry-run-submit">
              {savesFirst ? "Save and run" : "Run"}
            </Button>
          </div>
        </div>
        {problem && (
          <Alert variant="error" className="lg:col-span-2" data-testid="dry-run-error">
            {problem}
          </Alert>
        )}
      </form>
      {result && (
        <div className={clx("flex flex-col gap-y-4 px-6 py-4", dryRun.isPending && "opacity-60")} data-testid="dry-run-result">
          <div className="flex flex-wrap items-center gap-2">
            <Text size="small" data-testid="dry-run-final">
              {finalLine(result)}
            </Text>
            {result.converted && (
              <Badge size="2xsmall" color="green" data-testid="dry-run-converted">
                Converted
              </Badge>
            )}
          </div>
          <Table data-testid="dry-run-timeline">
            <Table.Header>
              <Table.Row>
                <Table.HeaderCell>Time</Table.HeaderCell>
                <Table.HeaderCell>Step</Table.HeaderCell>
                <Table.HeaderCell>Outcome</Table.HeaderCell>
                <Table.HeaderCell>Detail</Table.HeaderCell>
              </Table.Row>
            </Table.Header>
            <Table.Body>
              {result.timeline.map((entry, index) => (
                <Table.Row key={index} data-testid="dry-run-entry" data-step={entry.step ?? undefined} data-outcome={entry.outcome}>
                  <Table.Cell className="whitespace-nowrap">{formatDateTime(entry.at)}</Table.Cell>
                  <Table.Cell>{entry.step ?? entry.type}</Table.Cell>
                  <Table.Cell>
                    <StatusBadge color={OUTCOME_COLORS[entry.outcome] ?? "grey"}>
                      {OUTCOME_LABELS[entry.outcome] ?? entry.outcome}
                    </StatusBadge>
                  </Table.Cell>
                  <Table.Cell className="whitespace-normal break-words">{entry.detail}</Table.Cell>
                </Table.Row>
              ))}
            </Table.Body>
          </Table>
          {result.emails.length > 0 ? (
            <div className="flex flex-col gap-y-6">
              {result.emails.map((email, index) => (
                <DryRunEmailView key={index} email={email} />
              ))}
            </div>
          ) : (
            <Text size="small" className="text-ui-fg-subtle" data-testid="dry-run-no-emails">
              No email would be sent.
            </Text>
          )}
        </div>
      )}
    </Container>
  )
}
