import { Input, Label, Text } from "@medusajs/ui"
import type { CatalogTrigger } from "../../lib/flow-types"
import { DataConditionsInput, type DataConditionDraft } from "./data-conditions-input"

export type EventMatchDraft = {
  same?: { trigger: string; event: string }
  data?: DataConditionDraft[]
}

/** The keys of a sample payload, nested ones dotted ("cart.id"), for path suggestions. */
export const examplePaths = (example: unknown, prefix = ""): string[] => {
  if (typeof example !== "object" || example === null || Array.isArray(example)) return []
  return Object.entries(example).flatMap(([key, value]) => {
    const path = prefix ? `${prefix}.${key}` : key
    return [path, ...examplePaths(value, path)]
  })
}

type EventNameInputProps = {
  id: string
  value: string
  onChange: (event: string) => void
  triggers: CatalogTrigger[]
}

/** An event name, typed or picked from the events the store declares. */
export const EventNameInput = ({ id, value, onChange, triggers }: EventNameInputProps) => {
  const known = triggers.find((trigger) => trigger.event === value)
  return (
    <div className="flex flex-col gap-y-1">
      <Input
        id={id}
        size="small"
        value={value}
        list={`${id}-events`}
        placeholder="order.placed"
        onChange={(event) => onChange(event.target.value.trim())}
        data-testid={id}
      />
      <datalist id={`${id}-events`}>
        {triggers.map((trigger) => (
          <option key={trigger.event} value={trigger.event}>
            {trigger.label}
          </option>
        ))}
      </datalist>
      {known && (
        <Text size="xsmall" className="text-ui-fg-subtle">
          {known.label}: {known.description}
        </Text>
      )}
    </div>
  )
}

type EventMatchInputProps = {
  id: string
  value: EventMatchDraft | undefined
  onChange: (value: EventMatchDraft | undefined) => void
  /** Paths to suggest for the event's data. */
  paths?: string[]
}

const compact = (match: EventMatchDraft): EventMatchDraft | undefined => {
  const result: EventMatchDraft = {}
  if (match.same && (match.same.trigger || match.same.event)) result.same = match.same
  if (match.data?.length) result.data = match.data
  return result.same || result.data ? result : undefined
}

/**
 * Which events of that name count: the same value as the trigger's data
 * ("the order for the abandoned cart": cart_id = cart_id), tests on the
 * event's own data, or both. Empty: every event of that name.
 */
export const EventMatchInput = ({ id, value, onChange, paths = [] }: EventMatchInputProps) => {
  const match = value ?? {}
  const same = match.same ?? { trigger: "", event: "" }
  const changeSame = (patch: Partial<typeof same>) => onChange(compact({ ...match, same: { ...same, ...patch } }))
  return (
    <div className="flex flex-col gap-y-3">
      <div className="flex flex-col gap-y-1">
        <Label size="xsmall" weight="plus">
          Same value as the trigger
        </Label>
        <div className="grid grid-cols-[1fr_auto_1fr] items-center gap-x-2">
          <Input
            size="small"
            value={same.trigger}
            placeholder="Trigger key, e.g. cart_id"
            aria-label="Trigger data key"
            onChange={(event) => changeSame({ trigger: event.target.value.trim() })}
            data-testid={`${id}-same-trigger`}
          />
          <Text size="small" className="text-ui-fg-muted">
            =
          </Text>
          <Input
            size="small"
            value={same.event}
            list={`${id}-paths`}
            placeholder="Event key, e.g. cart_id"
            aria-label="Event data key"
            onChange={(event) => changeSame({ event: event.target.value.trim() })}
            data-testid={`${id}-same-event`}
          />
        </div>
        <datalist id={`${id}-paths`}>
          {paths.map((path) => (
            <option key={path} value={path} />
          ))}
        </datalist>
      </div>
      <DataConditionsInput
        id={`${id}-data`}
        value={match.data}
        onChange={(data) => onChange(compact({ ...match, data }))}
        paths={paths}
      />
    </div>
  )
}
